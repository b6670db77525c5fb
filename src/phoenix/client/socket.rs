//! The socket side of phoenix.js's `Socket` (`socket.js`): connecting, tearing down,
//! reconnecting, the send buffer, and handing messages to channels (items 11, 15, 21-25, 35,
//! 39, 41).

use super::Client;
use crate::phoenix::channel::{ChannelId, ChannelState};
use crate::phoenix::config::Millis;
use crate::phoenix::connection::{Connection, ConnectionState};
use crate::phoenix::event::{ErrorReason, Event, Transmit};
use crate::phoenix::frame::Frame;
use crate::phoenix::push::PushId;
use crate::phoenix::url::endpoint_url;

/// Close code of a close frame without a code ("no status received").
const NO_STATUS: u16 = 1005;
/// Close code of a socket that closed without a close frame, e.g. one that never opened.
const ABNORMAL: u16 = 1006;

/// What follows once a socket the client closed has finished closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AfterClose {
    /// Schedule the reconnect (after a heartbeat timeout).
    Reconnect,
    /// Connect (a page-visible reconnect).
    Connect,
}

/// A frame that waits in the socket's `sendBuffer` for the socket to open (item 39): joins and
/// leaves, and a heartbeat due after a socket error. Pushes never wait there: they need an
/// open socket to be sent at all.
#[derive(Debug)]
pub(super) struct Buffered {
    pub frame: Frame,
    pub channel: Option<ChannelId>,
}

impl Client {
    pub(super) fn is_connected(&self) -> bool {
        self.connection.as_ref().is_some_and(Connection::is_open)
    }

    /// `makeRef()` (item 11): `"1"`, `"2"`, ... from one counter, never reset.
    pub(super) fn make_ref(&mut self) -> String {
        self.last_ref = self.last_ref.wrapping_add(1);
        self.last_ref.to_string()
    }

    pub(super) fn queue(&mut self, transmit: Transmit, push: Option<PushId>) {
        self.transmits.push((transmit, push));
    }

    /// `transportConnect()` (`socket.js:434-454`): a new socket. A pending reconnect would only
    /// tear it down, so it is cancelled, but its tries are kept until a socket opens (item 22).
    pub(super) fn transport_connect(&mut self) {
        self.close_was_clean = false;
        self.reconnect.cancel();
        self.connection = Some(Connection::new());
        let url = endpoint_url(&self.config.endpoint, &self.config.params);
        self.queue(Transmit::Open { url }, None);
    }

    /// `teardown()` (`socket.js:601-629`) followed by what the socket's close event then does
    /// (`onConnClose` for a close the client made, `socket.js:654-669`), because the driver
    /// reports nothing more of a socket it was told to close: the socket is closed, the
    /// channels joined over it are errored with `ConnectionClosed`, and a socket that was
    /// connecting or open reports its close. It stays the current socket, `Closing`, until the
    /// caller drops it. A socket that already reported its close is left as it is. The
    /// `bufferedAmount` drain waits of phoenix.js are the driver's business.
    pub(super) fn teardown(&mut self, now: Millis, code: Option<u16>, reason: &str) {
        self.clear_heartbeats();
        let Some(conn) = self.connection.as_mut().filter(|c| !c.finished) else {
            return;
        };
        let was = conn.state;
        conn.state = ConnectionState::Closing;
        conn.finished = true;
        self.queue(
            Transmit::Close {
                code,
                reason: reason.to_owned(),
            },
            None,
        );
        self.forget_written();
        self.trigger_chan_error(now, ErrorReason::ConnectionClosed);
        let seen = match (was, code) {
            (ConnectionState::Open, Some(code)) => Some(code),
            (ConnectionState::Open, None) => Some(NO_STATUS),
            (ConnectionState::Connecting, _) => Some(ABNORMAL),
            // It errored, so it was closed already; its close event, still to come, is not
            // reported once detached, as phoenix.js ignores it once the connection is gone.
            _ => None,
        };
        if let Some(code) = seen {
            self.events.push(Event::SocketClosed {
                code,
                reconnect_at: None,
            });
        }
    }

    /// `reconnectTimer.scheduleTimeout()`; returns when the reconnect is due.
    pub(super) fn schedule_reconnect(&mut self, now: Millis) -> Millis {
        let at = now.saturating_add(self.reconnect.delay(&self.config.reconnect_after));
        let deadline = self.arm(at);
        self.reconnect.deadline = Some(deadline);
        at
    }

    /// The reconnect timer fired (`socket.js:200-207`): tear the old socket down and connect.
    /// phoenix.js only tears down while the page is hidden (item 26); this client reconnects
    /// whatever the page's visibility (see the module docs).
    pub(super) fn reconnect_due(&mut self, now: Millis) {
        self.reconnect.fired();
        self.teardown(now, None, "");
        self.connection = None;
        self.connect(now);
    }

    /// Waits for a socket the client closed to finish closing, then drops it and goes on, as
    /// `teardownAndReconnect` does (`socket.js:580-589`): phoenix.js polls for the closed socket
    /// every 150 ms (`waitForSocketClosed`, `socket.js:643-652`); this client never hears of it
    /// again and waits `Config::teardown_wait` instead, unless `wait` says the socket is closed
    /// already. Meanwhile it is still the current socket, so `connect` does nothing.
    pub(super) fn after_close(&mut self, now: Millis, wait: bool, then: AfterClose) {
        if wait && self.config.teardown_wait > 0 {
            let deadline = self.arm(now.saturating_add(self.config.teardown_wait));
            self.after_close = Some((deadline, then));
        } else {
            self.closed(now, then);
        }
    }

    /// The socket the client closed is gone: reconnect after the backoff delay (after a
    /// heartbeat timeout), or connect at once (a page-visible reconnect, `socket.js:239-242`).
    pub(super) fn closed(&mut self, now: Millis, then: AfterClose) {
        self.after_close = None;
        self.connection = None;
        match then {
            AfterClose::Reconnect => {
                self.schedule_reconnect(now);
            }
            AfterClose::Connect => {
                self.connect(now);
                if let Some(conn) = self.connection.as_mut() {
                    conn.from_visibility = true;
                }
            }
        }
    }

    /// `triggerChanError(reason)` (item 35, `socket.js:691-711`): error the channels that are
    /// joined or joining; once the socket has stopped being open, only the first call errors
    /// them all, later ones only those whose current join went out over this socket. A channel
    /// rejoined by an earlier one in the same call is skipped.
    pub(super) fn trigger_chan_error(&mut self, now: Millis, reason: ErrorReason) {
        let Some(conn) = self.connection.as_mut() else {
            return;
        };
        let errored_before = conn.mark_channels_errored();
        let joins: Vec<(ChannelId, Option<String>)> = self
            .channels
            .iter()
            .map(|c| (c.id, c.join.r#ref.clone()))
            .collect();
        for (id, join_ref) in joins {
            let Some(chan) = self.chan(id) else {
                continue;
            };
            if chan.join.r#ref != join_ref {
                continue;
            }
            let carried = self
                .connection
                .as_ref()
                .is_some_and(|c| c.carried(id, join_ref.as_deref()));
            if errored_before && !carried {
                continue;
            }
            if matches!(chan.state, ChannelState::Joined | ChannelState::Joining) {
                self.channel_errored(now, id, reason);
            }
        }
    }

    /// `socket.push(data, channel)` (`socket.js:771-786`): sent now over an open socket, else
    /// buffered until one opens.
    pub(super) fn socket_push(
        &mut self,
        frame: Frame,
        channel: Option<ChannelId>,
        push: Option<PushId>,
    ) {
        if self.is_connected() {
            self.send(frame, channel, push);
        } else {
            self.send_buffer.push(Buffered { frame, channel });
        }
    }

    /// `socket.send()` (`socket.js:791-804`) over the open socket: a join counts as carried by
    /// it; a frame of an outdated join or of a closed channel is dropped, except a leave.
    pub(super) fn send(&mut self, frame: Frame, channel: Option<ChannelId>, push: Option<PushId>) {
        if let (Some(id), Some(join_ref), Some(conn)) = (
            channel.filter(|_| frame.event == "phx_join"),
            frame.join_ref.as_deref(),
            self.connection.as_mut(),
        ) {
            conn.carry(id, join_ref);
        }
        if frame.event != "phx_leave" && self.is_outdated(&frame, channel) {
            return;
        }
        self.queue(
            Transmit::Send {
                text: frame.encode(),
            },
            push,
        );
    }

    /// `isOutdated` (`socket.js:811-813`): made for an earlier join of its channel, or the
    /// channel has closed (a removed channel counts as closed).
    fn is_outdated(&self, frame: &Frame, channel: Option<ChannelId>) -> bool {
        channel.is_some_and(|id| {
            self.chan(id)
                .is_none_or(|c| c.join.r#ref != frame.join_ref || c.state == ChannelState::Closed)
        })
    }

    /// `flushSendBuffer()` (item 39, 1.8.16 `socket.js:780-784,833-838`): on open, buffered
    /// frames go out in order, except those outdated since.
    pub(super) fn flush_send_buffer(&mut self) {
        for buffered in std::mem::take(&mut self.send_buffer) {
            if !self.is_outdated(&buffered.frame, buffered.channel) {
                self.send(buffered.frame, buffered.channel, None);
            }
        }
    }

    /// `onConnMessage` (`socket.js:840-877`): the heartbeat ack, then every channel that passes
    /// `isMember`, in creation order (item 15). `reply` holds a binary reply's response bytes.
    pub(super) fn on_message(&mut self, now: Millis, frame: &Frame, reply: Option<&[u8]>) {
        if !self.is_connected() {
            return;
        }
        self.check_heartbeat_ack(now, frame.r#ref.as_deref());
        for id in self.channel_ids() {
            if self.chan(id).is_some_and(|c| c.is_member(frame)) {
                self.deliver(now, id, frame, reply);
            }
        }
    }

    /// The client closed the socket: frames handed to it that have not drained will never be
    /// reported drained, nor will those still queued for it.
    pub(super) fn forget_written(&mut self) {
        self.written.clear();
        for (_, push) in &mut self.transmits {
            *push = None;
        }
    }

    /// The socket closed under the client: frames still queued for it can no longer go out.
    pub(super) fn drop_unsent(&mut self) {
        self.written.clear();
        self.transmits
            .retain(|(transmit, _)| !matches!(transmit, Transmit::Send { .. }));
    }
}
