//! The heartbeat (items 16-19; `socket.js:528-572,826-831,849-852`).

use crate::json::{Map, Value};

use super::Client;
use super::socket::AfterClose;
use crate::phoenix::config::Millis;
use crate::phoenix::connection::ConnectionState;
use crate::phoenix::event::{ErrorReason, Event, Transmit};
use crate::phoenix::frame::{Frame, Payload};
use crate::phoenix::timers::Deadline;

/// The close code phoenix.js uses for its own closes (`WS_CLOSE_NORMAL`, `constants.js:8`).
const CLOSE_NORMAL: u16 = 1000;

#[derive(Debug, Default)]
pub(super) struct Heartbeat {
    /// When the next heartbeat goes out (`heartbeatTimer`).
    pub next: Option<Deadline>,
    /// When the pending heartbeat times out (`heartbeatTimeoutTimer`).
    pub timeout: Option<Deadline>,
    /// The ref of the heartbeat awaiting its ack (`pendingHeartbeatRef`).
    pub pending: Option<String>,
}

impl Client {
    /// `resetHeartbeat()`: the next heartbeat one interval from now (item 17).
    pub(super) fn reset_heartbeat(&mut self, now: Millis) {
        self.clear_heartbeats();
        let next = self.arm(now.saturating_add(self.config.heartbeat_interval));
        self.heartbeat.next = Some(next);
    }

    /// `clearHeartbeats()`: both timers off and no pending ref, so that a late ack starts
    /// nothing (`socket.js:528-533`).
    pub(super) fn clear_heartbeats(&mut self) {
        self.heartbeat = Heartbeat::default();
    }

    /// `sendHeartbeat()` (item 18, `socket.js:826-831`): `[null, ref, "phoenix", "heartbeat", {}]`
    /// with a fresh ref, and a timeout one interval later (item 19). The timer is armed on open
    /// and on acks and cleared on every close, but a socket error does not clear it: if no close
    /// follows the error, the heartbeat timeout still recovers the socket, as in phoenix.js
    /// (where the frame waits in the send buffer meanwhile).
    pub(super) fn send_heartbeat(&mut self, now: Millis) {
        self.heartbeat.next = None;
        let r#ref = self.make_ref();
        self.heartbeat.pending = Some(r#ref.clone());
        let frame = Frame {
            join_ref: None,
            r#ref: Some(r#ref),
            topic: "phoenix".to_owned(),
            event: "heartbeat".to_owned(),
            payload: Payload::Json(Value::Object(Map::new())),
        };
        self.socket_push(frame, None, None);
        let timeout = self.arm(now.saturating_add(self.config.heartbeat_interval));
        self.heartbeat.timeout = Some(timeout);
    }

    /// Item 16: any incoming message whose ref is the pending heartbeat's is its ack, whatever
    /// its topic or event; the next heartbeat goes out one interval after it (item 17).
    pub(super) fn check_heartbeat_ack(&mut self, now: Millis, r#ref: Option<&str>) {
        if r#ref.is_some_and(|r| !r.is_empty()) && r#ref == self.heartbeat.pending.as_deref() {
            self.reset_heartbeat(now);
        }
    }

    /// `heartbeatTimeout()` (item 19, `socket.js:549-566`): close the socket with 1000
    /// "heartbeat timeout", error the channels, and once the socket has finished closing
    /// (`teardown_wait`), schedule a reconnect. A socket that errored is closed already: no
    /// wait, and no close to report, as in phoenix.js.
    pub(super) fn heartbeat_timed_out(&mut self, now: Millis) {
        self.heartbeat.timeout = None;
        if self.heartbeat.pending.take().is_none() {
            return;
        }
        let Some(conn) = self.connection.as_mut() else {
            return;
        };
        let was_open = conn.is_open();
        conn.state = ConnectionState::Closing;
        conn.finished = true;
        self.close_was_clean = false;
        self.queue(
            Transmit::Close {
                code: Some(CLOSE_NORMAL),
                reason: "heartbeat timeout".to_owned(),
            },
            None,
        );
        self.forget_written();
        self.trigger_chan_error(now, ErrorReason::HeartbeatTimeout);
        self.clear_heartbeats();
        let wait = if was_open {
            self.config.teardown_wait
        } else {
            0
        };
        let reconnect_at = now
            .saturating_add(wait)
            .saturating_add(self.reconnect.delay(&self.config.reconnect_after));
        self.after_close(now, was_open, AfterClose::Reconnect);
        if was_open {
            self.events.push(Event::SocketClosed {
                code: CLOSE_NORMAL,
                reconnect_at: Some(reconnect_at),
            });
        }
    }
}
