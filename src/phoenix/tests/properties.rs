//! Properties: the decoders never panic and read back what `encode` writes, and the client
//! survives any sequence of calls and input while keeping its promises.

use std::collections::HashMap;

use crate::json;
use crate::json::Value;
use proptest::prelude::*;

use super::frames::layout;
use super::*;

/// JSON leaves that read back exactly (serde_json parses some floats 1 ULP off unless built
/// with `float_roundtrip`, so floats only go where nothing is compared).
fn exact_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ]
    .boxed()
}

fn any_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        exact_leaf(),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
    ]
    .boxed()
}

fn json_value(leaf: BoxedStrategy<Value>) -> impl Strategy<Value = Value> {
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".{0,6}", inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Frames that are arrays of five-ish elements of any kind: almost frames.
fn odd_array() -> impl Strategy<Value = String> {
    prop::collection::vec(json_value(any_leaf()), 0..8)
        .prop_map(|items| Value::Array(items).to_string())
}

fn reference() -> impl Strategy<Value = Option<String>> {
    prop::option::of("[0-9]{1,4}|.{0,6}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decoders_never_panic_on_any_input(
        text in ".*",
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let _ = Frame::decode_text(&text);
        let _ = Frame::decode_binary(&bytes);
    }

    #[test]
    fn decoding_odd_arrays_never_panics(text in odd_array()) {
        let _ = Frame::decode_text(&text);
    }

    #[test]
    fn binary_frames_with_any_header_never_panic(
        kind in 0u8..4,
        lengths in prop::collection::vec(any::<u8>(), 0..5),
        body in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let mut bytes = vec![kind];
        bytes.extend(lengths);
        bytes.extend(body);
        let _ = Frame::decode_binary(&bytes);
    }

    #[test]
    fn encode_then_decode_text_is_identity(
        join_ref in reference(),
        r#ref in reference(),
        topic in ".{0,20}",
        event in ".{0,20}",
        payload in json_value(exact_leaf()),
    ) {
        let frame = Frame { join_ref, r#ref, topic, event, payload: Payload::Json(payload) };
        prop_assert_eq!(Frame::decode_text(&frame.encode()), Ok(frame));
    }

    #[test]
    fn binary_layouts_decode_to_their_parts(
        join_ref in "[0-9]{0,4}",
        r#ref in "[0-9]{0,4}",
        topic in ".{0,20}",
        event in ".{0,20}",
        data in prop::collection::vec(any::<u8>(), 0..40),
    ) {
        let none_if_empty = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        let push = Frame::decode_binary(&layout::push(&join_ref, &topic, &event, &data)).unwrap();
        prop_assert_eq!(push, Frame {
            join_ref: none_if_empty(&join_ref),
            r#ref: None,
            topic: topic.clone(),
            event: event.clone(),
            payload: Payload::Binary(data.clone()),
        });
        let reply = Frame::decode_binary(&layout::reply(&join_ref, &r#ref, &topic, &event, &data)).unwrap();
        prop_assert_eq!(reply, Frame {
            join_ref: none_if_empty(&join_ref),
            r#ref: none_if_empty(&r#ref),
            topic: topic.clone(),
            event: "phx_reply".into(),
            payload: Payload::Json(json!({"status": event, "response": data})),
        });
        let broadcast = Frame::decode_binary(&layout::broadcast(&topic, &event, &data)).unwrap();
        prop_assert_eq!(broadcast, Frame {
            join_ref: None,
            r#ref: None,
            topic,
            event,
            payload: Payload::Binary(data),
        });
    }

    #[test]
    fn the_client_keeps_its_promises_whatever_happens(ops in prop::collection::vec(op(), 0..60)) {
        run(ops)?;
    }
}

/// One thing that can happen to a client.
#[derive(Debug, Clone)]
enum Op {
    Connect,
    Disconnect,
    Join(usize),
    Leave(usize),
    Abandon(usize),
    RejoinAt(usize, Millis),
    Push(usize, Option<Millis>),
    Open,
    Close(u16),
    Error,
    Drained,
    Advance(Millis),
    PageVisible,
    /// A reply to the n-th frame sent so far (counted from the end), with this status.
    Reply(usize, &'static str),
    /// A server frame on a topic: phx_error, phx_close or a message, with the n-th join_ref.
    Server(usize, &'static str, usize),
    Text(String),
    Binary(Vec<u8>),
}

const TOPICS: [&str; 3] = ["room:a", "room:b", "room:a"];

fn op() -> impl Strategy<Value = Op> {
    let channel = 0..TOPICS.len();
    prop_oneof![
        Just(Op::Connect),
        Just(Op::Disconnect),
        channel.clone().prop_map(Op::Join),
        channel.clone().prop_map(Op::Leave),
        channel.clone().prop_map(Op::Abandon),
        (channel.clone(), 0..20_000u64).prop_map(|(c, at)| Op::RejoinAt(c, at)),
        (channel.clone(), prop::option::of(0..20_000u64)).prop_map(|(c, t)| Op::Push(c, t)),
        Just(Op::Open),
        prop_oneof![Just(1000u16), Just(1001), Just(1006)].prop_map(Op::Close),
        Just(Op::Error),
        Just(Op::Drained),
        (0..40_000u64).prop_map(Op::Advance),
        Just(Op::PageVisible),
        (
            0..4usize,
            prop_oneof![Just("ok"), Just("error"), Just("timeout"), Just("x")]
        )
            .prop_map(|(n, s)| Op::Reply(n, s)),
        (
            channel,
            prop_oneof![Just("phx_error"), Just("phx_close"), Just("msg")],
            0..3usize
        )
            .prop_map(|(c, e, j)| Op::Server(c, e, j)),
        ".{0,40}".prop_map(Op::Text),
        prop::collection::vec(any::<u8>(), 0..24).prop_map(Op::Binary),
    ]
}

/// Runs the ops, then lets a long time pass, checking that every push is settled exactly once
/// (a reply, a timeout or abandoned), that sent frames carry ever-increasing refs, that no timer
/// is left overdue, and that `PushSent` comes at most once per push.
fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut h = Harness::new();
    let channels: Vec<ChannelId> = TOPICS
        .iter()
        .map(|t| h.client.channel(t, json!({})))
        .collect();
    let mut pushes = Vec::new();
    for op in ops {
        let now = h.now;
        match op {
            Op::Connect => h.client.connect(now),
            Op::Disconnect => h.client.disconnect(now, None, None),
            Op::Join(c) => h.client.join(now, channels[c]),
            Op::Leave(c) => h.client.leave(now, channels[c]),
            Op::Abandon(c) => h.client.abandon(channels[c]),
            Op::RejoinAt(c, at) => h.client.rejoin_at(channels[c], now + at),
            Op::Push(c, timeout) => {
                pushes.push(h.client.push(now, channels[c], "evt", json!({}), timeout))
            }
            Op::Open => h.client.handle_open(now),
            Op::Close(code) => h.client.handle_close(now, code),
            Op::Error => h.client.handle_error(now),
            Op::Drained => h.client.handle_drained(now),
            Op::Advance(ms) => h.advance(ms),
            Op::PageVisible => h.client.page_visible(now),
            Op::Reply(n, status) => {
                if let Some(to) = h.frames().iter().rev().nth(n).cloned() {
                    h.server_reply(&to, status, json!({}));
                }
            }
            Op::Server(c, event, j) => {
                let join_ref = h
                    .sent("phx_join")
                    .iter()
                    .rev()
                    .nth(j)
                    .map(|s| s.join_ref.clone());
                h.server(json!([join_ref, join_ref, TOPICS[c], event, {}]));
            }
            Op::Text(text) => h.client.handle_text(now, &text),
            Op::Binary(bytes) => h.client.handle_binary(now, &bytes),
        }
        h.io();
        prop_assert!(
            h.client.poll_timeout().is_none_or(|due| due >= h.now),
            "a timer left overdue"
        );
    }
    // Long enough for every push to time out, whatever the socket does meanwhile.
    h.advance(100_000);
    let mut settled: HashMap<PushId, usize> = HashMap::new();
    let mut sent: HashMap<PushId, usize> = HashMap::new();
    for event in &h.events {
        match event {
            Event::Reply { push, .. }
            | Event::PushTimedOut { push }
            | Event::PushAbandoned { push } => {
                *settled.entry(*push).or_default() += 1;
            }
            Event::PushSent { push } => *sent.entry(*push).or_default() += 1,
            _ => {}
        }
    }
    for push in &pushes {
        prop_assert_eq!(
            settled.get(push),
            Some(&1),
            "{:?} settled once: {:?}",
            push,
            h.events
        );
    }
    prop_assert!(sent.values().all(|n| *n == 1));
    let refs: Vec<u64> = h.frames().iter().map(Sent::ref_number).collect();
    prop_assert!(refs.windows(2).all(|w| w[0] < w[1]), "refs {:?}", refs);
    Ok(())
}
