//! The connection, told truthfully: connecting, connected, reconnecting with a countdown, or
//! why the chat cannot work.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::aida::status::Status;
use crate::browser::clock;
use crate::ui::strings::{Strings, fill};

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub status: Status,
    pub strings: std::rc::Rc<Strings>,
}

#[function_component]
pub fn StatusLine(props: &StatusLineProps) -> Html {
    let tick = use_force_update();
    // Only a countdown needs a clock; the interval is dropped with the state that wants it.
    use_effect_with(props.status.clone(), move |status| {
        let interval = matches!(status, Status::Reconnecting { .. })
            .then(|| Interval::new(1000, move || tick.force_update()));
        move || drop(interval)
    });
    let s = &props.strings;
    let (text, alert) = match &props.status {
        Status::Connecting => (s.connecting.clone(), false),
        Status::Connected => (s.connected.clone(), false),
        Status::Reconnecting { at } => {
            let seconds = at.saturating_sub(clock::now()).div_ceil(1000);
            (fill(&s.reconnecting, "n", &seconds.to_string()), false)
        }
        Status::Offline => (s.offline.clone(), false),
        Status::Unauthorized => (s.unauthorized.clone(), true),
        Status::Refused(reason) => (fill(&s.refused, "reason", reason), true),
    };
    let state = match &props.status {
        Status::Connected => "connected",
        Status::Connecting | Status::Reconnecting { .. } => "connecting",
        Status::Offline => "offline",
        Status::Unauthorized | Status::Refused(_) => "error",
    };
    if alert {
        html! { <p class="status error" role="alert" data-state={state}>{ text }</p> }
    } else {
        html! { <p class="status" role="status" data-state={state}>{ text }</p> }
    }
}
