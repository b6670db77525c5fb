//! The connection, told truthfully: connecting, connected, reconnecting with a countdown, or
//! why the chat cannot work.

use yew::prelude::*;

use crate::aida::status::Status;
use crate::browser::clock;
use crate::ui::strings::{Strings, fill};

/// A plain function, as `header` is: it shows one line, and the widget renders it again each
/// second of a countdown (`use_countdown`).
pub fn status_line(status: &Status, s: &Strings) -> Html {
    let (text, alert) = match status {
        Status::Connecting => (s.connecting().to_string(), false),
        Status::Connected => (s.connected().to_string(), false),
        Status::Reconnecting { at } => {
            let seconds = at.saturating_sub(clock::now()).div_ceil(1000);
            (fill(s.reconnecting(), "n", &seconds.to_string()), false)
        }
        Status::Offline => (s.offline().to_string(), false),
        Status::Unauthorized => (s.unauthorized().to_string(), true),
        Status::Refused(reason) => (fill(s.refused(), "reason", reason), true),
    };
    let state = match status {
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
