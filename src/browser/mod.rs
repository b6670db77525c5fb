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

/// Resolves when the browser is idle (`requestIdleCallback`, at most a second away), or at once
/// where it has no such thing.
pub async fn idle() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"timeout".into(), &1000.into());
        let asked = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .map(|request| request.call2(&window, &resolve, &options));
        if !matches!(asked, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
