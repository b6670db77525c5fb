//! The round button that opens and closes the panel, with the unread count.

use yew::prelude::*;

use super::icon::{CHAT, CLOSE, icon};
use crate::ui::gesture::Gesture;
use crate::ui::strings::Strings;

pub struct LauncherProps<'a> {
    pub open: bool,
    pub unread: u64,
    /// The unread count in words (`3 unread`), for the badge's accessible name.
    pub unread_label: Option<AttrValue>,
    pub strings: &'a Strings,
    pub on: &'a Callback<Gesture>,
    pub button: &'a NodeRef,
}

/// A plain function, not a component, as `header` is.
pub fn launcher(props: LauncherProps<'_>) -> Html {
    let s = props.strings;
    let label = if props.open {
        s.close_chat().clone()
    } else {
        s.open_chat().clone()
    };
    html! {
        <button type="button" class="launcher" ref={props.button.clone()} aria-label={label}
            aria-expanded={props.open.to_string()} onclick={props.on.reform(|_: MouseEvent| Gesture::Toggle)}>
            if props.open {
                { icon(CLOSE) }
            } else {
                { icon(CHAT) }
            }
            if props.unread > 0 && !props.open {
                <span class="badge" aria-label={props.unread_label}>
                    { props.unread }
                </span>
            }
        </button>
    }
}
