//! The AIDA bot protocol over the Phoenix core: options, payloads, the transcript and its storage,
//! and the conversation state machine. Pure Rust, tested natively.

pub mod chat;
pub mod config;
pub mod protocol;
pub mod transcript;

#[cfg(test)]
mod chat_tests;
