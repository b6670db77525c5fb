//! The panel's title bar: the title, "New conversation" and "Minimize".

use std::rc::Rc;

use yew::prelude::*;

use super::icon::{CLOSE, PLUS, icon};

use crate::ui::strings::Strings;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub title: AttrValue,
    pub strings: Rc<Strings>,
    pub on_new_conversation: Callback<()>,
    pub on_minimize: Callback<()>,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let s = &props.strings;
    html! {
        <header>
            <h2>{ &props.title }</h2>
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
