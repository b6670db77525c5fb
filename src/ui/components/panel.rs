//! The panel: a dialog that Esc closes, and the drop zone for pictures dragged onto it.

use std::rc::Rc;

use yew::prelude::*;

use super::composer::files_of;
use crate::ui::strings::Strings;

#[derive(Properties)]
pub struct PanelProps {
    pub open: bool,
    /// `ltr` or `rtl`: the panel mirrors for a language written right to left.
    pub dir: AttrValue,
    pub title: AttrValue,
    pub dragging: bool,
    pub strings: Rc<Strings>,
    pub on_escape: Callback<()>,
    pub on_drag: Callback<bool>,
    /// Files dropped on the panel (checked by the widget).
    pub on_files: Callback<Vec<web_sys::File>>,
    pub children: Html,
}

/// Never equal: the panel holds the whole widget, which renders only when something changed,
/// and comparing its children would walk their whole tree for nothing.
impl PartialEq for PanelProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[function_component]
pub fn Panel(props: &PanelProps) -> Html {
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
        <section class={classes!("panel", props.dragging.then_some("dragging"))} role="dialog"
            aria-label={props.title.clone()} dir={props.dir.clone()} hidden={!props.open} {onkeydown}
            {ondragover} {ondragleave} {ondrop}>
            { props.children.clone() }
            if props.dragging {
                <p class="drop-hint" aria-hidden="true">{ &props.strings.drop_here }</p>
            }
        </section>
    }
}
