//! The AIDA bot protocol over the Phoenix client, and the conversation: options, the wire
//! format, the session, delivery, the transcript and its storage. Pure Rust, tested natively.

pub mod chat;
pub mod config;
pub mod outbox;
pub mod protocol;
pub mod session;
pub mod status;
pub mod store;
pub mod transcript;

#[cfg(test)]
mod tests;
