//! What a visitor sees when the widget's options are wrong: the launcher, and a panel that says
//! the chat is unavailable, rather than nothing at all. The integrator's details (which option,
//! and why) are in the console and in the panel's small print.

use std::rc::Rc;

use yew::prelude::*;

use super::launcher::{LauncherProps, launcher};
use crate::ui::strings::Strings;

#[derive(Properties, PartialEq)]
pub struct UnavailableProps {
    pub title: String,
    /// The configuration error, naming the option.
    pub detail: String,
    pub strings: Rc<Strings>,
}

#[function_component]
pub fn Unavailable(props: &UnavailableProps) -> Html {
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |()| open.set(!*open))
    };
    let s = &props.strings;
    html! {
        <div class="aida-chat unavailable" data-open={open.then_some("")} data-state="misconfigured">
            <section class="panel" role="dialog" aria-label={props.title.clone()} hidden={!*open}>
                <header><h2>{ &props.title }</h2></header>
                <p class="status error" role="alert" data-state="error">{ &s.misconfigured }</p>
                <p class="detail">{ &props.detail }</p>
            </section>
            { launcher(LauncherProps {
                open: *open,
                unread: 0,
                unread_label: None,
                strings: &props.strings,
                on_toggle: &on_toggle,
                button: &NodeRef::default(),
            }) }
        </div>
    }
}
