//! The panel's title bar: the title, "New conversation" and "Minimize".

use yew::prelude::*;

use super::icon::{CLOSE, PLUS, icon};

use crate::ui::strings::Strings;

/// What the header shows and does.
pub struct HeaderProps<'a> {
    pub title: &'a AttrValue,
    pub strings: &'a Strings,
    pub on_new_conversation: &'a Callback<()>,
    pub on_minimize: &'a Callback<()>,
}

/// A plain function, not a component: it renders with the widget, and a component of its own
/// (its state, scheduling and diffing, compiled for its type) weighs more than its few elements.
pub fn header(props: HeaderProps<'_>) -> Html {
    let s = props.strings;
    html! {
        <header>
            <h2>{ props.title.clone() }</h2>
            <button type="button" class="new" aria-label={s.new_conversation.clone()}
                title={s.new_conversation.clone()}
                onclick={props.on_new_conversation.reform(|_: MouseEvent| ())}>
                { icon(PLUS) }
            </button>
            <button type="button" class="close" aria-label={s.minimize.clone()}
                onclick={props.on_minimize.reform(|_: MouseEvent| ())}>
                { icon(CLOSE) }
            </button>
        </header>
    }
}
