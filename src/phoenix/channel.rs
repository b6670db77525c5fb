//! Channels: phoenix.js's `Channel` (`channel.js`), its join push and its rejoin timer
//! (items 27-37).

use serde_json::{Map, Value};

use super::client::Client;
use super::config::Millis;
use super::event::{ErrorReason, Event};
use super::frame::{Frame, Payload};
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
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(_) | Value::Object(_) => false,
    };
    if falsy {
        Value::Object(Map::new())
    } else {
        value
    }
}

impl Client {
    /// `channel.rejoin()` (`channel.js:260-265`): leave any other channel open on the topic
    /// (item 29), then send the join push again with a new ref, which is the new join_ref
    /// (items 13, 28), and restart the join timeout.
    pub(super) fn rejoin(&mut self, now: Millis, id: ChannelId) {
        let Some(chan) = self.chan(id) else {
            return;
        };
        if chan.state == ChannelState::Leaving {
            return;
        }
        self.leave_open_topic(now, id);
        let r#ref = self.make_ref();
        let deadline = self.arm(now.saturating_add(self.config.timeout));
        let Some(chan) = self.chan_mut(id) else {
            return;
        };
        chan.state = ChannelState::Joining;
        chan.join.r#ref = Some(r#ref.clone());
        chan.join.deadline = Some(deadline);
        let frame = Frame {
            join_ref: Some(r#ref.clone()),
            r#ref: Some(r#ref),
            topic: chan.topic.clone(),
            event: "phx_join".to_owned(),
            payload: Payload::Json(chan.params.clone()),
        };
        self.socket_push(frame, Some(id), None);
    }

    /// `socket.leaveOpenTopic` (item 29, `socket.js:879-885`): the first other channel on the
    /// topic that is joined or joining leaves. phoenix.js does not skip the rejoining channel
    /// itself, which matters in one corner: a channel that a server `phx_error` (null join_ref)
    /// set rejoining before its own `join()`. There phoenix.js makes it leave itself and then go
    /// on joining, unregistered, forever; this client skips it.
    fn leave_open_topic(&mut self, now: Millis, id: ChannelId) {
        let Some(topic) = self.chan(id).map(|c| c.topic.clone()) else {
            return;
        };
        let duplicate = self.channels.iter().find(|c| {
            c.id != id
                && c.topic == topic
                && matches!(c.state, ChannelState::Joined | ChannelState::Joining)
        });
        if let Some(duplicate) = duplicate.map(|c| c.id) {
            self.leave(now, duplicate);
        }
    }

    /// The rejoin timer fired: rejoin, but only over an open socket (item 34,
    /// `channel.js:30-32`).
    pub(super) fn rejoin_due(&mut self, now: Millis, id: ChannelId) {
        let Some(chan) = self.chan_mut(id) else {
            return;
        };
        chan.rejoin.fired();
        if self.is_connected() {
            self.rejoin(now, id);
        }
    }

    /// `rejoinTimer.scheduleTimeout()` (`timer.js:34-41`).
    pub(super) fn schedule_rejoin(&mut self, now: Millis, id: ChannelId) {
        let Some(delay) = self
            .chan(id)
            .map(|c| c.rejoin.delay(&self.config.rejoin_after))
        else {
            return;
        };
        let deadline = self.arm(now.saturating_add(delay));
        if let Some(chan) = self.chan_mut(id) {
            chan.rejoin.deadline = Some(deadline);
        }
    }

    /// The reply to the join push. `push.js:74-77` runs the hooks bound to the reply's status,
    /// whatever it is: the channel's own for "ok" (item 30), "error" (item 31) and "timeout"
    /// (a server could send one), none for any other.
    pub(super) fn join_replied(
        &mut self,
        now: Millis,
        id: ChannelId,
        status: &str,
        response: Value,
    ) {
        let connected = self.is_connected();
        let Some(chan) = self.chan_mut(id) else {
            return;
        };
        chan.join.deadline = None;
        match status {
            // `channel.js:39-44`.
            "ok" => {
                chan.state = ChannelState::Joined;
                chan.rejoin.reset();
                let buffered = std::mem::take(&mut chan.buffer);
                self.events.push_back(Event::Joined {
                    channel: id,
                    response,
                });
                for push in buffered {
                    self.send_push(now, push);
                }
            }
            // `channel.js:45-48`.
            "error" => {
                chan.state = ChannelState::Errored;
                if connected {
                    self.schedule_rejoin(now, id);
                }
                self.events.push_back(Event::JoinFailed {
                    channel: id,
                    response,
                });
            }
            "timeout" => self.join_timed_out(now, id),
            _ => {}
        }
    }

    /// The join push timed out (item 32, `channel.js:61-68`): a fire-and-forget `phx_leave`
    /// carrying the timed-out join_ref, errored, the join push reset so that a late reply is
    /// ignored, and a rejoin scheduled over an open socket.
    pub(super) fn join_timed_out(&mut self, now: Millis, id: ChannelId) {
        let Some(chan) = self.chan_mut(id) else {
            return;
        };
        chan.join.deadline = None;
        let leave = self.leave_frame(id);
        self.socket_push(leave, Some(id), None);
        let connected = self.is_connected();
        let Some(chan) = self.chan_mut(id) else {
            return;
        };
        chan.state = ChannelState::Errored;
        chan.join.reset();
        if connected {
            self.schedule_rejoin(now, id);
        }
        self.events.push_back(Event::JoinTimedOut { channel: id });
    }

    /// The channel's `onError` hook (item 33, `channel.js:55-60`), for the server's
    /// `phx_error` and for socket trouble (item 35): a join in progress is reset, the channel is
    /// errored, and it rejoins after a delay over an open socket, or when the socket next opens.
    pub(super) fn channel_errored(&mut self, now: Millis, id: ChannelId, reason: ErrorReason) {
        let connected = self.is_connected();
        let Some(chan) = self.chan_mut(id) else {
            return;
        };
        if chan.state == ChannelState::Joining {
            chan.join.reset();
        }
        chan.state = ChannelState::Errored;
        if connected {
            self.schedule_rejoin(now, id);
        }
        self.events.push_back(Event::ChannelErrored {
            channel: id,
            reason,
        });
    }

    /// A `phx_leave` with a new ref and the channel's join_ref (`channel.js:63,215`).
    pub(super) fn leave_frame(&mut self, id: ChannelId) -> Frame {
        let r#ref = self.make_ref();
        let chan = self.chan(id);
        Frame {
            join_ref: chan.and_then(|c| c.join.r#ref.clone()),
            r#ref: Some(r#ref),
            topic: chan.map(|c| c.topic.clone()).unwrap_or_default(),
            event: "phx_leave".to_owned(),
            payload: Payload::Json(Value::Object(Map::new())),
        }
    }

    /// The channel is gone (`onClose`, `channel.js:49-54`: closed and removed from the socket,
    /// its timers with it). Pushes still waiting for a join can never be sent now: they are
    /// abandoned (phoenix.js would let them time out). Pushes in flight keep their timeouts.
    pub(super) fn remove_channel(&mut self, id: ChannelId, closed: bool) {
        let Some(index) = self.channels.iter().position(|c| c.id == id) else {
            return;
        };
        let chan = self.channels.remove(index);
        if closed {
            self.events.push_back(Event::ChannelClosed { channel: id });
        }
        for push in chan.buffer {
            if self.pushes.remove(&push).is_some() {
                self.events.push_back(Event::PushAbandoned { push });
            }
        }
    }

    /// A frame that passed `isMember`, as `channel.trigger` handles it.
    pub(super) fn deliver(
        &mut self,
        now: Millis,
        id: ChannelId,
        frame: &Frame,
        reply: Option<&[u8]>,
    ) {
        match frame.event.as_str() {
            "phx_reply" => self.replied(now, id, frame, reply),
            "phx_error" => self.channel_errored(now, id, ErrorReason::ChannelCrash),
            "phx_close" => self.remove_channel(id, true),
            event if event.starts_with("phx_") => {}
            event => self.events.push_back(Event::Message {
                channel: id,
                event: event.to_owned(),
                payload: frame.payload.clone(),
            }),
        }
    }

    pub(super) fn chan(&self, id: ChannelId) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }

    pub(super) fn chan_mut(&mut self, id: ChannelId) -> Option<&mut Channel> {
        self.channels.iter_mut().find(|c| c.id == id)
    }

    pub(super) fn channel_ids(&self) -> Vec<ChannelId> {
        self.channels.iter().map(|c| c.id).collect()
    }
}
