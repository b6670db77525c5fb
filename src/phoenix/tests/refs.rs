//! C. Refs, join_ref, reply matching: items 11-15.

use crate::json;

use super::frames::message;
use super::*;

#[test]
fn item_11_one_counter_from_1_never_reset_across_reconnects() {
    let mut h = Harness::new();
    h.joined("room:lobby");
    assert_eq!(
        h.last("phx_join").r#ref,
        json!("1"),
        "no refs spent on callbacks"
    );
    let before = h.last("phx_join").ref_number();
    h.close(1006);
    h.advance(10);
    h.open();
    assert!(h.last("phx_join").ref_number() > before, "not reset");
    let refs: Vec<u64> = h.frames().iter().map(Sent::ref_number).collect();
    assert!(refs.windows(2).all(|w| w[0] < w[1]), "{refs:?}");
}

#[test]
fn item_12_38_a_buffered_push_is_sent_with_a_fresh_ref_and_a_full_new_timeout() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "room:lobby", "phx_error", {}]));
    let pushed_at = h.now;
    let p = h.push_with(ch, "while_errored", Some(5000));
    let buffered_ref = h.client.last_ref;
    h.advance(1000);
    let rejoin = h.last("phx_join");
    assert!(rejoin.ref_number() > buffered_ref);
    h.advance(400);
    h.server_reply(&rejoin, "ok", json!({}));
    let sent = h.last("while_errored");
    assert!(
        sent.ref_number() > rejoin.ref_number(),
        "a new ref, taken after the rejoin's"
    );
    assert_eq!(sent.join_ref, rejoin.join_ref);
    h.take_events();
    h.advance_to(pushed_at + 5000);
    assert!(
        h.take_events().is_empty(),
        "the timeout restarted when sent"
    );
    h.advance_to(pushed_at + 1400 + 5000);
    assert_eq!(h.take_events(), vec![Event::PushTimedOut { push: p }]);
}

#[test]
fn item_13_every_rejoin_has_a_new_join_ref_and_pushes_carry_the_current_one() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let first = h.last("phx_join");
    assert_eq!(
        first.join_ref, first.r#ref,
        "a join's join_ref is its own ref"
    );
    assert_eq!(h.client.join_ref(ch), first.join_ref.as_str());
    h.server(json!([
        first.join_ref,
        first.join_ref,
        "room:lobby",
        "phx_error",
        {}
    ]));
    assert_eq!(
        h.client.join_ref(ch),
        first.join_ref.as_str(),
        "kept while errored"
    );
    h.advance(1000);
    let second = h.last("phx_join");
    assert_ne!(second.join_ref, first.join_ref);
    h.server_reply(&second, "ok", json!({}));
    h.push(ch, "evt");
    assert_eq!(h.last("evt").join_ref, second.join_ref);
}

#[test]
fn item_14_replies_match_by_ref_alone_with_any_status() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let a = h.push(ch, "a");
    let b = h.push(ch, "b");
    let (sent_a, sent_b) = (h.last("a"), h.last("b"));
    h.take_events();
    h.server_reply(&sent_b, "custom", json!({"x": 1}));
    h.server_reply(&sent_a, "error", json!({"reason": "no"}));
    h.server_reply(&sent_a, "ok", json!({}));
    // A reply whose ref matches no push, and one with no ref.
    h.server(json!([sent_a.join_ref, "12345", "room:lobby", "phx_reply", {"status": "ok"}]));
    h.server(json!([sent_a.join_ref, null, "room:lobby", "phx_reply", {"status": "ok"}]));
    assert_eq!(
        h.take_events(),
        vec![
            Event::Reply {
                push: b,
                status: "custom".into(),
                response: Payload::Json(json!({"x": 1}))
            },
            Event::Reply {
                push: a,
                status: "error".into(),
                response: Payload::Json(json!({"reason": "no"}))
            },
        ],
        "the first reply settles a push; later ones are ignored"
    );
    h.advance(20_000);
    assert!(
        !h.events
            .iter()
            .any(|e| matches!(e, Event::PushTimedOut { .. })),
        "answered pushes do not time out"
    );
}

#[test]
fn item_14_15_a_reply_reaches_only_the_channel_that_pushed() {
    let mut h = Harness::new();
    let a = h.joined("room:a");
    h.joined("room:b");
    let p = h.push(a, "evt");
    let sent = h.last("evt");
    h.take_events();
    // The same ref on the other topic is not this push's reply.
    h.server(json!([null, sent.r#ref, "room:b", "phx_reply", {"status": "ok", "response": {}}]));
    assert!(h.take_events().is_empty());
    h.server(json!([null, sent.r#ref, "room:a", "phx_reply", {"status": "ok", "response": {}}]));
    assert_eq!(
        h.take_events(),
        vec![Event::Reply {
            push: p,
            status: "ok".into(),
            response: Payload::Json(json!({}))
        }],
        "a null join_ref passes"
    );
}

#[test]
fn item_15_stale_join_refs_are_dropped_falsy_ones_delivered_to_every_member() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    // A second instance on the topic that never joined: its join_ref is null.
    let idle = h.channel("room:lobby");
    h.take_events();
    h.server(json!(["999", null, "room:lobby", "news", {"n": 1}]));
    h.server(json!([null, null, "room:lobby", "news", {"n": 2}]));
    h.server(json!(["", null, "room:lobby", "news", {"n": 3}]));
    h.server(json!([jr, null, "room:lobby", "news", {"n": 4}]));
    h.server(json!([null, null, "room:other", "news", {"n": 5}]));
    assert_eq!(
        h.take_events(),
        vec![
            message(ch, "news", json!({"n": 2})),
            message(idle, "news", json!({"n": 2})),
            message(ch, "news", json!({"n": 3})),
            message(idle, "news", json!({"n": 3})),
            message(ch, "news", json!({"n": 4})),
        ]
    );
}

#[test]
fn item_15_40_a_late_reply_of_an_earlier_join_is_dropped_so_the_push_times_out() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let p = h.push_with(ch, "slow", Some(1500));
    let slow = h.last("slow");
    h.close(1006);
    h.advance(10);
    h.open();
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    h.take_events();
    h.server_reply(&slow, "ok", json!({})); // carries the old join_ref (Phoenix 1.8)
    assert!(h.take_events().is_empty());
    h.advance_to(1499);
    assert!(h.take_events().is_empty());
    h.advance_to(1500);
    assert_eq!(
        h.take_events(),
        vec![Event::PushTimedOut { push: p }],
        "times out at its original deadline (item 40)"
    );
}
