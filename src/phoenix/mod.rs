//! A sans-IO Phoenix Channels client that behaves as the official phoenix.js 1.8.16 does.
//!
//! The shape is quinn-proto's and h2's: [`Client`] is a pure state machine. The caller feeds it
//! commands ([`Client::join`], [`Client::push`], ...), what happened on the WebSocket
//! ([`Client::handle_open`], [`Client::handle_text`], ...) and the time, and polls it for
//! [`Transmit`]s to carry out, [`Event`]s to act on, and the next deadline
//! ([`Client::poll_timeout`]). It never reads a clock and never touches a socket, so it compiles
//! for wasm32 and natively, and its tests run on a virtual clock.
//!
//! Item numbers in the docs refer to `shared/phoenix-protocol.md`; `socket.js:NNN` and the like
//! to phoenix.js 1.8.16 (`node_modules/phoenix/assets/js/phoenix/`). Beyond phoenix.js the client
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
//!   `channel.rs`). Pushing on a channel never joined, or joining twice, does not throw: the push
//!   is abandoned, the join ignored.
//! - The driver reports nothing of a socket the client closed ([`Transmit::Close`]), so the
//!   client plays that socket's close event itself, and waits [`Config::teardown_wait`] where
//!   phoenix.js polls for the socket to finish closing. Draining `bufferedAmount` before a close
//!   is the driver's job.
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
mod heartbeat;
mod push;
mod socket;
mod timers;
mod url;

pub use backoff::Backoff;
pub use channel::{ChannelId, ChannelState};
pub use client::Client;
pub use config::{Config, Millis};
pub use connection::ConnectionState;
pub use event::{ErrorReason, Event, Transmit};
pub use frame::{DecodeError, Frame, Payload};
pub use push::PushId;
pub use url::{encode_uri_component, endpoint_url};

#[cfg(test)]
mod tests;
