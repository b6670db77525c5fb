//! Delivery: every message the visitor writes is sent once, in order, or visibly failed.

use super::*;

#[test]
fn sends_trimmed_text_and_marks_it_sent_when_the_frame_left() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.input(Input::Send("   "));
    assert!(h.chat.entries().is_empty(), "empty text is ignored");
    h.say("  hello bot \n");
    let utb = h.last("utb_msg");
    assert_eq!(
        utb.payload,
        json!({"session": SESSION, "text": "hello bot"})
    );
    assert_eq!(
        h.entries(),
        vec![(Author::User, "hello bot".into(), Some(Delivery::Sent))]
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
fn queues_messages_until_there_is_a_session_then_sends_them_in_order() {
    let mut h = Harness::new(None);
    h.input(Input::Send("one"));
    h.say("two");
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
    h.say("while offline");
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
    h.input(Input::Retry("a"));
    h.io();
    assert_eq!(h.last("utb_msg").payload["text"], json!("lost"));
    assert_eq!(h.entries()[0].2, Some(Delivery::Sent));
}

#[test]
fn a_server_that_forgot_the_session_mid_conversation_loses_no_message() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.say("answered");
    h.btu(SESSION, "You said: answered");
    // The server restarts without its data: the next message crashes the channel.
    h.say("lost?");
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
    h.input(Input::Send("quick"));
    // The answer arrives before the driver reports the socket drained.
    while let Some(t) = h.chat.poll_transmit() {
        if let Transmit::Send { text } = t {
            assert!(text.contains("utb_msg"));
        }
    }
    h.btu(SESSION, "You said: quick");
    h.input(Input::Socket(SocketEvent::Drained));
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, format!("bot:{BOT}"), "phx_error", {}]));
    assert_eq!(
        h.chat.entries()[0].status,
        Some(Delivery::Sent),
        "not sent twice"
    );
}
