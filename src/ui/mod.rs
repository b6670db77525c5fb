//! The Yew interface: launcher, panel, transcript, bubbles, composer and status line, mounted in
//! an open Shadow DOM so that host CSS cannot reach in and ours cannot leak out.

pub mod bridge;
mod bubble;
mod composer;
mod launcher;
mod lightbox;
pub mod mount;
pub mod state;
mod status_line;
pub mod strings;
pub mod text;
mod time;
mod transcript;
pub mod unavailable;
pub mod widget;
