//! The AIDA bot channel and the demo bot: joins, the session events, messages and their
//! answers, crashes, and unprompted messages.

use std::time::{Duration, Instant};

use aida_dev_server::PhoenixMode;
use serde_json::{Value, json};

use crate::support::*;

/// The frame that follows a push that crashes the channel "1".
fn crashed(mode: PhoenixMode) -> Value {
    let payload = match mode {
        PhoenixMode::V1_3 => json!({}),
        PhoenixMode::V1_8 => json!({"reason": "channel_crash"}),
    };
    json!(["1", "1", TOPIC, "phx_error", payload])
}

#[tokio::test]
async fn joins_with_a_wrong_token_or_an_unknown_bot_are_unauthorized() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    let unknown_bot = format!("bot:{UNKNOWN}");
    for (topic, payload) in [
        (TOPIC, json!({"access_token": "wrong"})),
        (TOPIC, json!({"access_token": 7})),
        (unknown_bot.as_str(), json!({"access_token": TOKEN})),
    ] {
        client
            .send(json!(["1", "1", topic, "phx_join", payload]))
            .await;
        let refused = json!(["1", "1", topic, "phx_reply",
            {"status": "error", "response": {"reason": "unauthorized"}}]);
        assert_eq!(client.recv().await, refused, "{payload}");
    }
    // AIDA's join/3 raises without the key; Phoenix answers "join crashed".
    client.send(json!(["2", "2", TOPIC, "phx_join", {}])).await;
    assert_eq!(
        client.recv().await[4]["response"],
        json!({"reason": "join crashed"})
    );
    // The uppercase form of the bot id is the same bot.
    client
        .send(json!(["3", "3", TOPIC.to_uppercase().replace("BOT:", "bot:"), "phx_join", {"access_token": TOKEN}]))
        .await;
    assert_eq!(client.recv().await[4]["status"], "ok");
}

#[tokio::test]
async fn a_bot_of_the_bots_file_is_starting_for_its_starting_ms() {
    let dir = temp_dir("bots");
    let bots = dir.join("bots.json");
    let id = "0b8e3c5e-1b4e-4c47-9f4e-2d2f4a9c1b11";
    std::fs::write(
        &bots,
        json!([{"id": id, "token": "tok", "starting_ms": 400}]).to_string(),
    )
    .unwrap();
    let server = start_with(|config| {
        config.bots = Some(bots.clone());
        config.no_demo_bot = true;
    })
    .await;
    assert_eq!(server.bot, Some((id.to_owned(), "tok".to_owned())));
    let mut client = Client::connect(&server).await;
    let topic = format!("bot:{id}");
    client
        .send(json!(["1", "1", topic, "phx_join", {"access_token": "tok"}]))
        .await;
    assert_eq!(
        client.recv().await[4],
        json!({"status": "error", "response": {"reason": "starting", "retry": true}})
    );
    // --no-demo-bot: the demo bot does not exist.
    client
        .send(json!(["2", "2", TOPIC, "phx_join", {"access_token": TOKEN}]))
        .await;
    assert_eq!(client.recv().await[4]["response"]["reason"], "unauthorized");
    tokio::time::sleep(Duration::from_millis(450)).await;
    client
        .send(json!(["3", "3", topic, "phx_join", {"access_token": "tok"}]))
        .await;
    assert_eq!(client.recv().await[4]["status"], "ok");
}

#[tokio::test]
async fn new_session_answers_a_lowercase_uuid_v4() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let first = client.new_session("1").await;
    client
        .send(json!(["1", "2", TOPIC, "new_session", {"data": {"first_name": "Ada", "language": "en"}}]))
        .await;
    let second = client.recv().await[4]["response"]["session"]
        .as_str()
        .unwrap()
        .to_owned();
    for session in [&first, &second] {
        let b = session.as_bytes();
        assert_eq!(session.len(), 36);
        assert!(
            session
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_lowercase())
        );
        assert_eq!((b[14], b[8], b[13]), (b'4', b'-', b'-'), "{session}");
        assert!(b"89ab".contains(&b[19]), "{session}");
    }
    assert_ne!(first, second);
    // The data given at creation is the session's.
    let greeting = client.say("1", &second, "hi", 3).await;
    assert!(greeting[0].starts_with("Hello, Ada!"), "{greeting:?}");
    assert_eq!(stats(&server).await["sessions_created"], 2);
}

#[tokio::test]
async fn put_data_merges_into_the_session_data() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    for data in [
        json!({"first_name": "Ada", "language": "en"}),
        json!({"last_name": "L"}),
    ] {
        client
            .send(json!(["1", "2", TOPIC, "put_data", {"session": session, "data": data}]))
            .await;
        let ok = json!(["1", "2", TOPIC, "phx_reply", {"status": "ok", "response": {}}]);
        assert_eq!(client.recv().await, ok);
    }
    let greeting = client.say("1", &session, "hello", 3).await;
    assert!(greeting[0].starts_with("Hello, Ada!"), "{greeting:?}");
}

#[tokio::test]
async fn put_data_on_an_unknown_session_crashes_the_channel() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        client.join("1").await;
        client
            .send(json!(["1", "2", TOPIC, "put_data", {"session": UNKNOWN, "data": {}}]))
            .await;
        assert_eq!(client.recv().await, crashed(mode), "{mode:?}");
    }
}

#[tokio::test]
async fn delete_session_forgets_the_session_and_its_images() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    let upload = upload(&server, BOT, &session, "image/png", vec![1, 2, 3]).await;
    let id = upload.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(&server, &format!("/content/image/{id}")).await.status(),
        200
    );
    client
        .send(json!(["1", "2", TOPIC, "delete_session", {"session": session}]))
        .await;
    let ok = json!(["1", "2", TOPIC, "phx_reply", {"status": "ok", "response": {}}]);
    assert_eq!(client.recv().await, ok);
    assert_eq!(
        get(&server, &format!("/content/image/{id}")).await.status(),
        404
    );
    client
        .send(json!(["1", "3", TOPIC, "put_data", {"session": session, "data": {}}]))
        .await;
    assert_eq!(client.recv().await, crashed(PhoenixMode::V1_3));
}

#[tokio::test]
async fn the_demo_bot_asks_for_a_language_it_has_and_answers_in_the_one_set() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    for (data, first_answer) in [
        (
            json!({}),
            "To chat in English, write English. Para hablar en español, escribe Español.",
        ),
        (
            json!({"language": "fr"}),
            "To chat in English, write English. Para hablar en español, escribe Español.",
        ),
        (json!({"language": "es"}), "Dijiste: buenos días"),
    ] {
        client
            .send(json!(["1", "2", TOPIC, "new_session", {"data": data}]))
            .await;
        let session = client.recv().await[4]["response"]["session"]
            .as_str()
            .unwrap()
            .to_owned();
        let texts = client.say("1", &session, "buenos días", 1).await;
        assert_eq!(texts, [first_answer], "{data}");
        // Naming a language sets it; the next message is answered in it.
        let greeting = client.say("1", &session, "Español", 3).await;
        assert_eq!(greeting[0], "¡Hola! Soy el bot de demostración de AIDA.");
        assert_eq!(
            client.say("1", &session, "gracias", 1).await,
            ["Dijiste: gracias"]
        );
        assert_eq!(
            client.say("1", &session, "english", 3).await[0],
            "Hello! I am the AIDA demo bot."
        );
    }
}

#[tokio::test]
async fn utb_msg_gets_no_reply_and_the_answer_goes_to_the_sender_only() {
    let server = start(PhoenixMode::V1_3).await;
    let mut sender = Client::connect(&server).await;
    let mut other = Client::connect(&server).await;
    sender.join("1").await;
    other.join("1").await;
    let session = sender.new_session("1").await;
    sender
        .send(json!(["1", "2", TOPIC, "utb_msg", {"session": session, "text": "  Hola  \n"}]))
        .await;
    // Exactly {text, session}, the text trimmed; no phx_reply before or after.
    assert_eq!(
        sender.recv().await,
        json!([null, null, TOPIC, "btu_msg", {"text": "You said: Hola", "session": session}])
    );
    sender.silent(200).await;
    other.silent(10).await;
}

#[tokio::test]
async fn the_demo_bot_answers_in_several_messages_with_newlines_urls_and_session_ends() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    let hello = client.say("1", &session, "hello", 3).await;
    assert!(hello[0].starts_with("Hello!"), "{hello:?}");
    assert!(hello[1..].iter().all(|text| !text.is_empty()));
    assert_eq!(client.say("1", &session, "Hi!", 3).await, hello);
    let link = client.say("1", &session, "link", 1).await;
    assert!(
        link[0].contains('\n') && link[0].contains("https://"),
        "{link:?}"
    );
    assert_eq!(
        client.say("1", &session, " ##SESSION ", 1).await,
        [session[29..].to_owned()]
    );
    assert_eq!(
        client.say("1", &session, "<b>x</b>", 1).await,
        ["You said: <b>x</b>"]
    );
    client.silent(100).await;
}

#[tokio::test]
async fn answers_keep_their_order_and_pause_between_messages() {
    let server = start_with(|config| config.reply_delay_ms = 80).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    let sent = Instant::now();
    for text in ["hello", "second"] {
        client
            .send(json!(["1", "2", TOPIC, "utb_msg", {"session": session, "text": text}]))
            .await;
    }
    let mut texts = Vec::new();
    for _ in 0..4 {
        texts.push(client.recv().await[4]["text"].as_str().unwrap().to_owned());
    }
    assert_eq!(texts[3], "You said: second");
    assert!(texts[0].starts_with("Hello"));
    assert!(
        sent.elapsed() >= Duration::from_millis(4 * 80),
        "{:?}",
        sent.elapsed()
    );
}

#[tokio::test]
async fn utb_img_gets_no_reply_and_an_image_of_another_session_counts_as_none() {
    let server = start(PhoenixMode::V1_3).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    let other_session = client.new_session("1").await;
    let mut ids = Vec::new();
    for owner in [&session, &other_session] {
        let upload = upload(&server, BOT, owner, "image/png", vec![0; 70]).await;
        ids.push(
            upload.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    for (image, expected) in [
        (
            ids[0].as_str(),
            "Nice picture! I got your image (image/png, 70 bytes).",
        ),
        (ids[1].as_str(), "I got your message."),
        (UNKNOWN, "I got your message."),
        ("not-an-id", "I got your message."),
    ] {
        client
            .send(json!(["1", "2", TOPIC, "utb_img", {"session": session, "image": image}]))
            .await;
        assert_eq!(
            client.recv().await,
            json!([null, null, TOPIC, "btu_msg", {"text": expected, "session": session}]),
            "{image}"
        );
    }
    client.silent(100).await;
}

#[tokio::test]
async fn bad_events_and_params_crash_the_channel() {
    for mode in MODES {
        let server = start(mode).await;
        let mut client = Client::connect(&server).await;
        let mut other_bot_session = Client::connect(&start(mode).await).await;
        other_bot_session.join("1").await;
        let foreign = other_bot_session.new_session("1").await; // another server's database
        client.join("1").await;
        let session = client.new_session("1").await;
        for (event, payload) in [
            ("nonsense", json!({})),
            ("new_session", json!({"data": "not a map"})),
            ("new_session", json!([])),
            ("put_data", json!({"session": session})),
            ("put_data", json!({"data": {}})),
            ("utb_msg", json!({"session": session})),
            ("utb_msg", json!({"text": "hi"})),
            ("utb_msg", json!({"session": "not-a-uuid", "text": "hi"})),
            ("utb_msg", json!({"session": UNKNOWN, "text": "hi"})),
            ("utb_msg", json!({"session": foreign, "text": "hi"})),
            ("utb_img", json!({"session": session})),
            ("delete_session", json!({"session": UNKNOWN})),
        ] {
            client.send(json!(["1", "2", TOPIC, event, payload])).await;
            assert_eq!(
                client.recv().await,
                crashed(mode),
                "{mode:?} {event} {payload}"
            );
            client.join("1").await;
        }
    }
}

#[tokio::test]
async fn send_message_broadcasts_to_every_socket_on_the_bot_topic() {
    for mode in MODES {
        let server = start(mode).await;
        let mut a = Client::connect(&server).await;
        let mut b = Client::connect(&server).await;
        let mut elsewhere = Client::connect(&server).await;
        a.join("1").await;
        b.join("5").await;
        let session = a.new_session("1").await;
        let path = format!("/api/bots/{BOT}/sessions/{session}/send_message");
        let response = post(&server, &path, json!({"message": "Survey time"})).await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.text().await.unwrap(),
            "",
            "AIDA answers with no body"
        );
        for (client, join_ref) in [(&mut a, "1"), (&mut b, "5")] {
            let join_ref = match mode {
                PhoenixMode::V1_3 => json!(null),
                PhoenixMode::V1_8 => json!(join_ref),
            };
            assert_eq!(
                client.recv().await,
                json!([join_ref, null, TOPIC, "btu_msg", {"text": "Survey time", "session": session}])
            );
        }
        elsewhere.silent(50).await;
    }
}

#[tokio::test]
async fn send_message_reads_message_and_finds_the_session_by_its_id_alone() {
    let server = start(PhoenixMode::V1_8).await;
    let mut client = Client::connect(&server).await;
    client.join("1").await;
    let session = client.new_session("1").await;
    let path = format!("/api/bots/{BOT}/sessions/{session}/send_message");
    let status = post(&server, &path, json!({"text": "x"})).await.status();
    assert_eq!(status, 400, "`text` is not AIDA's field");
    // AIDA does not read the path's bot: the session's own bot speaks.
    let path = format!("/api/bots/{UNKNOWN}/sessions/{session}/send_message");
    assert_eq!(
        post(&server, &path, json!({"message": "hi"}))
            .await
            .status(),
        200
    );
    assert_eq!(
        client.recv().await,
        json!(["1", null, TOPIC, "btu_msg", {"text": "hi", "session": session}])
    );
    let nobody = "00000000-0000-4000-8000-000000000000";
    let path = format!("/api/bots/{BOT}/sessions/{nobody}/send_message");
    assert_eq!(
        post(&server, &path, json!({"message": "x"})).await.status(),
        500
    );
}
