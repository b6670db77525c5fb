//! The `trunk serve` preview: one widget on a demo page, talking to the AIDA dev server that
//! `./dev.sh preview` starts, through Trunk's proxy on the page's own origin.

use std::rc::Rc;

use aida_chat::aida::config::{Notify, Options};
use aida_chat::browser::console;
use aida_chat::browser::upload::Shrinker;
use aida_chat::json::{Map, Value};
use aida_chat::ui::mount::{Translations, mount_options};
use wasm_bindgen::prelude::*;

// The photo module as the loader and the npm package use it; here Trunk serves it from
// `snippets/`, and its worker starts from there (the page's own origin).
#[wasm_bindgen(module = "/js/aida-chat-photo.js")]
extern "C" {
    #[wasm_bindgen(js_name = shrinkPhoto)]
    fn shrink_photo(file: web_sys::File, max_dimension: f64, max_bytes: f64) -> js_sys::Promise;
}

/// The dev server's demo bot (see dev-server/).
const DEMO_BOT_ID: &str = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
const DEMO_ACCESS_TOKEN: &str = "6d0f8a52-3c7e-4b19-a8d4-91e2f3b5c7a0";

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let location = document.location();
    let origin = location.as_ref().and_then(|l| l.origin().ok());
    let mut options = Options {
        server: Some("/socket".into()),
        bot_id: Some(DEMO_BOT_ID.into()),
        access_token: Some(DEMO_ACCESS_TOKEN.into()),
        title: Some("AIDA demo bot".into()),
        open: Some(true),
        ..Options::default()
    };
    if let Some(query) = location.and_then(|l| l.search().ok()) {
        override_from_query(&mut options, &query);
    }
    let Some(host) = document.get_element_by_id("aida-chat") else {
        return console::error("aida-chat: the preview page has no #aida-chat element");
    };
    // The preview lives as long as the page. A bad option is in the console and in the widget.
    let translations: Translations = Rc::new(|file| Box::pin(translation(file)));
    let mounted = mount_options(
        &host,
        Ok(options),
        origin.as_deref(),
        Default::default(),
        translations,
        photos(),
    );
    if let Ok(app) = mounted {
        std::mem::forget(app);
    }
}

/// `shrink_photo` as the function the widget calls; it lives as long as the page.
fn photos() -> Shrinker {
    let shrink = Closure::<dyn Fn(web_sys::File, f64, f64) -> js_sys::Promise>::new(shrink_photo);
    Shrinker(Some(shrink.into_js_value().unchecked_into()))
}

/// A built-in translation, from `/locales/` (Trunk copies the folder).
async fn translation(file: &'static str) -> Option<Map> {
    let response = gloo_net::http::Request::get(&format!("/locales/{file}.json"))
        .send()
        .await
        .ok()?;
    let text = response.text().await.ok()?;
    match aida_chat::json::parse(&text).ok()? {
        Value::Object(texts) => Some(texts),
        _ => None,
    }
}

/// The preview page takes any option from its query string (`?open=false&title=Hi`), so that
/// one build can show, and tests can check, every configuration.
fn override_from_query(options: &mut Options, query: &str) {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(query) else {
        return;
    };
    let get = |name: &str| params.get(name);
    if let Some(v) = get("server") {
        options.server = Some(v);
    }
    if let Some(v) = get("botId") {
        options.bot_id = Some(v);
    }
    if let Some(v) = get("accessToken") {
        options.access_token = Some(v);
    }
    if let Some(v) = get("contentUrl") {
        options.content_url = Some(v);
    }
    if let Some(v) = get("title") {
        options.title = Some(v);
    }
    if let Some(v) = get("open") {
        options.open = Some(v != "false");
    }
    if let Some(v) = get("maxImageDimension") {
        options.max_image_dimension = v.parse().ok();
    }
    if let Some(v) = get("maxImageBytes") {
        options.max_image_bytes = v.parse().ok();
    }
    if let Some(v) = get("position") {
        options.position = Some(v);
    }
    if let Some(v) = get("locale") {
        options.locale = Some(v);
    }
    if let Some(v) = get("botLanguage") {
        options.bot_language = Some(v != "false");
    }
    if let Some(v) = get("userData") {
        options.user_data = aida_chat::json::parse(&v)
            .ok()
            .and_then(|v| v.as_object().cloned());
    }
    if let Some(v) = get("strings") {
        options.strings = aida_chat::json::parse(&v)
            .ok()
            .and_then(|v| v.as_object().cloned());
    }
    if let Some(v) = get("theme") {
        options.theme = aida_chat::json::parse(&v)
            .ok()
            .and_then(|v| v.as_object().cloned());
    }
    if let Some(v) = get("greeting") {
        options.greeting = Some(v);
    }
    if let Some(v) = get("notify") {
        options.notify = aida_chat::json::parse(&v)
            .ok()
            .and_then(|v| v.as_object().and_then(|o| Notify::from_json(o).ok()));
    }
    // The page's own language, as a host page would have it.
    if let Some(v) = get("htmlLang")
        && let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", &v);
    }
}
