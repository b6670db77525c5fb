//! The AIDA bot protocol on the wire: topic, event names, payloads, ids and the image URLs (see
//! `docs/aida-api.md` for what the real server does with each).

use crate::json;
use crate::json::{Map, Value};

/// The channel topic of a bot.
pub fn topic(bot_id: &str) -> String {
    format!("bot:{bot_id}")
}

/// The join payload. AIDA compares the token with the bot's web channel token.
pub fn join_params(access_token: &str) -> Value {
    json!({ "access_token": access_token })
}

pub const NEW_SESSION: &str = "new_session";
pub const DELETE_SESSION: &str = "delete_session";
pub const PUT_DATA: &str = "put_data";
pub const UTB_MSG: &str = "utb_msg";
pub const UTB_IMG: &str = "utb_img";
pub const BTU_MSG: &str = "btu_msg";

/// `new_session`, with the integrator's user data merged into the session when there is any.
pub fn new_session(data: &Map) -> Value {
    if data.is_empty() {
        json!({})
    } else {
        json!({ "data": data })
    }
}

pub fn utb_msg(session: &str, text: &str) -> Value {
    json!({ "session": session, "text": text })
}

pub fn utb_img(session: &str, image: &str) -> Value {
    json!({ "session": session, "image": image })
}

pub fn put_data(session: &str, data: &Map) -> Value {
    json!({ "session": session, "data": data })
}

pub fn delete_session(session: &str) -> Value {
    json!({ "session": session })
}

/// The session id in a `new_session` reply, when the reply has one that looks like AIDA's.
pub fn session_of_reply(response: &Value) -> Option<String> {
    let session = response.get("session")?.as_str()?;
    is_uuid(session).then(|| session.to_ascii_lowercase())
}

/// A textual UUID (any version), as AIDA writes the ids of bots, sessions and images. Only such
/// an id is ever put in a URL, so a hostile one cannot point anywhere else.
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Where a picture of the session is uploaded (`POST`, multipart field `file`).
pub fn upload_url(content_url: &str, bot_id: &str, session: &str) -> String {
    format!("{content_url}/image/{bot_id}/{session}")
}

/// Where the server serves an uploaded picture; `None` for an id that is not a UUID.
pub fn image_url(content_url: &str, image_id: &str) -> Option<String> {
    is_uuid(image_id).then(|| format!("{content_url}/image/{image_id}"))
}

/// A `btu_msg`: text from the bot for one session (AIDA broadcasts some to every visitor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotMessage {
    pub session: String,
    pub text: String,
}

impl BotMessage {
    /// Reads a `btu_msg` payload; `None` when it lacks a string `session` or `text`.
    pub fn parse(payload: &Value) -> Option<BotMessage> {
        Some(BotMessage {
            session: payload.get("session")?.as_str()?.to_ascii_lowercase(),
            text: payload.get("text")?.as_str()?.to_owned(),
        })
    }
}

/// Why AIDA refused a join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinRefusal {
    /// Unknown bot, wrong token or no web channel: retrying will not help.
    Unauthorized,
    /// The bot is still loading: retry in a few seconds.
    Starting,
    /// Anything else (e.g. "unmatched topic" from a server that is not AIDA).
    Other(String),
}

impl JoinRefusal {
    pub fn parse(response: &Value) -> JoinRefusal {
        match response.get("reason").and_then(Value::as_str) {
            Some("unauthorized") => JoinRefusal::Unauthorized,
            Some("starting") => JoinRefusal::Starting,
            Some(other) => JoinRefusal::Other(other.to_owned()),
            None => JoinRefusal::Other(crate::json::stringify(response)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_match_the_aida_document() {
        assert_eq!(topic("b"), "bot:b");
        assert_eq!(join_params("t"), json!({"access_token": "t"}));
        assert_eq!(new_session(&Map::new()), json!({}));
        let mut data = Map::new();
        data.insert("first_name".into(), json!("Ada"));
        assert_eq!(new_session(&data), json!({"data": {"first_name": "Ada"}}));
        assert_eq!(utb_msg("s", "hi"), json!({"session": "s", "text": "hi"}));
        assert_eq!(utb_img("s", "i"), json!({"session": "s", "image": "i"}));
        assert_eq!(
            put_data("s", &data),
            json!({"session": "s", "data": {"first_name": "Ada"}})
        );
        assert_eq!(delete_session("s"), json!({"session": "s"}));
    }

    #[test]
    fn reads_replies_and_pushes_defensively() {
        let s = "2F1A6C3E-8B4D-4E7A-9C1F-5D3B2A1E0F9C";
        assert_eq!(
            session_of_reply(&json!({"session": s})),
            Some(s.to_lowercase())
        );
        assert_eq!(session_of_reply(&json!({"session": "<img>"})), None);
        assert_eq!(session_of_reply(&json!({})), None);
        assert_eq!(
            BotMessage::parse(&json!({"session": "a", "text": "hi"})),
            Some(BotMessage {
                session: "a".into(),
                text: "hi".into()
            })
        );
        assert_eq!(BotMessage::parse(&json!({"session": "a", "text": 3})), None);
        assert_eq!(BotMessage::parse(&json!("x")), None);
    }

    #[test]
    fn ids_are_strict_uuids_and_only_they_make_urls() {
        let id = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
        assert!(is_uuid(id));
        assert!(is_uuid(&id.to_uppercase()));
        assert!(!is_uuid("2f1a6c3e8b4d4e7a9c1f5d3b2a1e0f9c"));
        assert!(!is_uuid("../../evil.example/x/2f1a6c3e-8b4d-4e7a"));
        assert_eq!(
            image_url("https://h/content", id).as_deref(),
            Some("https://h/content/image/2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c")
        );
        assert_eq!(image_url("https://h/content", "../../x"), None);
        assert_eq!(
            upload_url("https://h/content", "b", "s"),
            "https://h/content/image/b/s"
        );
    }

    #[test]
    fn classifies_join_refusals() {
        assert_eq!(
            JoinRefusal::parse(&json!({"reason": "unauthorized"})),
            JoinRefusal::Unauthorized
        );
        assert_eq!(
            JoinRefusal::parse(&json!({"reason": "starting", "retry": true})),
            JoinRefusal::Starting
        );
        assert_eq!(
            JoinRefusal::parse(&json!({"reason": "unmatched topic"})),
            JoinRefusal::Other("unmatched topic".into())
        );
    }
}
