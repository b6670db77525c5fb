//! A channel: phoenix.js's `Channel` (`channel.js`) with its join push and its rejoin timer
//! (items 13, 15, 27-38). The client's handling of channels is in `client/channels.rs`.

use crate::json::{Map, Value};

use super::frame::Frame;
use super::push::PushId;
use super::timers::{Deadline, RetryTimer};

/// A channel of this client (phoenix.js `socket.channel()`). Never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChannelId(pub(super) u64);

/// Item 27 (`constants.js:9-15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelState {
    /// Not joined yet; also the state of a channel just before it is removed.
    Closed,
    Joining,
    Joined,
    Errored,
    Leaving,
}

/// The channel's `joinPush`: its ref is the channel's join_ref (item 13, `channel.js:255`).
#[derive(Debug, Default)]
pub(super) struct JoinPush {
    pub r#ref: Option<String>,
    /// Armed while a reply is awaited: the timeout and the reply binding come and go together
    /// (`push.js:98-114`).
    pub deadline: Option<Deadline>,
}

impl JoinPush {
    /// `joinPush.reset()`: no ref, so a late reply to it is ignored (`push.js:63-69`).
    pub fn reset(&mut self) {
        *self = JoinPush::default();
    }

    /// Whether a reply with `r#ref` answers this join.
    pub fn awaits(&self, r#ref: &str) -> bool {
        self.deadline.is_some() && self.r#ref.as_deref() == Some(r#ref)
    }
}

#[derive(Debug)]
pub(super) struct Channel {
    pub id: ChannelId,
    pub topic: String,
    /// The join payload, read on every (re)join (item 28, `push.js:40`).
    pub params: Value,
    pub state: ChannelState,
    /// `joinedOnce`: `join()` works once, pushes need it (`channel.js:79-87,176-178`).
    pub joined_once: bool,
    pub join: JoinPush,
    pub rejoin: RetryTimer,
    /// `pushBuffer`: pushes waiting for the channel to be joined over an open socket (item 38).
    pub buffer: Vec<PushId>,
}

impl Channel {
    pub fn new(id: ChannelId, topic: &str, params: Value) -> Self {
        Channel {
            id,
            topic: topic.to_owned(),
            params: or_empty_object(params),
            state: ChannelState::Closed,
            joined_once: false,
            join: JoinPush::default(),
            rejoin: RetryTimer::default(),
            buffer: Vec::new(),
        }
    }

    /// `isMember` (item 15, `channel.js:241-250`): the topic matches and the frame's join_ref is
    /// falsy (null or `""`) or the channel's current one.
    pub fn is_member(&self, frame: &Frame) -> bool {
        self.topic == frame.topic
            && match frame.join_ref.as_deref() {
                None | Some("") => true,
                join_ref => join_ref == self.join.r#ref.as_deref(),
            }
    }
}

/// phoenix.js's `payload || {}` (`channel.js:20,175`): a falsy payload is an empty object.
pub(super) fn or_empty_object(value: Value) -> Value {
    let falsy = match &value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => *n == 0.0 || n.is_nan(),
        Value::String(s) => s.is_empty(),
        Value::Array(_) | Value::Object(_) => false,
    };
    if falsy {
        Value::Object(Map::new())
    } else {
        value
    }
}
