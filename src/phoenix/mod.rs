//! A sans-IO Phoenix Channels client that behaves as the official phoenix.js 1.8.16 does
//! (`shared/phoenix-protocol.md`, items 1-41), plus what a chat widget needs beyond it: giving
//! up on a refused join, reconnecting when the page becomes visible, and learning when a frame
//! has left the browser. No browser types: `cargo test` drives it with a virtual clock.

mod client;
mod config;
mod frame;
mod url;

pub use client::{
    ChannelId, ChannelState, Client, ConnectionState, ErrorReason, Event, PushId, Transmit,
};
pub use config::{Backoff, Config, Millis};
pub use frame::{DecodeError, Frame, Payload};
pub use url::{encode_uri_component, endpoint_url};

#[cfg(test)]
mod tests;
