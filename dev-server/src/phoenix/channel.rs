//! What the socket asks of the application: which topics have channels (`join/3`) and what a
//! joined channel does with the events pushed to it (`handle_in/3`). The AIDA bot channel is
//! the one implementation; the socket itself knows nothing about bots.

use serde_json::Value;
use tokio::sync::mpsc;

use super::Command;

/// The socket's side of `join/3`.
pub trait Topics {
    /// `None` when no channel serves `topic` (the socket answers "unmatched topic"),
    /// otherwise the join's outcome: a channel, or the error response.
    fn join(
        &self,
        topic: &str,
        payload: &Value,
        pusher: Pusher,
    ) -> Option<Result<Box<dyn Channel>, Value>>;
}

/// A joined channel: Phoenix's channel process, reduced to its `handle_in/3`.
pub trait Channel: Send {
    fn handle_in(&mut self, event: &str, payload: &Value) -> HandleIn;
}

/// The results of `handle_in/3` that AIDA uses.
#[derive(Debug)]
pub enum HandleIn {
    /// `{:reply, {:ok, response}, socket}`.
    Reply(Value),
    /// `{:noreply, socket}`: no reply at all, the client's push times out.
    NoReply,
    /// The channel process raised: the socket sends `phx_error` and drops the channel.
    Crash(String),
}

/// Lets a channel push to its client later (`Phoenix.Channel.push/3`), from any task. A push
/// reaches the client only while this very join of the channel is alive, as a push from a dead
/// channel process would not.
#[derive(Debug, Clone)]
pub struct Pusher {
    pub(super) socket: mpsc::UnboundedSender<Command>,
    pub(super) topic: String,
    pub(super) join_ref: Value,
}

impl Pusher {
    /// `false` once the socket is gone.
    pub fn push(&self, event: &str, payload: Value) -> bool {
        let command = Command::Push {
            topic: self.topic.clone(),
            join_ref: Some(self.join_ref.clone()),
            event: event.to_owned(),
            payload,
        };
        self.socket.send(command).is_ok()
    }
}
