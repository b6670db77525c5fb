//! Thin browser adapters: the WebSocket driver, the chat as the page runs it, the clocks,
//! localStorage, uploads, DOM listeners, the page's title and a tone, page values and the
//! console. Each only moves data between a browser API and the sans-IO layers.

pub mod attention;
pub mod chat;
pub mod clock;
pub mod console;
pub mod driver;
pub mod js_value;
pub mod listener;
pub mod storage;
pub mod upload;

use wasm_bindgen::{JsCast, JsValue};

use crate::phoenix::Millis;

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

/// The visitor's languages as the page and the browser give them, best first: the page's
/// `<html lang>`, then `navigator.languages`.
pub fn languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let page = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"));
    let browser = window.navigator().languages();
    page.into_iter()
        .chain(browser.iter().filter_map(|tag| tag.as_string()))
        .collect()
}

/// How long an idle period must be for work that holds the page for tens of ms: the first
/// `Intl.DateTimeFormat` of a page sets up ICU (13 to 35 ms in Chromium here), which run in a
/// short idle period between two frames would delay the second one.
const LONG_IDLE_MS: f64 = 30.0;
/// A page that animates every frame has no long idle period: the work is done this long after
/// it was asked for.
const LONG_IDLE_AT_MOST_MS: Millis = 2000;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `requestIdleCallback`, which not every browser has (the call then fails).
    #[wasm_bindgen(catch, js_name = requestIdleCallback)]
    fn request_idle_callback(
        callback: &js_sys::Function,
        options: &JsValue,
    ) -> Result<u32, JsValue>;
    type IdleDeadline;
    #[wasm_bindgen(method, js_name = timeRemaining)]
    fn time_remaining(this: &IdleDeadline) -> f64;
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The page's `emit(name, a, b)` (`mountWithEvents` in `js/element.js`), through which its
    /// `on(event, listener)` listeners hear the widget; they are kept, and their errors caught,
    /// there.
    pub type Emit;
    #[wasm_bindgen(method, js_name = call)]
    fn call(this: &Emit, context: &JsValue, name: &str, a: Option<&str>, b: Option<&str>);
}

impl Emit {
    pub fn emit(&self, name: &str, a: Option<&str>, b: Option<&str>) {
        self.call(&JsValue::NULL, name, a, b);
    }
}

/// Resolves when the browser has a long idle period ahead (`requestIdleCallback` with at least
/// [`LONG_IDLE_MS`] left before a frame is due), two seconds later at the latest, or at once
/// where it has no such thing.
pub async fn long_idle() {
    let until = clock::now() + LONG_IDLE_AT_MOST_MS;
    loop {
        let left = until.saturating_sub(clock::now());
        let mut asked = false;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let options = js_sys::Object::new();
            // A timeout of 0 would be none.
            let timeout = left.max(1) as f64;
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &timeout.into());
            asked = request_idle_callback(&resolve, &options).is_ok();
        });
        if !asked {
            return;
        }
        let deadline: IdleDeadline = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .unwrap_or_default()
            .unchecked_into();
        // 0 once the timeout has passed.
        if left == 0 || deadline.time_remaining() >= LONG_IDLE_MS {
            return;
        }
    }
}
