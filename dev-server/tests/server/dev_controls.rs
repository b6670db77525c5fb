//! The fault controls and observations under `/__dev/`, and the static files.

use std::time::{Duration, Instant};

use aida_dev_server::PhoenixMode;
use serde_json::{Value, json};

use crate::support::*;

#[tokio::test]
async fn drop_sockets_ends_every_connection_without_a_close_frame() {
    let server = start(PhoenixMode::V1_3).await;
    let mut a = Client::connect(&server).await;
    let mut b = Client::connect(&server).await;
    a.join("1").await;
    let response = post(&server, "/__dev/drop_sockets", json!({})).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap(), json!({}));
    assert_eq!(a.ending().await, Ending::Dropped);
    assert_eq!(b.ending().await, Ending::Dropped);
    // New connections are welcome.
    Client::connect(&server).await.join("1").await;
}

#[tokio::test]
async fn refuse_upgrades_answers_403_for_a_while() {
    let server = start(PhoenixMode::V1_3).await;
    post(&server, "/__dev/refuse_upgrades", json!({"ms": 300})).await;
    let error = tokio_tungstenite::connect_async(ws_url(&server))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("403"), "{error}");
    tokio::time::sleep(Duration::from_millis(350)).await;
    Client::connect(&server).await.join("1").await;
}

#[tokio::test]
async fn delay_replies_holds_back_replies_and_keeps_the_order() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    post(&server, "/__dev/delay_replies", json!({"ms": 300})).await;
    let sent = Instant::now();
    client
        .send(json!(["2", "2", TOPIC, "phx_join", {"access_token": TOKEN}]))
        .await;
    // The reply is late, and the old channel's phx_close still follows it.
    assert_eq!(client.recv().await[3], "phx_reply");
    let late = sent.elapsed();
    assert!(late >= Duration::from_millis(290), "{late:?}");
    assert_eq!(
        client.recv().await,
        json!(["1", "1", TOPIC, "phx_close", {}])
    );
    post(&server, "/__dev/delay_replies", json!({"ms": 0})).await;
    let sent = Instant::now();
    client
        .send(json!([null, "3", "phoenix", "heartbeat", {}]))
        .await;
    client.recv().await;
    assert!(sent.elapsed() < Duration::from_millis(250));
}

#[tokio::test]
async fn forget_sessions_makes_every_session_unknown() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    post(&server, "/__dev/forget_sessions", json!({})).await;
    assert_eq!(stats(&server).await["sessions"], 0);
    client
        .send(json!(["1", "2", TOPIC, "put_data", {"session": session, "data": {}}]))
        .await;
    assert_eq!(client.recv().await[3], "phx_error");
}

#[tokio::test]
async fn starting_refuses_joins_of_the_demo_bot_or_the_named_one() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    for body in [json!({"ms": 300}), json!({"bot_id": BOT, "ms": 300})] {
        post(&server, "/__dev/starting", body).await;
        client
            .send(json!(["1", "1", TOPIC, "phx_join", {"access_token": TOKEN}]))
            .await;
        assert_eq!(
            client.recv().await[4]["response"],
            json!({"reason": "starting", "retry": true})
        );
    }
    tokio::time::sleep(Duration::from_millis(350)).await;
    client.join("2").await;
    let unknown = post(
        &server,
        "/__dev/starting",
        json!({"bot_id": UNKNOWN, "ms": 1}),
    )
    .await;
    assert_eq!(unknown.status(), 404);
    let no_ms = post(&server, "/__dev/starting", json!({})).await;
    assert_eq!(no_ms.status(), 400);
}

#[tokio::test]
async fn malformed_frame_sends_its_text_to_every_socket() {
    let server = start(PhoenixMode::V1_3).await;
    let mut a = Client::connect(&server).await;
    let mut b = Client::connect(&server).await;
    post(&server, "/__dev/malformed_frame", json!({})).await;
    assert_eq!(a.recv_text().await, "not json");
    assert_eq!(b.recv_text().await, "not json");
    let empty = reqwest::Client::new()
        .post(format!("{}/__dev/malformed_frame", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), 200, "the body is optional");
    assert_eq!(a.recv_text().await, "not json");
    post(&server, "/__dev/malformed_frame", json!({"text": "[1,2"})).await;
    assert_eq!(a.recv_text().await, "[1,2");
}

#[tokio::test]
async fn crash_channels_errors_every_bot_channel_and_keeps_the_sockets() {
    for (mode, payload) in [
        (PhoenixMode::V1_3, json!({})),
        (PhoenixMode::V1_8, json!({"reason": "channel_crash"})),
    ] {
        let server = start(mode).await;
        let mut a = Client::connect(&server).await;
        let mut b = Client::connect(&server).await;
        a.join("3").await;
        b.join("8").await;
        post(&server, "/__dev/crash_channels", json!({})).await;
        assert_eq!(
            a.recv().await,
            json!(["3", "3", TOPIC, "phx_error", payload])
        );
        assert_eq!(
            b.recv().await,
            json!(["8", "8", TOPIC, "phx_error", payload])
        );
        a.join("9").await;
        a.new_session("9").await;
    }
}

#[tokio::test]
async fn stats_count_sockets_joins_events_and_sessions() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    client
        .send(json!(["1", "1", TOPIC, "phx_join", {"access_token": "no"}]))
        .await;
    assert_eq!(client.recv().await[4]["status"], "error");
    // A duplicate join closes the old channel even when the new join fails.
    assert_eq!(client.recv().await[3], "phx_close");
    client.join("2").await;
    let session = client.new_session("2").await;
    client.say("2", &session, "x", 1).await;
    let second = Client::connect(&server).await;
    let stats = stats(&server).await;
    assert_eq!(stats["sockets_open"], 2);
    assert_eq!(stats["sockets_total"], 2);
    assert_eq!(stats["joins"], 2);
    assert_eq!(
        stats["received"],
        json!({"phx_join": 3, "new_session": 1, "utb_msg": 1})
    );
    assert_eq!(stats["sessions_created"], 1);
    assert_eq!(stats["sessions"], 1);
    drop((client, second));
}

#[tokio::test]
async fn frames_records_what_went_each_way_until_cleared() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client
        .send_text(r#"[null,"1","phoenix","heartbeat",{}]"#)
        .await;
    client.recv().await;
    let frames: Value = get(&server, "/__dev/frames").await.json().await.unwrap();
    let frames = frames.as_array().unwrap();
    assert_eq!(frames.len(), 2, "{frames:?}");
    assert_eq!(frames[0]["dir"], "in");
    assert_eq!(frames[0]["text"], r#"[null,"1","phoenix","heartbeat",{}]"#);
    assert_eq!(frames[1]["dir"], "out");
    let reply: Value = serde_json::from_str(frames[1]["text"].as_str().unwrap()).unwrap();
    assert_eq!(
        reply,
        json!([null, "1", "phoenix", "phx_reply", {"status": "ok", "response": {}}])
    );
    assert!(frames[1]["t"].as_u64().unwrap() >= frames[0]["t"].as_u64().unwrap());
    assert_eq!(frames[0]["conn"], frames[1]["conn"]);
    let cleared = reqwest::Client::new()
        .delete(format!("{}/__dev/frames", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), 200);
    let frames: Value = get(&server, "/__dev/frames").await.json().await.unwrap();
    assert_eq!(frames, json!([]));
}

#[tokio::test]
async fn a_static_dir_is_served_at_the_root() {
    let dir = temp_dir("static");
    std::fs::write(dir.join("index.html"), "<h1>widget</h1>").unwrap();
    std::fs::write(dir.join("app.js"), "42").unwrap();
    let server = start_with(|config| config.static_dir = Some(dir.clone())).await;
    let index = get(&server, "/?botId=x").await;
    assert_eq!(index.status(), 200);
    assert!(
        index.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(index.text().await.unwrap(), "<h1>widget</h1>");
    assert_eq!(get(&server, "/app.js").await.text().await.unwrap(), "42");
    assert_eq!(get(&server, "/missing.js").await.status(), 404);
    // The routes still win over the files.
    assert_eq!(get(&server, "/__dev/stats").await.status(), 200);
}
