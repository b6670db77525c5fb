//! A push: phoenix.js's `Push` (`push.js`), an event sent on a channel that awaits its reply or
//! its timeout (items 12, 14, 38, 40). The client's handling of pushes is in `client/pushes.rs`.

use crate::json::Value;

use super::channel::ChannelId;
use super::config::Millis;
use super::timers::Deadline;

/// A push, stable across its sends (its Phoenix ref changes on each, item 12). Never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PushId(pub(super) u64);

/// A push that has neither been answered nor timed out; it is dropped when it is.
#[derive(Debug)]
pub(super) struct Push {
    pub channel: ChannelId,
    pub event: String,
    pub payload: Value,
    pub timeout: Millis,
    /// The ref of its latest (re)start; replies are matched on it (item 14).
    pub r#ref: Option<String>,
    pub deadline: Option<Deadline>,
}
