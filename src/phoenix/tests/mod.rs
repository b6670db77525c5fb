//! The client against phoenix.js 1.8.16, item by item (`docs/phoenix-channels.md`), on a
//! virtual clock. Each test's name says which items it covers. Refs are compared by order, not
//! value, except where item 11 pins the counter itself.

mod channels;
mod connect;
mod frames;
mod heartbeat;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod pushes;
mod refs;
mod server;

use crate::json;
use crate::json::Value;

use super::*;

/// A frame the client sent, read back.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Sent {
    pub join_ref: Value,
    pub r#ref: Value,
    pub topic: String,
    pub event: String,
    pub payload: Value,
    pub text: String,
}

impl Sent {
    /// The ref as a number, to compare refs by order.
    pub fn ref_number(&self) -> u64 {
        number(&self.r#ref)
    }
}

pub(super) fn number(reference: &Value) -> u64 {
    reference
        .as_str()
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("not a numeric string ref: {reference}"))
}

/// What the client asked of the driver, in order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Out {
    Open(String),
    Send(Box<Sent>),
    Close(Option<u16>, String),
}

/// Drives a [`Client`] with a fake clock and records everything it does.
pub(super) struct Harness {
    pub client: Client,
    pub now: Millis,
    pub log: Vec<Out>,
    pub events: Vec<Event>,
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with(|_| {})
    }

    pub fn with(configure: impl FnOnce(&mut Config)) -> Harness {
        let mut config = Config {
            endpoint: "ws://127.0.0.1:4000/socket".into(),
            ..Config::default()
        };
        configure(&mut config);
        Harness {
            client: Client::new(config),
            now: 0,
            log: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Collects what the client wants done and what it has to say.
    pub fn io(&mut self) {
        while let Some(transmit) = self.client.poll_transmit() {
            self.log.push(match transmit {
                Transmit::Open { url } => Out::Open(url),
                Transmit::Close { code, reason } => Out::Close(code, reason),
                Transmit::Send { text } => {
                    let v: Value = crate::json::parse(&text).unwrap();
                    Out::Send(Box::new(Sent {
                        join_ref: v[0].clone(),
                        r#ref: v[1].clone(),
                        topic: v[2].as_str().unwrap().into(),
                        event: v[3].as_str().unwrap().into(),
                        payload: v[4].clone(),
                        text,
                    }))
                }
            });
        }
        while let Some(event) = self.client.poll_event() {
            self.events.push(event);
        }
    }

    // ----- the clock -----

    /// Fires every timer due by `at`, each at its own deadline, as a real timer would.
    pub fn advance_to(&mut self, at: Millis) {
        while let Some(due) = self.client.poll_timeout().filter(|due| *due <= at) {
            self.now = self.now.max(due);
            self.client.handle_timeout(self.now);
            self.io();
        }
        self.now = self.now.max(at);
    }

    pub fn advance(&mut self, ms: Millis) {
        self.advance_to(self.now + ms);
    }

    // ----- the caller -----

    pub fn connect(&mut self) {
        self.client.connect(self.now);
        self.io();
    }

    pub fn disconnect(&mut self, code: Option<u16>, reason: Option<&str>) {
        self.client.disconnect(self.now, code, reason);
        self.io();
    }

    pub fn channel(&mut self, topic: &str) -> ChannelId {
        self.client.channel(topic, json!({}))
    }

    pub fn join(&mut self, channel: ChannelId) {
        self.client.join(self.now, channel);
        self.io();
    }

    pub fn push(&mut self, channel: ChannelId, event: &str) -> PushId {
        self.push_with(channel, event, None)
    }

    pub fn push_with(
        &mut self,
        channel: ChannelId,
        event: &str,
        timeout: Option<Millis>,
    ) -> PushId {
        let push = self
            .client
            .push(self.now, channel, event, json!({"n": event}), timeout);
        self.io();
        push
    }

    pub fn leave(&mut self, channel: ChannelId) {
        self.client.leave(self.now, channel);
        self.io();
    }

    pub fn page_visible(&mut self) {
        self.client.page_visible(self.now);
        self.io();
    }

    // ----- the socket -----

    pub fn open(&mut self) {
        self.client.handle_open(self.now);
        self.io();
    }

    pub fn close(&mut self, code: u16) {
        self.client.handle_close(self.now, code);
        self.io();
    }

    pub fn error(&mut self) {
        self.client.handle_error(self.now);
        self.io();
    }

    /// A refused connection, as a browser reports it: error, then close 1006 (item 5).
    pub fn refuse(&mut self) {
        self.error();
        self.close(1006);
    }

    pub fn drained(&mut self) {
        self.client.handle_drained(self.now);
        self.io();
    }

    // ----- the server -----

    pub fn server(&mut self, frame: Value) {
        self.server_text(&frame.to_string());
    }

    pub fn server_text(&mut self, text: &str) {
        self.client.handle_text(self.now, text);
        self.io();
    }

    pub fn server_binary(&mut self, bytes: &[u8]) {
        self.client.handle_binary(self.now, bytes);
        self.io();
    }

    /// `[join_ref, ref, topic, "phx_reply", {status, response}]` answering `to`.
    pub fn server_reply(&mut self, to: &Sent, status: &str, response: Value) {
        self.server(json!([to.join_ref, to.r#ref, to.topic, "phx_reply",
            {"status": status, "response": response}]));
    }

    /// A channel push as Phoenix 1.3 (AIDA) sends it: join_ref null, ref null.
    pub fn server_push(&mut self, topic: &str, event: &str, payload: Value) {
        self.server(json!([null, null, topic, event, payload]));
    }

    // ----- reading back -----

    pub fn frames(&self) -> Vec<Sent> {
        self.log
            .iter()
            .filter_map(|o| match o {
                Out::Send(sent) => Some(Sent::clone(sent)),
                _ => None,
            })
            .collect()
    }

    pub fn sent(&self, event: &str) -> Vec<Sent> {
        self.frames()
            .into_iter()
            .filter(|s| s.event == event)
            .collect()
    }

    pub fn last(&self, event: &str) -> Sent {
        self.sent(event)
            .pop()
            .unwrap_or_else(|| panic!("no {event} sent: {:?}", self.log))
    }

    pub fn opens(&self) -> Vec<String> {
        self.log
            .iter()
            .filter_map(|o| match o {
                Out::Open(url) => Some(url.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn closes(&self) -> Vec<(Option<u16>, String)> {
        self.log
            .iter()
            .filter_map(|o| match o {
                Out::Close(code, reason) => Some((*code, reason.clone())),
                _ => None,
            })
            .collect()
    }

    /// The events so far, less `PushSent`: the driver reports drains on its own schedule, and a
    /// reply brings its push's `PushSent` along. Tests of `PushSent` use `take_all_events`.
    pub fn take_events(&mut self) -> Vec<Event> {
        self.take_all_events()
            .into_iter()
            .filter(|e| !matches!(e, Event::PushSent { .. }))
            .collect()
    }

    pub fn take_all_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    pub fn take_log(&mut self) -> Vec<Out> {
        std::mem::take(&mut self.log)
    }

    // ----- common set-ups -----

    /// An open socket.
    pub fn connected(&mut self) {
        self.connect();
        self.open();
    }

    /// A channel on `topic` joined over an open socket (the server said ok).
    pub fn joined(&mut self, topic: &str) -> ChannelId {
        if self.client.connection_state() != ConnectionState::Open {
            self.connected();
        }
        let channel = self.channel(topic);
        self.join(channel);
        let join = self.last("phx_join");
        self.server_reply(&join, "ok", json!({}));
        assert_eq!(
            self.client.channel_state(channel),
            Some(ChannelState::Joined)
        );
        channel
    }
}
