//! The session's lifecycle: created, restored and probed, replaced when stale, deleted.

use super::*;

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
fn with_a_greeting_the_session_waits_for_the_visitors_first_message() {
    let mut config = config();
    config.greeting = Some("Hello! Ask me anything.".into());
    let mut h = Harness::configured(config, None);
    h.join_ok();
    h.advance(10_000);
    assert_eq!(
        h.count("new_session"),
        0,
        "nobody wrote: AIDA hears nothing"
    );
    assert_eq!(
        h.chat.entries().len(),
        0,
        "the greeting is the widget's, not an entry"
    );
    h.input(Input::NewConversation);
    h.io();
    assert_eq!(
        h.count("new_session"),
        0,
        "a fresh start has nothing to send either"
    );
    h.say("hi");
    assert_eq!(h.count("utb_msg"), 0);
    h.reply(&h.last("new_session"), "ok", json!({"session": SESSION}));
    assert_eq!(
        h.last("utb_msg").payload,
        json!({"session": SESSION, "text": "hi"})
    );
}

#[test]
fn a_restored_session_is_probed_with_put_data_and_kept_when_known() {
    let mut h = Harness::new(Some(earlier_and_pending()));
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
    let mut h = Harness::new(Some(earlier_and_pending()));
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
    let froms: Vec<Author> = h.entries().into_iter().map(|e| e.0).collect();
    assert_eq!(froms, vec![Author::User, Author::User, Author::Divider]);
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
fn user_data_goes_with_new_session() {
    let mut config = config();
    config.user_data.insert("first_name".into(), json!("Ada"));
    let mut h = Harness::configured(config, None);
    h.join_ok();
    assert_eq!(
        h.last("new_session").payload,
        json!({"data": {"first_name": "Ada"}})
    );
}

#[test]
fn put_data_goes_out_with_a_session_and_joins_the_user_data() {
    let mut h = Harness::new(None);
    let mut data = crate::json::Map::new();
    data.insert("language".into(), json!("es"));
    h.input(Input::PutData(data.clone()));
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
    h.input(Input::PutData(data));
    h.io();
    assert_eq!(
        h.last("put_data").payload,
        json!({"session": SESSION, "data": {"language": "es", "first_name": "Ada"}})
    );
}

#[test]
fn new_conversation_deletes_the_session_and_starts_afresh() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.say("hi");
    h.btu(SESSION, "hello");
    h.input(Input::NewConversation);
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

#[test]
fn the_visitor_s_language_goes_with_new_session_unless_the_user_data_has_one() {
    let mut config = config();
    config.language = Some("es".into());
    let env = || Env {
        wall_offset: 0.0,
        id_prefix: "t".into(),
    };
    let mut h = Harness::with(Chat::new(config.clone(), None, env()), 0);
    h.input(Input::Start);
    h.io();
    h.ready(SESSION);
    assert_eq!(
        h.last("new_session").payload,
        json!({"data": {"language": "es"}})
    );
    config.user_data.insert("language".into(), json!("fr"));
    let mut h = Harness::with(Chat::new(config, None, env()), 0);
    h.input(Input::Start);
    h.io();
    h.join_ok();
    assert_eq!(
        h.last("new_session").payload,
        json!({"data": {"language": "fr"}}),
        "the integrator's language wins"
    );
}

#[test]
fn a_new_language_is_put_to_the_live_session_and_a_probe_does_not_overwrite_it() {
    let mut config = config();
    config.language = Some("en".into());
    let env = Env {
        wall_offset: 0.0,
        id_prefix: "t".into(),
    };
    let mut h = Harness::with(Chat::new(config, Some(earlier_and_pending()), env), 0);
    h.input(Input::Start);
    h.io();
    h.join_ok();
    assert_eq!(
        h.last("put_data").payload,
        json!({"session": SESSION, "data": {}}),
        "the probe carries the user data only"
    );
    h.reply(&h.last("put_data"), "ok", json!({}));
    h.input(Input::Language("fr".into()));
    h.io();
    assert_eq!(
        h.last("put_data").payload,
        json!({"session": SESSION, "data": {"language": "fr"}})
    );
}
