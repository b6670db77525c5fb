//! Mounts a widget into a host element's shadow root, styled by a constructable stylesheet
//! (allowed under a strict `style-src 'self'` CSP, unlike an inline `<style>`).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use crate::json::Map;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use super::bridge::{Bridge, Command};
use super::components::unavailable;
use super::locale::{self, Chosen, Locale};
use super::strings::Strings;
use super::time::Clock;
use super::widget::{Widget, WidgetProps};
use crate::aida::config::{Config, DEFAULT_TITLE, Options, Position};
use crate::browser::upload::Shrinker;
use crate::browser::{self, console, js_value};

/// Where a widget gets a translation: its file name (`es`, `zh-Hans`) in, its texts out (none
/// when it cannot be had: the widget stays in English).
pub type Translations = Rc<dyn Fn(&'static str) -> Pin<Box<dyn Future<Output = Option<Map>>>>>;

/// The style sheet, without comments and indentation (build.rs).
const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

/// Starts a widget from an integrator's options: validated, then mounted. Options that fail
/// are named in a console error and shown as "chat unavailable" (a view that lives as long as
/// its host: the page that gave them gets no handle to destroy it, and should see it until the
/// options are fixed). The error is the message, for the caller to hand back.
pub fn mount_options(
    host: &Element,
    options: Result<Options, String>,
    page_origin: Option<&str>,
    bridge: Rc<Bridge>,
    translations: Translations,
    shrinker: Shrinker,
) -> Result<AppHandle<Widget>, String> {
    let config = options
        .as_ref()
        .map_err(String::clone)
        .and_then(|o| o.validate(page_origin).map_err(|e| e.to_string()));
    let mounted = match config {
        Ok(config) => mount(host, config, bridge, translations, shrinker),
        Err(message) => {
            console::error(&message);
            let options = options.unwrap_or_default();
            if let Ok(root) = styled_root(host) {
                let title = options.title.as_deref().unwrap_or(DEFAULT_TITLE);
                let strings = Strings::with(&options.strings.iter().collect::<Vec<_>>());
                unavailable::show(&root, title, &message, strings);
            }
            return Err(message);
        }
    };
    mounted.map_err(|e| {
        let message = format!("aida-chat: cannot mount: {}", js_value::describe(&e));
        console::error(&message);
        message
    })
}

/// Renders the widget inside `host` (which gets an open shadow root), themed and placed as the
/// options say, in the visitor's language: at once in English, laid out and clocked for their
/// locale, then in their translation as soon as it is loaded (usually before the first paint: the
/// loader fetches it beside the wasm). Returns the Yew handle; `destroy()` on it unmounts.
pub fn mount(
    host: &Element,
    mut config: Config,
    bridge: Rc<Bridge>,
    translations: Translations,
    shrinker: Shrinker,
) -> Result<AppHandle<Widget>, JsValue> {
    if let Some(style) = host.dyn_ref::<web_sys::HtmlElement>().map(|h| h.style()) {
        for (name, value) in &config.theme {
            style.set_property(name, value)?;
        }
    }
    if config.position == Position::Left {
        host.set_attribute("data-position", "left")?;
    }
    if let Some(mode) = config.mode.attribute() {
        host.set_attribute("data-mode", mode)?;
    }
    let root = styled_root(host)?;
    let mut preferences: Vec<String> = config.locale.iter().cloned().collect();
    preferences.extend(browser::languages());
    let chosen = locale::negotiate(&preferences);
    if config.bot_language {
        config.language = locale::bot_language(&chosen.tag);
    }
    let overrides = config.strings.clone();
    let props = WidgetProps {
        locale: Rc::new(Locale::new(&chosen.tag, None, &overrides)),
        config: Rc::new(config),
        bridge: bridge.clone(),
        shrinker,
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(root, props).render();
    let tag = chosen.tag.clone();
    if chosen.translation.is_some() {
        let speaking = speak(bridge.clone(), translations, chosen, overrides, None);
        wasm_bindgen_futures::spawn_local(speaking);
    }
    // The other tabs followed and the clock made once the page has a long idle period: the
    // first `storage` listener and `Intl.DateTimeFormat` would delay the first paint, or any
    // frame they ran before.
    wasm_bindgen_futures::spawn_local(async move {
        browser::long_idle().await;
        bridge.command(Command::Idle);
        let clock = Rc::new(Clock::of(&tag));
        bridge.command(Command::Clock { tag, clock });
    });
    Ok(app)
}

/// Has the widget speak `chosen`, once its translation is loaded, with the integrator's
/// `overrides` over it; with `language`, the bot hears the change too.
pub async fn speak(
    bridge: Rc<Bridge>,
    translations: Translations,
    chosen: Chosen,
    overrides: Map,
    language: Option<String>,
) {
    let translation = match chosen.translation {
        Some(file) => translations(file).await,
        None => None,
    };
    let locale = Rc::new(Locale::new(&chosen.tag, translation.as_ref(), &overrides));
    bridge.command(Command::Locale { locale, language });
}

/// Has the widget speak `chosen` now, clock included (the visitor asked for it: no waiting for
/// an idle page).
pub async fn switch(
    bridge: Rc<Bridge>,
    translations: Translations,
    chosen: Chosen,
    overrides: Map,
    language: Option<String>,
) {
    let tag = chosen.tag.clone();
    speak(bridge.clone(), translations, chosen, overrides, language).await;
    let clock = Rc::new(Clock::of(&tag));
    bridge.command(Command::Clock { tag, clock });
}

/// A new element to render into, inside `host`'s shadow root (made if the loader has not made
/// it already), which adopts the widget's stylesheet in place of any the loader gave it.
fn styled_root(host: &Element) -> Result<Element, JsValue> {
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(STYLE)?;
    js_sys::Reflect::set(
        &shadow,
        &"adoptedStyleSheets".into(),
        &js_sys::Array::of1(&sheet),
    )?;
    let document = host.owner_document().ok_or("no document")?;
    let root = document.create_element("div")?;
    shadow.append_child(&root)?;
    Ok(root)
}
