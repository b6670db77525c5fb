//! The server's binary frames (item 10; `serializer.js:73-129`, `v2_json_serializer.ex:12-93`).
//! Every length is one byte; the data runs to the end of the frame.
//!
//! Where phoenix.js is lenient with a broken frame (`buffer.slice` past the end gives a short
//! field, `TextDecoder` replaces bad UTF-8), this decoder reports a [`DecodeError`]: the server
//! never sends such frames, and the application would rather hear of one.

use crate::json::{Map, Value};

use super::frame::{DecodeError, Frame, Payload};

/// `serializer.js` `KINDS`.
const PUSH: u8 = 0;
const REPLY: u8 = 1;
const BROADCAST: u8 = 2;

/// A frame, and for a reply (kind 1) its response bytes apart: the frame's payload is then
/// `{"status": S}`. The client passes the bytes on as they are; [`Frame::decode_binary`] puts
/// them into the payload as JSON.
pub(super) fn decode(bytes: &[u8]) -> Result<(Frame, Option<Vec<u8>>), DecodeError> {
    let (&kind, rest) = bytes.split_first().ok_or(DecodeError::Empty)?;
    let mut reader = Reader { bytes: rest };
    match kind {
        // [0, jrLen, topicLen, evLen, jr, topic, event, data]: no ref (`serializer.js:84-97`).
        PUSH => {
            let [join_ref, topic, event] = reader.lengths()?;
            let frame = Frame {
                join_ref: reader.optional(join_ref, "join_ref")?,
                r#ref: None,
                topic: reader.text(topic, "topic")?,
                event: reader.text(event, "event")?,
                payload: Payload::Binary(reader.rest()),
            };
            Ok((frame, None))
        }
        // [1, jrLen, refLen, topicLen, statusLen, jr, ref, topic, status, data]
        // (`serializer.js:99-116`).
        REPLY => {
            let [join_ref, r#ref, topic, status] = reader.lengths()?;
            let join_ref = reader.optional(join_ref, "join_ref")?;
            let r#ref = reader.optional(r#ref, "ref")?;
            let topic = reader.text(topic, "topic")?;
            let status = reader.text(status, "status")?;
            let payload = Map::from_iter([("status".to_owned(), Value::String(status))]);
            let frame = Frame {
                join_ref,
                r#ref,
                topic,
                event: "phx_reply".to_owned(),
                payload: Payload::Json(Value::Object(payload)),
            };
            Ok((frame, Some(reader.rest())))
        }
        // [2, topicLen, evLen, topic, event, data]: no refs (`serializer.js:118-129`).
        BROADCAST => {
            let [topic, event] = reader.lengths()?;
            let frame = Frame {
                join_ref: None,
                r#ref: None,
                topic: reader.text(topic, "topic")?,
                event: reader.text(event, "event")?,
                payload: Payload::Binary(reader.rest()),
            };
            Ok((frame, None))
        }
        other => Err(DecodeError::UnknownKind(other)),
    }
}

/// What is left of a binary frame; every read fails rather than run past the end.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize, field: &'static str) -> Result<&[u8], DecodeError> {
        if n > self.bytes.len() {
            return Err(DecodeError::Truncated(field));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    /// The one-byte lengths of the header.
    fn lengths<const N: usize>(&mut self) -> Result<[usize; N], DecodeError> {
        let header = self.take(N, "header")?;
        Ok(std::array::from_fn(|i| usize::from(header[i])))
    }

    fn text(&mut self, n: usize, field: &'static str) -> Result<String, DecodeError> {
        let bytes = self.take(n, field)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| DecodeError::NotUtf8(field))
    }

    /// A join_ref or ref: the server writes nil as `""` (`to_string(nil)`, `v2:40-41,76`).
    fn optional(&mut self, n: usize, field: &'static str) -> Result<Option<String>, DecodeError> {
        Ok(Some(self.text(n, field)?).filter(|s| !s.is_empty()))
    }

    fn rest(self) -> Vec<u8> {
        self.bytes.to_vec()
    }
}
