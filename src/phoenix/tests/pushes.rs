//! Pushes and buffers (items 38-41), and what this client adds: `PushSent`, `PushAbandoned`,
//! `abandon`, `rejoin_at`.

use crate::json;

use super::*;

#[test]
fn item_38_a_push_buffered_before_the_join_times_out_without_ever_being_sent() {
    let mut h = Harness::new();
    h.connect();
    let ch = h.channel("room:lobby");
    h.join(ch);
    let p = h.push_with(ch, "early", Some(3000));
    h.open();
    h.advance(3000);
    assert_eq!(
        h.take_events(),
        vec![Event::SocketOpened, Event::PushTimedOut { push: p }]
    );
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    assert!(
        h.sent("early").is_empty(),
        "skipped when the buffer flushes"
    );
}

#[test]
fn item_38_41_pushes_made_while_errored_or_offline_go_out_after_the_rejoin() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {}]));
    h.push(ch, "while_errored");
    h.advance(1000);
    assert!(h.sent("while_errored").is_empty());
    let rejoin = h.last("phx_join");
    h.server_reply(&rejoin, "ok", json!({}));
    assert_eq!(h.last("while_errored").join_ref, rejoin.join_ref);
    // Offline: the socket drops, the push waits for the reconnect and the rejoin (item 41).
    h.close(1006);
    h.push(ch, "offline");
    h.advance(10);
    h.open();
    assert!(
        h.sent("offline").is_empty(),
        "not before the rejoin is answered"
    );
    let rejoin = h.last("phx_join");
    h.server_reply(&rejoin, "ok", json!({}));
    let sent: Vec<String> = h.frames().into_iter().map(|s| s.event).collect();
    assert_eq!(
        sent,
        vec![
            "phx_join",
            "phx_join",
            "while_errored",
            "phx_join",
            "offline"
        ]
    );
    assert_eq!(h.last("offline").join_ref, rejoin.join_ref);
}

#[test]
fn item_39_only_the_new_join_goes_out_after_an_offline_spell() {
    // The [RUN] "offline" scenario: the server refuses for 700 ms; 1.8.16 sends only the new
    // join, not the stale one buffered before.
    let mut h = Harness::new();
    h.connect();
    let ch = h.channel("room:lobby");
    h.join(ch);
    let stale = h.client.join_ref(ch).map(str::to_owned);
    h.refuse();
    while h.now < 700 {
        h.advance_to(h.client.poll_timeout().unwrap());
        h.refuse();
    }
    h.advance_to(h.client.poll_timeout().unwrap());
    h.open();
    let joins = h.sent("phx_join");
    assert_eq!(joins.len(), 1, "{joins:?}");
    assert_ne!(joins[0].join_ref, json!(stale));
    assert_eq!(h.client.join_ref(ch), joins[0].join_ref.as_str());
}

#[test]
fn item_40_pushes_in_flight_when_the_socket_drops_time_out_at_their_deadline() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let p = h.push_with(ch, "in_flight", Some(1500));
    h.close(1006);
    h.advance(10);
    h.open();
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    assert_eq!(h.sent("in_flight").len(), 1, "neither resent");
    h.take_events();
    h.advance_to(1499);
    assert!(h.take_events().is_empty(), "nor failed");
    h.advance_to(1500);
    assert_eq!(h.take_events(), vec![Event::PushTimedOut { push: p }]);
}

#[test]
fn push_sent_once_the_socket_drained_and_before_the_reply() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let p = h.push(ch, "say");
    h.take_events();
    h.drained();
    assert_eq!(h.take_all_events(), vec![Event::PushSent { push: p }]);
    h.drained();
    assert!(h.take_all_events().is_empty(), "once");
    // A reply before the drain report: the push evidently left.
    let q = h.push(ch, "say");
    h.server_reply(&h.last("say"), "ok", json!({}));
    h.drained();
    assert_eq!(
        h.take_all_events(),
        vec![
            Event::PushSent { push: q },
            Event::Reply {
                push: q,
                status: "ok".into(),
                response: Payload::Json(json!({}))
            },
        ]
    );
}

#[test]
fn push_sent_counts_from_when_the_driver_takes_the_frame() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.take_events();
    let p = h.client.push(h.now, ch, "say", json!({}), None);
    // The driver reports a drain for earlier frames before it took this one.
    h.client.handle_drained(h.now);
    assert_eq!(h.client.poll_event(), None);
    h.io();
    h.drained();
    assert_eq!(h.take_all_events(), vec![Event::PushSent { push: p }]);
}

#[test]
fn push_sent_never_for_a_frame_lost_with_its_socket() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let p = h.push(ch, "say");
    h.close(1006);
    h.advance(10);
    h.open();
    h.drained();
    assert!(!h.events.contains(&Event::PushSent { push: p }));
    // Nor for one taken by the driver just before the client closed the socket.
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let q = h.client.push(h.now, ch, "say", json!({}), None);
    h.client.disconnect(h.now, None, None);
    h.io();
    assert_eq!(h.sent("say").len(), 1, "sent before the close");
    h.connect();
    h.open();
    h.drained();
    assert!(!h.events.contains(&Event::PushSent { push: q }));
}

#[test]
fn a_push_on_a_channel_never_joined_or_gone_is_abandoned_at_once() {
    let mut h = Harness::new();
    h.connected();
    h.take_events();
    let ch = h.channel("room:lobby");
    let p = h.push(ch, "early");
    assert_eq!(h.take_events(), vec![Event::PushAbandoned { push: p }]);
    h.join(ch);
    h.leave(ch);
    h.take_events();
    let q = h.push(ch, "late");
    assert_eq!(h.take_events(), vec![Event::PushAbandoned { push: q }]);
    assert!(h.sent("early").is_empty() && h.sent("late").is_empty());
}

#[test]
fn item_36_37_leaving_or_a_server_close_abandons_the_pushes_waiting_for_a_join() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.close(1006);
    let waiting = h.push(ch, "waiting");
    h.take_events();
    h.leave(ch);
    assert_eq!(
        h.take_events(),
        vec![
            Event::ChannelClosed { channel: ch },
            Event::PushAbandoned { push: waiting },
        ]
    );
    h.advance(60_000);
    assert!(
        h.take_events()
            .iter()
            .all(|e| !matches!(e, Event::PushTimedOut { .. }))
    );
    // The server closes an errored channel while a push waits for its rejoin.
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {}]));
    let waiting = h.push(ch, "waiting");
    h.take_events();
    h.server(json!([null, null, "room:lobby", "phx_close", {}]));
    assert_eq!(
        h.take_events(),
        vec![
            Event::ChannelClosed { channel: ch },
            Event::PushAbandoned { push: waiting },
        ]
    );
    h.advance(60_000);
    assert_eq!(h.sent("phx_join").len(), 1, "no rejoin either");
}

#[test]
fn abandon_stops_rejoining_and_abandons_waiting_pushes_sending_nothing() {
    let mut h = Harness::new();
    h.connected();
    let ch = h.channel("bot:x");
    h.join(ch);
    let p = h.push(ch, "new_session");
    h.server_reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "unauthorized"}),
    );
    let frames = h.frames().len();
    h.take_events();
    h.client.abandon(ch);
    h.io();
    assert_eq!(h.take_events(), vec![Event::PushAbandoned { push: p }]);
    assert_eq!(h.client.channel_state(ch), None);
    h.advance(60_000);
    assert_eq!(
        h.frames().iter().filter(|s| s.topic == "bot:x").count(),
        frames
    );
    assert!(
        h.take_events()
            .iter()
            .all(|e| !matches!(e, Event::PushTimedOut { .. }))
    );
}

#[test]
fn rejoin_at_moves_the_next_rejoin_of_an_errored_channel() {
    let mut h = Harness::new();
    h.connected();
    let ch = h.channel("bot:x");
    h.join(ch);
    h.server_reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "starting", "retry": true}),
    );
    h.client.rejoin_at(ch, h.now + 5000);
    assert_eq!(h.client.poll_timeout(), Some(h.now + 5000));
    h.advance(4999);
    assert_eq!(h.sent("phx_join").len(), 1);
    h.advance(1);
    assert_eq!(h.sent("phx_join").len(), 2);
    // Not for a channel that is not errored.
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    h.client.rejoin_at(ch, h.now + 10);
    h.advance(60_000);
    assert_eq!(h.sent("phx_join").len(), 2);
}
