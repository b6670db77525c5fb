//! The panel's title bar: the title, "New conversation" and "Minimize".

use yew::prelude::*;

use super::icon::{CLOSE, PLUS, icon};
use crate::ui::strings::Strings;

/// A plain function, not a component: its callbacks are made with every render of the widget,
/// so a component's props would differ every time, and it would render anyway.
pub fn header(
    title: &AttrValue,
    strings: &Strings,
    on_new_conversation: &Callback<()>,
    on_minimize: &Callback<()>,
) -> Html {
    html! {
        <header>
            <h2>{ title }</h2>
            <button type="button" class="new" aria-label={strings.new_conversation().clone()}
                title={strings.new_conversation().clone()}
                onclick={on_new_conversation.reform(|_: MouseEvent| ())}>
                { icon(PLUS) }
            </button>
            <button type="button" class="close" aria-label={strings.minimize().clone()}
                onclick={on_minimize.reform(|_: MouseEvent| ())}>
                { icon(CLOSE) }
            </button>
        </header>
    }
}
