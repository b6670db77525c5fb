//! A server started in-process on a free port, a raw Phoenix V2 client over tokio-tungstenite
//! and small HTTP helpers. The client sees frames exactly as they go over the wire.

use std::time::Duration;

use aida_dev_server::{Config, DEMO_ACCESS_TOKEN, DEMO_BOT_ID, PhoenixMode, Running, serve};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub const TOPIC: &str = "bot:2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
pub const TOKEN: &str = DEMO_ACCESS_TOKEN;
pub const BOT: &str = DEMO_BOT_ID;
/// A well-formed UUID no bot, session or image has.
pub const UNKNOWN: &str = "00000000-0000-4000-8000-000000000000";
pub const MODES: [PhoenixMode; 2] = [PhoenixMode::V1_3, PhoenixMode::V1_8];

/// How long a frame that should come may take; generous for a loaded 2-core machine.
const WAIT: Duration = Duration::from_secs(2);

pub async fn start(mode: PhoenixMode) -> Running {
    start_with(|config| config.phoenix = mode).await
}

/// A server with test defaults (free port, no answer pauses), then `adjust`ed.
pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config {
        port: 0,
        reply_delay_ms: 0,
        ..Config::default()
    };
    adjust(&mut config);
    serve(config).await.expect("the server starts")
}

pub fn ws_url(server: &Running) -> String {
    format!("{}/websocket?vsn=2.0.0", server.socket_url())
}

/// How a connection ended, as the client saw it.
#[derive(Debug, PartialEq)]
pub enum Ending {
    /// A close frame with this code.
    Closed(u16),
    /// The TCP connection went without a close frame (a browser reports 1006).
    Dropped,
}

pub struct Client {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Client {
    pub async fn connect(server: &Running) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(ws_url(server))
            .await
            .expect("the upgrade succeeds");
        Client { ws }
    }

    pub async fn send(&mut self, frame: Value) {
        self.send_text(&frame.to_string()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.expect("sent");
    }

    pub async fn send_binary(&mut self, bytes: &[u8]) {
        let message = Message::binary(bytes.to_vec());
        self.ws.send(message).await.expect("sent");
    }

    /// The next text frame, as it came.
    pub async fn recv_text(&mut self) -> String {
        loop {
            let message = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("a frame in time")
                .expect("the socket is open")
                .expect("no transport error");
            match message {
                Message::Text(text) => return text.as_str().to_owned(),
                Message::Ping(_) | Message::Pong(_) => continue,
                other => panic!("expected a text frame, got {other:?}"),
            }
        }
    }

    /// The next frame, parsed.
    pub async fn recv(&mut self) -> Value {
        let text = self.recv_text().await;
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    /// Nothing arrives for `ms`.
    pub async fn silent(&mut self, ms: u64) {
        let wait = Duration::from_millis(ms);
        if let Ok(message) = tokio::time::timeout(wait, self.ws.next()).await {
            panic!("expected silence, got {message:?}");
        }
    }

    /// Waits for the end of the connection, skipping nothing: any frame before it fails.
    pub async fn ending(&mut self) -> Ending {
        let message = tokio::time::timeout(WAIT, self.ws.next())
            .await
            .expect("the connection ends in time");
        match message {
            Some(Ok(Message::Close(Some(frame)))) => Ending::Closed(frame.code.into()),
            Some(Ok(Message::Close(None))) => Ending::Closed(1005),
            Some(Err(_)) | None => Ending::Dropped,
            Some(Ok(other)) => panic!("expected the end, got {other:?}"),
        }
    }

    /// Joins the demo bot's topic with `join_ref` as join_ref and ref; asserts the ok reply.
    pub async fn join(&mut self, join_ref: &str) {
        self.send(json!([join_ref, join_ref, TOPIC, "phx_join", {"access_token": TOKEN}]))
            .await;
        let ok = json!([join_ref, join_ref, TOPIC, "phx_reply", {"status": "ok", "response": {}}]);
        assert_eq!(self.recv().await, ok);
    }

    /// A new session on the joined channel `join_ref`.
    /// A session of a visitor whose language is English (the demo bot asks for one without).
    pub async fn new_session(&mut self, join_ref: &str) -> String {
        let data = json!({"data": {"language": "en"}});
        self.send(json!([join_ref, "s", TOPIC, "new_session", data]))
            .await;
        let reply = self.recv().await;
        assert_eq!(reply[4]["status"], "ok", "{reply}");
        reply[4]["response"]["session"]
            .as_str()
            .expect("a session id")
            .to_owned()
    }

    /// Sends `utb_msg` and returns the texts of the `count` btu_msg answering it.
    pub async fn say(
        &mut self,
        join_ref: &str,
        session: &str,
        text: &str,
        count: usize,
    ) -> Vec<String> {
        self.send(json!([join_ref, "m", TOPIC, "utb_msg", {"session": session, "text": text}]))
            .await;
        let mut texts = Vec::new();
        for _ in 0..count {
            let push = self.recv().await;
            assert_eq!(push[3], "btu_msg", "{push}");
            assert_eq!(push[4]["session"], session);
            texts.push(push[4]["text"].as_str().unwrap().to_owned());
        }
        texts
    }
}

pub async fn post(server: &Running, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}{path}", server.url()))
        .json(&body)
        .send()
        .await
        .expect("the request is answered")
}

pub async fn get(server: &Running, path: &str) -> reqwest::Response {
    reqwest::get(format!("{}{path}", server.url()))
        .await
        .expect("the request is answered")
}

pub async fn stats(server: &Running) -> Value {
    get(server, "/__dev/stats").await.json().await.unwrap()
}

/// Uploads `bytes` as the multipart field `file` with `content_type`.
pub async fn upload(
    server: &Running,
    bot: &str,
    session: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("picture")
        .mime_str(content_type)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    reqwest::Client::new()
        .post(format!("{}/content/image/{bot}/{session}", server.url()))
        .multipart(form)
        .send()
        .await
        .expect("the upload is answered")
}

/// A fresh empty directory under the system's temporary one.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("aida-dev-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
