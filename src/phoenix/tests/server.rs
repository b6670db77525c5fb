//! G. The server's behaviour (items 42-50) and AIDA's Phoenix 1.3 (`docs/phoenix-channels.md`),
//! as the client meets them.

use crate::json;

use super::frames::message;
use super::*;

#[test]
fn item_43_44_49_unanswered_and_unmatched_pushes() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    // {:noreply} and a stale join_ref get no reply: the push times out (items 44, 49).
    let silent = h.push(ch, "utb_msg");
    // A push to a topic the server has no channel for: "unmatched topic", join_ref null (43).
    let unmatched = h.push(ch, "evt");
    let sent = h.last("evt");
    h.server(json!([null, sent.r#ref, "room:lobby", "phx_reply",
        {"status": "error", "response": {"reason": "unmatched topic"}}]));
    h.advance(10_000);
    let settled: Vec<Event> = h
        .take_events()
        .into_iter()
        .filter(|e| matches!(e, Event::Reply { .. } | Event::PushTimedOut { .. }))
        .collect();
    assert_eq!(
        settled,
        vec![
            Event::Reply {
                push: unmatched,
                status: "error".into(),
                response: Payload::Json(json!({"reason": "unmatched topic"}))
            },
            Event::PushTimedOut { push: silent },
        ]
    );
}

#[test]
fn item_46_the_late_phx_close_of_a_duplicate_join_is_dropped() {
    // The server closes the old channel process after answering the new join; its phx_close
    // carries the old join_ref and arrives after the new join's ok.
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let old = h.last("phx_join").join_ref;
    h.server(json!([old, old, "room:lobby", "phx_error", {}]));
    h.advance(1000);
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    h.server(json!([old, old, "room:lobby", "phx_close", {}]));
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joined));
}

#[test]
fn item_47_48_50_leave_replies_channel_exits_and_server_closes() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.take_events();
    // A channel that stops normally sends phx_close (48): closed for good.
    h.server(json!([jr, jr, "room:lobby", "phx_close", {}]));
    assert_eq!(h.take_events(), vec![Event::ChannelClosed { channel: ch }]);
    // A "disconnect" broadcast closes the socket with 1001 (50): the client reconnects.
    let other = h.joined("room:other");
    h.take_events();
    h.close(1001);
    h.advance(10);
    h.open();
    assert_eq!(h.last("phx_join").topic, "room:other");
    assert_eq!(h.client.channel_state(other), Some(ChannelState::Joining));
}

#[test]
fn aida_1_3_bot_messages_carry_join_ref_null_and_a_crash_sends_an_empty_phx_error() {
    let mut h = Harness::new();
    let ch = h.joined("bot:1234");
    h.take_events();
    h.server_push("bot:1234", "btu_msg", json!({"session": "s", "text": "hi"}));
    assert_eq!(
        h.take_events(),
        vec![message(
            ch,
            "btu_msg",
            json!({"session": "s", "text": "hi"})
        )]
    );
    // put_data on an unknown session crashes the channel: phx_error with payload {}.
    let probe = h.push(ch, "put_data");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "bot:1234", "phx_error", {}]));
    assert_eq!(
        h.take_events(),
        vec![Event::ChannelErrored {
            channel: ch,
            reason: ErrorReason::ChannelCrash
        }]
    );
    h.advance(1000);
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    h.advance(10_000);
    assert!(h.events.contains(&Event::PushTimedOut { push: probe }));
}

#[test]
fn aida_1_3_a_push_with_a_stale_join_ref_is_answered_with_the_current_one() {
    // Phoenix 1.3 lets a push made under an earlier join reach the channel, and its reply
    // carries the current join_ref: it is not stale, and settles the push.
    let mut h = Harness::new();
    let ch = h.joined("bot:1234");
    let p = h.push_with(ch, "new_session", Some(60_000));
    let sent = h.last("new_session");
    let jr = h.last("phx_join").join_ref;
    h.server(json!([jr, jr, "bot:1234", "phx_error", {}]));
    h.advance(1000);
    let rejoin = h.last("phx_join");
    h.server_reply(&rejoin, "ok", json!({}));
    h.take_events();
    h.server(json!([rejoin.join_ref, sent.r#ref, "bot:1234", "phx_reply",
        {"status": "ok", "response": {"session": "s"}}]));
    assert_eq!(
        h.take_events(),
        vec![Event::Reply {
            push: p,
            status: "ok".into(),
            response: Payload::Json(json!({"session": "s"}))
        }]
    );
}
