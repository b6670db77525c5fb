//! The panel: a dialog that Esc closes, and the drop zone for pictures dragged onto it.

use yew::prelude::*;

use super::composer::files_of;
use crate::ui::gesture::Gesture;
use crate::ui::strings::Strings;

/// What the panel shows and does.
pub struct PanelProps<'a> {
    pub open: bool,
    /// `ltr` or `rtl`: the panel mirrors for a language written right to left.
    pub dir: &'static str,
    pub title: &'a AttrValue,
    pub dragging: bool,
    pub strings: &'a Strings,
    /// Esc (Minimize), a drag over it, files dropped on it (checked by the widget).
    pub on: &'a Callback<Gesture>,
}

/// A plain function, not a component (see `header`): the panel renders with the widget anyway.
pub fn panel(props: PanelProps<'_>, children: Html) -> Html {
    let onkeydown = {
        let on = props.on.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                on.emit(Gesture::Minimize);
            }
        })
    };
    let ondragover = props.on.reform(|event: DragEvent| {
        event.prevent_default();
        Gesture::Drag(true)
    });
    let ondragleave = props.on.reform(|_: DragEvent| Gesture::Drag(false));
    let ondrop = {
        let on = props.on.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            on.emit(Gesture::Drag(false));
            let files = event.data_transfer().and_then(|d| d.files());
            on.emit(Gesture::Files(files.map(files_of).unwrap_or_default()));
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
