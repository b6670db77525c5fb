//! The connection as the visitor hears of it: refused, starting, offline.

use super::*;

#[test]
fn unauthorized_stops_for_good_and_fails_the_queue() {
    let mut h = Harness::new(None);
    h.input(Input::Send("hello?"));
    h.socket_opens();
    h.reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "unauthorized"}),
    );
    assert_eq!(h.chat.status(), &Status::Unauthorized);
    assert_eq!(h.entries()[0].2, Some(Delivery::Failed));
    h.input(Input::Send("and now?"));
    let first = h.chat.entries()[0].id.clone();
    h.input(Input::Retry(&first));
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
fn offline_is_told_and_online_reconnects_at_once() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.input(Input::Online(false));
    assert_eq!(h.chat.status(), &Status::Offline);
    h.socket_drops();
    for _ in 0..10 {
        let due = h.chat.poll_timeout().unwrap();
        h.advance_to_due(due);
        h.input(Input::Socket(SocketEvent::Errored));
        h.socket_drops();
    }
    assert_eq!(
        h.chat.status(),
        &Status::Offline,
        "no countdown while offline"
    );
    let opens = h.opens;
    h.input(Input::Online(true));
    h.io();
    assert_eq!(
        h.opens,
        opens + 1,
        "reconnects without waiting for the backoff"
    );
    h.join_ok();
    assert_eq!(h.chat.status(), &Status::Connected);
}
