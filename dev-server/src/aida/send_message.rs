//! `POST /api/bots/:bot/sessions/:session/send_message {"message"}`: a message the bot sends
//! unprompted (AIDA's scheduled messages, surveys, a human operator). AIDA broadcasts these to
//! every client joined to the bot's topic, so each client must drop the sessions not its own.
//!
//! As AIDA 1.3's `SessionController.send_message/2` does (docs/aida-api.md, section 6): the text is
//! the body's `message`, the session is looked up by its id alone (the path's bot is not read),
//! success is 200 with an empty body, a body without `message` matches no clause (400) and an
//! unknown session crashes the action (500).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::bot_channel::bot_of_topic;
use crate::app::App;

pub fn routes() -> Router<App> {
    Router::new().route(
        "/api/bots/{bot}/sessions/{session}/send_message",
        post(send_message),
    )
}

async fn send_message(
    State(app): State<App>,
    Path((_bot, session)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let Some(text) = body.get("message").and_then(Value::as_str) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"errors": "Bad Request"})),
        )
            .into_response();
    };
    let Some(owner) = app.aida.sessions.find(&session) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let payload = json!({"text": text, "session": session});
    let on_its_bot = |topic: &str| bot_of_topic(topic).is_some_and(|b| b == owner.bot);
    app.sockets.broadcast(on_its_bot, "btu_msg", &payload);
    StatusCode::OK.into_response()
}
