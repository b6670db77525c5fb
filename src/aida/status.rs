//! The connection, as the status line tells it to the visitor and the `status` event to the page.

use crate::phoenix::Millis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Connecting,
    Connected,
    /// The socket dropped; the next attempt is due at this time.
    Reconnecting {
        at: Millis,
    },
    /// The browser says it has no network; queued messages wait for it.
    Offline,
    /// AIDA refused the bot id or token; nothing will be retried.
    Unauthorized,
    /// The server refused the join for a reason AIDA does not send; phoenix.js keeps retrying.
    Refused(String),
}

impl Status {
    /// The `status` event's value.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Connecting => "connecting",
            Status::Connected => "connected",
            Status::Reconnecting { .. } => "reconnecting",
            Status::Offline => "offline",
            Status::Unauthorized => "unauthorized",
            Status::Refused(_) => "refused",
        }
    }
}
