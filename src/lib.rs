//! aida-chat: the web chat widget for AIDA chatbots.
//!
//! Layers, each testable on its own: [`phoenix`] (a sans-IO Phoenix Channels client), [`aida`]
//! (the bot protocol and the conversation, also sans-IO), [`browser`] (thin adapters for the
//! WebSocket, timers and storage) and [`ui`] (Yew components).

pub mod aida;
pub mod browser;
pub mod embed;
pub mod json;
pub mod phoenix;
pub mod ui;

#[cfg(feature = "conformance")]
pub mod conformance;
