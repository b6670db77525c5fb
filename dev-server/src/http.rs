//! The HTTP side: the WebSocket upgrade, AIDA's image and send_message endpoints, the test
//! fault controls under `/__dev/`, and the optional static files.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State as Extract, WebSocketUpgrade};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_http::cors::CorsLayer;
use tower_http::services::{ServeDir, ServeFile};

use crate::config::DEMO_BOT_ID;
use crate::socket;
use crate::state::{Command, Image, State};

pub fn router(state: State, static_dir: Option<PathBuf>) -> Router {
    let aida = Router::new()
        .route(
            "/content/image/{bot}/{session}",
            post(upload).layer(DefaultBodyLimit::max(state.max_upload_bytes)),
        )
        .route("/content/image/{id}", get(image))
        .route(
            "/api/bots/{bot}/sessions/{session}/send_message",
            post(send_message),
        )
        // AIDA allows any origin, without credentials.
        .layer(CorsLayer::permissive());
    let dev = Router::new()
        .route("/__dev/drop_sockets", post(drop_sockets))
        .route("/__dev/refuse_upgrades", post(refuse_upgrades))
        .route("/__dev/delay_replies", post(delay_replies))
        .route("/__dev/forget_sessions", post(forget_sessions))
        .route("/__dev/starting", post(starting))
        .route("/__dev/malformed_frame", post(malformed_frame))
        .route("/__dev/crash_channels", post(crash_channels))
        .route("/__dev/stats", get(stats))
        .route("/__dev/frames", get(frames).delete(clear_frames));
    let router = Router::new()
        .route("/socket/websocket", get(upgrade))
        .merge(aida)
        .merge(dev);
    let router = match static_dir {
        Some(dir) => {
            let index = ServeFile::new(dir.join("index.html"));
            router.fallback_service(ServeDir::new(dir).fallback(index))
        }
        None => router,
    };
    router.with_state(state)
}

fn ok() -> Json<Value> {
    Json(json!({}))
}

/// The upgrade: 403 without `vsn=2.0.0` (real AIDA would fall back to V1 frames; refusing makes a
/// client that forgot `vsn` fail loudly here) and while `/__dev/refuse_upgrades` is on.
async fn upgrade(
    ws: WebSocketUpgrade,
    Query(query): Query<HashMap<String, String>>,
    Extract(state): Extract<State>,
) -> Response {
    if query.get("vsn").map(String::as_str) != Some("2.0.0") {
        return (StatusCode::FORBIDDEN, "vsn=2.0.0 is required").into_response();
    }
    let refused = state
        .lock()
        .faults
        .refuse_upgrades_until
        .is_some_and(|until| Instant::now() < until);
    if refused {
        return (
            StatusCode::FORBIDDEN,
            "upgrades refused by /__dev/refuse_upgrades",
        )
            .into_response();
    }
    ws.on_upgrade(move |socket| socket::run(socket, state))
}

fn error(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

async fn upload(
    Path((bot, session)): Path<(String, String)>,
    Extract(state): Extract<State>,
    mut multipart: Multipart,
) -> Response {
    let known = state
        .lock()
        .sessions
        .get(&session)
        .is_some_and(|s| s.bot.eq_ignore_ascii_case(&bot));
    if !known {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({"errors": "Internal Server Error"}),
        );
    }
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return error(StatusCode::BAD_REQUEST, json!({"errors": "no file field"})),
            Err(e) => return error(e.status(), json!({"errors": e.body_text()})),
        };
        if field.name() != Some("file") {
            continue;
        }
        let content_type = field.content_type().unwrap_or_default().to_owned();
        if !content_type.starts_with("image/") {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                json!({"errors": "Unsupported Media Type"}),
            );
        }
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes.to_vec(),
            Err(e) => return error(e.status(), json!({"errors": e.body_text()})),
        };
        let id = uuid::Uuid::new_v4().to_string();
        let image = Image {
            bot: bot.to_ascii_lowercase(),
            session,
            content_type,
            bytes,
        };
        if let Some(store) = &state.store {
            store.save_image(&id, &image);
        }
        state.lock().images.insert(id.clone(), image);
        return Json(json!({ "id": id })).into_response();
    }
}

async fn image(Path(id): Path<String>, Extract(state): Extract<State>) -> Response {
    let image = state.lock().images.get(&id).cloned();
    match image {
        Some(image) => (
            [(header::CONTENT_TYPE, image.content_type)],
            Bytes::from(image.bytes),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

#[derive(Deserialize)]
struct Text {
    text: String,
}

/// Unprompted bot messages go to every socket on the bot's topic, as AIDA broadcasts them.
async fn send_message(
    Path((bot, session)): Path<(String, String)>,
    Extract(state): Extract<State>,
    Json(body): Json<Text>,
) -> Json<Value> {
    let topic = format!("bot:{bot}");
    let payload = json!({"text": body.text, "session": session});
    state.broadcast(Some(&topic), || Command::Push {
        topic: topic.clone(),
        event: "btu_msg".into(),
        payload: payload.clone(),
    });
    ok()
}

#[derive(Deserialize, Default)]
struct Ms {
    #[serde(default)]
    ms: u64,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// A JSON body that may be empty.
fn body(bytes: &Bytes) -> Ms {
    serde_json::from_slice(bytes).unwrap_or_default()
}

async fn drop_sockets(Extract(state): Extract<State>) -> Json<Value> {
    state.broadcast(None, || Command::Drop);
    ok()
}

async fn refuse_upgrades(Extract(state): Extract<State>, bytes: Bytes) -> Json<Value> {
    state.lock().faults.refuse_upgrades_until = Some(socket::refuse_for(body(&bytes).ms));
    ok()
}

async fn delay_replies(Extract(state): Extract<State>, bytes: Bytes) -> Json<Value> {
    state.lock().faults.reply_delay = Duration::from_millis(body(&bytes).ms);
    ok()
}

async fn forget_sessions(Extract(state): Extract<State>) -> Json<Value> {
    state.lock().sessions.clear();
    state.persist();
    ok()
}

async fn starting(Extract(state): Extract<State>, bytes: Bytes) -> Json<Value> {
    let request = body(&bytes);
    let bot = request
        .bot_id
        .unwrap_or_else(|| DEMO_BOT_ID.to_owned())
        .to_ascii_lowercase();
    let until = Instant::now() + Duration::from_millis(request.ms);
    state.lock().faults.starting_until.insert(bot, until);
    ok()
}

async fn malformed_frame(Extract(state): Extract<State>, bytes: Bytes) -> Json<Value> {
    let text = body(&bytes).text.unwrap_or_else(|| "not json".to_owned());
    state.broadcast(None, || Command::Raw(text.clone()));
    ok()
}

async fn crash_channels(Extract(state): Extract<State>) -> Json<Value> {
    state.broadcast(None, || Command::CrashChannels);
    ok()
}

async fn stats(Extract(state): Extract<State>) -> Json<Value> {
    let mut inner = state.lock();
    inner.stats.sessions = inner.sessions.len() as u64;
    Json(serde_json::to_value(&inner.stats).unwrap_or_default())
}

async fn frames(Extract(state): Extract<State>) -> Json<Value> {
    Json(serde_json::to_value(&state.lock().frames).unwrap_or_default())
}

async fn clear_frames(Extract(state): Extract<State>) -> Json<Value> {
    state.lock().frames.clear();
    ok()
}
