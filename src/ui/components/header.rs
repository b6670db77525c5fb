//! The panel's title bar: the title, "New conversation" and "Minimize".

use yew::prelude::*;

use super::icon::{CLOSE, PLUS, icon};
use crate::ui::gesture::Gesture;
use crate::ui::strings::Strings;

/// A plain function, not a component: it renders with the widget anyway, and a component of its
/// own (its state, scheduling and diffing, compiled for its type) weighs more.
pub fn header(title: &AttrValue, strings: &Strings, on: &Callback<Gesture>) -> Html {
    html! {
        <header>
            <h2>{ title }</h2>
            <button type="button" class="new" aria-label={strings.new_conversation().clone()}
                title={strings.new_conversation().clone()}
                onclick={on.reform(|_: MouseEvent| Gesture::NewConversation)}>
                { icon(PLUS) }
            </button>
            <button type="button" class="close" aria-label={strings.minimize().clone()}
                onclick={on.reform(|_: MouseEvent| Gesture::Minimize)}>
                { icon(CLOSE) }
            </button>
        </header>
    }
}
