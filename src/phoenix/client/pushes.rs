//! How the client sends pushes, matches their replies and times them out (items 12, 14, 38, 40;
//! `push.js`).

use crate::json::Value;

use super::Client;
use crate::phoenix::channel::ChannelId;
use crate::phoenix::config::Millis;
use crate::phoenix::event::Event;
use crate::phoenix::frame::{Frame, Payload};
use crate::phoenix::push::PushId;

impl Client {
    /// `Push.send()` (`push.js:33-44`): a new ref and a full new timeout, then the frame with
    /// the channel's current join_ref. Pushes only go out over an open socket to a joined
    /// channel (`canPush`, `channel.js:156`), so they never wait in the socket's buffer.
    pub(super) fn send_push(&mut self, now: Millis, id: PushId) {
        self.start_push_timeout(now, id);
        let Some(push) = self.pushes.get(&id) else {
            return;
        };
        let Some(chan) = self.chan(push.channel) else {
            return;
        };
        let frame = Frame {
            join_ref: chan.join.r#ref.clone(),
            r#ref: push.r#ref.clone(),
            topic: chan.topic.clone(),
            event: push.event.clone(),
            payload: Payload::Json(push.payload.clone()),
        };
        let channel = push.channel;
        self.socket_push(frame, Some(channel), Some(id));
    }

    /// `Push.startTimeout()` (`push.js:98-114`): a new ref to match the reply on, and a timeout
    /// counted from now. A push made while its channel cannot push starts it at once, so its
    /// time in the buffer counts (item 38).
    pub(super) fn start_push_timeout(&mut self, now: Millis, id: PushId) {
        let Some(timeout) = self.pushes.get(&id).map(|p| p.timeout) else {
            return;
        };
        let r#ref = self.make_ref();
        let deadline = self.arm(now.saturating_add(timeout));
        if let Some(push) = self.pushes.get_mut(&id) {
            push.r#ref = Some(r#ref);
            push.deadline = Some(deadline);
        }
    }

    /// The push timed out: gone, and never sent if it was still buffered (`push.js:34`).
    pub(super) fn push_timed_out(&mut self, id: PushId) {
        let Some(push) = self.pushes.remove(&id) else {
            return;
        };
        if let Some(chan) = self.chan_mut(push.channel) {
            chan.buffer.retain(|p| *p != id);
        }
        self.events.push(Event::PushTimedOut { push: id });
    }

    /// A `phx_reply` that reached the channel: `chan_reply_<ref>` (`channel.js:69-71`) finds
    /// the join push or the push awaiting that ref, if any (item 14). `binary` holds the
    /// response bytes of a binary reply frame.
    pub(super) fn replied(
        &mut self,
        now: Millis,
        id: ChannelId,
        frame: &Frame,
        binary: Option<&[u8]>,
    ) {
        // `chan_reply_null` or `chan_reply_` never names a push.
        let Some(r#ref) = frame.r#ref.as_deref().filter(|r| !r.is_empty()) else {
            return;
        };
        let (status, response) = reply_parts(&frame.payload, binary);
        if self.chan(id).is_some_and(|c| c.join.awaits(r#ref)) {
            self.join_replied(now, id, &status, response.into_json());
            return;
        }
        let push = self
            .pushes
            .iter()
            .find(|(_, p)| p.channel == id && p.r#ref.as_deref() == Some(r#ref))
            .map(|(push, _)| *push);
        let Some(push) = push else {
            return;
        };
        self.pushes.remove(&push);
        if let Some(chan) = self.chan_mut(id) {
            chan.buffer.retain(|p| *p != push);
        }
        if let Some(index) = self.written.iter().position(|p| *p == push) {
            // The server has it, so it has left the browser, drained or not.
            self.written.remove(index);
            self.events.push(Event::PushSent { push });
        }
        self.events.push(Event::Reply {
            push,
            status,
            response,
        });
    }
}

/// `{status, response}` of a reply (`push.js:74-77`). A status that is missing or not a string
/// matches no hook in phoenix.js; here it reads as `""`. A missing response is `null`.
fn reply_parts(payload: &Payload, binary: Option<&[u8]>) -> (String, Payload) {
    let json = match payload {
        Payload::Json(value) => Some(value),
        Payload::Binary(_) => None,
    };
    let status = json
        .and_then(|v| v.get("status"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let response = match binary {
        Some(bytes) => Payload::Binary(bytes.to_vec()),
        None => Payload::Json(
            json.and_then(|v| v.get("response"))
                .cloned()
                .unwrap_or(Value::Null),
        ),
    };
    (status, response)
}
