//! The Phoenix transport and socket: upgrade, heartbeats, joins, leaves, replies, pushes,
//! crashes, closes, in Phoenix 1.3 (AIDA) and 1.8 where they differ.

use std::time::{Duration, Instant};

use aida_dev_server::PhoenixMode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn the_upgrade_needs_vsn_2_0_0() {
    let server = start(PhoenixMode::V1_3).await;
    for query in ["", "?vsn=1.0.0", "?vsn=2.0.1"] {
        let url = format!("{}/websocket{query}", server.socket_url());
        let error = tokio_tungstenite::connect_async(url).await.unwrap_err();
        assert!(error.to_string().contains("403"), "{query}: {error}");
    }
    // Other params, as phoenix.js serializes them, come before vsn.
    let url = format!("{}/websocket?token=a%20b&vsn=2.0.0", server.socket_url());
    assert!(tokio_tungstenite::connect_async(url).await.is_ok());
}

#[tokio::test]
async fn heartbeats_are_answered_whatever_is_joined() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    for r#ref in ["1", "2"] {
        client
            .send(json!([null, r#ref, "phoenix", "heartbeat", {}]))
            .await;
        let ok = json!([null, r#ref, "phoenix", "phx_reply", {"status": "ok", "response": {}}]);
        assert_eq!(client.recv().await, ok);
        client.join("3").await;
    }
}

#[tokio::test]
async fn a_join_is_answered_ok_with_the_clients_refs() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client
            .send(json!(["12", "13", TOPIC, "phx_join", {"access_token": TOKEN}]))
            .await;
        let ok = json!(["12", "13", TOPIC, "phx_reply", {"status": "ok", "response": {}}]);
        assert_eq!(client.recv().await, ok, "{mode:?}");
    }
}

#[tokio::test]
async fn topics_other_than_bot_uuid_are_unmatched_with_a_null_join_ref() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        for (topic, event) in [
            ("room:lobby", "phx_join"),
            ("bot:not-a-uuid", "phx_join"),
            ("phoenix", "phx_join"),
            ("phoenix", "other"),
            (TOPIC, "new_session"), // not joined yet
        ] {
            client
                .send(json!(["5", "6", topic, event, {"access_token": TOKEN}]))
                .await;
            let unmatched = json!([null, "6", topic, "phx_reply",
                {"status": "error", "response": {"reason": "unmatched topic"}}]);
            assert_eq!(client.recv().await, unmatched, "{mode:?} {topic} {event}");
        }
    }
}

#[tokio::test]
async fn a_leave_is_answered_ok_then_the_channel_closes() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.join("1").await;
        client.send(json!(["1", "2", TOPIC, "phx_leave", {}])).await;
        let ok = json!(["1", "2", TOPIC, "phx_reply", {"status": "ok", "response": {}}]);
        assert_eq!(client.recv().await, ok, "{mode:?}");
        assert_eq!(
            client.recv().await,
            json!(["1", "1", TOPIC, "phx_close", {}])
        );
        // The channel is gone.
        client
            .send(json!(["1", "3", TOPIC, "new_session", {}]))
            .await;
        assert_eq!(
            client.recv().await[4]["response"]["reason"],
            "unmatched topic"
        );
    }
}

#[tokio::test]
async fn a_leave_without_a_channel_is_unmatched_in_1_3_and_ok_in_1_8() {
    for (mode, expected) in [
        (
            PhoenixMode::V1_3,
            json!([null, "2", TOPIC, "phx_reply", {"status": "error", "response": {"reason": "unmatched topic"}}]),
        ),
        (
            PhoenixMode::V1_8,
            json!(["1", "2", TOPIC, "phx_reply", {"status": "ok", "response": {}}]),
        ),
    ] {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.send(json!(["1", "2", TOPIC, "phx_leave", {}])).await;
        assert_eq!(client.recv().await, expected, "{mode:?}");
        client.silent(100).await;
    }
}

#[tokio::test]
async fn a_duplicate_join_closes_the_old_channel_after_the_new_reply() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.join("1").await;
        client.join("4").await;
        assert_eq!(
            client.recv().await,
            json!(["1", "1", TOPIC, "phx_close", {}]),
            "{mode:?}"
        );
        // The new channel works.
        client.new_session("4").await;
    }
}

#[tokio::test]
async fn channel_pushes_carry_a_null_join_ref_in_1_3_and_the_channels_in_1_8() {
    for (mode, join_ref) in [
        (PhoenixMode::V1_3, json!(null)),
        (PhoenixMode::V1_8, json!("7")),
    ] {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.join("7").await;
        let session = client.new_session("7").await;
        client
            .send(json!(["7", "9", TOPIC, "utb_msg", {"session": session, "text": "ping"}]))
            .await;
        assert_eq!(
            client.recv().await,
            json!([join_ref, null, TOPIC, "btu_msg", {"text": "You said: ping", "session": session}]),
            "{mode:?}"
        );
    }
}

#[tokio::test]
async fn a_crash_sends_phx_error_removes_the_channel_and_keeps_the_socket() {
    for (mode, payload) in [
        (PhoenixMode::V1_3, json!({})),
        (PhoenixMode::V1_8, json!({"reason": "channel_crash"})),
    ] {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.join("3").await;
        client
            .send(json!(["3", "4", TOPIC, "no_such_event", {}]))
            .await;
        assert_eq!(
            client.recv().await,
            json!(["3", "3", TOPIC, "phx_error", payload]),
            "{mode:?}"
        );
        client
            .send(json!(["3", "5", TOPIC, "new_session", {}]))
            .await;
        assert_eq!(
            client.recv().await[4]["response"]["reason"],
            "unmatched topic"
        );
        client
            .send(json!([null, "6", "phoenix", "heartbeat", {}]))
            .await;
        assert_eq!(client.recv().await[4]["status"], "ok");
        client.join("7").await;
    }
}

#[tokio::test]
async fn a_push_with_a_stale_join_ref_is_handled_in_1_3_and_ignored_in_1_8() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.join("1").await;
        client.join("2").await;
        client.recv().await; // phx_close of "1"
        client
            .send(json!(["1", "3", TOPIC, "new_session", {}]))
            .await;
        match mode {
            PhoenixMode::V1_3 => {
                let reply = client.recv().await;
                assert_eq!(
                    reply[0], "2",
                    "the reply carries the current join_ref: {reply}"
                );
                assert_eq!(reply[1], "3");
                assert_eq!(reply[4]["status"], "ok");
            }
            PhoenixMode::V1_8 => client.silent(200).await,
        }
        // A null join_ref is always accepted.
        client
            .send(json!([null, "4", TOPIC, "new_session", {}]))
            .await;
        let reply = client.recv().await;
        assert_eq!(
            (&reply[0], &reply[1]),
            (&json!("2"), &json!("4")),
            "{mode:?}"
        );
        assert_eq!(
            stats(&server).await["sessions_created"],
            1 + u64::from(mode == PhoenixMode::V1_3)
        );
    }
}

#[tokio::test]
async fn a_leave_with_a_stale_join_ref_leaves_in_1_3_and_is_ignored_in_1_8() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.join("1").await;
        client.join("2").await;
        client.recv().await; // phx_close of "1"
        client.send(json!(["1", "3", TOPIC, "phx_leave", {}])).await;
        match mode {
            PhoenixMode::V1_3 => {
                let ok = json!(["2", "3", TOPIC, "phx_reply", {"status": "ok", "response": {}}]);
                assert_eq!(client.recv().await, ok);
                assert_eq!(
                    client.recv().await,
                    json!(["2", "2", TOPIC, "phx_close", {}])
                );
            }
            PhoenixMode::V1_8 => {
                client.silent(200).await;
                client.new_session("2").await;
            }
        }
    }
}

#[tokio::test]
async fn an_idle_socket_is_closed_and_frames_keep_it_open() {
    let server = start_with(|config| config.idle_timeout_ms = 400).await;
    let mut client = Client::connect(&server).await;
    let opened = Instant::now();
    for r#ref in ["1", "2", "3", "4", "5", "6"] {
        tokio::time::sleep(Duration::from_millis(100)).await;
        client
            .send(json!([null, r#ref, "phoenix", "heartbeat", {}]))
            .await;
        assert_eq!(client.recv().await[1], r#ref);
    }
    let active = Instant::now();
    assert!(
        active - opened > Duration::from_millis(500),
        "open past the timeout"
    );
    assert_eq!(client.ending().await, Ending::Closed(1000));
    let idle = active.elapsed();
    assert!(idle >= Duration::from_millis(380), "closed after {idle:?}");
}

#[tokio::test]
async fn a_frame_that_is_not_a_v2_array_closes_the_socket_with_1011() {
    let server = start(PhoenixMode::V1_3).await;
    for text in [
        "not json",
        r#"{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"1"}"#,
        r#"[null,"1","phoenix","heartbeat"]"#,
        r#"[null,"1",3,"heartbeat",{}]"#,
    ] {
        let mut client = Client::connect(&server).await;
        client.join("1").await;
        client.send_text(text).await;
        assert_eq!(client.ending().await, Ending::Closed(1011), "{text}");
    }
    assert_eq!(stats(&server).await["sockets_open"], 0);
}

#[tokio::test]
async fn a_binary_frame_closes_the_socket() {
    let server = start(PhoenixMode::V1_8).await;
    let mut client = Client::connect(&server).await;
    client.send_binary(&[0, 1, 1, 7, 3]).await;
    assert_eq!(client.ending().await, Ending::Closed(1011));
}
