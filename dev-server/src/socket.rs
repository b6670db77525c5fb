//! The Phoenix V2 WebSocket transport and socket process: frames, heartbeats, joins, leaves,
//! channel crashes, and the differences between Phoenix 1.3 (AIDA) and 1.8
//! (`shared/phoenix-protocol.md` part G, `shared/aida-websocket-api.md` part 2).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::extract::ws::{Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::bot::{self, Outcome};
use crate::config::PhoenixMode;
use crate::state::{Command, State};

/// A decoded incoming frame.
struct Incoming {
    join_ref: Value,
    r#ref: Value,
    topic: String,
    event: String,
    payload: Value,
}

/// Reads `[join_ref, ref, topic, event, payload]`; the server ignores trailing elements.
fn decode(text: &str) -> Option<Incoming> {
    let Value::Array(items) = serde_json::from_str(text).ok()? else {
        return None;
    };
    if items.len() < 5 {
        return None;
    }
    let reference = |v: &Value| matches!(v, Value::Null | Value::String(_)).then(|| v.clone());
    Some(Incoming {
        join_ref: reference(&items[0])?,
        r#ref: reference(&items[1])?,
        topic: items[2].as_str()?.to_owned(),
        event: items[3].as_str()?.to_owned(),
        payload: items[4].clone(),
    })
}

fn reply(join_ref: &Value, r#ref: &Value, topic: &str, status: &str, response: Value) -> String {
    json!([join_ref, r#ref, topic, "phx_reply", {"status": status, "response": response}])
        .to_string()
}

/// One connection: the socket process and its channels (topic → join_ref).
struct Conn {
    id: u64,
    state: State,
    out: mpsc::UnboundedSender<Command>,
    /// The bot's answers, one after the other, as AIDA's channel process handles messages.
    answers: mpsc::UnboundedSender<Answer>,
    channels: HashMap<String, String>,
}

/// `btu_msg` texts for a session on a topic.
struct Answer {
    topic: String,
    session: String,
    texts: Vec<String>,
}

/// Sends the answers in the order their messages came, with a pause before each text.
fn spawn_answerer(
    out: mpsc::UnboundedSender<Command>,
    pause: Duration,
) -> mpsc::UnboundedSender<Answer> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Answer>();
    tokio::spawn(async move {
        while let Some(Answer {
            topic,
            session,
            texts,
        }) = rx.recv().await
        {
            for text in texts {
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
                let payload = json!({"text": text, "session": session});
                let command = Command::Push {
                    topic: topic.clone(),
                    event: "btu_msg".into(),
                    payload,
                };
                if out.send(command).is_err() {
                    return;
                }
            }
        }
    });
    tx
}

pub async fn run(socket: WebSocket, state: State) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let id = state.register_socket(tx.clone());
    let answers = spawn_answerer(tx.clone(), state.answer_pause);
    let mut conn = Conn {
        id,
        state: state.clone(),
        out: tx,
        answers,
        channels: HashMap::new(),
    };
    let (mut sink, mut stream) = socket.split();
    let idle = state.idle_timeout;
    let mut deadline = Instant::now() + idle;
    loop {
        let sleep = tokio::time::sleep_until(deadline.into());
        tokio::select! {
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    deadline = Instant::now() + idle;
                    if !conn.handle_text(text.as_str()) {
                        // Phoenix's socket process crashes on a frame it cannot decode.
                        tracing::warn!(conn = id, "closing the socket after a malformed frame: {text}");
                        let _ = sink.send(Message::Close(None)).await;
                        break;
                    }
                }
                Some(Ok(Message::Binary(_))) => {
                    tracing::warn!(conn = id, "binary frames are not used by AIDA: closing");
                    let _ = sink.send(Message::Close(None)).await;
                    break;
                }
                Some(Ok(Message::Close(frame))) => {
                    tracing::debug!(conn = id, "client closed: {frame:?}");
                    break;
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
            command = rx.recv() => {
                let Some(command) = command else { break };
                let text = match command {
                    Command::Raw(text) => Some(text),
                    Command::Push { topic, event, payload } => conn.push_frame(&topic, &event, payload),
                    Command::CrashChannels => {
                        for topic in conn.channels.keys().cloned().collect::<Vec<_>>() {
                            conn.crash(&topic, "crashed by /__dev/crash_channels");
                        }
                        None
                    }
                    // Dropping the stream closes the TCP connection without a close frame.
                    Command::Drop => break,
                };
                if let Some(text) = text {
                    state.record(id, "out", &text, None);
                    if sink.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
            }
            _ = sleep => {
                tracing::info!(conn = id, "idle for {idle:?}: closing");
                let _ = sink.send(Message::Close(None)).await;
                break;
            }
        }
    }
    state.unregister_socket(id);
}

impl Conn {
    fn mode(&self) -> PhoenixMode {
        self.state.mode
    }

    /// Queues a frame; replies wait out the `/__dev/delay_replies` delay.
    fn send(&self, text: String) {
        let _ = self.out.send(Command::Raw(text));
    }

    fn send_reply(&self, text: String) {
        let delay = self.state.lock().faults.reply_delay;
        if delay.is_zero() {
            self.send(text);
        } else {
            let out = self.out.clone();
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                let _ = out.send(Command::Raw(text));
            });
        }
    }

    fn topics_changed(&self) {
        self.state
            .set_topics(self.id, self.channels.keys().cloned().collect());
    }

    /// Handles one text frame; `false` when it cannot be decoded.
    fn handle_text(&mut self, text: &str) -> bool {
        let Some(frame) = decode(text) else {
            self.state.record(self.id, "in", text, None);
            return false;
        };
        self.state.record(self.id, "in", text, Some(&frame.event));
        match (frame.topic.as_str(), frame.event.as_str()) {
            ("phoenix", "heartbeat") => {
                self.send_reply(reply(
                    &Value::Null,
                    &frame.r#ref,
                    "phoenix",
                    "ok",
                    json!({}),
                ));
            }
            (_, "phx_join") => self.join(frame),
            (_, "phx_leave") => self.leave(frame),
            _ => self.handle_in(frame),
        }
        true
    }

    fn join(&mut self, frame: Incoming) {
        let Some(bot) = bot::bot_of_topic(&frame.topic).map(str::to_owned) else {
            return self.unmatched(&frame);
        };
        let jr = frame.join_ref.as_str().unwrap_or_default().to_owned();
        let old = self.channels.remove(&frame.topic);
        match bot::join(&self.state, &bot, &frame.payload) {
            Ok(()) => {
                self.send_reply(reply(
                    &frame.join_ref,
                    &frame.r#ref,
                    &frame.topic,
                    "ok",
                    json!({}),
                ));
                self.channels.insert(frame.topic.clone(), jr);
            }
            Err(response) => {
                self.send_reply(reply(
                    &frame.join_ref,
                    &frame.r#ref,
                    &frame.topic,
                    "error",
                    response,
                ));
            }
        }
        // A duplicate join kills the old channel; its phx_close comes after the new reply.
        if let Some(old) = old {
            self.send(json!([old, old, frame.topic, "phx_close", {}]).to_string());
        }
        self.topics_changed();
    }

    fn leave(&mut self, frame: Incoming) {
        let current = self.channels.get(&frame.topic).cloned();
        match (current, self.mode()) {
            (Some(jr), mode) => {
                let stale = frame.join_ref.as_str().is_some_and(|sent| sent != jr);
                if stale && mode == PhoenixMode::V1_8 {
                    return; // ignored, no reply
                }
                let jr_value = Value::String(jr.clone());
                self.send_reply(reply(
                    &jr_value,
                    &frame.r#ref,
                    &frame.topic,
                    "ok",
                    json!({}),
                ));
                self.send(json!([jr, jr, frame.topic, "phx_close", {}]).to_string());
                self.channels.remove(&frame.topic);
                self.topics_changed();
            }
            (None, PhoenixMode::V1_8) => {
                self.send_reply(reply(
                    &frame.join_ref,
                    &frame.r#ref,
                    &frame.topic,
                    "ok",
                    json!({}),
                ));
            }
            (None, PhoenixMode::V1_3) => self.unmatched(&frame),
        }
    }

    fn handle_in(&mut self, frame: Incoming) {
        let Some(jr) = self.channels.get(&frame.topic).cloned() else {
            return self.unmatched(&frame);
        };
        let stale = frame.join_ref.as_str().is_some_and(|sent| sent != jr);
        if stale && self.mode() == PhoenixMode::V1_8 {
            return; // Phoenix 1.8 ignores pushes of an outdated join; 1.3 handles them.
        }
        let Some(bot) = bot::bot_of_topic(&frame.topic).map(str::to_owned) else {
            return;
        };
        let jr_value = Value::String(jr);
        match bot::handle_in(&self.state, &bot, &frame.event, &frame.payload) {
            Outcome::Reply(response) => {
                self.send_reply(reply(&jr_value, &frame.r#ref, &frame.topic, "ok", response));
            }
            Outcome::Answer { session, texts } => self.answer(&frame.topic, session, texts),
            Outcome::Crash(why) => self.crash(&frame.topic, &why),
        }
    }

    /// The bot's answer: `btu_msg` pushes to this socket only.
    fn answer(&self, topic: &str, session: String, texts: Vec<String>) {
        let _ = self.answers.send(Answer {
            topic: topic.to_owned(),
            session,
            texts,
        });
    }

    /// A channel push, if the channel is still joined: join_ref null in 1.3, current in 1.8.
    fn push_frame(&self, topic: &str, event: &str, payload: Value) -> Option<String> {
        let jr = self.channels.get(topic)?;
        let jr = match self.mode() {
            PhoenixMode::V1_3 => Value::Null,
            PhoenixMode::V1_8 => Value::String(jr.clone()),
        };
        Some(json!([jr, null, topic, event, payload]).to_string())
    }

    /// The channel process crashed: `phx_error` with ref = join_ref, and the channel is gone.
    fn crash(&mut self, topic: &str, why: &str) {
        let Some(jr) = self.channels.remove(topic) else {
            return;
        };
        tracing::info!(conn = self.id, "channel {topic} crashed: {why}");
        let payload = match self.mode() {
            PhoenixMode::V1_3 => json!({}),
            PhoenixMode::V1_8 => json!({"reason": "channel_crash"}),
        };
        self.send(json!([jr, jr, topic, "phx_error", payload]).to_string());
        self.topics_changed();
    }

    /// A topic with no channel: an error reply whose join_ref is null.
    fn unmatched(&self, frame: &Incoming) {
        let response = json!({"reason": "unmatched topic"});
        self.send_reply(reply(
            &Value::Null,
            &frame.r#ref,
            &frame.topic,
            "error",
            response,
        ));
    }
}

/// How long a refused upgrade window lasts, from a fault request.
pub fn refuse_for(ms: u64) -> Instant {
    Instant::now() + Duration::from_millis(ms)
}
