//! The conversation's rules, driven natively with a virtual clock and a scripted server that
//! reads the client's frames and answers as AIDA 1.3 does. The harness plays the browser driver:
//! it carries out the chat's transmits and reports every frame drained at once.

use std::rc::Rc;

use crate::json;
use crate::json::Value;

use super::chat::{Chat, Input, STARTING_RETRY};
use super::config::{Config, Options};
use super::status::Status;
use super::store::Stored;
use super::transcript::{Author, Delivery, Entry, Env, FORGET_AT_ONCE, Failure, KEPT_ENTRIES};
use crate::phoenix::{Millis, SocketEvent, Transmit};

mod connection;
mod delivery;
mod pictures;
mod session;
mod tabs;
mod transcript;

const BOT: &str = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
const SESSION: &str = "11111111-2222-4333-8444-555555555555";
const OTHER_SESSION: &str = "99999999-2222-4333-8444-555555555555";
const NEW_SESSION: &str = "aaaaaaaa-2222-4333-8444-555555555555";

/// A frame the client sent: `[join_ref, ref, topic, event, payload]`.
#[derive(Debug, Clone)]
struct Sent {
    join_ref: Value,
    r#ref: Value,
    topic: String,
    event: String,
    payload: Value,
}

struct Harness {
    chat: Chat,
    now: Millis,
    sent: Vec<Sent>,
    opens: usize,
    open: bool,
    pictures: usize,
}

fn config() -> Config {
    Options {
        server: Some("ws://127.0.0.1:4000/socket".into()),
        bot_id: Some(BOT.into()),
        access_token: Some("token".into()),
        ..Options::default()
    }
    .validate(None)
    .unwrap()
}

impl Harness {
    fn new(stored: Option<Stored>) -> Harness {
        Harness::configured(config(), stored)
    }

    /// A page load with these options.
    fn configured(config: Config, stored: Option<Stored>) -> Harness {
        // Each harness is a page load of its own, as two tabs are.
        static LOADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let load = LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let env = Env {
            wall_offset: 1_700_000_000_000.0,
            id_prefix: format!("load{load}"),
        };
        let mut h = Harness::with(Chat::new(config, stored, env), 1000);
        h.input(Input::Start);
        h.io();
        h
    }

    fn with(chat: Chat, now: Millis) -> Harness {
        Harness {
            chat,
            now,
            sent: Vec::new(),
            opens: 0,
            open: false,
            pictures: 0,
        }
    }

    fn input(&mut self, input: Input<'_>) {
        self.chat.handle(self.now, input);
    }

    /// The visitor sends `text`, and the driver carries out what follows.
    fn say(&mut self, text: &str) {
        self.input(Input::Send(text));
        self.io();
    }

    /// Carries out the chat's transmits (the driver's job), and reports every frame drained.
    fn io(&mut self) {
        let mut sent_any = false;
        while let Some(t) = self.chat.poll_transmit() {
            match t {
                Transmit::Open { .. } => self.opens += 1,
                Transmit::Send { text } => {
                    let v: Value = crate::json::parse(&text).unwrap();
                    self.sent.push(Sent {
                        join_ref: v[0].clone(),
                        r#ref: v[1].clone(),
                        topic: v[2].as_str().unwrap().into(),
                        event: v[3].as_str().unwrap().into(),
                        payload: v[4].clone(),
                    });
                    sent_any = true;
                }
                Transmit::Close { .. } => self.open = false,
            }
        }
        if sent_any {
            self.input(Input::Socket(SocketEvent::Drained));
            self.io();
        }
    }

    fn socket(&mut self, event: SocketEvent<'_>) {
        self.input(Input::Socket(event));
        self.io();
    }

    fn socket_opens(&mut self) {
        self.open = true;
        self.socket(SocketEvent::Opened);
    }

    fn socket_drops(&mut self) {
        self.open = false;
        self.socket(SocketEvent::Closed { code: 1006 });
    }

    fn receive(&mut self, frame: Value) {
        self.socket(SocketEvent::Text(&frame.to_string()));
    }

    /// The visitor attaches a picture; returns its entry's id.
    fn attach(&mut self) -> String {
        self.pictures += 1;
        let preview = format!("blob:picture-{}", self.pictures);
        self.input(Input::Attach { preview });
        self.chat.entries().last().unwrap().id.clone()
    }

    fn advance_to_due(&mut self, due: Millis) {
        let ms = due.saturating_sub(self.now);
        self.advance(ms);
    }

    fn advance(&mut self, ms: Millis) {
        let end = self.now + ms;
        while let Some(at) = self.chat.poll_timeout().filter(|at| *at <= end) {
            self.now = self.now.max(at);
            self.input(Input::Timeout);
            self.io();
        }
        self.now = end;
    }

    fn last(&self, event: &str) -> Sent {
        self.sent
            .iter()
            .rev()
            .find(|s| s.event == event)
            .cloned()
            .unwrap_or_else(|| {
                panic!("no {event} frame in {:?}", self.events());
            })
    }

    fn events(&self) -> Vec<String> {
        self.sent.iter().map(|s| s.event.clone()).collect()
    }

    fn count(&self, event: &str) -> usize {
        self.sent.iter().filter(|s| s.event == event).count()
    }

    fn reply(&mut self, to: &Sent, status: &str, response: Value) {
        let frame = json!([to.join_ref, to.r#ref, to.topic, "phx_reply", {"status": status, "response": response}]);
        self.receive(frame);
    }

    /// Opens the socket and answers the join with ok.
    fn join_ok(&mut self) {
        if !self.open {
            self.socket_opens();
        }
        let join = self.last("phx_join");
        self.reply(&join, "ok", json!({}));
    }

    /// Joins and answers `new_session` with `session`.
    fn ready(&mut self, session: &str) {
        self.join_ok();
        let new_session = self.last("new_session");
        self.reply(&new_session, "ok", json!({ "session": session }));
    }

    fn btu(&mut self, session: &str, text: &str) {
        // AIDA 1.3 pushes with a null join_ref.
        self.receive(json!([null, null, format!("bot:{BOT}"), "btu_msg", {"session": session, "text": text}]));
    }

    fn entries(&self) -> Vec<(Author, String, Option<Delivery>)> {
        self.chat
            .entries()
            .iter()
            .map(|e| (e.from, e.text.clone(), e.status))
            .collect()
    }
}

fn stored(session: Option<&str>, entries: Vec<Entry>) -> Stored {
    Stored::decode(&Stored::encode(session, &entries)).unwrap()
}

/// A stored session with a delivered message and one still queued.
fn earlier_and_pending() -> Stored {
    let entries = vec![
        user("a", "earlier", Delivery::Sent),
        user("b", "pending", Delivery::Queued),
    ];
    stored(Some(SESSION), entries)
}

fn user(id: &str, text: &str, status: Delivery) -> Entry {
    Entry {
        id: id.into(),
        from: Author::User,
        text: text.into(),
        at: 0.0,
        status: Some(status),
        image: None,
        error: None,
    }
}
