//! wasm-bindgen tests in headless Chromium: the widget mounted into a real DOM, with a real
//! WebSocket that has nothing to talk to. (`cargo test --target wasm32-unknown-unknown --test
//! browser`; the conversation with a server is covered by the Playwright tests.)
#![cfg(target_arch = "wasm32")]

use aida_chat::aida::config::Options;
use aida_chat::ui::mount::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const BOT: &str = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";

fn host() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn shadow(host: &Element) -> ShadowRoot {
    host.shadow_root()
        .expect("the widget lives in an open shadow root")
}

fn options(server: &str) -> Options {
    Options {
        server: Some(server.into()),
        bot_id: Some(BOT.into()),
        access_token: Some("token".into()),
        title: Some("<img src=x onerror=window.__aida_xss=1>".into()),
        ..Options::default()
    }
}

#[wasm_bindgen_test]
async fn mounts_a_closed_widget_in_a_shadow_root_and_reports_reconnecting() {
    let host = host();
    // Port 9 (discard) is closed on loopback: every connect fails, as when a server is down.
    let config = options("ws://127.0.0.1:9/socket").validate(None).unwrap();
    let handle = mount(&host, config, Default::default()).unwrap();
    settle(300).await;
    let root = shadow(&host);
    let launcher = root
        .query_selector("button.launcher")
        .unwrap()
        .expect("a launcher");
    assert_eq!(
        launcher.get_attribute("aria-label").as_deref(),
        Some("Open chat")
    );
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let panel = root.query_selector("section.panel").unwrap().unwrap();
    assert!(
        panel.has_attribute("hidden"),
        "closed on start unless configured open"
    );

    let status = root.query_selector("[role=status]").unwrap().unwrap();
    let text = status.text_content().unwrap_or_default();
    assert!(text.starts_with("Reconnecting in"), "status was {text:?}");

    // The title is text, never markup.
    let title = root.query_selector("h2").unwrap().unwrap();
    assert_eq!(
        title.text_content().unwrap(),
        "<img src=x onerror=window.__aida_xss=1>"
    );
    assert!(root.query_selector("img").unwrap().is_none());

    // Host CSS does not reach in: the adopted sheet styles the launcher.
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&launcher)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("border-radius").unwrap(), "50%");

    handle.destroy();
    settle(50).await;
    assert!(
        root.query_selector("button").unwrap().is_none(),
        "destroy() unmounts"
    );
}

#[wasm_bindgen_test]
async fn opens_on_click_and_moves_focus_to_the_composer() {
    let host = host();
    let config = options("ws://127.0.0.1:9/socket").validate(None).unwrap();
    let handle = mount(&host, config, Default::default()).unwrap();
    settle(50).await;
    let root = shadow(&host);
    let launcher: web_sys::HtmlElement = root
        .query_selector("button.launcher")
        .unwrap()
        .unwrap()
        .unchecked_into();
    launcher.click();
    settle(50).await;
    assert_eq!(
        launcher.get_attribute("aria-label").as_deref(),
        Some("Close chat")
    );
    let active = root.active_element().expect("focus inside the widget");
    assert_eq!(active.tag_name(), "TEXTAREA");
    assert_eq!(
        active.get_attribute("aria-label").as_deref(),
        Some("Message")
    );
    handle.destroy();
}

/// Numbers as `String(n)` writes them, the same table as the native test.
const NUMBERS: &[(f64, &str)] = &include!("data/js_numbers.rs");

/// Numbers written as JavaScript writes them, and what a page passes read as JSON.
#[wasm_bindgen_test]
fn numbers_and_page_values_read_as_javascript_has_them() {
    use aida_chat::json;
    use serde_json::json;

    for (n, text) in NUMBERS {
        let number = serde_json::Number::from_f64(*n).unwrap();
        assert_eq!(json::number(&number), *text, "String({n})");
    }

    // What a page passes (options, putData): plain values as JSON, the rest as null.
    let page = js_sys::Function::new_no_args(
        "return {a: [1, 'x', null, 2.5], b: undefined, c: () => 1, d: {e: true}, [Symbol()]: 1}",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    assert_eq!(
        json::from_js(&page),
        json!({"a": [1, "x", null, 2.5], "b": null, "c": null, "d": {"e": true}})
    );

    // An object that contains itself is followed to a depth, not forever.
    let cyclic = js_sys::Function::new_no_args("const o = {n: 1}; o.self = o; return o;")
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let mut value = &json::from_js(&cyclic);
    let mut depth = 0;
    while let Some(inner) = value.get("self") {
        assert_eq!(value["n"], 1);
        value = inner;
        depth += 1;
    }
    assert_eq!((depth, value), (json::MAX_DEPTH, &serde_json::Value::Null));
}
