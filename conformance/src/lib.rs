//! aida-chat's bare Phoenix client in the browser, run by the widget's own socket driver behind a
//! small JS handle, so that one scenario can run with phoenix.js and with ours against the same
//! recording server (`e2e/conformance.spec.ts`, `e2e/conformance/ours.js`).

use std::collections::HashMap;

use aida_chat::json;
use aida_chat::json::Value;
use wasm_bindgen::prelude::*;

use aida_chat::browser::driver::{Driven, Driver};
use aida_chat::phoenix::{
    ChannelId, Client, Config, Event, Millis, Payload, PushId, SocketEvent, Transmit,
};

struct Bare {
    client: Client,
    channels: Vec<ChannelId>,
    pushes: HashMap<PushId, u32>,
    next_push: u32,
    on_event: js_sys::Function,
}

impl Bare {
    fn channel_index(&self, id: ChannelId) -> Option<usize> {
        self.channels.iter().position(|c| *c == id)
    }

    /// Each event as JSON for the JS side: `{"type": ..., ...}`.
    fn describe(&mut self, event: Event) -> Value {
        let payload = |p: Payload| match p {
            Payload::Json(v) => v,
            Payload::Binary(b) => json!(b),
        };
        match event {
            Event::SocketOpened => json!({"type": "open"}),
            Event::SocketClosed { code, .. } => json!({"type": "close", "code": code}),
            Event::SocketErrored => json!({"type": "error"}),
            Event::Joined { channel, response } => {
                json!({"type": "joined", "channel": self.channel_index(channel), "response": response})
            }
            Event::JoinFailed { channel, response } => {
                json!({"type": "join_error", "channel": self.channel_index(channel), "response": response})
            }
            Event::JoinTimedOut { channel } => {
                json!({"type": "join_timeout", "channel": self.channel_index(channel)})
            }
            Event::ChannelErrored { channel, .. } => {
                json!({"type": "channel_error", "channel": self.channel_index(channel)})
            }
            Event::ChannelClosed { channel } => {
                json!({"type": "channel_close", "channel": self.channel_index(channel)})
            }
            Event::Message {
                channel,
                event,
                payload: p,
            } => {
                json!({"type": "message", "channel": self.channel_index(channel), "event": event, "payload": payload(p)})
            }
            Event::Reply {
                push,
                status,
                response,
            } => {
                json!({"type": "reply", "push": self.pushes.remove(&push), "status": status, "response": payload(response)})
            }
            Event::PushTimedOut { push } => {
                json!({"type": "timeout", "push": self.pushes.remove(&push)})
            }
            Event::PushSent { push } => {
                json!({"type": "sent", "push": self.pushes.get(&push).copied()})
            }
            Event::PushAbandoned { push } => {
                json!({"type": "abandoned", "push": self.pushes.remove(&push)})
            }
            Event::Malformed { error } => json!({"type": "malformed", "error": error.to_string()}),
        }
    }
}

impl Bare {
    /// Hands every event the client has to the JS side.
    fn pump(&mut self) {
        while let Some(event) = self.client.poll_event() {
            let text = self.describe(event).to_string();
            let _ = self.on_event.call1(&JsValue::NULL, &text.into());
        }
    }

    /// Runs `f` on the client, then reports what it says.
    fn with(&mut self, f: impl FnOnce(&mut Client)) {
        f(&mut self.client);
        self.pump();
    }
}

impl Driven for Bare {
    fn poll_transmit(&mut self) -> Option<Transmit> {
        self.client.poll_transmit()
    }

    fn handle_socket(&mut self, now: Millis, event: SocketEvent<'_>) {
        self.with(|client| client.handle_socket(now, event));
    }

    fn page_visible(&mut self, now: Millis) {
        self.with(|client| client.page_visible(now));
    }

    fn poll_timeout(&self) -> Option<Millis> {
        self.client.poll_timeout()
    }

    fn handle_timeout(&mut self, now: Millis) {
        self.with(|client| client.handle_timeout(now));
    }
}

/// `new TestSocket(endpoint, paramsJson, heartbeatIntervalMs, onEvent)`; `onEvent` gets each
/// event as a JSON string.
#[wasm_bindgen]
pub struct TestSocket {
    driver: Driver<Bare>,
}

fn parse(json: &str) -> Value {
    json::parse(json).unwrap_or_else(|_| json!({}))
}

#[wasm_bindgen]
impl TestSocket {
    #[wasm_bindgen(constructor)]
    pub fn new(
        endpoint: String,
        params: &str,
        heartbeat_interval: f64,
        on_event: js_sys::Function,
    ) -> TestSocket {
        let config = Config {
            endpoint,
            params: parse(params),
            heartbeat_interval: heartbeat_interval as Millis,
            ..Config::default()
        };
        let bare = Bare {
            client: Client::new(config),
            channels: vec![],
            pushes: HashMap::new(),
            next_push: 0,
            on_event,
        };
        TestSocket {
            driver: Driver::start(bare, |_, _| {}),
        }
    }

    pub fn connect(&self) {
        self.driver.act(|m, now| m.with(|c| c.connect(now)));
    }

    pub fn disconnect(&self) {
        self.driver
            .act(|m, now| m.with(|c| c.disconnect(now, None, None)));
    }

    /// A channel; returns its index.
    pub fn channel(&self, topic: &str, params: &str) -> usize {
        let mut index = 0;
        self.driver.act(|m, _| {
            let id = m.client.channel(topic, parse(params));
            m.channels.push(id);
            index = m.channels.len() - 1;
        });
        index
    }

    pub fn join(&self, channel: usize) {
        self.driver.act(|m, now| {
            if let Some(id) = m.channels.get(channel).copied() {
                m.with(|c| c.join(now, id));
            }
        });
    }

    pub fn leave(&self, channel: usize) {
        self.driver.act(|m, now| {
            if let Some(id) = m.channels.get(channel).copied() {
                m.with(|c| c.leave(now, id));
            }
        });
    }

    /// Pushes; returns the push's number, which its reply or timeout event carries.
    pub fn push(&self, channel: usize, event: &str, payload: &str, timeout: f64) -> u32 {
        let mut number = 0;
        self.driver.act(|m, now| {
            let Some(id) = m.channels.get(channel).copied() else {
                return;
            };
            let timeout = (timeout > 0.0).then_some(timeout as Millis);
            let push = m.client.push(now, id, event, parse(payload), timeout);
            m.next_push += 1;
            number = m.next_push;
            m.pushes.insert(push, number);
            m.pump();
        });
        number
    }
}
