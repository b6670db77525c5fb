//! Fault controls and observations for tests, under `/__dev/` on the server's own port. Each
//! POST takes an optional JSON body and answers 200 `{}`.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::app::App;
use crate::config::DEMO_BOT_ID;
use crate::lock;
use crate::phoenix::Command;

/// The faults the transport consults.
#[derive(Default)]
pub struct Faults {
    state: std::sync::Mutex<Active>,
}

#[derive(Default)]
struct Active {
    refuse_upgrades_until: Option<Instant>,
    reply_delay: Duration,
}

impl Faults {
    pub fn refuses_upgrades(&self) -> bool {
        lock(&self.state)
            .refuse_upgrades_until
            .is_some_and(|until| Instant::now() < until)
    }

    /// How long each `phx_reply` is held back.
    pub fn reply_delay(&self) -> Duration {
        lock(&self.state).reply_delay
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/__dev/drop_sockets", post(drop_sockets))
        .route("/__dev/refuse_upgrades", post(refuse_upgrades))
        .route("/__dev/delay_replies", post(delay_replies))
        .route("/__dev/forget_sessions", post(forget_sessions))
        .route("/__dev/starting", post(starting))
        .route("/__dev/malformed_frame", post(malformed_frame))
        .route("/__dev/crash_channels", post(crash_channels))
        .route("/__dev/stats", get(stats))
        .route("/__dev/frames", get(frames).delete(clear_frames))
}

/// What a control answers: 200 `{}`, or why not.
type Done = Result<Json<Value>, Refusal>;

enum Refusal {
    /// 400: the body is not the JSON the control takes.
    BadBody(serde_json::Error),
    /// 404: `/__dev/starting` for a bot this server does not have.
    NoSuchBot(String),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, why) = match self {
            Refusal::BadBody(error) => (StatusCode::BAD_REQUEST, error.to_string()),
            Refusal::NoSuchBot(bot) => (StatusCode::NOT_FOUND, format!("no bot {bot}")),
        };
        (status, Json(json!({"errors": why}))).into_response()
    }
}

fn done() -> Done {
    Ok(Json(json!({})))
}

/// Reads an optional JSON body: an empty one counts as `{}`.
fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, Refusal> {
    let bytes: &[u8] = if bytes.is_empty() { b"{}" } else { bytes };
    serde_json::from_slice(bytes).map_err(Refusal::BadBody)
}

#[derive(Deserialize)]
struct Ms {
    ms: u64,
}

/// Closes every WebSocket abnormally: the TCP connection goes without a close frame.
async fn drop_sockets(State(app): State<App>) -> Done {
    app.sockets.to_all(&Command::Drop);
    done()
}

/// `{"ms": N}`: upgrades get 403 for N ms.
async fn refuse_upgrades(State(app): State<App>, bytes: Bytes) -> Done {
    let Ms { ms } = body(&bytes)?;
    let until = Instant::now() + Duration::from_millis(ms);
    lock(&app.faults.state).refuse_upgrades_until = Some(until);
    done()
}

/// `{"ms": N}`: every `phx_reply` leaves N ms late (and what follows it waits); 0 turns it off.
async fn delay_replies(State(app): State<App>, bytes: Bytes) -> Done {
    let Ms { ms } = body(&bytes)?;
    lock(&app.faults.state).reply_delay = Duration::from_millis(ms);
    done()
}

/// Every session is unknown from now on, as after AIDA lost or replaced its database.
async fn forget_sessions(State(app): State<App>) -> Done {
    app.aida.sessions.forget_all();
    done()
}

#[derive(Deserialize)]
struct Starting {
    bot_id: Option<String>,
    ms: u64,
}

/// `{"bot_id"?, "ms": N}`: the bot (the demo bot by default) refuses joins with `starting` for
/// N ms.
async fn starting(State(app): State<App>, bytes: Bytes) -> Done {
    let Starting { bot_id, ms } = body(&bytes)?;
    let bot = bot_id.as_deref().unwrap_or(DEMO_BOT_ID);
    if !app.aida.bots.set_starting(bot, Duration::from_millis(ms)) {
        return Err(Refusal::NoSuchBot(bot.to_owned()));
    }
    done()
}

#[derive(Deserialize)]
struct Malformed {
    text: Option<String>,
}

/// `{"text"?}`: sends this text (default `not json`) as a frame to every socket.
async fn malformed_frame(State(app): State<App>, bytes: Bytes) -> Done {
    let Malformed { text } = body(&bytes)?;
    let text = text.unwrap_or_else(|| "not json".to_owned());
    app.sockets.to_all(&Command::SendRaw(text));
    done()
}

/// Every bot channel on every socket crashes: `phx_error`, and the sockets stay up.
async fn crash_channels(State(app): State<App>) -> Done {
    app.sockets.to_all(&Command::CrashChannels);
    done()
}

async fn stats(State(app): State<App>) -> Json<Value> {
    let sessions = app.aida.sessions.count();
    Json(app.monitor.stats(app.sockets.open_count(), sessions))
}

/// Every frame received and sent (the last 10000): `[{dir, t, conn, text}]`.
async fn frames(State(app): State<App>) -> Json<Value> {
    Json(app.monitor.frames())
}

async fn clear_frames(State(app): State<App>) -> Done {
    app.monitor.clear_frames();
    done()
}
