//! The AIDA bot channel `bot:<uuid>`, as AIDA 1.3 behaves (`shared/aida-websocket-api.md`,
//! part 2), and the demo bot's answers.

use std::time::Instant;

use serde_json::{Map, Value, json};

use crate::state::{Session, State};

/// What the channel does with an incoming event.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// `{:reply, {:ok, response}, socket}`.
    Reply(Value),
    /// `{:noreply, socket}`, then these `btu_msg` texts for this session.
    Answer { session: String, texts: Vec<String> },
    /// The channel process crashes: the client sees `phx_error`.
    Crash(String),
}

/// The bot id of a topic `bot:<uuid>`, if the topic is one.
pub fn bot_of_topic(topic: &str) -> Option<&str> {
    topic.strip_prefix("bot:").filter(|id| is_uuid(id))
}

/// `join/3`: ok, or the error response.
pub fn join(state: &State, bot: &str, payload: &Value) -> Result<(), Value> {
    let mut inner = state.lock();
    let token = payload.get("access_token").and_then(Value::as_str);
    let known = inner.bots.get(&bot.to_ascii_lowercase());
    if known.is_none() || known.map(String::as_str) != token {
        return Err(json!({"reason": "unauthorized"}));
    }
    let starting = inner
        .faults
        .starting_until
        .get(bot)
        .is_some_and(|until| Instant::now() < *until);
    if starting {
        return Err(json!({"reason": "starting", "retry": true}));
    }
    inner.faults.starting_until.remove(bot);
    Ok(())
}

/// `handle_in/3` of the bot channel.
pub fn handle_in(state: &State, bot: &str, event: &str, payload: &Value) -> Outcome {
    let session_of = |payload: &Value| -> Result<String, Outcome> {
        let session = payload.get("session").and_then(Value::as_str);
        let session = session.ok_or_else(|| Outcome::Crash("missing session".into()))?;
        let known = state
            .lock()
            .sessions
            .get(session)
            .is_some_and(|s| s.bot == bot);
        if known {
            Ok(session.to_owned())
        } else {
            Err(Outcome::Crash(format!("unknown session {session}")))
        }
    };
    match event {
        "new_session" => {
            let data = match payload.get("data") {
                None => Map::new(),
                Some(Value::Object(data)) => data.clone(),
                Some(_) => return Outcome::Crash("data is not an object".into()),
            };
            let session = uuid::Uuid::new_v4().to_string();
            state.lock().sessions.insert(
                session.clone(),
                Session {
                    bot: bot.to_owned(),
                    data,
                },
            );
            state.persist();
            Outcome::Reply(json!({ "session": session }))
        }
        "put_data" => {
            let session = match session_of(payload) {
                Ok(session) => session,
                Err(crash) => return crash,
            };
            let Some(Value::Object(data)) = payload.get("data") else {
                return Outcome::Crash("data is not an object".into());
            };
            if let Some(s) = state.lock().sessions.get_mut(&session) {
                s.data.extend(data.clone());
            }
            state.persist();
            Outcome::Reply(json!({}))
        }
        "delete_session" => {
            let session = match session_of(payload) {
                Ok(session) => session,
                Err(crash) => return crash,
            };
            let removed: Vec<String> = {
                let mut inner = state.lock();
                inner.sessions.remove(&session);
                let ids: Vec<String> = inner
                    .images
                    .iter()
                    .filter(|(_, i)| i.session == session)
                    .map(|(id, _)| id.clone())
                    .collect();
                for id in &ids {
                    inner.images.remove(id);
                }
                ids
            };
            if let Some(store) = &state.store {
                removed.iter().for_each(|id| store.delete_image(id));
            }
            state.persist();
            Outcome::Reply(json!({}))
        }
        "utb_msg" => {
            let session = match session_of(payload) {
                Ok(session) => session,
                Err(crash) => return crash,
            };
            let Some(text) = payload.get("text").and_then(Value::as_str) else {
                return Outcome::Crash("missing text".into());
            };
            let texts = answer_text(text.trim(), &session);
            Outcome::Answer { session, texts }
        }
        "utb_img" => {
            let session = match session_of(payload) {
                Ok(session) => session,
                Err(crash) => return crash,
            };
            let Some(image) = payload.get("image").and_then(Value::as_str) else {
                return Outcome::Crash("missing image".into());
            };
            // An image of another bot or session is not an error: the bot answers as if no
            // image came.
            let ours = state
                .lock()
                .images
                .get(image)
                .is_some_and(|i| i.bot == bot && i.session == session);
            let text = if ours {
                "Nice picture! I got it."
            } else {
                "I got your message."
            };
            Outcome::Answer {
                session,
                texts: vec![text.to_owned()],
            }
        }
        other => Outcome::Crash(format!("no handle_in for {other:?}")),
    }
}

/// The demo bot's answers.
fn answer_text(text: &str, session: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let texts: Vec<String> = match lower.as_str() {
        "hello" | "hi" => vec![
            "Hello! I am the AIDA demo bot.".into(),
            "I can echo what you write, show a link (type link) and look at pictures.".into(),
            "Try ##SESSION too.".into(),
        ],
        "link" => vec!["Here is a link:\nhttps://github.com/instedd/aida".into()],
        "##session" => vec![session[session.len().saturating_sub(7)..].to_owned()],
        _ => vec![format!("You said: {text}")],
    };
    texts
}

pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_answers() {
        let session = "11111111-2222-4333-8444-555555555555";
        assert_eq!(answer_text("##SESSION", session), vec!["5555555"]);
        assert_eq!(answer_text("Hello", session).len(), 3);
        assert!(answer_text("link", session)[0].contains("\nhttps://"));
        assert_eq!(answer_text("x <b>", session), vec!["You said: x <b>"]);
    }
}
