//! Phoenix V2 frames: `[join_ref, ref, topic, event, payload]` as JSON text, and the binary
//! layouts of `serializer.js` (phoenix-protocol.md items 7-10).
//!
//! Decoding is total: any text or bytes give a frame or a [`DecodeError`], never a panic.

use serde_json::{Value, json};
use std::fmt;

/// A message on the socket, in either direction.
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

/// Why input is not a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all.
    Json(String),
    /// JSON, but not an array of at least five elements.
    NotAnArray,
    /// A ref that is neither a string nor null.
    BadRef,
    /// A topic or event that is not a string.
    BadName,
    /// A binary frame that is cut short or has an unknown kind.
    BadBinary(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Json(e) => write!(f, "not JSON: {e}"),
            DecodeError::NotAnArray => {
                f.write_str("not a [join_ref, ref, topic, event, payload] array")
            }
            DecodeError::BadRef => f.write_str("a ref is neither a string nor null"),
            DecodeError::BadName => f.write_str("topic or event is not a string"),
            DecodeError::BadBinary(why) => write!(f, "bad binary frame: {why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Binary frame kinds (`serializer.js` KINDS).
const KIND_PUSH: u8 = 0;
const KIND_REPLY: u8 = 1;
const KIND_BROADCAST: u8 = 2;

impl Frame {
    /// The V2 JSON text of a frame; refs as strings or null, as phoenix.js sends them.
    pub fn encode(&self) -> String {
        let payload = match &self.payload {
            Payload::Json(value) => value.clone(),
            // Binary pushes are not used by AIDA; sent as JSON bytes they stay decodable.
            Payload::Binary(bytes) => json!(bytes),
        };
        json!([self.join_ref, self.r#ref, self.topic, self.event, payload]).to_string()
    }

    /// Reads a text frame. Extra trailing elements are ignored, as the server does (item 7).
    pub fn decode_text(text: &str) -> Result<Frame, DecodeError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| DecodeError::Json(e.to_string()))?;
        let Value::Array(mut items) = value else {
            return Err(DecodeError::NotAnArray);
        };
        if items.len() < 5 {
            return Err(DecodeError::NotAnArray);
        }
        let payload = items.swap_remove(4);
        let name = |v: &Value| v.as_str().map(str::to_owned).ok_or(DecodeError::BadName);
        Ok(Frame {
            join_ref: reference(&items[0])?,
            r#ref: reference(&items[1])?,
            topic: name(&items[2])?,
            event: name(&items[3])?,
            payload: Payload::Json(payload),
        })
    }

    /// Reads a binary frame from the server (kinds 0, 1 and 2 of item 10). An empty join_ref or
    /// ref means none: the server encodes nil as `""`. A reply becomes event `phx_reply` with
    /// payload `{"status": S, "response": null}`; its bytes are not JSON, so the response is
    /// not kept.
    pub fn decode_binary(bytes: &[u8]) -> Result<Frame, DecodeError> {
        let mut reader = Reader { bytes, at: 0 };
        match reader.byte()? {
            KIND_PUSH => {
                let lens = reader.lens::<3>()?;
                let join_ref = reader.optional(lens[0])?;
                let topic = reader.text(lens[1])?;
                let event = reader.text(lens[2])?;
                Ok(Frame {
                    join_ref,
                    r#ref: None,
                    topic,
                    event,
                    payload: reader.rest(),
                })
            }
            KIND_REPLY => {
                let lens = reader.lens::<4>()?;
                let join_ref = reader.optional(lens[0])?;
                let r#ref = reader.optional(lens[1])?;
                let topic = reader.text(lens[2])?;
                let status = reader.text(lens[3])?;
                let payload = Payload::Json(json!({ "status": status, "response": null }));
                Ok(Frame {
                    join_ref,
                    r#ref,
                    topic,
                    event: "phx_reply".into(),
                    payload,
                })
            }
            KIND_BROADCAST => {
                let lens = reader.lens::<2>()?;
                let topic = reader.text(lens[0])?;
                let event = reader.text(lens[1])?;
                Ok(Frame {
                    join_ref: None,
                    r#ref: None,
                    topic,
                    event,
                    payload: reader.rest(),
                })
            }
            _ => Err(DecodeError::BadBinary("unknown kind")),
        }
    }
}

fn reference(value: &Value) -> Result<Option<String>, DecodeError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(DecodeError::BadRef),
    }
}

/// A cursor over a binary frame that fails instead of reading past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len());
        let end = end.ok_or(DecodeError::BadBinary("cut short"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn lens<const N: usize>(&mut self) -> Result<[usize; N], DecodeError> {
        let mut lens = [0; N];
        for len in &mut lens {
            *len = usize::from(self.byte()?);
        }
        Ok(lens)
    }

    fn text(&mut self, n: usize) -> Result<String, DecodeError> {
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| DecodeError::BadBinary("not UTF-8"))
    }

    fn optional(&mut self, n: usize) -> Result<Option<String>, DecodeError> {
        Ok(Some(self.text(n)?).filter(|s| !s.is_empty()))
    }

    fn rest(&mut self) -> Payload {
        let rest = self.bytes[self.at..].to_vec();
        self.at = self.bytes.len();
        Payload::Binary(rest)
    }
}
