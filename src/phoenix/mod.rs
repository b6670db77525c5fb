//! A sans-IO Phoenix Channels client that behaves as the official phoenix.js 1.8.16 does.
//!
//! The shape is quinn-proto's and h2's: [`Client`] is a pure state machine. The caller feeds it
//! commands ([`Client::join`], [`Client::push`], ...), what happened on the WebSocket
//! ([`Client::handle_socket`] with a [`SocketEvent`]) and the time, and polls it for
//! [`Transmit`]s to carry out, [`Event`]s to act on, and the next deadline
//! ([`Client::poll_timeout`]). It never reads a clock and never touches a socket, so it compiles
//! for wasm32 and natively, and its tests run on a virtual clock.
//!
//! "Item N" in the docs and tests is item N of `docs/phoenix-channels.md`, the list of Phoenix
//! behaviour this client implements; `socket.js:NNN` and the like are lines of phoenix.js 1.8.16
//! (`node_modules/phoenix/assets/js/phoenix/`). Beyond phoenix.js the client
//! can give up on a refused join ([`Client::abandon`]), move a rejoin ([`Client::rejoin_at`]),
//! reconnect when the page becomes visible ([`Client::page_visible`]) and tell when a push has
//! left the browser ([`Event::PushSent`]).
//!
//! Refs: one counter per client, `"1"`, `"2"`, ... never reset (item 11). phoenix.js also spends
//! refs on callback registrations (2 per channel, 1 per `socket.onOpen` and the like); this
//! client registers no callbacks, so its first join has ref `"1"` where phoenix.js's usually has
//! `"3"`. Refs stay strings and increase, so traces compare once refs are normalised.
//!
//! Where this client departs from phoenix.js on purpose:
//! - A channel that is left, closed by the server or abandoned takes its timers with it, and
//!   pushes still waiting for its join get [`Event::PushAbandoned`] at once (phoenix.js lets them
//!   time out). phoenix.js keeps the join timer of a channel closed while joining, and the removed
//!   channel then rejoins forever; it also lets a rejoining channel leave itself (see
//!   `client/channels.rs`). Pushing on a channel never joined, or joining twice, does not throw: the push
//!   is abandoned, the join ignored.
//! - The driver reports nothing of a socket the client closed ([`Transmit::Close`]), so the
//!   client plays that socket's close event itself, and waits [`Config::teardown_wait`] where
//!   phoenix.js polls for the socket to finish closing. Draining `bufferedAmount` before a close
//!   is the driver's job.
//! - It reconnects while the page is hidden. phoenix.js lets a reconnect that comes due in a
//!   hidden page only tear down, and reconnects once the page is visible again (item 26). A
//!   chat must keep hearing the bot in a background tab: an operator or a scheduled message can
//!   answer minutes later, and AIDA does not replay what a closed socket missed.
//! - Binary frames that are cut short or not UTF-8 are [`DecodeError`]s where phoenix.js reads
//!   short or replaced fields.

mod backoff;
mod binary;
mod channel;
mod client;
mod config;
mod connection;
mod event;
mod frame;
mod push;
mod timers;
mod url;

pub use backoff::Backoff;
pub use channel::{ChannelId, ChannelState};
pub use client::Client;
pub use config::{Config, Millis};
pub use connection::ConnectionState;
pub use event::{ErrorReason, Event, SocketEvent, Transmit};
pub use frame::{DecodeError, Frame, Payload};
pub use push::PushId;
pub use url::{encode_uri_component, endpoint_url};

#[cfg(test)]
mod tests;
