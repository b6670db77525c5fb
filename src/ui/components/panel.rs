//! The panel: a dialog that Esc closes, and the drop zone for pictures dragged onto it.

use yew::prelude::*;

use super::composer::files_of;
use crate::ui::strings::Strings;

/// What the panel shows and does.
pub struct PanelProps<'a> {
    pub open: bool,
    /// `ltr` or `rtl`: the panel mirrors for a language written right to left.
    pub dir: &'static str,
    pub title: &'a AttrValue,
    pub dragging: bool,
    pub strings: &'a Strings,
    pub on_escape: &'a Callback<()>,
    pub on_drag: &'a Callback<bool>,
    /// Files dropped on the panel (checked by the widget).
    pub on_files: &'a Callback<Vec<web_sys::File>>,
}

/// A plain function, not a component (see `header`): the panel renders with the widget anyway.
pub fn panel(props: PanelProps<'_>, children: Html) -> Html {
    let onkeydown = {
        let on_escape = props.on_escape.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                on_escape.emit(());
            }
        })
    };
    let ondragover = props.on_drag.reform(|event: DragEvent| {
        event.prevent_default();
        true
    });
    let ondragleave = props.on_drag.reform(|_: DragEvent| false);
    let ondrop = {
        let (on_drag, on_files) = (props.on_drag.clone(), props.on_files.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            on_drag.emit(false);
            let files = event.data_transfer().and_then(|d| d.files());
            on_files.emit(files.map(files_of).unwrap_or_default());
        })
    };
    html! {
        <section class="panel" data-dragging={props.dragging.then_some("")} role="dialog"
            aria-label={props.title.clone()} dir={props.dir} hidden={!props.open} {onkeydown}
            {ondragover} {ondragleave} {ondrop}>
            { children }
            if props.dragging {
                <p class="drop-hint" aria-hidden="true">{ &**props.strings.drop_here() }</p>
            }
        </section>
    }
}
