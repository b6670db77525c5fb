//! The `bot:<BOT_UUID>` channel, as AIDA 1.3's `BotChannel`: `join/3` with `{access_token}`,
//! then `new_session`, `put_data`, `delete_session` (replied) and `utb_msg`, `utb_img` (never
//! replied; the bot answers with `btu_msg` pushes). Anything AIDA's pattern matches would not
//! accept crashes the channel, as it crashes AIDA's channel process.

use serde_json::{Map, Value, json};
use tokio::sync::mpsc;

use super::{demo_bot, is_uuid};
use crate::app::App;
use crate::phoenix::{Channel, HandleIn, Pusher, Topics};

/// The lowercase bot id of a topic `bot:<uuid>`; every other topic has no channel.
pub fn bot_of_topic(topic: &str) -> Option<String> {
    let id = topic.strip_prefix("bot:")?;
    is_uuid(id).then(|| id.to_ascii_lowercase())
}

impl Topics for App {
    fn join(
        &self,
        topic: &str,
        payload: &Value,
        pusher: Pusher,
    ) -> Option<Result<Box<dyn Channel>, Value>> {
        let bot = bot_of_topic(topic)?;
        let Some(token) = payload.get("access_token") else {
            // AIDA's join/3 matches `%{"access_token" => token}`; Phoenix answers a join that
            // raises with "join crashed".
            tracing::warn!(topic, "join without an access_token");
            return Some(Err(json!({"reason": "join crashed"})));
        };
        if let Err(refusal) = self.aida.bots.authorize(&bot, token) {
            return Some(Err(refusal));
        }
        self.monitor.joined();
        let answers = spawn_answerer(pusher, self.aida.answer_pause);
        let channel = BotChannel {
            app: self.clone(),
            bot,
            answers,
        };
        Some(Ok(Box::new(channel)))
    }
}

struct BotChannel {
    app: App,
    /// Lowercase bot id.
    bot: String,
    answers: mpsc::UnboundedSender<Answer>,
}

/// The `btu_msg` texts answering one message of `session`.
struct Answer {
    session: String,
    texts: Vec<String>,
}

/// Sends each answer's messages in order, one answer after the other (as AIDA's bot handles one
/// message at a time), pausing before each. It stops when the channel is gone: its pushes no
/// longer reach the client, and its queue closes.
fn spawn_answerer(pusher: Pusher, pause: std::time::Duration) -> mpsc::UnboundedSender<Answer> {
    let (answers, mut queue) = mpsc::unbounded_channel::<Answer>();
    tokio::spawn(async move {
        while let Some(Answer { session, texts }) = queue.recv().await {
            for text in texts {
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
                if !pusher.push("btu_msg", json!({"text": text, "session": session})) {
                    return;
                }
            }
        }
    });
    answers
}

impl Channel for BotChannel {
    fn handle_in(&mut self, event: &str, payload: &Value) -> HandleIn {
        self.handle(event, payload).unwrap_or_else(HandleIn::Crash)
    }
}

impl BotChannel {
    /// `Err` says why the channel crashes.
    fn handle(&self, event: &str, payload: &Value) -> Result<HandleIn, String> {
        let params = payload.as_object().ok_or("the payload is not an object")?;
        let aida = &self.app.aida;
        match event {
            "new_session" => {
                let data = match params.get("data") {
                    None => Map::new(),
                    Some(data) => object(data, "data")?,
                };
                let session = aida.sessions.create(&self.bot, data);
                self.app.monitor.session_created();
                Ok(HandleIn::Reply(json!({ "session": session })))
            }
            "put_data" => {
                let session = self.session(params)?;
                let data = object(required(params, "data")?, "data")?;
                aida.sessions.merge(&session, data);
                Ok(HandleIn::Reply(json!({})))
            }
            "delete_session" => {
                let session = self.session(params)?;
                aida.sessions.delete(&session);
                aida.images.delete_of_session(&session);
                Ok(HandleIn::Reply(json!({})))
            }
            "utb_msg" => {
                let session = self.session(params)?;
                let text = required(params, "text")?
                    .as_str()
                    .ok_or("text is not a string")?;
                let data = aida.sessions.get(&self.bot, &session).map(|s| s.data);
                let field = |key: &str| {
                    let value = data.as_ref()?.get(key)?.as_str()?;
                    Some(value.to_owned())
                };
                let language = field("language");
                let answer = demo_bot::answer(
                    text.trim(),
                    &session,
                    field("first_name").as_deref(),
                    language.as_deref(),
                );
                if answer.language != language.as_deref() {
                    let value = answer.language.map(|l| Value::String(l.to_owned()));
                    aida.sessions.set(&session, "language", value);
                }
                self.answer(session, answer.texts);
                Ok(HandleIn::NoReply)
            }
            "utb_img" => {
                let session = self.session(params)?;
                let id = required(params, "image")?
                    .as_str()
                    .ok_or("image is not a string")?;
                // An image of another bot or session is no error: no image came, for the bot.
                let image = aida
                    .images
                    .get(id)
                    .filter(|image| image.owner.bot == self.bot && image.owner.session == session);
                let image = image
                    .as_ref()
                    .map(|image| (image.owner.content_type.as_str(), image.bytes.len()));
                let language = aida
                    .sessions
                    .get(&self.bot, &session)
                    .and_then(|s| s.data.get("language")?.as_str().map(str::to_owned));
                let texts = demo_bot::answer_image(image, language.as_deref());
                self.answer(session, texts);
                Ok(HandleIn::NoReply)
            }
            _ => Err(format!("no handle_in for {event:?}")),
        }
    }

    /// The `session` param: a UUID of a session of this bot.
    fn session(&self, params: &Map<String, Value>) -> Result<String, String> {
        let session = required(params, "session")?
            .as_str()
            .ok_or("session is not a string")?;
        if !is_uuid(session) {
            return Err(format!("session {session:?} is not a UUID"));
        }
        match self.app.aida.sessions.get(&self.bot, session) {
            Some(_) => Ok(session.to_owned()),
            None => Err(format!("no session {session} of bot {}", self.bot)),
        }
    }

    /// The answer goes to this socket only, after the answers before it.
    fn answer(&self, session: String, texts: Vec<String>) {
        let _ = self.answers.send(Answer { session, texts });
    }
}

fn required<'a>(params: &'a Map<String, Value>, key: &str) -> Result<&'a Value, String> {
    params
        .get(key)
        .ok_or_else(|| format!("no {key} in the payload"))
}

fn object(value: &Value, key: &str) -> Result<Map<String, Value>, String> {
    value
        .as_object()
        .cloned()
        .ok_or_else(|| format!("{key} is not an object"))
}
