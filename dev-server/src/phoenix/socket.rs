//! The Phoenix socket process as a state machine: frames in, frames out, no I/O and no clock
//! (the transport owns those). It holds the joined channels and applies the rules of
//! `docs/phoenix-channels.md` part G, with the Phoenix 1.3 differences listed at its end.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::channel::{Channel, HandleIn, Pusher, Topics};
use super::{Command, Frame};
use crate::config::PhoenixMode;

/// A frame to send, and whether it is a `phx_reply` (which `/__dev/delay_replies` holds back).
#[derive(Debug)]
pub enum Out {
    Reply(Frame),
    Other(Frame),
}

struct Joined {
    join_ref: Value,
    channel: Box<dyn Channel>,
}

pub struct Socket {
    mode: PhoenixMode,
    /// Handed to channels (in their `Pusher`) so they can push later.
    commands: mpsc::UnboundedSender<Command>,
    /// Topic → its channel. Ordered, so that a crash of every channel reads the same each run.
    channels: BTreeMap<String, Joined>,
}

impl Socket {
    pub fn new(mode: PhoenixMode, commands: mpsc::UnboundedSender<Command>) -> Socket {
        Socket {
            mode,
            commands,
            channels: BTreeMap::new(),
        }
    }

    /// The topics with a joined channel.
    pub fn topics(&self) -> Vec<String> {
        self.channels.keys().cloned().collect()
    }

    /// One frame from the client.
    pub fn handle(&mut self, frame: Frame, topics: &dyn Topics) -> Vec<Out> {
        match (frame.topic.as_str(), frame.event.as_str()) {
            // Answered by the socket itself, whatever is joined; its join_ref is always null.
            ("phoenix", "heartbeat") => {
                let ok = Frame::reply(Value::Null, frame.r#ref, "phoenix", "ok", json!({}));
                vec![Out::Reply(ok)]
            }
            (_, "phx_join") => self.join(frame, topics),
            (_, "phx_leave") => self.leave(frame),
            _ => self.handle_in(frame),
        }
    }

    fn join(&mut self, frame: Frame, topics: &dyn Topics) -> Vec<Out> {
        // A duplicate join kills the old channel first.
        let old = self.channels.remove(&frame.topic);
        let pusher = Pusher {
            socket: self.commands.clone(),
            topic: frame.topic.clone(),
            join_ref: frame.join_ref.clone(),
        };
        let mut out = Vec::new();
        match topics.join(&frame.topic, &frame.payload, pusher) {
            None => out.push(Out::Reply(Frame::unmatched_topic(
                frame.r#ref,
                &frame.topic,
            ))),
            Some(Ok(channel)) => {
                let ok = Frame::reply(
                    frame.join_ref.clone(),
                    frame.r#ref,
                    &frame.topic,
                    "ok",
                    json!({}),
                );
                out.push(Out::Reply(ok));
                let join_ref = frame.join_ref;
                self.channels
                    .insert(frame.topic.clone(), Joined { join_ref, channel });
            }
            Some(Err(response)) => out.push(Out::Reply(Frame::reply(
                frame.join_ref,
                frame.r#ref,
                &frame.topic,
                "error",
                response,
            ))),
        }
        // The old channel's exit reaches the socket after the new join was handled, so its
        // phx_close (for the OLD join_ref) follows the new join's reply.
        if let Some(old) = old {
            out.push(Out::Other(closed(&old.join_ref, &frame.topic)));
        }
        out
    }

    fn leave(&mut self, frame: Frame) -> Vec<Out> {
        let Some(current) = self.channels.get(&frame.topic) else {
            return match self.mode {
                // 1.3 looks the topic up like any other event: no channel, unmatched.
                PhoenixMode::V1_3 => {
                    vec![Out::Reply(Frame::unmatched_topic(
                        frame.r#ref,
                        &frame.topic,
                    ))]
                }
                // 1.8 acknowledges a leave of nothing, with the client's join_ref.
                PhoenixMode::V1_8 => vec![Out::Reply(Frame::reply(
                    frame.join_ref,
                    frame.r#ref,
                    &frame.topic,
                    "ok",
                    json!({}),
                ))],
            };
        };
        if is_ignored_as_stale(self.mode, &frame.join_ref, &current.join_ref) {
            return Vec::new();
        }
        let left = self.channels.remove(&frame.topic).expect("looked up above");
        vec![
            Out::Reply(Frame::reply(
                left.join_ref.clone(),
                frame.r#ref,
                &frame.topic,
                "ok",
                json!({}),
            )),
            Out::Other(closed(&left.join_ref, &frame.topic)),
        ]
    }

    fn handle_in(&mut self, frame: Frame) -> Vec<Out> {
        let Some(current) = self.channels.get_mut(&frame.topic) else {
            return vec![Out::Reply(Frame::unmatched_topic(
                frame.r#ref,
                &frame.topic,
            ))];
        };
        if is_ignored_as_stale(self.mode, &frame.join_ref, &current.join_ref) {
            return Vec::new();
        }
        match current.channel.handle_in(&frame.event, &frame.payload) {
            // The reply carries the channel's join_ref, even to a stale push in 1.3.
            HandleIn::Reply(response) => vec![Out::Reply(Frame::reply(
                current.join_ref.clone(),
                frame.r#ref,
                &frame.topic,
                "ok",
                response,
            ))],
            HandleIn::NoReply => Vec::new(),
            HandleIn::Crash(why) => {
                tracing::warn!(topic = frame.topic, "channel crashed: {why}");
                vec![Out::Other(self.crash(&frame.topic).expect("joined"))]
            }
        }
    }

    /// A channel push, when `join_ref` (the join that pushes, `None` for a broadcast to the
    /// topic) is the topic's current channel.
    pub fn push(
        &self,
        topic: &str,
        join_ref: Option<&Value>,
        event: &str,
        payload: Value,
    ) -> Option<Frame> {
        let current = self.channels.get(topic)?;
        if join_ref.is_some_and(|join_ref| *join_ref != current.join_ref) {
            return None;
        }
        let join_ref = match self.mode {
            PhoenixMode::V1_3 => Value::Null,
            PhoenixMode::V1_8 => current.join_ref.clone(),
        };
        Some(Frame {
            join_ref,
            r#ref: Value::Null,
            topic: topic.to_owned(),
            event: event.to_owned(),
            payload,
        })
    }

    /// Every channel crashes (`/__dev/crash_channels`).
    pub fn crash_all(&mut self) -> Vec<Frame> {
        self.topics()
            .iter()
            .filter_map(|topic| self.crash(topic))
            .collect()
    }

    /// The channel process died: `phx_error` and the channel is gone; the socket stays up.
    fn crash(&mut self, topic: &str) -> Option<Frame> {
        let crashed = self.channels.remove(topic)?;
        let payload = match self.mode {
            PhoenixMode::V1_3 => json!({}),
            PhoenixMode::V1_8 => json!({"reason": "channel_crash"}),
        };
        Some(Frame::channel_exit(
            &crashed.join_ref,
            topic,
            "phx_error",
            payload,
        ))
    }
}

/// Phoenix 1.8 ignores a leave or push whose join_ref is not the channel's current one (a null
/// join_ref is accepted); Phoenix 1.3 hands it to the channel anyway.
fn is_ignored_as_stale(mode: PhoenixMode, sent: &Value, current: &Value) -> bool {
    mode == PhoenixMode::V1_8 && !sent.is_null() && sent != current
}

/// The channel stopped normally (left, or replaced by a duplicate join).
fn closed(join_ref: &Value, topic: &str) -> Frame {
    Frame::channel_exit(join_ref, topic, "phx_close", json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Channels on `echo:*` that reply with their payload and crash on "boom".
    struct Echo;

    impl Channel for Echo {
        fn handle_in(&mut self, event: &str, payload: &Value) -> HandleIn {
            match event {
                "boom" => HandleIn::Crash("boom".into()),
                "quiet" => HandleIn::NoReply,
                _ => HandleIn::Reply(payload.clone()),
            }
        }
    }

    impl Topics for Echo {
        fn join(
            &self,
            topic: &str,
            _: &Value,
            _: Pusher,
        ) -> Option<Result<Box<dyn Channel>, Value>> {
            topic
                .starts_with("echo:")
                .then(|| Ok(Box::new(Echo) as Box<dyn Channel>))
        }
    }

    fn socket(mode: PhoenixMode) -> Socket {
        Socket::new(mode, mpsc::unbounded_channel().0)
    }

    fn send(socket: &mut Socket, frame: Value) -> Vec<Value> {
        let frame = Frame::decode(&frame.to_string()).unwrap();
        let out = socket.handle(frame, &Echo);
        out.into_iter()
            .map(|o| match o {
                Out::Reply(f) | Out::Other(f) => serde_json::from_str(&f.encode()).unwrap(),
            })
            .collect()
    }

    #[test]
    fn stale_pushes_reach_the_channel_in_1_3_only() {
        for (mode, expected) in [
            (
                PhoenixMode::V1_3,
                vec![
                    json!(["2", "9", "echo:a", "phx_reply", {"status": "ok", "response": {"x": 1}}]),
                ],
            ),
            (PhoenixMode::V1_8, vec![]),
        ] {
            let mut s = socket(mode);
            send(&mut s, json!(["1", "1", "echo:a", "phx_join", {}]));
            send(&mut s, json!(["2", "2", "echo:a", "phx_join", {}]));
            assert_eq!(
                send(&mut s, json!(["1", "9", "echo:a", "e", {"x": 1}])),
                expected
            );
        }
    }

    #[test]
    fn a_crash_removes_the_channel_and_keeps_the_socket() {
        let mut s = socket(PhoenixMode::V1_3);
        send(&mut s, json!(["1", "1", "echo:a", "phx_join", {}]));
        assert!(send(&mut s, json!(["1", "2", "echo:a", "quiet", {}])).is_empty());
        assert_eq!(
            send(&mut s, json!(["1", "3", "echo:a", "boom", {}])),
            vec![json!(["1", "1", "echo:a", "phx_error", {}])]
        );
        assert!(s.topics().is_empty());
        assert_eq!(
            send(&mut s, json!([null, "4", "phoenix", "heartbeat", {}])),
            vec![json!([null, "4", "phoenix", "phx_reply", {"status": "ok", "response": {}}])]
        );
    }
}
