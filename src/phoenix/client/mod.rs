//! [`Client`]: its state and its public calls. The machinery behind the calls is split by concern
//! into the files beside this one: `socket.rs` (connecting, tearing down, reconnecting, the send
//! buffer, handing frames to channels), `heartbeat.rs`, `channels.rs`, `pushes.rs`, `timers.rs`.

use crate::json::Value;

use crate::phoenix::binary;
use crate::phoenix::channel::{Channel, ChannelId, ChannelState, or_empty_object};
use crate::phoenix::config::{Config, Millis};
use crate::phoenix::connection::{Connection, ConnectionState};
use crate::phoenix::event::{ErrorReason, Event, SocketEvent, Transmit};
use crate::phoenix::frame::Frame;
use crate::phoenix::push::{Push, PushId, Pushes};
use crate::phoenix::timers::{Deadline, RetryTimer};

mod channels;
mod heartbeat;
mod pushes;
mod socket;
mod timers;

use heartbeat::Heartbeat;
use socket::{AfterClose, Buffered};

/// A Phoenix Channels client (phoenix.js's `Socket` with its `Channel`s and `Push`es) as a
/// state machine. See the [module docs](super).
///
/// Every call that can start or fire a timer takes `now`; after any call, drain
/// [`Client::poll_transmit`] and [`Client::poll_event`] and re-arm the one timer from
/// [`Client::poll_timeout`].
#[derive(Debug)]
pub struct Client {
    config: Config,
    /// The last ref handed out (item 11).
    pub(super) last_ref: u64,
    next_id: u64,
    /// How many deadlines were armed, to order those due at the same time.
    armed: u64,
    /// `closeWasClean` (`socket.js:131-134`): true before the first connect and after
    /// `disconnect`, so that nothing reconnects then.
    close_was_clean: bool,
    /// The current socket, if any.
    connection: Option<Connection>,
    reconnect: RetryTimer,
    /// Armed while the client waits for a socket it closed to finish closing.
    after_close: Option<(Deadline, AfterClose)>,
    heartbeat: Heartbeat,
    /// `sendBuffer` (item 39).
    send_buffer: Vec<Buffered>,
    /// In creation order, which is the order phoenix.js hands messages to them.
    channels: Vec<Channel>,
    /// Pushes awaiting a reply or a timeout.
    pushes: Pushes,
    /// Transmits not yet polled, with the push each Send carries.
    transmits: Vec<(Transmit, Option<PushId>)>,
    /// Pushes whose frames the driver took since the socket last reported its buffer drained.
    written: Vec<PushId>,
    events: Vec<Event>,
}

impl Client {
    pub fn new(config: Config) -> Self {
        Client {
            config,
            last_ref: 0,
            next_id: 0,
            armed: 0,
            close_was_clean: true,
            connection: None,
            reconnect: RetryTimer::default(),
            after_close: None,
            heartbeat: Heartbeat::default(),
            send_buffer: Vec::new(),
            channels: Vec::new(),
            pushes: Pushes::default(),
            transmits: Vec::new(),
            written: Vec::new(),
            events: Vec::new(),
        }
    }

    // ----- outputs ------------------------------------------------------------------------

    /// The next thing the driver must do.
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        let (transmit, push) = first(&mut self.transmits)?;
        self.written.extend(push);
        Some(transmit)
    }

    pub fn poll_event(&mut self) -> Option<Event> {
        first(&mut self.events)
    }

    /// The earliest pending deadline; the driver keeps one timer for it.
    pub fn poll_timeout(&self) -> Option<Millis> {
        self.deadlines().map(|(deadline, _)| deadline.at).min()
    }

    pub fn connection_state(&self) -> ConnectionState {
        self.connection
            .as_ref()
            .map_or(ConnectionState::Closed, |c| c.state)
    }

    /// `None` once the channel is gone (left, closed by the server, abandoned).
    pub fn channel_state(&self, channel: ChannelId) -> Option<ChannelState> {
        self.chan(channel).map(|c| c.state)
    }

    /// The ref of the channel's current join (item 13); `None` before the first join and after
    /// a join was reset by an error or a timeout.
    pub fn join_ref(&self, channel: ChannelId) -> Option<&str> {
        self.chan(channel)?.join.r#ref.as_deref()
    }

    // ----- caller commands ----------------------------------------------------------------

    /// `socket.connect()` (`socket.js:325-337`): opens a socket, unless there is one. A socket
    /// that closed under the client counts until its reconnect is due, which `connect` does not
    /// hasten (`page_visible` does).
    pub fn connect(&mut self, _now: Millis) {
        if self.connection.is_none() {
            self.transport_connect();
        }
    }

    /// `socket.disconnect(cb, code, reason)` (item 24, `socket.js:308-316`): closes the socket
    /// for good, with `code` and `reason` (no code: `close()` without one). No reconnect; the
    /// channels are errored with `ConnectionClosed`, stay registered, and rejoin on the next
    /// `connect`. Waiting for `bufferedAmount` to drain before closing is the driver's job.
    pub fn disconnect(&mut self, now: Millis, code: Option<u16>, reason: Option<&str>) {
        self.close_was_clean = true;
        self.reconnect.reset();
        self.after_close = None;
        self.teardown(now, code, reason.unwrap_or(""));
        self.connection = None;
    }

    /// Replaces the socket's query params from the next connect on (phoenix.js re-evaluates a
    /// params function on every connect, item 1).
    pub fn set_params(&mut self, params: Value) {
        self.config.params = params;
    }

    /// `socket.channel(topic, params)`: a channel, not yet joined. phoenix.js's 2 callback refs
    /// are not spent (see the module docs).
    pub fn channel(&mut self, topic: &str, params: Value) -> ChannelId {
        self.next_id += 1;
        let id = ChannelId(self.next_id);
        self.channels.push(Channel::new(id, topic, params));
        id
    }

    /// `channel.join()` (item 28): the join goes out now, or when the socket opens, and its
    /// timeout (`config.timeout`) starts now either way (item 32). A second call is ignored
    /// (phoenix.js throws).
    pub fn join(&mut self, now: Millis, channel: ChannelId) {
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        if chan.joined_once {
            return;
        }
        chan.joined_once = true;
        self.rejoin(now, channel);
    }

    /// The join payload of every later (re)join (item 28: phoenix.js reads its params closure
    /// on each).
    pub fn set_join_params(&mut self, channel: ChannelId, params: Value) {
        if let Some(chan) = self.chan_mut(channel) {
            chan.params = or_empty_object(params);
        }
    }

    /// `channel.push(event, payload, timeout)` (item 38): sent at once to a joined channel over
    /// an open socket, else buffered until the channel is joined, with its timeout (default
    /// `config.timeout`) already running. On a channel that was never joined (phoenix.js throws)
    /// or is gone, the push is abandoned at once.
    pub fn push(
        &mut self,
        now: Millis,
        channel: ChannelId,
        event: &str,
        payload: Value,
        timeout: Option<Millis>,
    ) -> PushId {
        self.next_id += 1;
        let id = PushId(self.next_id);
        if !self.chan(channel).is_some_and(|c| c.joined_once) {
            self.events.push(Event::PushAbandoned { push: id });
            return id;
        }
        let push = Push {
            channel,
            event: event.to_owned(),
            payload: or_empty_object(payload),
            timeout: timeout.unwrap_or(self.config.timeout),
            r#ref: None,
            deadline: None,
        };
        self.pushes.insert(id, push);
        let can_push = self.is_connected()
            && self
                .chan(channel)
                .is_some_and(|c| c.state == ChannelState::Joined);
        if can_push {
            self.send_push(now, id);
        } else {
            self.start_push_timeout(now, id);
            if let Some(chan) = self.chan_mut(channel) {
                chan.buffer.push(id);
            }
        }
        id
    }

    /// `channel.leave()` (item 37, `channel.js:206-222`): no more rejoins or join timeout, a
    /// `phx_leave` goes out (or is buffered, and dropped at open as its channel is closed by
    /// then), and the channel closes locally at once: `ChannelClosed`, and it is removed.
    /// The server's reply and `phx_close` arrive later and are dropped.
    pub fn leave(&mut self, _now: Millis, channel: ChannelId) {
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        chan.rejoin.reset();
        chan.join.deadline = None;
        chan.state = ChannelState::Leaving;
        let frame = self.leave_frame(channel);
        self.socket_push(frame, Some(channel), None);
        self.remove_channel(channel, true);
    }

    /// Beyond phoenix.js: gives up on a channel, e.g. after a join error that retrying cannot
    /// fix (AIDA's `unauthorized`), where phoenix.js would rejoin forever. Its timers stop, it is
    /// removed, pushes waiting for its join are abandoned (`PushAbandoned`), and nothing is
    /// sent. Pushes already sent keep their timeouts.
    pub fn abandon(&mut self, channel: ChannelId) {
        self.remove_channel(channel, false);
    }

    /// Beyond phoenix.js: moves the next rejoin of an errored channel to `at` (AIDA's
    /// `starting`: retry after 5 s). It still rejoins only over an open socket (item 34).
    /// Ignored for a channel that is not errored.
    pub fn rejoin_at(&mut self, channel: ChannelId, at: Millis) {
        if !self
            .chan(channel)
            .is_some_and(|c| c.state == ChannelState::Errored)
        {
            return;
        }
        let deadline = self.arm(at);
        if let Some(chan) = self.chan_mut(channel) {
            chan.rejoin.deadline = Some(deadline);
        }
    }

    /// The page became visible (item 26, `handleVisibilityChange`, `socket.js:226-244`): with
    /// the socket not open and not closed on purpose, reconnect at once with the tries reset,
    /// instead of waiting out the backoff. A socket still connecting is closed first, and the
    /// new one opens `teardown_wait` later, once the old one has closed. A socket this opened
    /// and that is still connecting is left alone (`visibilitychange` and `resume` both fire).
    pub fn page_visible(&mut self, now: Millis) {
        let connecting_for_visibility = self
            .connection
            .as_ref()
            .is_some_and(|c| c.from_visibility && c.state == ConnectionState::Connecting);
        if connecting_for_visibility || self.is_connected() || self.close_was_clean {
            return;
        }
        self.reconnect.reset();
        // Only a socket still connecting takes a while to close; one that errored or closed
        // already is closed by now.
        let connecting = self.connection_state() == ConnectionState::Connecting;
        self.teardown(now, None, "");
        self.after_close(now, connecting, AfterClose::Connect);
    }

    // ----- what happened on the current socket ---------------------------------------------

    /// What the driver saw on the current socket.
    pub fn handle_socket(&mut self, now: Millis, event: SocketEvent<'_>) {
        match event {
            SocketEvent::Opened => self.handle_open(now),
            SocketEvent::Text(text) => self.handle_text(now, text),
            SocketEvent::Binary(bytes) => self.handle_binary(now, bytes),
            SocketEvent::Errored => self.handle_error(now),
            SocketEvent::Closed { code } => self.handle_close(now, code),
            SocketEvent::Drained => self.handle_drained(now),
        }
    }

    /// The socket opened (item 25, `onConnOpen`, `socket.js:535-543`): flush the send buffer,
    /// reset the reconnect tries, start the heartbeat, then each channel resets its rejoin timer
    /// and, if errored, rejoins (item 41).
    pub(crate) fn handle_open(&mut self, now: Millis) {
        let Some(conn) = self
            .connection
            .as_mut()
            .filter(|c| c.state == ConnectionState::Connecting && !c.finished)
        else {
            return;
        };
        conn.state = ConnectionState::Open;
        self.close_was_clean = false;
        self.flush_send_buffer();
        self.reconnect.reset();
        self.reset_heartbeat(now);
        self.events.push(Event::SocketOpened);
        for id in self.channel_ids() {
            let Some(chan) = self.chan_mut(id) else {
                continue;
            };
            chan.rejoin.reset();
            if chan.state == ChannelState::Errored {
                self.rejoin(now, id);
            }
        }
    }

    /// The socket closed without the client asking (items 23, 35, 41; `onConnClose`,
    /// `socket.js:654-669`): the channels are errored with `ConnectionClosed` and a reconnect is
    /// scheduled, whatever the code, 1000 included, as 1.8.16 does. (phoenix.js skips the
    /// reconnect for a close it made or after `disconnect`; the driver reports neither.)
    pub(crate) fn handle_close(&mut self, now: Millis, code: u16) {
        let Some(conn) = self.connection.as_mut().filter(|c| !c.finished) else {
            return;
        };
        conn.state = ConnectionState::Closed;
        conn.finished = true;
        self.clear_heartbeats();
        self.drop_unsent();
        self.trigger_chan_error(now, ErrorReason::ConnectionClosed);
        let reconnect_at = self.schedule_reconnect(now);
        self.events.push(Event::SocketClosed {
            code,
            reconnect_at: Some(reconnect_at),
        });
    }

    /// The socket reported an error (item 35; `onConnError`, `socket.js:674-684`): every
    /// channel resets its rejoin timer, then the channels are errored with `ConnectionError`.
    /// The socket is closed by then (a browser fires `error` after `readyState` became CLOSED),
    /// and the close event that follows schedules the reconnect (item 5).
    pub(crate) fn handle_error(&mut self, now: Millis) {
        let Some(conn) = self.connection.as_mut().filter(|c| !c.finished) else {
            return;
        };
        conn.state = ConnectionState::Closed;
        self.drop_unsent();
        self.events.push(Event::SocketErrored);
        for chan in &mut self.channels {
            chan.rejoin.reset();
        }
        self.trigger_chan_error(now, ErrorReason::ConnectionError);
    }

    /// A text frame arrived. One that cannot be read becomes `Event::Malformed`.
    pub(crate) fn handle_text(&mut self, now: Millis, text: &str) {
        match Frame::decode_text(text) {
            Ok(frame) => self.on_message(now, &frame, None),
            Err(error) => self.events.push(Event::Malformed { error }),
        }
    }

    /// A binary frame arrived (item 10). A reply's response reaches the application as
    /// `Payload::Binary`.
    pub(crate) fn handle_binary(&mut self, now: Millis, bytes: &[u8]) {
        match binary::decode(bytes) {
            Ok((frame, reply)) => self.on_message(now, &frame, reply.as_deref()),
            Err(error) => self.events.push(Event::Malformed { error }),
        }
    }

    /// The socket's `bufferedAmount` reached 0 after sends: every push whose frame the driver
    /// took since has left the browser (`PushSent`).
    pub(crate) fn handle_drained(&mut self, _now: Millis) {
        for push in std::mem::take(&mut self.written) {
            self.events.push(Event::PushSent { push });
        }
    }

    /// Fires every timer due by `now`, earliest first. Timers armed during this call wait for
    /// the next one even when already due (as a `setTimeout(f, 0)` waits for its turn), so a
    /// configuration with zero delays cannot loop here forever.
    pub fn handle_timeout(&mut self, now: Millis) {
        let horizon = self.armed;
        while let Some(timer) = self.next_due(now, horizon) {
            self.fire(now, timer);
        }
    }
}

/// Takes the oldest of a queue. The queues are lists rather than `VecDeque`s: they hold a few
/// items between two polls, and a second collection type is code the wasm does not need.
fn first<T>(queue: &mut Vec<T>) -> Option<T> {
    (!queue.is_empty()).then(|| queue.remove(0))
}
