//! One WebSocket: phoenix.js's `Connection` (`connection.js`). What belongs to a socket dies with
//! it, so nothing about one socket can touch the next.

use super::channel::ChannelId;

/// The socket's state, as `socket.connectionState()` reports it (`socket.js:716-723`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    /// No socket, or one the server or the network closed (a reconnect may be pending).
    Closed,
    Connecting,
    Open,
    /// The client closed the socket after a heartbeat timeout and waits out the reconnect
    /// delay (phoenix.js waits for the socket to finish closing first, `socket.js:564,624`).
    Closing,
}

/// The current socket. Once the client closes a socket on its own (`disconnect`, a page-visible
/// reconnect) it drops it at once: phoenix.js's `connection.ended`, which makes the next
/// `connect()` open a new socket straight away (`socket.js:314,331`).
#[derive(Debug)]
pub(super) struct Connection {
    /// `Closed` from the socket's error on: a browser closes a socket before it reports an error
    /// (`readyState` is CLOSED by then), and its close event follows.
    pub state: ConnectionState,
    /// The socket will report nothing more: its close was handled (`closeHandled`,
    /// `connection.js:33-43`), or the client closed it and the driver detached it.
    pub finished: bool,
    /// The join_ref of each channel whose join went out over this socket (`joins`,
    /// `connection.js:20-22`).
    joins: Vec<(ChannelId, String)>,
    /// Set once the channels were errored after the socket stopped being open
    /// (`channelsErrored`, `connection.js:31-32`).
    channels_errored: bool,
    /// Opened by a page-visible reconnect (`visibilityConnection`, `socket.js:141,234,241`).
    pub from_visibility: bool,
}

impl Connection {
    pub fn new() -> Self {
        Connection {
            state: ConnectionState::Connecting,
            finished: false,
            joins: Vec::new(),
            channels_errored: false,
            from_visibility: false,
        }
    }

    pub fn is_open(&self) -> bool {
        self.state == ConnectionState::Open
    }

    /// A channel's join went out over this socket (`socket.js:795`).
    pub fn carry(&mut self, channel: ChannelId, join_ref: &str) {
        self.joins.retain(|(c, _)| *c != channel);
        self.joins.push((channel, join_ref.to_owned()));
    }

    /// Whether the channel's join with `join_ref` went out over this socket
    /// (`connection.js:59-61`).
    pub fn carried(&self, channel: ChannelId, join_ref: Option<&str>) -> bool {
        join_ref.is_some()
            && self
                .joins
                .iter()
                .any(|(c, r)| *c == channel && Some(r.as_str()) == join_ref)
    }

    /// The first half of `triggerChanError` (`socket.js:695-699`): once the socket is no longer
    /// open, the first caller errors every channel and later ones only those joined over it.
    /// Returns whether the channels were errored before.
    pub fn mark_channels_errored(&mut self) -> bool {
        if self.is_open() {
            return false;
        }
        std::mem::replace(&mut self.channels_errored, true)
    }
}
