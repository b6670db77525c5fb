//! How the client joins, rejoins, errors, leaves and removes channels, and hands them their
//! frames (items 13, 15, 27-37; `channel.js`).

use crate::json::{Map, Value};

use super::Client;
use crate::phoenix::channel::{Channel, ChannelId, ChannelState};
use crate::phoenix::config::Millis;
use crate::phoenix::event::{ErrorReason, Event};
use crate::phoenix::frame::{Frame, Payload};

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
                self.events.push(Event::Joined {
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
                self.events.push(Event::JoinFailed {
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
        self.events.push(Event::JoinTimedOut { channel: id });
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
        self.events.push(Event::ChannelErrored {
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
            self.events.push(Event::ChannelClosed { channel: id });
        }
        for push in chan.buffer {
            if self.pushes.remove(&push).is_some() {
                self.events.push(Event::PushAbandoned { push });
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
            event => self.events.push(Event::Message {
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
