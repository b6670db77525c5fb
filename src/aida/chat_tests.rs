//! The conversation's rules, driven natively with a virtual clock and a scripted server that
//! reads the client's frames and answers as AIDA 1.3 does.

use std::rc::Rc;

use serde_json::{Value, json};

use super::chat::{Chat, Env, STARTING_RETRY, Status};
use super::config::{Config, Options};
use super::transcript::{Delivery, Entry, From, Stored};
use crate::phoenix::{Millis, Transmit};

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
        // Each harness is a page load of its own, as two tabs are.
        static LOADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let load = LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let env = Env {
            wall_offset: 1_700_000_000_000.0,
            id_prefix: format!("load{load}"),
        };
        let mut h = Harness {
            chat: Chat::new(config(), stored, env),
            now: 1000,
            sent: Vec::new(),
            opens: 0,
            open: false,
        };
        h.chat.start(h.now);
        h.io();
        h
    }

    /// Carries out the client's transmits (the driver's job), and reports every frame drained.
    fn io(&mut self) {
        let mut sent_any = false;
        while let Some(t) = self.chat.client_mut().poll_transmit() {
            match t {
                Transmit::Open { .. } => self.opens += 1,
                Transmit::Send { text } => {
                    let v: Value = serde_json::from_str(&text).unwrap();
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
            self.chat.pump(self.now);
        }
        if sent_any {
            let now = self.now;
            self.chat.client_mut().handle_drained(now);
            self.chat.pump(now);
            self.io();
        }
    }

    fn socket_opens(&mut self) {
        self.open = true;
        let now = self.now;
        self.chat.client_mut().handle_open(now);
        self.chat.pump(now);
        self.io();
    }

    fn socket_drops(&mut self) {
        self.open = false;
        let now = self.now;
        self.chat.client_mut().handle_close(now, 1006);
        self.chat.pump(now);
        self.io();
    }

    fn receive(&mut self, frame: Value) {
        let now = self.now;
        self.chat.client_mut().handle_text(now, &frame.to_string());
        self.chat.pump(now);
        self.io();
    }

    fn advance_to_due(&mut self, due: Millis) {
        let ms = due.saturating_sub(self.now);
        self.advance(ms);
    }

    fn advance(&mut self, ms: Millis) {
        let end = self.now + ms;
        while let Some(at) = self.chat.poll_timeout().filter(|at| *at <= end) {
            self.now = self.now.max(at);
            self.chat.handle_timeout(self.now);
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

    fn entries(&self) -> Vec<(From, String, Option<Delivery>)> {
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

fn user(id: &str, text: &str, status: Delivery) -> Entry {
    Entry {
        id: id.into(),
        from: From::User,
        text: text.into(),
        at: 0.0,
        status: Some(status),
        image: None,
        error: None,
    }
}

#[test]
fn joins_with_the_token_and_asks_for_a_session() {
    let mut h = Harness::new(None);
    assert_eq!(h.opens, 1);
    assert_eq!(h.chat.status(), &Status::Connecting);
    h.socket_opens();
    let join = h.last("phx_join");
    assert_eq!(join.topic, format!("bot:{BOT}"));
    assert_eq!(join.payload, json!({"access_token": "token"}));
    h.reply(&join, "ok", json!({}));
    assert_eq!(h.chat.status(), &Status::Connected);
    assert_eq!(h.last("new_session").payload, json!({}));
    assert_eq!(h.chat.session(), None);
    h.reply(&h.last("new_session"), "ok", json!({"session": SESSION}));
    assert_eq!(h.chat.session(), Some(SESSION));
    let stored = Stored::decode(&h.chat.take_store().unwrap()).unwrap();
    assert_eq!(stored.session.as_deref(), Some(SESSION));
}

#[test]
fn sends_trimmed_text_and_marks_it_sent_when_the_frame_left() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.chat.send_text(h.now, "   ");
    assert!(h.chat.entries().is_empty(), "empty text is ignored");
    h.chat.send_text(h.now, "  hello bot \n");
    h.io();
    let utb = h.last("utb_msg");
    assert_eq!(
        utb.payload,
        json!({"session": SESSION, "text": "hello bot"})
    );
    assert_eq!(
        h.entries(),
        vec![(From::User, "hello bot".into(), Some(Delivery::Sent))]
    );
    assert!(h.chat.replying(h.now));
    // No reply ever comes to utb_msg: its push timeout is not a failure.
    h.advance(15_000);
    assert_eq!(h.entries()[0].2, Some(Delivery::Sent));
    assert!(
        !h.chat.replying(h.now),
        "the replying indicator gives up after 10 s"
    );
}

#[test]
fn shows_only_the_bot_messages_of_its_own_session() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.chat.send_text(h.now, "hi");
    h.io();
    h.btu(OTHER_SESSION, "for someone else");
    h.btu(SESSION, "first");
    h.btu(SESSION, "second");
    let bot: Vec<String> = h
        .entries()
        .into_iter()
        .filter(|e| e.0 == From::Bot)
        .map(|e| e.1)
        .collect();
    assert_eq!(bot, vec!["first", "second"]);
    assert!(
        !h.chat.replying(h.now),
        "an answer ends the replying indicator"
    );
    let at = h.chat.entries()[1].at;
    assert_eq!(
        at,
        1_700_000_000_000.0 + h.now as f64,
        "bubbles carry wall-clock time"
    );
}

#[test]
fn queues_messages_until_there_is_a_session_then_sends_them_in_order() {
    let mut h = Harness::new(None);
    h.chat.send_text(h.now, "one");
    h.chat.send_text(h.now, "two");
    h.io();
    assert_eq!(h.count("utb_msg"), 0);
    assert!(
        h.chat
            .entries()
            .iter()
            .all(|e| e.status == Some(Delivery::Queued))
    );
    // Queued messages survive a reload: they are in the store.
    let stored = Stored::decode(&h.chat.take_store().unwrap()).unwrap();
    assert_eq!(stored.entries.iter().filter(|e| e.is_queued()).count(), 2);
    h.ready(SESSION);
    let texts: Vec<Value> = h
        .sent
        .iter()
        .filter(|s| s.event == "utb_msg")
        .map(|s| s.payload["text"].clone())
        .collect();
    assert_eq!(texts, vec![json!("one"), json!("two")]);
    assert!(
        h.chat
            .entries()
            .iter()
            .all(|e| e.status == Some(Delivery::Sent))
    );
}

#[test]
fn resends_the_outbox_after_a_dropped_socket() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.socket_drops();
    assert!(matches!(h.chat.status(), Status::Reconnecting { .. }));
    h.chat.send_text(h.now, "while offline");
    h.io();
    assert_eq!(h.entries()[0].2, Some(Delivery::Queued));
    h.advance(20);
    assert_eq!(h.opens, 2, "reconnects on the phoenix.js schedule");
    h.join_ok();
    assert_eq!(
        h.count("new_session"),
        1,
        "the session is kept across reconnects"
    );
    assert_eq!(h.last("utb_msg").payload["text"], json!("while offline"));
    assert_eq!(h.entries()[0].2, Some(Delivery::Sent));
}

#[test]
fn a_restored_session_is_probed_with_put_data_and_kept_when_known() {
    let entries = vec![
        user("a", "earlier", Delivery::Sent),
        user("b", "pending", Delivery::Queued),
    ];
    let mut h = Harness::new(Some(stored(Some(SESSION), entries)));
    assert_eq!(h.chat.session(), Some(SESSION));
    h.join_ok();
    let probe = h.last("put_data");
    assert_eq!(probe.payload, json!({"session": SESSION, "data": {}}));
    assert_eq!(
        h.count("utb_msg"),
        0,
        "nothing goes out before the session is confirmed"
    );
    h.reply(&probe, "ok", json!({}));
    assert_eq!(h.count("new_session"), 0);
    assert_eq!(
        h.last("utb_msg").payload,
        json!({"session": SESSION, "text": "pending"})
    );
}

#[test]
fn a_stale_session_is_replaced_and_its_transcript_kept_above_a_divider() {
    let entries = vec![
        user("a", "earlier", Delivery::Sent),
        user("b", "pending", Delivery::Queued),
    ];
    let mut h = Harness::new(Some(stored(Some(SESSION), entries)));
    h.join_ok();
    let probe = h.last("put_data");
    // AIDA's channel crashes on an unknown session: phx_error instead of a reply.
    h.receive(json!([
        probe.join_ref,
        probe.join_ref,
        probe.topic,
        "phx_error",
        {}
    ]));
    assert_eq!(h.chat.session(), None);
    h.advance(1000); // phoenix.js rejoins after 1 s
    h.join_ok();
    h.reply(
        &h.last("new_session"),
        "ok",
        json!({"session": NEW_SESSION}),
    );
    assert_eq!(h.chat.session(), Some(NEW_SESSION));
    assert_eq!(
        h.last("utb_msg").payload,
        json!({"session": NEW_SESSION, "text": "pending"}),
        "pending messages go to the new session"
    );
    let froms: Vec<From> = h.entries().into_iter().map(|e| e.0).collect();
    assert_eq!(froms, vec![From::User, From::User, From::Divider]);
}

#[test]
fn a_probe_that_times_out_starts_a_new_session() {
    let mut h = Harness::new(Some(stored(Some(SESSION), vec![])));
    h.join_ok();
    assert_eq!(h.count("put_data"), 1);
    h.advance(10_000);
    assert_eq!(h.count("new_session"), 1);
    h.reply(
        &h.last("new_session"),
        "ok",
        json!({"session": NEW_SESSION}),
    );
    assert_eq!(h.chat.session(), Some(NEW_SESSION));
}

#[test]
fn unauthorized_stops_for_good_and_fails_the_queue() {
    let mut h = Harness::new(None);
    h.chat.send_text(h.now, "hello?");
    h.socket_opens();
    h.reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "unauthorized"}),
    );
    assert_eq!(h.chat.status(), &Status::Unauthorized);
    assert_eq!(h.entries()[0].2, Some(Delivery::Failed));
    h.chat.send_text(h.now, "and now?");
    let first = h.chat.entries()[0].id.clone();
    h.chat.retry(h.now, &first);
    assert!(
        h.chat
            .entries()
            .iter()
            .all(|e| e.status == Some(Delivery::Failed))
    );
    h.advance(60_000);
    assert_eq!(h.count("phx_join"), 1, "no rejoin after unauthorized");
    assert_eq!(h.chat.status(), &Status::Unauthorized);
}

#[test]
fn starting_retries_after_five_seconds() {
    let mut h = Harness::new(None);
    h.socket_opens();
    h.reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "starting", "retry": true}),
    );
    assert_eq!(h.chat.status(), &Status::Connecting);
    h.advance(STARTING_RETRY - 1);
    assert_eq!(h.count("phx_join"), 1);
    h.advance(1);
    assert_eq!(h.count("phx_join"), 2);
    h.reply(&h.last("phx_join"), "ok", json!({}));
    assert_eq!(h.chat.status(), &Status::Connected);
}

#[test]
fn retry_puts_a_failed_message_back_in_the_queue() {
    let entries = vec![user("a", "lost", Delivery::Failed)];
    let mut h = Harness::new(Some(stored(Some(SESSION), entries)));
    h.join_ok();
    h.reply(&h.last("put_data"), "ok", json!({}));
    assert_eq!(
        h.count("utb_msg"),
        0,
        "failed messages wait for the visitor"
    );
    h.chat.retry(h.now, "a");
    h.io();
    assert_eq!(h.last("utb_msg").payload["text"], json!("lost"));
    assert_eq!(h.entries()[0].2, Some(Delivery::Sent));
}

#[test]
fn user_data_goes_with_new_session() {
    let mut config = config();
    config.user_data.insert("first_name".into(), json!("Ada"));
    let env = Env {
        wall_offset: 0.0,
        id_prefix: "t".into(),
    };
    let mut chat = Chat::new(config, None, env);
    chat.start(0);
    let mut h = Harness {
        chat,
        now: 0,
        sent: vec![],
        opens: 0,
        open: false,
    };
    h.io();
    h.join_ok();
    assert_eq!(
        h.last("new_session").payload,
        json!({"data": {"first_name": "Ada"}})
    );
}

#[test]
fn new_conversation_deletes_the_session_and_starts_afresh() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.chat.send_text(h.now, "hi");
    h.io();
    h.btu(SESSION, "hello");
    h.chat.new_conversation(h.now);
    h.io();
    assert_eq!(
        h.last("delete_session").payload,
        json!({"session": SESSION})
    );
    let events = h.events();
    let delete_at = events.iter().position(|e| e == "delete_session").unwrap();
    assert_eq!(events[delete_at + 1], "new_session", "then a new session");
    assert!(h.chat.entries().is_empty());
    h.reply(
        &h.last("new_session"),
        "ok",
        json!({"session": NEW_SESSION}),
    );
    h.btu(SESSION, "late message of the old session");
    assert!(h.chat.entries().is_empty());
    assert_eq!(h.chat.session(), Some(NEW_SESSION));
}

const IMAGE: &str = "bbbbbbbb-2222-4333-8444-555555555555";

#[test]
fn a_picture_is_uploaded_to_the_session_then_sent_as_utb_img() {
    let mut h = Harness::new(None);
    let id = h.chat.attach_image(h.now);
    assert!(
        h.chat.take_uploads().is_empty(),
        "no upload before there is a session"
    );
    h.ready(SESSION);
    let uploads = h.chat.take_uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].entry, id);
    assert_eq!(
        uploads[0].url,
        format!("http://127.0.0.1:4000/content/image/{BOT}/{SESSION}")
    );
    h.chat.send_text(h.now, "after the picture");
    h.io();
    assert!(h.chat.take_uploads().is_empty(), "one upload per picture");
    assert_eq!(h.count("utb_img"), 0);
    h.chat.upload_finished(h.now, &id, Ok(IMAGE.to_uppercase()));
    h.io();
    assert_eq!(
        h.last("utb_img").payload,
        json!({"session": SESSION, "image": IMAGE})
    );
    assert_eq!(h.chat.entries()[0].status, Some(Delivery::Sent));
    assert_eq!(
        h.chat.image_url(IMAGE).unwrap(),
        format!("http://127.0.0.1:4000/content/image/{IMAGE}")
    );
    assert_eq!(h.chat.image_url("../../x"), None);
}

#[test]
fn a_failed_upload_is_marked_and_retried_on_request() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    let id = h.chat.attach_image(h.now);
    assert_eq!(h.chat.take_uploads().len(), 1);
    h.chat
        .upload_finished(h.now, &id, Err("The picture is too large.".into()));
    let entry = &h.chat.entries()[0];
    assert_eq!(entry.status, Some(Delivery::Failed));
    assert_eq!(entry.error.as_deref(), Some("The picture is too large."));
    h.chat.retry(h.now, &id);
    assert_eq!(h.chat.take_uploads().len(), 1, "retry uploads again");
    assert_eq!(h.chat.entries()[0].error, None);
    h.chat.upload_finished(h.now, &id, Ok("not-a-uuid".into()));
    assert_eq!(
        h.chat.entries()[0].status,
        Some(Delivery::Failed),
        "a non-UUID id is refused"
    );
    assert_eq!(h.count("utb_img"), 0);
}

#[test]
fn a_second_tab_shows_what_the_first_one_stored_and_sends_only_its_own() {
    let mut a = Harness::new(None);
    a.ready(SESSION);
    a.chat.send_text(a.now, "from tab A");
    a.io();
    a.btu(SESSION, "answer to A");
    let store_a = Stored::decode(&a.chat.take_store().unwrap()).unwrap();

    let mut b = Harness::new(Some(store_a.clone()));
    b.join_ok();
    b.reply(&b.last("put_data"), "ok", json!({}));
    b.chat.send_text(b.now, "from tab B");
    b.io();
    assert_eq!(b.count("utb_msg"), 1, "B sends only its own message");
    let store_b = Stored::decode(&b.chat.take_store().unwrap()).unwrap();

    // A queued message of tab A, seen by B through storage, is not B's to send.
    a.socket_drops();
    a.chat.send_text(a.now, "queued in A");
    b.chat.sync_from(
        b.now,
        Stored::decode(&a.chat.take_store().unwrap()).unwrap(),
    );
    b.io();
    assert_eq!(b.count("utb_msg"), 1);
    let texts: Vec<String> = b.entries().into_iter().map(|e| e.1).collect();
    assert_eq!(
        texts,
        vec!["from tab A", "answer to A", "from tab B", "queued in A"]
    );

    a.chat.sync_from(a.now, store_b);
    let texts: Vec<String> = a.entries().into_iter().map(|e| e.1).collect();
    assert!(
        texts.contains(&"from tab B".to_owned()),
        "A shows B's message: {texts:?}"
    );
}

#[test]
fn put_data_goes_out_with_a_session_and_joins_the_user_data() {
    let mut h = Harness::new(None);
    let mut data = serde_json::Map::new();
    data.insert("language".into(), json!("es"));
    h.chat.put_data(h.now, data.clone());
    h.io();
    assert_eq!(
        h.count("put_data"),
        0,
        "no session yet: it goes with new_session"
    );
    h.join_ok();
    assert_eq!(
        h.last("new_session").payload,
        json!({"data": {"language": "es"}})
    );
    h.reply(&h.last("new_session"), "ok", json!({"session": SESSION}));
    data.insert("first_name".into(), json!("Ada"));
    h.chat.put_data(h.now, data);
    h.io();
    assert_eq!(
        h.last("put_data").payload,
        json!({"session": SESSION, "data": {"language": "es", "first_name": "Ada"}})
    );
}

#[test]
fn a_server_that_forgot_the_session_mid_conversation_loses_no_message() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.chat.send_text(h.now, "answered");
    h.io();
    h.btu(SESSION, "You said: answered");
    // The server restarts without its data: the next message crashes the channel.
    h.chat.send_text(h.now, "lost?");
    h.io();
    assert_eq!(h.chat.entries()[2].status, Some(Delivery::Sent));
    let utb = h.last("utb_msg");
    h.receive(json!([
        utb.join_ref,
        utb.join_ref,
        utb.topic,
        "phx_error",
        {}
    ]));
    assert_eq!(
        h.chat.entries()[2].status,
        Some(Delivery::Queued),
        "sent again after recovery"
    );
    assert_eq!(
        h.chat.entries()[0].status,
        Some(Delivery::Sent),
        "the answered one is not"
    );
    h.advance(1000);
    h.join_ok();
    let probe = h.last("put_data");
    assert_eq!(probe.payload["session"], json!(SESSION));
    h.receive(json!([
        probe.join_ref,
        probe.join_ref,
        probe.topic,
        "phx_error",
        {}
    ]));
    h.advance(2000);
    h.join_ok();
    h.reply(
        &h.last("new_session"),
        "ok",
        json!({"session": NEW_SESSION}),
    );
    assert_eq!(
        h.last("utb_msg").payload,
        json!({"session": NEW_SESSION, "text": "lost?"})
    );
    assert_eq!(h.count("utb_msg"), 3);
    assert_eq!(h.chat.entries()[2].status, Some(Delivery::Sent));
}

#[test]
fn an_answer_before_the_drain_report_still_confirms_the_message() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.chat.send_text(h.now, "quick");
    // The answer arrives before the driver reports the socket drained.
    while let Some(t) = h.chat.client_mut().poll_transmit() {
        if let Transmit::Send { text } = t {
            assert!(text.contains("utb_msg"));
        }
    }
    h.btu(SESSION, "You said: quick");
    h.chat.client_mut().handle_drained(h.now);
    h.chat.pump(h.now);
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, format!("bot:{BOT}"), "phx_error", {}]));
    assert_eq!(
        h.chat.entries()[0].status,
        Some(Delivery::Sent),
        "not sent twice"
    );
}

#[test]
fn offline_is_told_and_online_reconnects_at_once() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.chat.set_online(h.now, false);
    assert_eq!(h.chat.status(), &Status::Offline);
    h.socket_drops();
    for _ in 0..10 {
        let due = h.chat.poll_timeout().unwrap();
        h.advance_to_due(due);
        h.chat.client_mut().handle_error(h.now);
        h.socket_drops();
    }
    assert_eq!(
        h.chat.status(),
        &Status::Offline,
        "no countdown while offline"
    );
    let opens = h.opens;
    h.chat.set_online(h.now, true);
    h.io();
    assert_eq!(
        h.opens,
        opens + 1,
        "reconnects without waiting for the backoff"
    );
    h.join_ok();
    assert_eq!(h.chat.status(), &Status::Connected);
}

#[test]
fn a_changed_entry_is_a_new_rc_and_an_unchanged_one_is_shared() {
    // The view holds the entries it drew, and skips a bubble whose entry is the same pointer.
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.btu(SESSION, "hello");
    h.chat.send_text(h.now, "hi");
    let drawn: Vec<Rc<Entry>> = h.chat.entries().to_vec();
    assert_eq!(drawn[1].status, Some(Delivery::Queued));
    h.io();
    let now = h.chat.entries();
    assert!(
        Rc::ptr_eq(&drawn[0], &now[0]),
        "the bot entry did not change"
    );
    assert!(!Rc::ptr_eq(&drawn[1], &now[1]));
    assert_eq!(now[1].status, Some(Delivery::Sent));
    assert_eq!(
        drawn[1].status,
        Some(Delivery::Queued),
        "what was drawn stays"
    );
}
