//! Mounts a widget into a host element's shadow root, styled by a constructable stylesheet
//! (allowed under a strict `style-src 'self'` CSP, unlike an inline `<style>`).

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use super::bridge::Bridge;
use super::strings::Strings;
use super::widget::{Widget, WidgetProps};
use crate::aida::config::{Config, Position};

const STYLE: &str = include_str!("style.css");

/// Renders the widget inside `host` (which gets an open shadow root), themed and placed as the
/// options say. Returns the Yew handle; `destroy()` on it unmounts.
pub fn mount(
    host: &Element,
    config: Config,
    bridge: Rc<Bridge>,
) -> Result<AppHandle<Widget>, JsValue> {
    if let Some(style) = host.dyn_ref::<web_sys::HtmlElement>().map(|h| h.style()) {
        for (name, value) in &config.theme {
            style.set_property(name, value)?;
        }
    }
    if config.position == Position::Left {
        host.set_attribute("data-position", "left")?;
    }
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
    let strings = Rc::new(Strings::with(&config.strings));
    let props = WidgetProps {
        config: Rc::new(config),
        strings,
        bridge,
    };
    Ok(yew::Renderer::<Widget>::with_root_and_props(root.unchecked_into(), props).render())
}
