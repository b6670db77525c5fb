//! Phoenix V2 frames: `[join_ref, ref, topic, event, payload]` as JSON text (items 7-9), and the
//! server's binary frames (item 10, in [`super::binary`]).
//!
//! Decoding is total: any text or bytes give a frame or a [`DecodeError`], never a panic.

use std::fmt;

use crate::json::Value;

/// A message on the socket, in either direction. A ref of `None` is JSON `null`.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub join_ref: Option<String>,
    pub r#ref: Option<String>,
    pub topic: String,
    pub event: String,
    pub payload: Payload,
}

/// A frame's payload: JSON, or the raw bytes of a binary frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Json(Value),
    Binary(Vec<u8>),
}

impl Payload {
    /// The payload as JSON; bytes become an array of numbers (serde's form of `Vec<u8>`).
    pub(super) fn into_json(self) -> Value {
        match self {
            Payload::Json(value) => value,
            Payload::Binary(bytes) => bytes_to_json(&bytes),
        }
    }
}

/// Bytes as a JSON array of numbers, e.g. `[1,2,255]`.
fn bytes_to_json(bytes: &[u8]) -> Value {
    Value::Array(bytes.iter().map(|b| Value::from(*b)).collect())
}

/// Why incoming text or bytes are not a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The text is not JSON (the parser's message).
    Json(String),
    /// JSON, but not an array of at least five elements.
    NotAFrame,
    /// `join_ref` or `ref` (named) is neither a string nor null.
    BadRef(&'static str),
    /// `topic` or `event` (named) is not a string.
    BadName(&'static str),
    /// A binary frame without a single byte.
    Empty,
    /// A binary frame whose first byte is not a kind this client knows (0, 1 or 2).
    UnknownKind(u8),
    /// A binary frame that ends before the named field does.
    Truncated(&'static str),
    /// A binary frame whose named field is not UTF-8.
    NotUtf8(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Json(e) => write!(f, "not JSON: {e}"),
            DecodeError::NotAFrame => {
                f.write_str("not a [join_ref, ref, topic, event, payload] array")
            }
            DecodeError::BadRef(field) => write!(f, "{field} is neither a string nor null"),
            DecodeError::BadName(field) => write!(f, "{field} is not a string"),
            DecodeError::Empty => f.write_str("empty binary frame"),
            DecodeError::UnknownKind(kind) => write!(f, "binary frame of unknown kind {kind}"),
            DecodeError::Truncated(field) => write!(f, "binary frame cut short in its {field}"),
            DecodeError::NotUtf8(field) => write!(f, "binary frame's {field} is not UTF-8"),
        }
    }
}

impl std::error::Error for DecodeError {}

impl Frame {
    /// The V2 JSON text of a frame (`serializer.js:15-16`): refs as strings or null, as
    /// phoenix.js sends them. Text frames cannot carry bytes, so a binary payload goes as an
    /// array of numbers; this client only ever sends JSON payloads.
    pub fn encode(&self) -> String {
        let reference = |r: &Option<String>| r.clone().map_or(Value::Null, Value::String);
        let payload = self.payload.clone().into_json();
        crate::json::stringify(&Value::Array(vec![
            reference(&self.join_ref),
            reference(&self.r#ref),
            Value::String(self.topic.clone()),
            Value::String(self.event.clone()),
            payload,
        ]))
    }

    /// Reads a text frame. Extra trailing elements are ignored, as the server does (item 7).
    /// Both Phoenix 1.3 (pushes with join_ref null) and 1.8 frames read the same way; an empty
    /// string stays `Some("")` here, and the client treats it as "none" as phoenix.js's
    /// truthiness tests do.
    pub fn decode_text(text: &str) -> Result<Frame, DecodeError> {
        let value = crate::json::parse(text).map_err(DecodeError::Json)?;
        let Value::Array(items) = value else {
            return Err(DecodeError::NotAFrame);
        };
        let mut items = items.into_iter();
        let (Some(join_ref), Some(r#ref), Some(topic), Some(event), Some(payload)) = (
            items.next(),
            items.next(),
            items.next(),
            items.next(),
            items.next(),
        ) else {
            return Err(DecodeError::NotAFrame);
        };
        Ok(Frame {
            join_ref: reference(join_ref, "join_ref")?,
            r#ref: reference(r#ref, "ref")?,
            topic: name(topic, "topic")?,
            event: name(event, "event")?,
            payload: Payload::Json(payload),
        })
    }

    /// Reads a binary frame from the server: kinds 0 (push), 1 (reply) and 2 (broadcast) of
    /// item 10. An empty join_ref or ref is `None`: the server writes nil as `""`.
    ///
    /// A reply becomes event `phx_reply` with payload `{"status": S, "response": R}`, as
    /// phoenix.js builds it (`serializer.js:114`), where R, an `ArrayBuffer` there, is the
    /// response bytes as a JSON array of numbers (`[1,2,255]`). [`super::Client::handle_binary`]
    /// hands those bytes to the application as [`Payload::Binary`].
    pub fn decode_binary(bytes: &[u8]) -> Result<Frame, DecodeError> {
        let (mut frame, response) = super::binary::decode(bytes)?;
        if let (Some(response), Payload::Json(Value::Object(payload))) =
            (response, &mut frame.payload)
        {
            payload.insert("response".to_owned(), bytes_to_json(&response));
        }
        Ok(frame)
    }
}

fn reference(value: Value, field: &'static str) -> Result<Option<String>, DecodeError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        _ => Err(DecodeError::BadRef(field)),
    }
}

fn name(value: Value, field: &'static str) -> Result<String, DecodeError> {
    match value {
        Value::String(s) => Ok(s),
        _ => Err(DecodeError::BadName(field)),
    }
}
