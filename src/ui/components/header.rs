//! The panel's title bar: the title, "New conversation" and "Minimize".

use std::rc::Rc;

use yew::prelude::*;

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
                <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z" />
                </svg>
            </button>
            <button type="button" class="close" aria-label={s.minimize.clone()}
                onclick={props.on_minimize.reform(|_: MouseEvent| ())}>
                <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M6 6l12 12M18 6 6 18" />
                </svg>
            </button>
        </header>
    }
}
