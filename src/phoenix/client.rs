//! The Phoenix Channels client as a state machine (the shape of quinn-proto and h2): the caller
//! feeds it commands, socket events and the time, and polls it for [`Transmit`]s to carry out,
//! [`Event`]s to act on, and the next deadline. It behaves as phoenix.js 1.8.16 does; item
//! numbers refer to `shared/phoenix-protocol.md`.

use std::collections::{HashMap, VecDeque};

use serde_json::{Value, json};

use super::config::{Config, Millis};
use super::frame::{DecodeError, Frame, Payload};
use super::url::endpoint_url;

/// A channel of this client (phoenix.js `socket.channel()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChannelId(u64);

/// A push, stable across its resends (the Phoenix ref changes on each, item 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PushId(u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    Closed,
    Connecting,
    Open,
    Closing,
}

/// Item 27.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelState {
    Closed,
    Joining,
    Joined,
    Errored,
    Leaving,
}

/// Why a channel errored (item 35; `ChannelCrash` is the server's `phx_error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorReason {
    ChannelCrash,
    ConnectionClosed,
    ConnectionError,
    HeartbeatTimeout,
}

/// What the I/O driver must do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transmit {
    /// Open a new WebSocket to `url` (binaryType `arraybuffer`).
    Open { url: String },
    /// Send a text frame on the current socket.
    Send { text: String },
    /// Close the current socket and detach its handlers: report nothing more about it. With no
    /// code, `close()` sends none (the server sees 1005), as phoenix.js's `disconnect()` does.
    Close { code: Option<u16>, reason: String },
}

/// What the application learns.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    SocketOpened,
    /// The socket closed; `reconnect_at` says when the next attempt is due, if one is.
    SocketClosed {
        code: u16,
        reconnect_at: Option<Millis>,
    },
    SocketErrored,
    Joined {
        channel: ChannelId,
        response: Value,
    },
    /// An error reply to the join; a rejoin is scheduled unless the caller abandons the channel.
    JoinFailed {
        channel: ChannelId,
        response: Value,
    },
    JoinTimedOut {
        channel: ChannelId,
    },
    ChannelErrored {
        channel: ChannelId,
        reason: ErrorReason,
    },
    ChannelClosed {
        channel: ChannelId,
    },
    Message {
        channel: ChannelId,
        event: String,
        payload: Payload,
    },
    Reply {
        push: PushId,
        status: String,
        response: Payload,
    },
    PushTimedOut {
        push: PushId,
    },
    /// The push's frame was handed to the socket and the socket's send buffer drained.
    PushSent {
        push: PushId,
    },
    /// The push's channel was abandoned before the push got an answer.
    PushAbandoned {
        push: PushId,
    },
    /// An incoming frame that could not be read (and was ignored).
    Malformed {
        error: DecodeError,
    },
}

/// The close code phoenix.js uses for its own closes (`WS_CLOSE_NORMAL`).
const CLOSE_NORMAL: u16 = 1000;

/// A timer with phoenix.js `Timer` semantics: `tries` grows when it fires, `reset` clears both.
#[derive(Debug, Default, Clone)]
struct RetryTimer {
    deadline: Option<Millis>,
    tries: u32,
}

impl RetryTimer {
    fn reset(&mut self) {
        self.deadline = None;
        self.tries = 0;
    }
}

struct Channel {
    topic: String,
    params: Value,
    state: ChannelState,
    joined_once: bool,
    /// The ref of the current join push, which is the channel's join_ref (item 13).
    join_ref: Option<String>,
    /// When the current join push times out (item 32).
    join_deadline: Option<Millis>,
    rejoin: RetryTimer,
    /// Pushes waiting for the channel to be joined (item 38).
    buffer: Vec<PushId>,
    timeout: Millis,
}

struct Push {
    channel: ChannelId,
    event: String,
    payload: Value,
    timeout: Millis,
    /// The ref of its latest send; replies are matched on it (item 14).
    r#ref: Option<String>,
    deadline: Option<Millis>,
}

/// A frame waiting for the socket to open (item 39), with what makes it outdated.
struct Buffered {
    text: String,
    channel: Option<(ChannelId, Option<String>)>,
    push: Option<PushId>,
}

/// The Phoenix client. See the module docs.
pub struct Client {
    config: Config,
    conn: ConnectionState,
    close_was_clean: bool,
    next_ref: u64,
    next_id: u64,
    reconnect: RetryTimer,
    heartbeat_at: Option<Millis>,
    heartbeat_timeout_at: Option<Millis>,
    pending_heartbeat: Option<String>,
    send_buffer: Vec<Buffered>,
    /// In creation order: phoenix.js hands each message to channels in that order.
    channels: Vec<(ChannelId, Channel)>,
    pushes: HashMap<PushId, Push>,
    /// Pushes whose frames went to the socket since it last reported its buffer drained.
    written: Vec<PushId>,
    transmits: VecDeque<Transmit>,
    events: VecDeque<Event>,
}

impl Client {
    pub fn new(config: Config) -> Self {
        Client {
            config,
            conn: ConnectionState::Closed,
            // phoenix.js starts "clean" so that visibility changes do not connect a socket that
            // never connected (socket.js constructor).
            close_was_clean: true,
            next_ref: 0,
            next_id: 0,
            reconnect: RetryTimer::default(),
            heartbeat_at: None,
            heartbeat_timeout_at: None,
            pending_heartbeat: None,
            send_buffer: Vec::new(),
            channels: Vec::new(),
            pushes: HashMap::new(),
            written: Vec::new(),
            transmits: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    // ----- outputs -------------------------------------------------------------------------

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// The earliest pending deadline: the driver keeps one timer for it.
    pub fn poll_timeout(&self) -> Option<Millis> {
        self.deadlines().map(|(at, _)| at).min()
    }

    pub fn connection_state(&self) -> ConnectionState {
        self.conn
    }

    pub fn channel_state(&self, channel: ChannelId) -> Option<ChannelState> {
        self.chan(channel).map(|c| c.state)
    }

    pub fn join_ref(&self, channel: ChannelId) -> Option<&str> {
        self.chan(channel)?.join_ref.as_deref()
    }

    // ----- caller commands -----------------------------------------------------------------

    /// Opens the socket unless one is open or opening (`socket.connect`, `transportConnect`).
    pub fn connect(&mut self, _now: Millis) {
        if self.conn != ConnectionState::Closed {
            return;
        }
        self.close_was_clean = false;
        // A pending reconnect would tear the new socket down; its tries are kept until an open.
        self.reconnect.deadline = None;
        self.conn = ConnectionState::Connecting;
        let url = endpoint_url(&self.config.endpoint, &self.config.params);
        self.transmits.push_back(Transmit::Open { url });
    }

    /// Closes the socket for good (item 24): no reconnect; channels stay registered, errored,
    /// and rejoin on the next `connect`.
    pub fn disconnect(&mut self, now: Millis, code: Option<u16>, reason: Option<&str>) {
        self.close_was_clean = true;
        self.reconnect.reset();
        let was_open = self.conn == ConnectionState::Open;
        if self.conn != ConnectionState::Closed {
            self.close_socket(code, reason.unwrap_or(""));
            if was_open {
                self.error_channels(now, ErrorReason::ConnectionClosed);
            }
            // 1005, "no status": what the server sees of a close without a code.
            let code = code.unwrap_or(1005);
            self.events.push_back(Event::SocketClosed {
                code,
                reconnect_at: None,
            });
        }
    }

    /// A channel for `topic` (phoenix.js `socket.channel(topic, params)`); `join` joins it.
    pub fn channel(&mut self, topic: &str, params: Value) -> ChannelId {
        self.next_id += 1;
        let id = ChannelId(self.next_id);
        self.channels.push((
            id,
            Channel {
                topic: topic.to_owned(),
                params,
                state: ChannelState::Closed,
                joined_once: false,
                join_ref: None,
                join_deadline: None,
                rejoin: RetryTimer::default(),
                buffer: Vec::new(),
                timeout: self.config.timeout,
            },
        ));
        id
    }

    /// Joins (item 28); the join timeout starts now, even before the socket opens. A second
    /// call is ignored (phoenix.js throws).
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

    /// The params of every later (re)join (phoenix.js re-evaluates its params closure).
    pub fn set_join_params(&mut self, channel: ChannelId, params: Value) {
        if let Some(chan) = self.chan_mut(channel) {
            chan.params = params;
        }
    }

    /// Pushes an event (item 38): sent at once on a joined channel over an open socket, else
    /// buffered with its timeout already running. `None` for the channel's timeout.
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
        let timeout = timeout.or_else(|| self.chan(channel).map(|c| c.timeout));
        let push = Push {
            channel,
            event: event.to_owned(),
            payload,
            timeout: timeout.unwrap_or(self.config.timeout),
            r#ref: None,
            deadline: None,
        };
        self.pushes.insert(id, push);
        if self.can_push(channel) {
            self.send_push(now, id);
        } else if let Some(chan) = self.chan_mut(channel) {
            chan.buffer.push(id);
            self.start_push_timeout(now, id);
        } else {
            self.pushes.remove(&id);
            self.events.push_back(Event::PushAbandoned { push: id });
        }
        id
    }

    /// Leaves (item 37): `phx_leave` goes out if it can, and the channel closes locally at once.
    pub fn leave(&mut self, now: Millis, channel: ChannelId) {
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        chan.rejoin.reset();
        chan.join_deadline = None;
        chan.state = ChannelState::Leaving;
        let frame = self.channel_frame(channel, "phx_leave", json!({}));
        self.socket_push(now, frame, Some(channel), None);
        self.close_channel(channel);
    }

    /// Beyond phoenix.js: gives up on a channel after a final join error (AIDA's
    /// `unauthorized`), where phoenix.js would rejoin forever. Sends nothing.
    pub fn abandon(&mut self, channel: ChannelId) {
        let Some(index) = self.channels.iter().position(|(id, _)| *id == channel) else {
            return;
        };
        self.channels.remove(index);
        let mut abandoned: Vec<PushId> = self
            .pushes
            .iter()
            .filter(|(_, p)| p.channel == channel)
            .map(|(id, _)| *id)
            .collect();
        abandoned.sort_by_key(|id| id.0);
        for push in abandoned {
            self.pushes.remove(&push);
            self.events.push_back(Event::PushAbandoned { push });
        }
    }

    /// Beyond phoenix.js: moves the next rejoin to `at` (AIDA's `starting`: retry after 5 s).
    pub fn rejoin_at(&mut self, channel: ChannelId, at: Millis) {
        if let Some(chan) = self.chan_mut(channel) {
            chan.rejoin.deadline = Some(at);
        }
    }

    /// The page became visible again (item 26): with the socket down, and not closed on
    /// purpose, reconnect at once instead of waiting out the backoff.
    pub fn page_visible(&mut self, now: Millis) {
        if self.conn != ConnectionState::Open && !self.close_was_clean {
            self.reconnect.reset();
            if self.conn != ConnectionState::Closed {
                self.close_socket(None, "");
                self.error_channels(now, ErrorReason::ConnectionClosed);
            }
            self.connect(now);
        }
    }

    // ----- socket events -------------------------------------------------------------------

    /// The socket opened (item 25): flush the send buffer, reset the reconnect tries, start the
    /// heartbeat, then rejoin errored channels.
    pub fn handle_open(&mut self, now: Millis) {
        if self.conn != ConnectionState::Connecting {
            return;
        }
        self.conn = ConnectionState::Open;
        self.close_was_clean = false;
        self.flush_send_buffer();
        self.reconnect.reset();
        self.reset_heartbeat(now);
        self.events.push_back(Event::SocketOpened);
        for id in self.channel_ids() {
            if let Some(chan) = self.chan_mut(id) {
                chan.rejoin.reset();
                if chan.state == ChannelState::Errored {
                    self.rejoin(now, id);
                }
            }
        }
    }

    /// The socket closed without our asking (item 23): error the channels and reconnect,
    /// whatever the code, as phoenix.js 1.8.16 does.
    pub fn handle_close(&mut self, now: Millis, code: u16) {
        if self.conn == ConnectionState::Closed {
            return;
        }
        self.conn = ConnectionState::Closed;
        self.written.clear();
        self.clear_heartbeats();
        self.error_channels(now, ErrorReason::ConnectionClosed);
        let reconnect_at = (!self.close_was_clean).then(|| self.schedule_reconnect(now));
        self.events
            .push_back(Event::SocketClosed { code, reconnect_at });
    }

    /// A socket error (item 35): channels reset their rejoin timers, then error.
    pub fn handle_error(&mut self, now: Millis) {
        if self.conn == ConnectionState::Closed {
            return;
        }
        self.events.push_back(Event::SocketErrored);
        for (_, chan) in &mut self.channels {
            chan.rejoin.reset();
        }
        self.error_channels(now, ErrorReason::ConnectionError);
    }

    pub fn handle_text(&mut self, now: Millis, text: &str) {
        match Frame::decode_text(text) {
            Ok(frame) => self.handle_frame(now, frame),
            Err(error) => self.events.push_back(Event::Malformed { error }),
        }
    }

    pub fn handle_binary(&mut self, now: Millis, bytes: &[u8]) {
        match Frame::decode_binary(bytes) {
            Ok(frame) => self.handle_frame(now, frame),
            Err(error) => self.events.push_back(Event::Malformed { error }),
        }
    }

    /// The socket's send buffer is empty: every push written since has left the browser.
    pub fn handle_drained(&mut self, _now: Millis) {
        for push in std::mem::take(&mut self.written) {
            self.events.push_back(Event::PushSent { push });
        }
    }

    /// Fires every timer that is due, earliest first.
    pub fn handle_timeout(&mut self, now: Millis) {
        while let Some((_, timer)) = self
            .deadlines()
            .filter(|(at, _)| *at <= now)
            .min_by_key(|(at, _)| *at)
        {
            self.fire(now, timer);
        }
    }

    // ----- internals -----------------------------------------------------------------------

    fn handle_frame(&mut self, now: Millis, frame: Frame) {
        if self.conn != ConnectionState::Open {
            return;
        }
        // Item 16: any message whose ref is the pending heartbeat's acknowledges it.
        if frame.r#ref.is_some() && frame.r#ref == self.pending_heartbeat {
            self.clear_heartbeats();
            self.heartbeat_at = Some(now + self.config.heartbeat_interval);
        }
        // Item 15: to every channel of the topic whose join_ref matches, or with no join_ref.
        let members: Vec<ChannelId> = self
            .channels
            .iter()
            .filter(|(_, c)| {
                c.topic == frame.topic && (frame.join_ref.is_none() || frame.join_ref == c.join_ref)
            })
            .map(|(id, _)| *id)
            .collect();
        for channel in members {
            self.deliver(now, channel, &frame);
        }
    }

    fn deliver(&mut self, now: Millis, channel: ChannelId, frame: &Frame) {
        let Some(chan) = self.chan(channel) else {
            return;
        };
        match frame.event.as_str() {
            "phx_reply" => {
                let (status, response) = reply_parts(&frame.payload);
                if frame.r#ref.is_some()
                    && frame.r#ref == chan.join_ref
                    && chan.join_deadline.is_some()
                {
                    self.on_join_reply(now, channel, &status, response);
                } else if let Some(push) = self.push_with_ref(channel, frame.r#ref.as_deref()) {
                    self.pushes.remove(&push);
                    self.events.push_back(Event::Reply {
                        push,
                        status,
                        response,
                    });
                }
            }
            "phx_error" => self.on_channel_error(now, channel, ErrorReason::ChannelCrash),
            "phx_close" => self.close_channel(channel),
            event => self.events.push_back(Event::Message {
                channel,
                event: event.to_owned(),
                payload: frame.payload.clone(),
            }),
        }
    }

    /// Item 30 and 31.
    fn on_join_reply(&mut self, now: Millis, channel: ChannelId, status: &str, response: Payload) {
        let connected = self.conn == ConnectionState::Open;
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        chan.join_deadline = None;
        let response = match response {
            Payload::Json(value) => value,
            Payload::Binary(_) => Value::Null,
        };
        if status == "ok" {
            chan.state = ChannelState::Joined;
            chan.rejoin.reset();
            let buffered = std::mem::take(&mut chan.buffer);
            self.events.push_back(Event::Joined { channel, response });
            for push in buffered {
                // A buffered push that already timed out is gone (item 38).
                if self.pushes.contains_key(&push) {
                    self.send_push(now, push);
                }
            }
        } else if status == "error" {
            chan.state = ChannelState::Errored;
            if connected {
                self.schedule_rejoin(now, channel);
            }
            self.events
                .push_back(Event::JoinFailed { channel, response });
        }
    }

    /// Item 33: errored, and a rejoin scheduled while the socket is open (else the channel
    /// rejoins when it next opens).
    fn on_channel_error(&mut self, now: Millis, channel: ChannelId, reason: ErrorReason) {
        let connected = self.conn == ConnectionState::Open;
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        if chan.state == ChannelState::Joining {
            chan.join_deadline = None;
            chan.join_ref = None;
        }
        chan.state = ChannelState::Errored;
        if connected {
            self.schedule_rejoin(now, channel);
        }
        self.events
            .push_back(Event::ChannelErrored { channel, reason });
    }

    /// Item 35: channels that are not already errored, leaving or closed.
    fn error_channels(&mut self, now: Millis, reason: ErrorReason) {
        for id in self.channel_ids() {
            let live = self
                .chan(id)
                .is_some_and(|c| matches!(c.state, ChannelState::Joining | ChannelState::Joined));
            if live {
                self.on_channel_error(now, id, reason);
            }
        }
    }

    /// Item 36: closed and removed; it never rejoins. Its pushes time out as they would.
    fn close_channel(&mut self, channel: ChannelId) {
        if let Some(index) = self.channels.iter().position(|(id, _)| *id == channel) {
            self.channels.remove(index);
            self.events.push_back(Event::ChannelClosed { channel });
        }
    }

    /// `channel.rejoin()`: a new join push with a new ref (item 13), after leaving any other
    /// channel of the same topic (item 29).
    fn rejoin(&mut self, now: Millis, channel: ChannelId) {
        let Some(chan) = self.chan(channel) else {
            return;
        };
        if chan.state == ChannelState::Leaving {
            return;
        }
        let topic = chan.topic.clone();
        let duplicate = self.channels.iter().find(|(id, c)| {
            *id != channel
                && c.topic == topic
                && matches!(c.state, ChannelState::Joined | ChannelState::Joining)
        });
        if let Some((dup, _)) = duplicate {
            let dup = *dup;
            self.leave(now, dup);
        }
        let r#ref = self.make_ref();
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        chan.state = ChannelState::Joining;
        chan.join_ref = Some(r#ref.clone());
        chan.join_deadline = Some(now + chan.timeout);
        let frame = Frame {
            join_ref: Some(r#ref.clone()),
            r#ref: Some(r#ref),
            topic: chan.topic.clone(),
            event: "phx_join".into(),
            payload: Payload::Json(chan.params.clone()),
        };
        self.socket_push(now, frame, Some(channel), None);
    }

    /// `Push.send`: a new ref and a full new timeout on every send (item 12).
    fn send_push(&mut self, now: Millis, push: PushId) {
        self.start_push_timeout(now, push);
        let Some(p) = self.pushes.get(&push) else {
            return;
        };
        let (channel, event, payload) = (p.channel, p.event.clone(), p.payload.clone());
        let mut frame = self.channel_frame(channel, &event, payload);
        frame.r#ref = self.pushes.get(&push).and_then(|p| p.r#ref.clone());
        self.socket_push(now, frame, Some(channel), Some(push));
    }

    fn start_push_timeout(&mut self, now: Millis, push: PushId) {
        let r#ref = self.make_ref();
        if let Some(p) = self.pushes.get_mut(&push) {
            p.r#ref = Some(r#ref);
            p.deadline = Some(now + p.timeout);
        }
    }

    /// A frame on a channel, with its current join_ref and a fresh ref.
    fn channel_frame(&mut self, channel: ChannelId, event: &str, payload: Value) -> Frame {
        let r#ref = self.make_ref();
        let chan = self.chan(channel);
        Frame {
            join_ref: chan.and_then(|c| c.join_ref.clone()),
            r#ref: Some(r#ref),
            topic: chan.map(|c| c.topic.clone()).unwrap_or_default(),
            event: event.to_owned(),
            payload: Payload::Json(payload),
        }
    }

    /// `socket.push`: sent now over an open socket, else buffered until open (item 39).
    fn socket_push(
        &mut self,
        _now: Millis,
        frame: Frame,
        channel: Option<ChannelId>,
        push: Option<PushId>,
    ) {
        let text = frame.encode();
        if self.conn == ConnectionState::Open {
            self.transmits.push_back(Transmit::Send { text });
            self.written.extend(push);
        } else {
            let channel = channel.map(|c| (c, frame.join_ref.clone()));
            self.send_buffer.push(Buffered {
                text,
                channel,
                push,
            });
        }
    }

    /// Item 39 (1.8.16): frames of an outdated join, or of a closed channel, are dropped.
    fn flush_send_buffer(&mut self) {
        for buffered in std::mem::take(&mut self.send_buffer) {
            let outdated = buffered
                .channel
                .as_ref()
                .is_some_and(|(channel, join_ref)| {
                    self.chan(*channel)
                        .is_none_or(|c| c.join_ref != *join_ref || c.state == ChannelState::Closed)
                });
            if !outdated {
                self.transmits.push_back(Transmit::Send {
                    text: buffered.text,
                });
                self.written.extend(buffered.push);
            }
        }
    }

    fn can_push(&self, channel: ChannelId) -> bool {
        self.conn == ConnectionState::Open
            && self
                .chan(channel)
                .is_some_and(|c| c.state == ChannelState::Joined)
    }

    fn push_with_ref(&self, channel: ChannelId, r#ref: Option<&str>) -> Option<PushId> {
        let r#ref = r#ref?;
        self.pushes
            .iter()
            .find(|(_, p)| {
                p.channel == channel && p.r#ref.as_deref() == Some(r#ref) && p.deadline.is_some()
            })
            .map(|(id, _)| *id)
    }

    fn schedule_reconnect(&mut self, now: Millis) -> Millis {
        let at = now + self.config.reconnect_after.delay(self.reconnect.tries + 1);
        self.reconnect.deadline = Some(at);
        at
    }

    fn schedule_rejoin(&mut self, now: Millis, channel: ChannelId) {
        let rejoin_after = self.config.rejoin_after.clone();
        if let Some(chan) = self.chan_mut(channel) {
            chan.rejoin.deadline = Some(now + rejoin_after.delay(chan.rejoin.tries + 1));
        }
    }

    fn reset_heartbeat(&mut self, now: Millis) {
        self.clear_heartbeats();
        self.heartbeat_at = Some(now + self.config.heartbeat_interval);
    }

    fn clear_heartbeats(&mut self) {
        self.heartbeat_at = None;
        self.heartbeat_timeout_at = None;
        self.pending_heartbeat = None;
    }

    /// Closes the current socket on our side (phoenix.js `teardown`): the driver detaches it.
    fn close_socket(&mut self, code: Option<u16>, reason: &str) {
        self.conn = ConnectionState::Closed;
        self.written.clear();
        self.clear_heartbeats();
        self.transmits.push_back(Transmit::Close {
            code,
            reason: reason.to_owned(),
        });
    }

    fn make_ref(&mut self) -> String {
        self.next_ref += 1;
        self.next_ref.to_string()
    }

    fn chan(&self, id: ChannelId) -> Option<&Channel> {
        self.channels.iter().find(|(c, _)| *c == id).map(|(_, c)| c)
    }

    fn chan_mut(&mut self, id: ChannelId) -> Option<&mut Channel> {
        self.channels
            .iter_mut()
            .find(|(c, _)| *c == id)
            .map(|(_, c)| c)
    }

    fn channel_ids(&self) -> Vec<ChannelId> {
        self.channels.iter().map(|(id, _)| *id).collect()
    }

    /// Every armed timer with its deadline.
    fn deadlines(&self) -> impl Iterator<Item = (Millis, Timer)> + '_ {
        let socket = [
            self.reconnect.deadline.map(|at| (at, Timer::Reconnect)),
            self.heartbeat_at.map(|at| (at, Timer::Heartbeat)),
            self.heartbeat_timeout_at
                .map(|at| (at, Timer::HeartbeatTimeout)),
        ];
        let channels = self.channels.iter().flat_map(|(id, c)| {
            [
                c.join_deadline.map(|at| (at, Timer::JoinTimeout(*id))),
                c.rejoin.deadline.map(|at| (at, Timer::Rejoin(*id))),
            ]
        });
        let pushes = self
            .pushes
            .iter()
            .filter_map(|(id, p)| p.deadline.map(|at| (at, Timer::PushTimeout(*id))));
        socket.into_iter().chain(channels).flatten().chain(pushes)
    }

    fn fire(&mut self, now: Millis, timer: Timer) {
        match timer {
            Timer::Reconnect => {
                self.reconnect.deadline = None;
                self.reconnect.tries += 1;
                self.connect(now);
            }
            Timer::Heartbeat => {
                self.heartbeat_at = None;
                self.send_heartbeat(now);
            }
            Timer::HeartbeatTimeout => {
                self.heartbeat_timeout_at = None;
                self.heartbeat_timeout(now);
            }
            Timer::JoinTimeout(channel) => self.join_timeout(now, channel),
            Timer::Rejoin(channel) => {
                let connected = self.conn == ConnectionState::Open;
                if let Some(chan) = self.chan_mut(channel) {
                    chan.rejoin.deadline = None;
                    chan.rejoin.tries += 1;
                }
                // Item 34: only over an open socket.
                if connected {
                    self.rejoin(now, channel);
                }
            }
            Timer::PushTimeout(push) => {
                if let Some(p) = self.pushes.remove(&push) {
                    if let Some(chan) = self.chan_mut(p.channel) {
                        chan.buffer.retain(|b| *b != push);
                    }
                    self.events.push_back(Event::PushTimedOut { push });
                }
            }
        }
    }

    /// Item 17-18: `[null, ref, "phoenix", "heartbeat", {}]`, and a timeout one interval later.
    fn send_heartbeat(&mut self, now: Millis) {
        if self.conn != ConnectionState::Open {
            return;
        }
        let r#ref = self.make_ref();
        self.pending_heartbeat = Some(r#ref.clone());
        let frame = Frame {
            join_ref: None,
            r#ref: Some(r#ref),
            topic: "phoenix".into(),
            event: "heartbeat".into(),
            payload: Payload::Json(json!({})),
        };
        self.socket_push(now, frame, None, None);
        self.heartbeat_timeout_at = Some(now + self.config.heartbeat_interval);
    }

    /// Item 19: close with 1000 "heartbeat timeout", error the channels, reconnect.
    fn heartbeat_timeout(&mut self, now: Millis) {
        if self.pending_heartbeat.is_none() {
            return;
        }
        self.close_was_clean = false;
        self.close_socket(Some(CLOSE_NORMAL), "heartbeat timeout");
        self.error_channels(now, ErrorReason::HeartbeatTimeout);
        let reconnect_at = self.schedule_reconnect(now + self.config.teardown_wait);
        self.events.push_back(Event::SocketClosed {
            code: CLOSE_NORMAL,
            reconnect_at: Some(reconnect_at),
        });
    }

    /// Item 32: a fire-and-forget `phx_leave` with the timed-out join_ref, errored, and a
    /// rejoin scheduled; a late reply to that join is ignored.
    fn join_timeout(&mut self, now: Millis, channel: ChannelId) {
        let connected = self.conn == ConnectionState::Open;
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        chan.join_deadline = None;
        let frame = self.channel_frame(channel, "phx_leave", json!({}));
        self.socket_push(now, frame, Some(channel), None);
        let Some(chan) = self.chan_mut(channel) else {
            return;
        };
        chan.state = ChannelState::Errored;
        chan.join_ref = None;
        if connected {
            self.schedule_rejoin(now, channel);
        }
        self.events.push_back(Event::JoinTimedOut { channel });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timer {
    Reconnect,
    Heartbeat,
    HeartbeatTimeout,
    JoinTimeout(ChannelId),
    Rejoin(ChannelId),
    PushTimeout(PushId),
}

/// `{status, response}` of a reply; anything else reads as status "" (matching no hook).
fn reply_parts(payload: &Payload) -> (String, Payload) {
    match payload {
        Payload::Json(value) => {
            let status = value
                .get("status")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let response = value.get("response").cloned().unwrap_or(Value::Null);
            (status, Payload::Json(response))
        }
        Payload::Binary(bytes) => (String::new(), Payload::Binary(bytes.clone())),
    }
}
