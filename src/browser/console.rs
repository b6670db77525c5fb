//! The console, where integrators look first. Nothing printed here ever holds the access token.

pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

pub fn error(message: &str) {
    web_sys::console::error_1(&message.into());
}
