//! Thin browser adapters: the WebSocket driver, the chat as the page runs it, the clocks,
//! localStorage, uploads, DOM listeners, page values and the console. Each only moves data
//! between a browser API and the sans-IO layers.

pub mod chat;
pub mod clock;
pub mod console;
pub mod driver;
pub mod js_value;
pub mod listener;
pub mod storage;
pub mod upload;

/// A random UUID (v4) from `crypto.getRandomValues`, which, unlike `crypto.randomUUID`, works on
/// pages that are not served over https.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (js_sys::Math::random() * 256.0) as u8 ^ i as u8;
        }
    }
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}
