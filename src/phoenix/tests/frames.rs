//! B. Frame format: items 7-10, and malformed input.

use crate::json;

use super::*;

#[test]
fn item_7_8_the_frames_the_client_sends() {
    let mut h = Harness::new();
    h.connected();
    let ch = h.client.channel("room:lobby", json!({"token": "t"}));
    h.join(ch);
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    h.push(ch, "evt");
    h.leave(ch);
    h.advance(30_000);
    let texts: Vec<String> = h.frames().into_iter().map(|s| s.text).collect();
    assert_eq!(
        texts,
        vec![
            r#"["1","1","room:lobby","phx_join",{"token":"t"}]"#,
            r#"["1","2","room:lobby","evt",{"n":"evt"}]"#,
            r#"["1","3","room:lobby","phx_leave",{}]"#,
            r#"[null,"4","phoenix","heartbeat",{}]"#,
        ]
    );
}

#[test]
fn item_7_decode_text_frames() {
    let frame = Frame::decode_text(r#"["1","2","room:lobby","evt",{"a":1},"extra",7]"#).unwrap();
    assert_eq!(
        frame,
        Frame {
            join_ref: Some("1".into()),
            r#ref: Some("2".into()),
            topic: "room:lobby".into(),
            event: "evt".into(),
            payload: Payload::Json(json!({"a": 1})),
        },
        "extra trailing elements are ignored, as the server does"
    );
    let frame = Frame::decode_text(r#"[null,null,"t","e",null]"#).unwrap();
    assert_eq!((frame.join_ref, frame.r#ref), (None, None));
    assert_eq!(frame.payload, Payload::Json(json!(null)));
    assert_eq!(
        Frame::decode_text(&frame_text()).map(|f| f.encode()),
        Ok(frame_text()),
        "encode reads back what decode read"
    );
}

fn frame_text() -> String {
    r#"["3","7","room:lobby","evt",{"b":[1,2.5,"x"],"a":{"c":null}}]"#.to_string()
}

#[test]
fn item_9_server_frames_of_phoenix_1_3_and_1_8() {
    let mut h = Harness::new();
    let ch = h.joined("bot:x");
    let jr = h.last("phx_join").join_ref;
    h.take_events();
    let p = h.push(ch, "new_session");
    let push = h.last("new_session");
    // Reply.
    h.server(json!([jr, push.r#ref, "bot:x", "phx_reply",
        {"status": "ok", "response": {"session": "s"}}]));
    // Channel push: 1.3 sends join_ref null, 1.8 the join_ref.
    h.server(json!([null, null, "bot:x", "btu_msg", {"text": "1.3"}]));
    h.server(json!([jr, null, "bot:x", "btu_msg", {"text": "1.8"}]));
    // Fastlane broadcast.
    h.server(json!([null, null, "bot:x", "btu_msg", {"text": "broadcast"}]));
    assert_eq!(
        h.take_events(),
        vec![
            Event::Reply {
                push: p,
                status: "ok".into(),
                response: Payload::Json(json!({"session": "s"}))
            },
            message(ch, "btu_msg", json!({"text": "1.3"})),
            message(ch, "btu_msg", json!({"text": "1.8"})),
            message(ch, "btu_msg", json!({"text": "broadcast"})),
        ]
    );
    // Channel crash: 1.8 with a reason, 1.3 with `{}`.
    h.server(json!([jr, jr, "bot:x", "phx_error", {"reason": "channel_crash"}]));
    h.advance(1000);
    let jr = h.last("phx_join").join_ref;
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    h.server(json!([jr, jr, "bot:x", "phx_error", {}]));
    let errors = h
        .take_events()
        .into_iter()
        .filter(|e| matches!(e, Event::ChannelErrored { .. }))
        .count();
    assert_eq!(errors, 2);
    // Heartbeat reply: on the "phoenix" topic, reaches no channel.
    h.advance(1000);
    h.server_reply(&h.last("phx_join"), "ok", json!({}));
    let jr = h.last("phx_join").join_ref;
    h.take_events();
    h.advance_to(h.now + 30_000);
    let hb = h.last("heartbeat");
    h.server(json!([null, hb.r#ref, "phoenix", "phx_reply", {"status": "ok", "response": {}}]));
    assert!(h.take_events().is_empty());
    // Channel closed.
    h.server(json!([jr, jr, "bot:x", "phx_close", {}]));
    assert_eq!(h.take_events(), vec![Event::ChannelClosed { channel: ch }]);
}

pub(super) fn message(channel: ChannelId, event: &str, payload: Value) -> Event {
    Event::Message {
        channel,
        event: event.into(),
        payload: Payload::Json(payload),
    }
}

/// The server's binary layouts (item 10), built from their parts.
pub(super) mod layout {
    pub fn push(join_ref: &str, topic: &str, event: &str, data: &[u8]) -> Vec<u8> {
        frame(0, &[join_ref, topic, event], data)
    }

    pub fn reply(join_ref: &str, r#ref: &str, topic: &str, status: &str, data: &[u8]) -> Vec<u8> {
        frame(1, &[join_ref, r#ref, topic, status], data)
    }

    pub fn broadcast(topic: &str, event: &str, data: &[u8]) -> Vec<u8> {
        frame(2, &[topic, event], data)
    }

    fn frame(kind: u8, fields: &[&str], data: &[u8]) -> Vec<u8> {
        let mut bytes = vec![kind];
        bytes.extend(fields.iter().map(|f| u8::try_from(f.len()).unwrap()));
        for field in fields {
            bytes.extend(field.as_bytes());
        }
        bytes.extend(data);
        bytes
    }
}

#[test]
fn item_10_binary_frames_decode_with_empty_refs_as_none() {
    let frame = Frame::decode_binary(&layout::push("", "room:lobby", "bin", &[1, 2, 255])).unwrap();
    assert_eq!(
        frame,
        Frame {
            join_ref: None,
            r#ref: None,
            topic: "room:lobby".into(),
            event: "bin".into(),
            payload: Payload::Binary(vec![1, 2, 255]),
        }
    );
    assert_eq!(
        Frame::decode_binary(&layout::push("5", "t", "e", &[]))
            .unwrap()
            .join_ref,
        Some("5".into())
    );
    let frame =
        Frame::decode_binary(&layout::reply("3", "8", "room:lobby", "ok", &[0, 9])).unwrap();
    assert_eq!(
        frame,
        Frame {
            join_ref: Some("3".into()),
            r#ref: Some("8".into()),
            topic: "room:lobby".into(),
            event: "phx_reply".into(),
            payload: Payload::Json(json!({"status": "ok", "response": [0, 9]})),
        }
    );
    let frame = Frame::decode_binary(&layout::reply("", "", "t", "error", &[])).unwrap();
    assert_eq!((frame.join_ref, frame.r#ref), (None, None));
    let frame = Frame::decode_binary(&layout::broadcast("room:lobby", "x", b"{}")).unwrap();
    assert_eq!(
        (frame.join_ref, frame.r#ref, frame.payload),
        (None, None, Payload::Binary(b"{}".to_vec()))
    );
}

#[test]
fn item_10_broken_binary_frames_are_typed_errors() {
    use DecodeError::*;
    let cases: [(&[u8], DecodeError); 7] = [
        (&[], Empty),
        (&[7, 0, 0], UnknownKind(7)),
        (&[0, 1, 1], Truncated("header")),
        (&[0, 5, 1, 1, b'1'], Truncated("join_ref")),
        (&[1, 0, 0, 0, 3, b'o'], Truncated("status")),
        (&[2, 1, 1, 0xff, b'e'], NotUtf8("topic")),
        (&[2, 0, 2, b'e'], Truncated("event")),
    ];
    for (bytes, error) in cases {
        assert_eq!(Frame::decode_binary(bytes), Err(error), "{bytes:?}");
    }
}

#[test]
fn item_10_binary_frames_reach_the_application() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    let p = h.push(ch, "upload");
    let sent = h.last("upload");
    h.take_events();
    h.server_binary(&layout::push(
        jr.as_str().unwrap(),
        "room:lobby",
        "bin",
        &[1, 2],
    ));
    h.server_binary(&layout::broadcast("room:lobby", "cast", &[3]));
    h.server_binary(&layout::push("999", "room:lobby", "stale", &[4]));
    h.server_binary(&layout::reply(
        jr.as_str().unwrap(),
        sent.r#ref.as_str().unwrap(),
        "room:lobby",
        "ok",
        &[5, 6],
    ));
    assert_eq!(
        h.take_events(),
        vec![
            Event::Message {
                channel: ch,
                event: "bin".into(),
                payload: Payload::Binary(vec![1, 2])
            },
            Event::Message {
                channel: ch,
                event: "cast".into(),
                payload: Payload::Binary(vec![3])
            },
            Event::Reply {
                push: p,
                status: "ok".into(),
                response: Payload::Binary(vec![5, 6])
            },
        ]
    );
}

#[test]
fn malformed_frames_are_reported_and_otherwise_ignored() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.take_events();
    let bad = [
        ("not json", None),
        ("{}", Some(DecodeError::NotAFrame)),
        ("[1,2,3]", Some(DecodeError::NotAFrame)),
        (
            r#"[1,null,"t","e",{}]"#,
            Some(DecodeError::BadRef("join_ref")),
        ),
        (r#"[null,2,"t","e",{}]"#, Some(DecodeError::BadRef("ref"))),
        (
            r#"[null,null,3,"e",{}]"#,
            Some(DecodeError::BadName("topic")),
        ),
        (
            r#"[null,null,"t",[],{}]"#,
            Some(DecodeError::BadName("event")),
        ),
    ];
    for (text, error) in &bad {
        h.server_text(text);
        let events = h.take_events();
        match (events.as_slice(), error) {
            ([Event::Malformed { error: got }], Some(want)) => assert_eq!(got, want),
            (
                [
                    Event::Malformed {
                        error: DecodeError::Json(_),
                    },
                ],
                None,
            ) => {}
            other => panic!("{text}: {other:?}"),
        }
    }
    h.server_binary(&[9, 9]);
    assert_eq!(
        h.take_events(),
        vec![Event::Malformed {
            error: DecodeError::UnknownKind(9)
        }]
    );
    assert_eq!(
        DecodeError::BadRef("ref").to_string(),
        "ref is neither a string nor null"
    );
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joined));
    assert_eq!(h.client.connection_state(), ConnectionState::Open);
}

#[test]
fn item_7_8_a_replyless_payload_and_falsy_payloads() {
    // phoenix.js sends `payload || {}`; a reply without status or response still settles the
    // push (`push.js:104-109`).
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    let p = h.client.push(h.now, ch, "evt", json!(null), None);
    h.io();
    let sent = h.last("evt");
    assert_eq!(sent.payload, json!({}));
    h.take_events();
    h.server(json!([
        sent.join_ref,
        sent.r#ref,
        "room:lobby",
        "phx_reply",
        {}
    ]));
    assert_eq!(
        h.take_events(),
        vec![Event::Reply {
            push: p,
            status: String::new(),
            response: Payload::Json(json!(null))
        }]
    );
}
