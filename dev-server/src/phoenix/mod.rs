//! A Phoenix Channels server: the V2 WebSocket transport, the socket process and its channels.
//! Only what AIDA's clients use: JSON text frames, heartbeats, joins, leaves, replies, pushes and
//! channel crashes, in Phoenix 1.3 or 1.8 flavour.

mod channel;
mod frame;
mod registry;
mod socket;
mod transport;

pub use channel::{Channel, HandleIn, Pusher, Topics};
pub use frame::Frame;
pub use registry::Registry;
pub use transport::upgrade;

use serde_json::Value;

/// What other tasks (channels, HTTP endpoints, fault controls) ask of a socket's task.
#[derive(Debug, Clone)]
pub enum Command {
    /// A channel push. `join_ref` names the join that pushes (dropped unless it is still the
    /// topic's channel); `None` is a broadcast to whichever channel holds the topic.
    Push {
        topic: String,
        join_ref: Option<Value>,
        event: String,
        payload: Value,
    },
    /// Every channel of the socket crashes.
    CrashChannels,
    /// Send this text as it is, even if it is no frame at all.
    SendRaw(String),
    /// Drop the TCP connection without a close frame (a browser sees code 1006).
    Drop,
}
