//! F. Channel states and lifecycle: items 27-37.

use crate::json;

use super::*;

#[test]
fn item_27_states_closed_joining_joined_errored_and_gone() {
    let mut h = Harness::new();
    h.connect();
    let ch = h.channel("room:lobby");
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Closed));
    assert_eq!(h.client.join_ref(ch), None);
    h.join(ch);
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joining));
    h.open();
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joined));
    h.close(1006);
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Errored));
    h.leave(ch);
    assert_eq!(h.client.channel_state(ch), None, "left: closed and removed");
}

#[test]
fn item_28_32_the_join_timeout_starts_at_join_even_before_the_socket_opens() {
    let mut h = Harness::with(|c| c.timeout = 500);
    let ch = h.channel("room:lobby");
    h.now = 18;
    h.join(ch);
    h.connect();
    h.advance_to(517);
    assert!(h.events.is_empty());
    h.advance_to(518);
    assert_eq!(h.take_events(), vec![Event::JoinTimedOut { channel: ch }]);
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Errored));
    assert_eq!(
        h.client.poll_timeout(),
        None,
        "no rejoin timer while offline"
    );
    // On open the stale join and its leave are dropped (item 39) and the channel rejoins.
    h.open();
    let frames: Vec<(String, Value)> = h
        .frames()
        .into_iter()
        .map(|s| (s.event, s.join_ref))
        .collect();
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert_eq!(frames[0].0, "phx_join");
}

#[test]
fn item_28_31_32_join_timeout_leaves_with_the_old_join_ref_errors_and_rejoins() {
    // The [RUN] of item 32: join at 18, timeout and leave at 518, rejoin 1 s later,
    // timeout again, rejoin 2 s later.
    let mut h = Harness::with(|c| c.timeout = 500);
    h.connected();
    let ch = h.channel("room:lobby");
    h.now = 18;
    h.join(ch);
    let first = h.last("phx_join");
    h.advance_to(517);
    assert!(h.sent("phx_leave").is_empty());
    h.advance_to(518);
    let leave = h.last("phx_leave");
    assert_eq!(
        leave.join_ref, first.join_ref,
        "the leave carries the timed-out join_ref"
    );
    assert!(leave.ref_number() > first.ref_number());
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Errored));
    assert_eq!(h.client.join_ref(ch), None, "the join push was reset");
    h.server_reply(&first, "ok", json!({}));
    assert_eq!(
        h.client.channel_state(ch),
        Some(ChannelState::Errored),
        "a late join reply is ignored"
    );
    h.advance_to(1517);
    assert_eq!(h.sent("phx_join").len(), 1);
    h.advance_to(1518);
    assert_eq!(h.sent("phx_join").len(), 2, "rejoin 1 s after the timeout");
    h.advance_to(2018);
    assert_eq!(h.sent("phx_leave").len(), 2);
    h.advance_to(4017);
    assert_eq!(h.sent("phx_join").len(), 2);
    h.advance_to(4018);
    assert_eq!(
        h.sent("phx_join").len(),
        3,
        "then 2 s after the next timeout"
    );
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joined));
}

#[test]
fn item_28_join_params_are_read_on_every_rejoin_and_join_works_once() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.client.set_join_params(ch, json!({"token": "new"}));
    h.join(ch);
    assert_eq!(h.sent("phx_join").len(), 1, "a second join is ignored");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {}]));
    h.advance(1000);
    assert_eq!(h.last("phx_join").payload, json!({"token": "new"}));
}

#[test]
fn item_28_the_join_timeout_is_the_default_push_timeout() {
    let mut h = Harness::with(|c| c.timeout = 700);
    let ch = h.joined("room:lobby");
    let p = h.push(ch, "evt");
    h.advance(699);
    assert!(!h.events.contains(&Event::PushTimedOut { push: p }));
    h.advance(1);
    assert!(h.events.contains(&Event::PushTimedOut { push: p }));
}

#[test]
fn item_29_joining_a_topic_open_on_another_channel_leaves_that_one_first() {
    let mut h = Harness::new();
    let a = h.joined("room:lobby");
    h.take_events();
    let b = h.channel("room:lobby");
    h.join(b);
    let events: Vec<(String, String)> = h
        .frames()
        .into_iter()
        .map(|s| (s.event, s.join_ref.to_string()))
        .collect();
    assert_eq!(
        events,
        vec![
            ("phx_join".into(), "\"1\"".into()),
            ("phx_leave".into(), "\"1\"".into()),
            ("phx_join".into(), "\"3\"".into()),
        ]
    );
    assert_eq!(h.take_events(), vec![Event::ChannelClosed { channel: a }]);
    assert_eq!(h.client.channel_state(a), None);
    assert_eq!(h.client.channel_state(b), Some(ChannelState::Joining));
    // A closed (never joined) instance on the topic is left alone.
    let c = h.channel("room:other");
    let d = h.channel("room:other");
    h.join(d);
    assert_eq!(h.client.channel_state(c), Some(ChannelState::Closed));
}

#[test]
fn item_30_join_ok_joins_resets_the_rejoin_tries_and_flushes_the_buffer() {
    let mut h = Harness::new();
    h.connect();
    let ch = h.channel("room:lobby");
    h.join(ch);
    h.push(ch, "early");
    h.open();
    assert!(h.sent("early").is_empty(), "pushes wait for the join");
    // One failed join first, so that the reset of the tries shows.
    h.server_reply(&h.last("phx_join"), "error", json!({}));
    h.advance(1000);
    h.take_events();
    h.server_reply(&h.last("phx_join"), "ok", json!({"welcome": true}));
    assert_eq!(
        h.take_events(),
        vec![Event::Joined {
            channel: ch,
            response: json!({"welcome": true})
        }]
    );
    assert_eq!(h.sent("early").len(), 1);
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {}]));
    h.advance(999);
    assert_eq!(h.sent("phx_join").len(), 2);
    h.advance(1);
    assert_eq!(h.sent("phx_join").len(), 3, "1 s again: tries were reset");
}

#[test]
fn item_31_42_a_refused_join_is_retried_forever_at_1_2_5_then_10_s() {
    let mut h = Harness::new();
    h.connected();
    let ch = h.channel("room:nope");
    h.join(ch);
    let mut times = vec![];
    for _ in 0..6 {
        // The server's "unmatched topic" reply carries join_ref null (item 42).
        let join = h.last("phx_join");
        h.server(json!([null, join.r#ref, "room:nope", "phx_reply",
            {"status": "error", "response": {"reason": "unmatched topic"}}]));
        let n = h.sent("phx_join").len();
        while h.sent("phx_join").len() == n {
            h.advance(1);
        }
        times.push(h.now);
    }
    let gaps: Vec<Millis> = std::iter::once(times[0])
        .chain(times.windows(2).map(|w| w[1] - w[0]))
        .collect();
    assert_eq!(gaps, vec![1000, 2000, 5000, 10_000, 10_000, 10_000]);
    assert!(h.events.contains(&Event::JoinFailed {
        channel: ch,
        response: json!({"reason": "unmatched topic"})
    }));
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joining));
}

#[test]
fn item_31_a_join_error_schedules_no_rejoin_timer_when_the_socket_is_down_by_then() {
    // The error hook only schedules over an open socket; otherwise the open rejoins.
    let mut h = Harness::new();
    h.connected();
    let ch = h.channel("room:lobby");
    h.join(ch);
    let join = h.last("phx_join");
    h.server_reply(&join, "error", json!({}));
    h.close(1006);
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Errored));
    h.advance(10);
    h.advance(5000);
    assert_eq!(
        h.sent("phx_join").len(),
        1,
        "no rejoin over a closed socket"
    );
    h.open();
    assert_eq!(h.sent("phx_join").len(), 2);
}

#[test]
fn item_32_a_timeout_status_in_a_join_reply_acts_as_a_timeout() {
    // push.js runs the hooks of whatever status arrives, the channel's timeout hook included.
    let mut h = Harness::new();
    h.connected();
    h.take_events();
    let ch = h.channel("room:lobby");
    h.join(ch);
    h.server_reply(&h.last("phx_join"), "timeout", json!({}));
    assert_eq!(h.take_events(), vec![Event::JoinTimedOut { channel: ch }]);
    assert_eq!(h.sent("phx_leave").len(), 1);
    // Any other status settles the join push and changes nothing else.
    let mut h = Harness::new();
    h.connected();
    let ch = h.channel("room:lobby");
    h.join(ch);
    h.server_reply(&h.last("phx_join"), "weird", json!({}));
    h.advance(29_000);
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joining));
    assert_eq!(h.sent("phx_join").len(), 1);
}

#[test]
fn item_33_phx_error_errors_the_channel_and_rejoins_after_a_second_with_a_new_join_ref() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.take_events();
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {"reason": "channel_crash"}]));
    assert_eq!(
        h.take_events(),
        vec![Event::ChannelErrored {
            channel: ch,
            reason: ErrorReason::ChannelCrash
        }]
    );
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Errored));
    h.advance(999);
    assert_eq!(h.sent("phx_join").len(), 1);
    h.advance(1);
    assert_eq!(h.sent("phx_join").len(), 2);
    assert_ne!(h.last("phx_join").join_ref, jr);
}

#[test]
fn item_33_phx_error_while_joining_resets_the_join() {
    let mut h = Harness::new();
    h.connected();
    let ch = h.channel("room:lobby");
    h.join(ch);
    let join = h.last("phx_join");
    h.server(json!([null, null, "room:lobby", "phx_error", {}]));
    assert_eq!(h.client.join_ref(ch), None);
    h.server_reply(&join, "ok", json!({}));
    assert_eq!(
        h.client.channel_state(ch),
        Some(ChannelState::Errored),
        "the reply to the reset join is ignored"
    );
    h.advance(10_000);
    assert!(
        !h.events.contains(&Event::JoinTimedOut { channel: ch }),
        "nor does it time out"
    );
}

#[test]
fn item_34_the_rejoin_timer_rejoins_only_over_an_open_socket() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {}]));
    // The socket goes down before the rejoin is due, and reconnecting fails for a while.
    h.advance(500);
    h.close(1006);
    while h.now < 1500 {
        h.advance_to(h.client.poll_timeout().unwrap());
        h.refuse();
    }
    assert_eq!(h.sent("phx_join").len(), 1, "no join into the void");
    h.advance_to(h.client.poll_timeout().unwrap());
    h.open();
    assert_eq!(h.sent("phx_join").len(), 2, "rejoined at once on open");
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joining));
}

#[test]
fn item_34_a_socket_error_cancels_a_pending_rejoin_until_the_next_open() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {}]));
    h.advance(1000);
    h.server_reply(&h.last("phx_join"), "error", json!({}));
    assert_eq!(
        h.client.poll_timeout(),
        Some(h.now + 2000),
        "the second try waits 2 s"
    );
    // An error on the socket resets every rejoin timer; the errored channel is not errored
    // again, so nothing rejoins it until the socket opens.
    h.error();
    assert!(!h.events.contains(&Event::ChannelErrored {
        channel: ch,
        reason: ErrorReason::ConnectionError
    }));
    assert_eq!(
        h.client.poll_timeout(),
        Some(30_000),
        "only the heartbeat is left"
    );
    h.close(1006);
    h.advance(5);
    assert_eq!(h.sent("phx_join").len(), 2);
    h.advance(5);
    h.open();
    assert_eq!(h.sent("phx_join").len(), 3, "rejoined on open");
    h.server_reply(&h.last("phx_join"), "error", json!({}));
    assert_eq!(
        h.client.poll_timeout(),
        Some(h.now + 1000),
        "the open reset the tries"
    );
}

#[test]
fn item_35_transport_errors_skip_channels_already_errored_leaving_or_closed() {
    let mut h = Harness::new();
    let joined = h.joined("room:a");
    let errored = h.joined("room:b");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:b", "phx_error", {}]));
    let idle = h.channel("room:c");
    h.take_events();
    h.close(1006);
    assert_eq!(
        h.take_events(),
        vec![
            Event::ChannelErrored {
                channel: joined,
                reason: ErrorReason::ConnectionClosed
            },
            Event::SocketClosed {
                code: 1006,
                reconnect_at: Some(h.now + 10)
            },
        ]
    );
    assert_eq!(h.client.channel_state(errored), Some(ChannelState::Errored));
    assert_eq!(h.client.channel_state(idle), Some(ChannelState::Closed));
}

#[test]
fn item_35_a_close_after_an_error_errors_only_channels_joined_over_that_socket() {
    // socket.js:704-706: once errored, a socket's close only errors the joins it carried; a
    // channel joined in between (its join buffered for the next socket) keeps joining.
    let mut h = Harness::new();
    h.joined("room:a");
    h.error();
    let late = h.channel("room:late");
    h.join(late);
    h.take_events();
    h.close(1006);
    assert_eq!(
        h.take_events(),
        vec![Event::SocketClosed {
            code: 1006,
            reconnect_at: Some(h.now + 10)
        }]
    );
    assert_eq!(h.client.channel_state(late), Some(ChannelState::Joining));
    let join_ref = h.client.join_ref(late).map(str::to_owned);
    h.advance(10);
    h.open();
    let sent: Vec<Sent> = h
        .sent("phx_join")
        .into_iter()
        .filter(|s| s.topic == "room:late")
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].join_ref,
        json!(join_ref),
        "its buffered join goes out on the next socket"
    );
}

#[test]
fn item_36_phx_close_removes_the_channel_for_good() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.take_events();
    h.server(json!([jr, jr, "room:lobby", "phx_close", {}]));
    assert_eq!(h.take_events(), vec![Event::ChannelClosed { channel: ch }]);
    assert_eq!(h.client.channel_state(ch), None);
    h.close(1006);
    h.advance(10);
    h.open();
    h.advance(60_000);
    assert_eq!(h.sent("phx_join").len(), 1, "never rejoins");
}

#[test]
fn item_37_leave_resolves_locally_at_once() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.take_events();
    h.leave(ch);
    assert_eq!(h.take_events(), vec![Event::ChannelClosed { channel: ch }]);
    let leave = h.last("phx_leave");
    assert_eq!(leave.join_ref, h.last("phx_join").join_ref);
    assert_eq!(h.client.channel_state(ch), None);
    // The server's reply and phx_close come later and are dropped.
    h.server_reply(&leave, "ok", json!({}));
    h.server(json!([
        leave.join_ref,
        leave.join_ref,
        "room:lobby",
        "phx_close",
        {}
    ]));
    assert!(h.take_events().is_empty());
    h.leave(ch);
    assert_eq!(h.sent("phx_leave").len(), 1, "leaving twice does nothing");
}

#[test]
fn item_37_39_leave_while_offline_sends_nothing_later() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.close(1006);
    h.leave(ch);
    assert_eq!(h.events.last(), Some(&Event::ChannelClosed { channel: ch }));
    h.advance(10);
    h.open();
    assert!(
        h.sent("phx_leave").is_empty(),
        "the buffered leave is dropped"
    );
    assert_eq!(h.sent("phx_join").len(), 1, "and nothing rejoins");
}
