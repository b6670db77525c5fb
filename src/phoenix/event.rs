//! What the client asks of its I/O driver ([`Transmit`]), hears from it ([`SocketEvent`]) and
//! tells its application ([`Event`]).

use crate::json::Value;

use super::channel::ChannelId;
use super::config::Millis;
use super::frame::{DecodeError, Payload};
use super::push::PushId;

/// What the I/O driver must do, in the order [`super::Client::poll_transmit`] returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transmit {
    /// Open a new WebSocket to `url`, with `binaryType = "arraybuffer"` (item 6). It becomes the
    /// current socket: report its open, messages, error and close.
    Open { url: String },
    /// Send a text frame on the current socket.
    Send { text: String },
    /// Close the current socket and detach its handlers, as phoenix.js's teardown does: report
    /// nothing more about it (the client has already played its close event). With no code,
    /// call `close()` without one, so the server sees 1005, as phoenix.js's `disconnect()`
    /// without a code does (`connection.js:71`).
    Close { code: Option<u16>, reason: String },
}

/// What happened on the current socket, as the driver reports it to
/// [`super::Client::handle_socket`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketEvent<'a> {
    /// `onopen`.
    Opened,
    /// A text frame.
    Text(&'a str),
    /// A binary frame (item 10).
    Binary(&'a [u8]),
    /// `onerror`; a close follows.
    Errored,
    /// `onclose`, with the close code the browser reports.
    Closed { code: u16 },
    /// The socket's send buffer (`bufferedAmount`) is empty again after sends: every frame taken
    /// since has left the browser.
    Drained,
}

/// Why a channel errored: the server's `phx_error`, or what happened to the socket it was joined
/// over (item 35's `{source: "transport", reason}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorReason {
    /// The server's `phx_error`: the channel process crashed (item 33).
    ChannelCrash,
    /// The socket closed, or `disconnect` closed it.
    ConnectionClosed,
    /// The socket reported an error.
    ConnectionError,
    /// A heartbeat went unanswered (item 19).
    HeartbeatTimeout,
}

/// What the application learns, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    SocketOpened,
    /// The current socket closed. `reconnect_at` is when the next attempt is due, if one is, so
    /// a UI can say "reconnecting in 3 s". `code` is the close code seen: the driver's for a
    /// close the client did not ask for; for one it made itself, the code it sent (1005 when
    /// none, 1006 for a socket that never opened).
    SocketClosed {
        code: u16,
        reconnect_at: Option<Millis>,
    },
    SocketErrored,
    /// The join (or a rejoin) succeeded; `response` is the server's.
    Joined {
        channel: ChannelId,
        response: Value,
    },
    /// The server refused the join. A rejoin is scheduled, as phoenix.js does forever (item 31),
    /// unless the caller gives up with [`super::Client::abandon`].
    JoinFailed {
        channel: ChannelId,
        response: Value,
    },
    /// The join had no reply in time (item 32); a rejoin follows.
    JoinTimedOut {
        channel: ChannelId,
    },
    ChannelErrored {
        channel: ChannelId,
        reason: ErrorReason,
    },
    /// The channel is gone: the server closed it (`phx_close`, item 36) or it was left (item 37).
    ChannelClosed {
        channel: ChannelId,
    },
    /// Any event other than `phx_*` that reached the channel (item 15's filter).
    Message {
        channel: ChannelId,
        event: String,
        payload: Payload,
    },
    /// The reply to a push, whatever its status (item 14), "timeout" included (phoenix.js runs
    /// its timeout hooks for that one). `response` is [`Payload::Binary`] for a binary reply
    /// frame.
    Reply {
        push: PushId,
        status: String,
        response: Payload,
    },
    /// No reply in time. Also the fate of a push in flight when its socket dropped (item 40).
    PushTimedOut {
        push: PushId,
    },
    /// The push's frame was handed to the socket and the socket's send buffer has drained since
    /// ([`SocketEvent::Drained`]). Comes before the push's `Reply`.
    PushSent {
        push: PushId,
    },
    /// The push can never be sent: its channel was left, closed or abandoned while the push
    /// waited for a join, or it was pushed on a channel that was never joined or is gone.
    PushAbandoned {
        push: PushId,
    },
    /// An incoming frame that could not be read; it was otherwise ignored.
    Malformed {
        error: DecodeError,
    },
}
