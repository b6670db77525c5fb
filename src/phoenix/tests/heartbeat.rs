//! D. Heartbeat: items 16-20.

use crate::json;

use super::*;

fn harness(interval: Millis) -> Harness {
    Harness::with(|c| c.heartbeat_interval = interval)
}

#[test]
fn item_17_18_20_first_heartbeat_one_interval_after_open_even_with_no_channel() {
    let mut h = harness(200);
    h.connect();
    h.now = 5;
    h.open();
    h.advance_to(204);
    assert!(h.sent("heartbeat").is_empty());
    h.advance_to(205);
    let hb = h.last("heartbeat");
    assert_eq!(
        (&hb.join_ref, &hb.topic, &hb.event, &hb.payload),
        (
            &Value::Null,
            &"phoenix".to_string(),
            &"heartbeat".to_string(),
            &json!({})
        )
    );
    assert!(hb.r#ref.is_string());
}

#[test]
fn item_16_17_any_message_with_the_ref_acks_and_the_next_goes_one_interval_after_it() {
    let mut h = harness(200);
    h.connected();
    h.advance_to(200);
    let hb = h.last("heartbeat");
    // An echo of the heartbeat frame itself is an ack: only the ref counts (item 16).
    h.now = 300;
    h.server(json!([null, hb.r#ref, "whatever", "echo", {}]));
    h.advance_to(499);
    assert_eq!(h.sent("heartbeat").len(), 1);
    h.advance_to(500);
    assert_eq!(h.sent("heartbeat").len(), 2, "one interval after the ack");
    assert!(h.closes().is_empty());
    // Another ref is no ack.
    let second = h.last("heartbeat");
    h.server(json!([null, "999", "phoenix", "phx_reply", {"status": "ok", "response": {}}]));
    assert!(second.ref_number() < 999);
    h.advance_to(700);
    assert_eq!(h.closes().len(), 1, "unanswered");
}

#[test]
fn item_19_no_ack_within_an_interval_closes_1000_errors_channels_and_reconnects() {
    let mut h = harness(100);
    let ch = h.joined("room:lobby");
    h.take_events();
    h.advance_to(100);
    assert_eq!(h.sent("heartbeat").len(), 1);
    h.advance_to(199);
    assert!(h.closes().is_empty());
    h.advance_to(200);
    assert_eq!(
        h.closes(),
        vec![(Some(1000), "heartbeat timeout".to_string())]
    );
    assert_eq!(
        h.take_events(),
        vec![
            Event::ChannelErrored {
                channel: ch,
                reason: ErrorReason::HeartbeatTimeout
            },
            Event::SocketClosed {
                code: 1000,
                reconnect_at: Some(360)
            },
        ]
    );
    assert_eq!(h.client.connection_state(), ConnectionState::Closing);
    h.connect();
    assert_eq!(h.opens().len(), 1, "the reconnect is already scheduled");
    // phoenix.js waits for the closed socket (its first 150 ms poll), then the 10 ms backoff.
    h.advance_to(359);
    assert_eq!(h.opens().len(), 1);
    h.advance_to(360);
    assert_eq!(h.opens().len(), 2);
    h.open();
    assert_eq!(h.sent("phx_join").len(), 2, "the channel rejoins on open");
}

#[test]
fn item_19_a_late_ack_after_a_close_starts_nothing() {
    let mut h = harness(100);
    h.connected();
    h.advance_to(100);
    let hb = h.last("heartbeat");
    h.close(1006);
    h.server(json!([null, hb.r#ref, "phoenix", "phx_reply", {"status": "ok", "response": {}}]));
    h.advance(10);
    h.advance(1000);
    assert_eq!(
        h.sent("heartbeat").len(),
        1,
        "no heartbeat over a closed socket"
    );
}

#[test]
fn item_19_35_an_error_without_a_close_is_recovered_by_the_heartbeat_timeout() {
    // A browser always follows an error with a close; if a driver missed it, the heartbeat,
    // which an error does not stop, still recovers the socket, as in phoenix.js.
    let mut h = harness(100);
    let ch = h.joined("room:lobby");
    h.error();
    h.advance_to(100);
    assert!(
        h.sent("heartbeat").is_empty(),
        "the socket is closed: the heartbeat waits"
    );
    h.take_events();
    h.advance_to(200);
    assert_eq!(
        h.closes(),
        vec![(Some(1000), "heartbeat timeout".to_string())]
    );
    assert!(
        h.take_events().is_empty(),
        "the socket was closed already: no close to report, no wait"
    );
    h.advance_to(209);
    assert_eq!(h.opens().len(), 1);
    h.advance_to(210);
    h.open();
    let sent: Vec<String> = h.frames().into_iter().skip(1).map(|s| s.event).collect();
    assert_eq!(
        sent,
        vec!["heartbeat", "phx_join"],
        "the waiting heartbeat, then the rejoin"
    );
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joining));
}

#[test]
fn item_19_connect_waits_for_the_closed_socket_then_goes_ahead_of_the_backoff() {
    // phoenix.js keeps the closed socket while it waits for it to close (connect does
    // nothing), then drops it and arms the 10 ms reconnect, which a connect then overtakes.
    let mut h = harness(100);
    h.joined("room:lobby");
    h.advance_to(200);
    h.advance_to(349);
    h.connect();
    assert_eq!(h.opens().len(), 1);
    assert_eq!(h.client.connection_state(), ConnectionState::Closing);
    h.advance_to(350);
    assert_eq!(h.client.connection_state(), ConnectionState::Closed);
    h.connect();
    assert_eq!(h.opens().len(), 2);
    h.advance_to(400);
    assert_eq!(h.opens().len(), 2, "the pending reconnect was cancelled");
}
