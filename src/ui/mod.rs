//! The Yew interface, mounted in an open Shadow DOM so that host CSS cannot reach in and ours
//! cannot leak out: the root [`widget::Widget`] composes the hooks of `hooks/` and the
//! components of `components/`; all of the interface's own state is one reducer
//! ([`state::UiState`]).

pub mod attention;
pub mod bridge;
pub mod components;
pub mod gesture;
pub mod hooks;
pub mod locale;
pub mod markup;
pub mod mount;
pub mod state;
pub mod strings;
pub mod text;
pub mod time;
pub mod widget;
