//! `POST /api/bots/:bot/sessions/:session/send_message {"text"}`: a message the bot sends
//! unprompted (AIDA's scheduled messages, surveys, a human operator). AIDA broadcasts these to
//! every client joined to the bot's topic, so each client must drop the sessions not its own.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::bot_channel::bot_of_topic;
use crate::app::App;

pub fn routes() -> Router<App> {
    Router::new().route(
        "/api/bots/{bot}/sessions/{session}/send_message",
        post(send_message),
    )
}

#[derive(Deserialize)]
struct Message {
    text: String,
}

/// 200 `{}` once the `btu_msg` went to every socket on the topic; 404 for an unknown bot.
async fn send_message(
    State(app): State<App>,
    Path((bot, session)): Path<(String, String)>,
    Json(Message { text }): Json<Message>,
) -> Response {
    let bot = bot.to_ascii_lowercase();
    if !app.aida.bots.exists(&bot) {
        return (StatusCode::NOT_FOUND, Json(json!({"errors": "Not Found"}))).into_response();
    }
    let payload = json!({"text": text, "session": session});
    let on_this_bot = |topic: &str| bot_of_topic(topic).is_some_and(|b| b == bot);
    app.sockets.broadcast(on_this_bot, "btu_msg", &payload);
    Json(json!({})).into_response()
}
