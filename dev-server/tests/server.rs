//! The dev server on the wire, with a tokio-tungstenite client: one test per behaviour, in both
//! Phoenix modes where they differ.

use std::time::Duration;

use aida_dev_server::{Config, DEMO_ACCESS_TOKEN, DEMO_BOT_ID, PhoenixMode, Running, serve};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

const TOPIC: &str = "bot:2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
const UNKNOWN: &str = "00000000-0000-4000-8000-000000000000";

async fn start(mode: PhoenixMode) -> Running {
    start_with(|c| c.phoenix = mode).await
}

async fn start_with(f: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config::for_tests();
    f(&mut config);
    serve(config).await.unwrap()
}

async fn connect(server: &Running) -> Ws {
    let url = format!("{}/websocket?vsn=2.0.0", server.socket_url());
    tokio_tungstenite::connect_async(url).await.unwrap().0
}

async fn send(ws: &mut Ws, frame: Value) {
    ws.send(Message::text(frame.to_string())).await.unwrap();
}

/// The next text frame, within a second.
async fn recv(ws: &mut Ws) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(1), ws.next())
            .await
            .expect("a frame in time");
        match message.expect("open").expect("no error") {
            Message::Text(text) => return serde_json::from_str(&text).unwrap(),
            Message::Ping(_) | Message::Pong(_) => continue,
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// Nothing arrives for a while.
async fn silent(ws: &mut Ws, ms: u64) {
    if let Ok(Some(Ok(Message::Text(text)))) =
        tokio::time::timeout(Duration::from_millis(ms), ws.next()).await
    {
        panic!("expected silence, got {text}");
    }
}

async fn join(ws: &mut Ws, jr: &str) {
    send(
        ws,
        json!([jr, jr, TOPIC, "phx_join", {"access_token": DEMO_ACCESS_TOKEN}]),
    )
    .await;
    assert_eq!(
        recv(ws).await,
        json!([jr, jr, TOPIC, "phx_reply", {"status": "ok", "response": {}}])
    );
}

async fn new_session(ws: &mut Ws, jr: &str, r: &str) -> String {
    send(ws, json!([jr, r, TOPIC, "new_session", {}])).await;
    let reply = recv(ws).await;
    assert_eq!(reply[4]["status"], "ok");
    reply[4]["response"]["session"].as_str().unwrap().to_owned()
}

async fn post(server: &Running, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}{path}", server.url()))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn upgrade_needs_vsn_2_and_can_be_refused() {
    let server = start(PhoenixMode::V1_3).await;
    for query in ["", "?vsn=1.0.0"] {
        let url = format!("{}/websocket{query}", server.socket_url());
        let error = tokio_tungstenite::connect_async(url).await.unwrap_err();
        assert!(error.to_string().contains("403"), "{error}");
    }
    post(&server, "/__dev/refuse_upgrades", json!({"ms": 200})).await;
    let url = format!("{}/websocket?vsn=2.0.0", server.socket_url());
    assert!(tokio_tungstenite::connect_async(&url).await.is_err());
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert!(tokio_tungstenite::connect_async(&url).await.is_ok());
}

#[tokio::test]
async fn heartbeat_is_answered_without_any_channel() {
    let server = start(PhoenixMode::V1_3).await;
    let mut ws = connect(&server).await;
    send(&mut ws, json!([null, "7", "phoenix", "heartbeat", {}])).await;
    assert_eq!(
        recv(&mut ws).await,
        json!([null, "7", "phoenix", "phx_reply", {"status": "ok", "response": {}}])
    );
}

#[tokio::test]
async fn join_refusals_unauthorized_starting_and_unmatched_topic() {
    let server = start(PhoenixMode::V1_3).await;
    let mut ws = connect(&server).await;
    send(
        &mut ws,
        json!(["1", "1", TOPIC, "phx_join", {"access_token": "wrong"}]),
    )
    .await;
    assert_eq!(
        recv(&mut ws).await[4],
        json!({"status": "error", "response": {"reason": "unauthorized"}})
    );
    send(&mut ws, json!(["2", "2", format!("bot:{UNKNOWN}"), "phx_join", {"access_token": DEMO_ACCESS_TOKEN}])).await;
    assert_eq!(
        recv(&mut ws).await[4]["response"],
        json!({"reason": "unauthorized"})
    );
    post(&server, "/__dev/starting", json!({"ms": 300})).await;
    send(
        &mut ws,
        json!(["3", "3", TOPIC, "phx_join", {"access_token": DEMO_ACCESS_TOKEN}]),
    )
    .await;
    assert_eq!(
        recv(&mut ws).await[4]["response"],
        json!({"reason": "starting", "retry": true})
    );
    send(&mut ws, json!(["4", "4", "room:lobby", "phx_join", {}])).await;
    assert_eq!(
        recv(&mut ws).await,
        json!([null, "4", "room:lobby", "phx_reply", {"status": "error", "response": {"reason": "unmatched topic"}}])
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    join(&mut ws, "5").await;
}

#[tokio::test]
async fn a_bot_starting_from_the_bots_file() {
    let dir = std::env::temp_dir().join(format!("aida-bots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bots.json");
    std::fs::write(
        &file,
        json!([{"id": UNKNOWN, "token": "t", "starting_ms": 5000}]).to_string(),
    )
    .unwrap();
    let server = start_with(|c| c.bots = Some(file.clone())).await;
    let mut ws = connect(&server).await;
    let topic = format!("bot:{UNKNOWN}");
    send(
        &mut ws,
        json!(["1", "1", topic, "phx_join", {"access_token": "t"}]),
    )
    .await;
    assert_eq!(recv(&mut ws).await[4]["response"]["reason"], "starting");
}

#[tokio::test]
async fn session_events_and_their_replies() {
    let server = start(PhoenixMode::V1_3).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "1").await;
    send(
        &mut ws,
        json!(["1", "2", TOPIC, "new_session", {"data": {"first_name": "Ada"}}]),
    )
    .await;
    let reply = recv(&mut ws).await;
    let session = reply[4]["response"]["session"].as_str().unwrap().to_owned();
    assert_eq!(session, session.to_lowercase());
    assert_eq!(session.len(), 36);
    send(
        &mut ws,
        json!(["1", "3", TOPIC, "put_data", {"session": session, "data": {"last_name": "L"}}]),
    )
    .await;
    assert_eq!(
        recv(&mut ws).await,
        json!(["1", "3", TOPIC, "phx_reply", {"status": "ok", "response": {}}])
    );
    send(
        &mut ws,
        json!(["1", "4", TOPIC, "delete_session", {"session": session}]),
    )
    .await;
    assert_eq!(
        recv(&mut ws).await[4],
        json!({"status": "ok", "response": {}})
    );
    // The deleted session is unknown now: put_data crashes the channel.
    send(
        &mut ws,
        json!(["1", "5", TOPIC, "put_data", {"session": session, "data": {}}]),
    )
    .await;
    assert_eq!(
        recv(&mut ws).await,
        json!(["1", "1", TOPIC, "phx_error", {}])
    );
}

#[tokio::test]
async fn utb_msg_has_no_reply_and_btu_msg_follows_in_each_mode() {
    for (mode, jr) in [
        (PhoenixMode::V1_3, Value::Null),
        (PhoenixMode::V1_8, json!("1")),
    ] {
        let server = start(mode).await;
        let mut ws = connect(&server).await;
        join(&mut ws, "1").await;
        let session = new_session(&mut ws, "1", "2").await;
        send(
            &mut ws,
            json!(["1", "3", TOPIC, "utb_msg", {"session": session, "text": "  hi  "}]),
        )
        .await;
        let first = recv(&mut ws).await;
        assert_eq!(
            first,
            json!([jr, null, TOPIC, "btu_msg", {"text": "Hello! I am the AIDA demo bot.", "session": session}])
        );
        assert_eq!(recv(&mut ws).await[3], "btu_msg");
        assert_eq!(recv(&mut ws).await[3], "btu_msg");
        silent(&mut ws, 150).await;
        send(
            &mut ws,
            json!(["1", "4", TOPIC, "utb_msg", {"session": session, "text": "##SESSION"}]),
        )
        .await;
        assert_eq!(recv(&mut ws).await[4]["text"], json!(&session[29..]));
    }
}

#[tokio::test]
async fn malformed_payloads_and_unknown_events_crash_the_channel_in_each_mode() {
    for (mode, payload) in [
        (PhoenixMode::V1_3, json!({})),
        (PhoenixMode::V1_8, json!({"reason": "channel_crash"})),
    ] {
        let server = start(mode).await;
        let mut ws = connect(&server).await;
        for (i, (event, body)) in [
            ("utb_msg", json!({"session": "not-a-uuid", "text": "x"})),
            ("utb_msg", json!({"text": "x"})),
            ("nonsense", json!({})),
            ("utb_img", json!({"session": UNKNOWN, "image": UNKNOWN})),
        ]
        .into_iter()
        .enumerate()
        {
            let jr = format!("j{i}");
            join(&mut ws, &jr).await;
            send(&mut ws, json!([jr, "r", TOPIC, event, body])).await;
            assert_eq!(
                recv(&mut ws).await,
                json!([jr, jr, TOPIC, "phx_error", payload]),
                "{event}"
            );
        }
        // The socket survives its channel.
        send(&mut ws, json!([null, "h", "phoenix", "heartbeat", {}])).await;
        assert_eq!(recv(&mut ws).await[1], "h");
    }
}

#[tokio::test]
async fn stale_join_ref_push_handled_in_1_3_ignored_in_1_8() {
    let server = start(PhoenixMode::V1_3).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "5").await;
    send(&mut ws, json!(["3", "9", TOPIC, "new_session", {}])).await;
    let reply = recv(&mut ws).await;
    assert_eq!(
        (reply[0].clone(), reply[1].clone()),
        (json!("5"), json!("9")),
        "the reply carries the current join_ref"
    );

    let server = start(PhoenixMode::V1_8).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "5").await;
    send(&mut ws, json!(["3", "9", TOPIC, "new_session", {}])).await;
    silent(&mut ws, 200).await;
    send(&mut ws, json!([null, "10", TOPIC, "new_session", {}])).await;
    assert_eq!(recv(&mut ws).await[1], "10", "a null join_ref is accepted");
}

#[tokio::test]
async fn leave_replies_then_closes_and_without_channel_differs_by_mode() {
    for mode in [PhoenixMode::V1_3, PhoenixMode::V1_8] {
        let server = start(mode).await;
        let mut ws = connect(&server).await;
        join(&mut ws, "1").await;
        send(&mut ws, json!(["1", "2", TOPIC, "phx_leave", {}])).await;
        assert_eq!(
            recv(&mut ws).await,
            json!(["1", "2", TOPIC, "phx_reply", {"status": "ok", "response": {}}])
        );
        assert_eq!(
            recv(&mut ws).await,
            json!(["1", "1", TOPIC, "phx_close", {}])
        );
        send(&mut ws, json!(["1", "3", TOPIC, "phx_leave", {}])).await;
        let reply = recv(&mut ws).await;
        match mode {
            PhoenixMode::V1_3 => assert_eq!(
                reply,
                json!([null, "3", TOPIC, "phx_reply", {"status": "error", "response": {"reason": "unmatched topic"}}])
            ),
            PhoenixMode::V1_8 => assert_eq!(
                reply,
                json!(["1", "3", TOPIC, "phx_reply", {"status": "ok", "response": {}}])
            ),
        }
        // A push on a topic with no channel: unmatched topic, null join_ref.
        send(&mut ws, json!(["1", "4", TOPIC, "new_session", {}])).await;
        assert_eq!(recv(&mut ws).await[0], Value::Null);
    }
}

#[tokio::test]
async fn duplicate_join_closes_the_old_channel_after_the_new_reply() {
    let server = start(PhoenixMode::V1_8).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "1").await;
    join(&mut ws, "2").await;
    assert_eq!(
        recv(&mut ws).await,
        json!(["1", "1", TOPIC, "phx_close", {}])
    );
}

#[tokio::test]
async fn idle_sockets_are_closed() {
    let server = start_with(|c| c.idle_timeout_ms = 150).await;
    let mut ws = connect(&server).await;
    let message = tokio::time::timeout(Duration::from_secs(1), ws.next())
        .await
        .unwrap();
    assert!(
        matches!(message, Some(Ok(Message::Close(_))) | None),
        "{message:?}"
    );
}

#[tokio::test]
async fn malformed_frames_close_the_socket() {
    let server = start(PhoenixMode::V1_3).await;
    let mut ws = connect(&server).await;
    ws.send(Message::text("{\"not\": \"an array\"}"))
        .await
        .unwrap();
    let message = tokio::time::timeout(Duration::from_secs(1), ws.next())
        .await
        .unwrap();
    assert!(
        matches!(message, Some(Ok(Message::Close(_))) | None),
        "{message:?}"
    );
}

#[tokio::test]
async fn broadcasts_reach_every_socket_on_the_topic() {
    let server = start(PhoenixMode::V1_3).await;
    let (mut a, mut b, mut other) = (
        connect(&server).await,
        connect(&server).await,
        connect(&server).await,
    );
    join(&mut a, "1").await;
    join(&mut b, "1").await;
    let session = new_session(&mut a, "1", "2").await;
    let response = post(
        &server,
        &format!("/api/bots/{DEMO_BOT_ID}/sessions/{session}/send_message"),
        json!({"text": "survey"}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let expected = json!([null, null, TOPIC, "btu_msg", {"text": "survey", "session": session}]);
    assert_eq!(recv(&mut a).await, expected);
    assert_eq!(recv(&mut b).await, expected);
    silent(&mut other, 100).await;
}

#[tokio::test]
async fn fault_controls_drop_crash_malformed_delay_forget() {
    let server = start(PhoenixMode::V1_3).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "1").await;
    let session = new_session(&mut ws, "1", "2").await;

    post(&server, "/__dev/delay_replies", json!({"ms": 300})).await;
    let started = std::time::Instant::now();
    send(&mut ws, json!([null, "h", "phoenix", "heartbeat", {}])).await;
    recv(&mut ws).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    post(&server, "/__dev/delay_replies", json!({"ms": 0})).await;

    post(&server, "/__dev/malformed_frame", json!({})).await;
    let message = tokio::time::timeout(Duration::from_secs(1), ws.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(message, Message::text("not json"));

    post(&server, "/__dev/crash_channels", json!({})).await;
    assert_eq!(recv(&mut ws).await[3], "phx_error");

    join(&mut ws, "3").await;
    post(&server, "/__dev/forget_sessions", json!({})).await;
    send(
        &mut ws,
        json!(["3", "4", TOPIC, "put_data", {"session": session, "data": {}}]),
    )
    .await;
    assert_eq!(
        recv(&mut ws).await[3],
        "phx_error",
        "a forgotten session is unknown"
    );

    let stats: Value = reqwest::get(format!("{}/__dev/stats", server.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["received"]["new_session"], 1);
    assert_eq!(stats["sockets_open"], 1);
    let frames: Value = reqwest::get(format!("{}/__dev/frames", server.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        frames
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["dir"] == "in" && f["text"].as_str().unwrap().contains("put_data"))
    );

    post(&server, "/__dev/drop_sockets", json!({})).await;
    let end = tokio::time::timeout(Duration::from_secs(1), ws.next())
        .await
        .unwrap();
    assert!(
        !matches!(end, Some(Ok(Message::Close(_)))),
        "dropped without a close frame: {end:?}"
    );
}

async fn upload(
    server: &Running,
    bot: &str,
    session: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("f")
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let url = format!("{}/content/image/{bot}/{session}", server.url());
    reqwest::Client::new()
        .post(url)
        .header("origin", "https://shop.example")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn images_upload_and_serve_as_aida_does() {
    let server = start_with(|c| c.max_upload_bytes = 1000).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "1").await;
    let session = new_session(&mut ws, "1", "2").await;

    let ok = upload(&server, DEMO_BOT_ID, &session, "image/png", vec![1, 2, 3]).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.headers()["access-control-allow-origin"], "*");
    let id = ok.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let got = reqwest::get(format!("{}/content/image/{id}", server.url()))
        .await
        .unwrap();
    assert_eq!(got.headers()["content-type"], "image/png");
    assert_eq!(got.bytes().await.unwrap().as_ref(), [1, 2, 3]);
    assert_eq!(
        reqwest::get(format!("{}/content/image/{UNKNOWN}", server.url()))
            .await
            .unwrap()
            .status(),
        404
    );

    let text = upload(&server, DEMO_BOT_ID, &session, "text/plain", vec![1]).await;
    assert_eq!(text.status(), 415);
    assert_eq!(
        text.json::<Value>().await.unwrap(),
        json!({"errors": "Unsupported Media Type"})
    );
    assert_eq!(
        upload(&server, DEMO_BOT_ID, &session, "image/png", vec![0; 5000])
            .await
            .status(),
        413
    );
    assert_eq!(
        upload(&server, DEMO_BOT_ID, UNKNOWN, "image/png", vec![1])
            .await
            .status(),
        500
    );

    // The bot knows the picture of this session, and not another one.
    send(
        &mut ws,
        json!(["1", "3", TOPIC, "utb_img", {"session": session, "image": id}]),
    )
    .await;
    assert_eq!(recv(&mut ws).await[4]["text"], "Nice picture! I got it.");
    send(
        &mut ws,
        json!(["1", "4", TOPIC, "utb_img", {"session": session, "image": UNKNOWN}]),
    )
    .await;
    assert_eq!(recv(&mut ws).await[4]["text"], "I got your message.");

    // Deleting the session deletes its images.
    send(
        &mut ws,
        json!(["1", "5", TOPIC, "delete_session", {"session": session}]),
    )
    .await;
    recv(&mut ws).await;
    assert_eq!(
        reqwest::get(format!("{}/content/image/{id}", server.url()))
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn the_data_dir_keeps_sessions_and_images_across_restarts() {
    let dir = std::env::temp_dir().join(format!(
        "aida-data-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let server = start_with(|c| c.data_dir = Some(dir.clone())).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "1").await;
    let session = new_session(&mut ws, "1", "2").await;
    let id = upload(&server, DEMO_BOT_ID, &session, "image/gif", vec![7])
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .clone();
    server.stop();

    let server = start_with(|c| c.data_dir = Some(dir.clone())).await;
    let mut ws = connect(&server).await;
    join(&mut ws, "1").await;
    send(
        &mut ws,
        json!(["1", "2", TOPIC, "put_data", {"session": session, "data": {}}]),
    )
    .await;
    assert_eq!(
        recv(&mut ws).await[4]["status"],
        "ok",
        "the session survived the restart"
    );
    let got = reqwest::get(format!(
        "{}/content/image/{}",
        server.url(),
        id.as_str().unwrap()
    ))
    .await
    .unwrap();
    assert_eq!(got.headers()["content-type"], "image/gif");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn static_files_are_served_for_the_browser_tests() {
    let dir = std::env::temp_dir().join(format!("aida-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
    std::fs::write(dir.join("app.wasm"), [0, 97, 115, 109]).unwrap();
    let server = start_with(|c| c.static_dir = Some(dir.clone())).await;
    let index = reqwest::get(format!("{}/?title=x", server.url()))
        .await
        .unwrap();
    assert_eq!(index.text().await.unwrap(), "<p>hi</p>");
    let wasm = reqwest::get(format!("{}/app.wasm", server.url()))
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
}
