//! The widget's components, one file each; the root that composes them is `ui/widget.rs`.

pub mod bubble;
pub mod composer;
pub mod header;
pub mod icon;
pub mod launcher;
pub mod lightbox;
pub mod panel;
pub mod status_line;
pub mod transcript;
pub mod unavailable;
