//! The widget's custom hooks: each gives the root component one job.

mod use_attention;
mod use_chat;
mod use_countdown;
mod use_lightbox_focus;
mod use_page_bridge;
mod use_panel_focus;

pub use use_attention::{in_view_at_start, use_attention};
pub use use_chat::{ChatView, use_chat};
pub use use_countdown::use_countdown;
pub use use_lightbox_focus::use_lightbox_focus;
pub use use_page_bridge::use_page_bridge;
pub use use_panel_focus::use_panel_focus;
