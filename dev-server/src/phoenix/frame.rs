//! Phoenix V2 JSON frames: `[join_ref, ref, topic, event, payload]` in both directions.

use serde_json::{Value, json};

/// One frame. Refs stay JSON values because the server echoes them exactly as the client sent
/// them (phoenix.js sends strings, but nothing on the server requires it).
#[derive(Debug)]
pub struct Frame {
    pub join_ref: Value,
    pub r#ref: Value,
    pub topic: String,
    pub event: String,
    pub payload: Value,
}

impl Frame {
    /// Reads a text frame as the V2 serializer does: a JSON array of at least five elements
    /// (trailing ones are ignored), with a string topic and event. `Err` says why not.
    pub fn decode(text: &str) -> Result<Frame, String> {
        let items: Vec<Value> = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut items = items.into_iter();
        let (Some(join_ref), Some(r#ref), Some(topic), Some(event), Some(payload)) = (
            items.next(),
            items.next(),
            items.next(),
            items.next(),
            items.next(),
        ) else {
            return Err("fewer than 5 elements".into());
        };
        let (Value::String(topic), Value::String(event)) = (topic, event) else {
            return Err("the topic and the event must be strings".into());
        };
        Ok(Frame {
            join_ref,
            r#ref,
            topic,
            event,
            payload,
        })
    }

    pub fn encode(&self) -> String {
        let Frame {
            join_ref,
            r#ref,
            topic,
            event,
            payload,
        } = self;
        // A tuple serializes as a JSON array, without copying the payload.
        serde_json::to_string(&(join_ref, r#ref, topic, event, payload))
            .expect("JSON values always serialize")
    }

    /// `[jr, ref, topic, "phx_reply", {status, response}]`.
    pub fn reply(
        join_ref: Value,
        r#ref: Value,
        topic: &str,
        status: &str,
        response: Value,
    ) -> Self {
        Frame {
            join_ref,
            r#ref,
            topic: topic.to_owned(),
            event: "phx_reply".into(),
            payload: json!({"status": status, "response": response}),
        }
    }

    /// The socket's refusal of a topic it has no channel for. Its join_ref is null in both
    /// Phoenix versions (`encode_ignore` does not copy it).
    pub fn unmatched_topic(r#ref: Value, topic: &str) -> Self {
        let response = json!({"reason": "unmatched topic"});
        Frame::reply(Value::Null, r#ref, topic, "error", response)
    }

    /// A frame the socket sends about a channel: `phx_close` or `phx_error`, with ref = join_ref.
    pub fn channel_exit(join_ref: &Value, topic: &str, event: &str, payload: Value) -> Self {
        Frame {
            join_ref: join_ref.clone(),
            r#ref: join_ref.clone(),
            topic: topic.to_owned(),
            event: event.to_owned(),
            payload,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_encodes_the_shapes_phoenix_js_sends() {
        let text = r#"["3","7","bot:x","utb_msg",{"text":"hi"}]"#;
        let frame = Frame::decode(text).unwrap();
        assert_eq!(frame.join_ref, json!("3"));
        assert_eq!(frame.event, "utb_msg");
        assert_eq!(frame.encode(), text);
        let heartbeat = Frame::decode(r#"[null,"5","phoenix","heartbeat",{},"extra"]"#).unwrap();
        assert_eq!(heartbeat.join_ref, Value::Null);
    }

    #[test]
    fn refuses_what_the_v2_serializer_cannot_match() {
        for text in [
            "not json",
            r#"{"topic":"t","event":"e","payload":{},"ref":"1"}"#,
            r#"["1","1","t","e"]"#,
            r#"["1","1",7,"e",{}]"#,
        ] {
            assert!(Frame::decode(text).is_err(), "{text}");
        }
    }
}
