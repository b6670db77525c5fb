//! Renders the widget again each second while the status line counts down to a reconnect.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::aida::status::Status;

#[hook]
pub fn use_countdown(status: &Status) {
    let tick = use_force_update();
    // Only a countdown needs a clock; the interval is dropped with the state that wants it.
    use_effect_with(status.clone(), move |status| {
        let interval = matches!(status, Status::Reconnecting { .. })
            .then(|| Interval::new(1000, move || tick.force_update()));
        move || drop(interval)
    });
}
