//! Mounts a widget into a host element's shadow root, styled by a constructable stylesheet
//! (allowed under a strict `style-src 'self'` CSP, unlike an inline `<style>`).

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use super::widget::{Widget, WidgetProps};
use crate::aida::config::Config;

const STYLE: &str = include_str!("style.css");

/// Renders the widget inside `host` (which gets an open shadow root). Returns the Yew handle;
/// `destroy()` on it unmounts.
pub fn mount(host: &Element, config: Config) -> Result<AppHandle<Widget>, JsValue> {
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
    let props = WidgetProps {
        config: Rc::new(config),
        strings: Rc::default(),
    };
    Ok(yew::Renderer::<Widget>::with_root_and_props(root.unchecked_into(), props).render())
}
