//! The WebSocket transport: the upgrade at `/socket/websocket`, then one task per connection
//! that feeds the socket state machine, sends what it answers, and closes the connection the
//! way Phoenix (on Cowboy) does.

use std::collections::{HashMap, VecDeque};

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

use super::socket::{Out, Socket};
use super::{Command, Frame};
use crate::app::App;
use crate::monitor::Direction;

/// Refuses the upgrade with 403 when `vsn` is not `2.0.0` (absent included) or while
/// `/__dev/refuse_upgrades` is on. Real Phoenix would fall back to V1 map frames without `vsn`;
/// refusing instead makes a client that forgot it fail at once, here rather than against AIDA.
pub async fn upgrade(
    ws: WebSocketUpgrade,
    Query(query): Query<HashMap<String, String>>,
    State(app): State<App>,
) -> Response {
    if query.get("vsn").map(String::as_str) != Some("2.0.0") {
        tracing::info!("upgrade refused: vsn is not 2.0.0");
        return (StatusCode::FORBIDDEN, "vsn=2.0.0 is required").into_response();
    }
    if app.faults.refuses_upgrades() {
        tracing::info!("upgrade refused by /__dev/refuse_upgrades");
        return StatusCode::FORBIDDEN.into_response();
    }
    ws.on_upgrade(move |ws| run(ws, app))
}

/// How a connection ends.
enum End {
    /// Send a close frame with this code (Cowboy sends no reason).
    Close(u16),
    /// Just drop the TCP connection: the client closed, the connection broke, or
    /// `/__dev/drop_sockets` wants a close without a close frame.
    Drop,
}

async fn run(mut ws: WebSocket, app: App) {
    let (commands_tx, mut commands) = mpsc::unbounded_channel();
    let id = app.sockets.open(commands_tx.clone());
    app.monitor.socket_opened();
    tracing::info!(conn = id, "socket open");
    let mut socket = Socket::new(app.mode, commands_tx);
    // Frames to send, each with the time it may leave. Replies held back by
    // `/__dev/delay_replies` hold back what follows them too, so the order never changes.
    let mut outbox: VecDeque<(Instant, String)> = VecDeque::new();
    let mut idle_deadline = Instant::now() + app.idle_timeout;
    let end = loop {
        let next_due = outbox.front().map(|(due, _)| *due);
        tokio::select! {
            received = ws.recv() => {
                // Cowboy's idle timer restarts on anything received.
                idle_deadline = Instant::now() + app.idle_timeout;
                match received {
                    Some(Ok(Message::Text(text))) => match Frame::decode(&text) {
                        Ok(frame) => {
                            app.monitor.record(id, Direction::In, &text, Some(&frame.event));
                            for out in socket.handle(frame, &app) {
                                let (frame, delay) = match out {
                                    Out::Reply(frame) => (frame, app.faults.reply_delay()),
                                    Out::Other(frame) => (frame, Default::default()),
                                };
                                outbox.push_back((Instant::now() + delay, frame.encode()));
                            }
                            app.sockets.set_topics(id, socket.topics());
                        }
                        // Phoenix's decoder raises and the socket process crashes, which
                        // Cowboy turns into close code 1011; the channels go with it.
                        Err(why) => {
                            app.monitor.record(id, Direction::In, &text, None);
                            tracing::warn!(conn = id, "malformed frame ({why}): closing the socket");
                            break End::Close(close_code::ERROR);
                        }
                    },
                    // AIDA's clients send text only; a binary frame ends the socket the same way.
                    Some(Ok(Message::Binary(bytes))) => {
                        let text = format!("<binary frame of {} bytes>", bytes.len());
                        app.monitor.record(id, Direction::In, &text, None);
                        tracing::warn!(conn = id, "binary frame: closing the socket");
                        break End::Close(close_code::ERROR);
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                    Some(Ok(Message::Close(frame))) => {
                        tracing::info!(conn = id, "client closed: {frame:?}");
                        break End::Drop;
                    }
                    Some(Err(error)) => {
                        tracing::info!(conn = id, "connection broke: {error}");
                        break End::Drop;
                    }
                    None => break End::Drop,
                }
            }
            Some(command) = commands.recv() => match command {
                Command::Push { topic, join_ref, event, payload } => {
                    if let Some(frame) = socket.push(&topic, join_ref.as_ref(), &event, payload) {
                        outbox.push_back((Instant::now(), frame.encode()));
                    }
                }
                Command::CrashChannels => {
                    for frame in socket.crash_all() {
                        outbox.push_back((Instant::now(), frame.encode()));
                    }
                    app.sockets.set_topics(id, socket.topics());
                }
                Command::SendRaw(text) => outbox.push_back((Instant::now(), text)),
                Command::Drop => {
                    tracing::info!(conn = id, "dropping the connection");
                    break End::Drop;
                }
            },
            () = sleep_until(idle_deadline) => {
                tracing::info!(conn = id, "idle for {:?}: closing", app.idle_timeout);
                break End::Close(close_code::NORMAL);
            }
            () = sleep_until(next_due.unwrap_or(idle_deadline)), if next_due.is_some() => {}
        }
        if !send_due(&mut ws, &mut outbox, &app, id).await {
            break End::Drop;
        }
    };
    if let End::Close(code) = end {
        let close = CloseFrame {
            code,
            reason: "".into(),
        };
        let _ = ws.send(Message::Close(Some(close))).await;
    }
    app.sockets.close(id);
    tracing::info!(conn = id, "socket closed");
}

/// Sends the frames whose time has come, in order; `false` when the connection is gone.
async fn send_due(
    ws: &mut WebSocket,
    outbox: &mut VecDeque<(Instant, String)>,
    app: &App,
    id: u64,
) -> bool {
    while outbox
        .front()
        .is_some_and(|(due, _)| *due <= Instant::now())
    {
        let (_, text) = outbox.pop_front().expect("checked above");
        app.monitor.record(id, Direction::Out, &text, None);
        if ws.send(Message::Text(text.into())).await.is_err() {
            return false;
        }
    }
    true
}
