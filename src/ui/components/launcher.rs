//! The round button that opens and closes the panel, with the unread count.

use yew::prelude::*;

use super::icon::{CHAT, CLOSE, icon};

use crate::ui::strings::Strings;

#[derive(Properties, PartialEq)]
pub struct LauncherProps {
    pub open: bool,
    pub unread: u64,
    /// The unread count in words (`3 unread`), for the badge's accessible name.
    #[prop_or_default]
    pub unread_label: Option<AttrValue>,
    pub strings: std::rc::Rc<Strings>,
    pub on_toggle: Callback<()>,
    pub button: NodeRef,
}

#[function_component]
pub fn Launcher(props: &LauncherProps) -> Html {
    let s = &props.strings;
    let label = if props.open {
        s.close_chat.clone()
    } else {
        s.open_chat.clone()
    };
    let onclick = props.on_toggle.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="launcher" ref={props.button.clone()} aria-label={label}
            aria-expanded={props.open.to_string()} {onclick}>
            if props.open {
                { icon(CLOSE) }
            } else {
                { icon(CHAT) }
            }
            if props.unread > 0 && !props.open {
                <span class="badge" aria-label={props.unread_label.clone()}>
                    { props.unread }
                </span>
            }
        </button>
    }
}
