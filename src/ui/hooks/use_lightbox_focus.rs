//! Focus follows the lightbox: when a picture opens, its close button takes focus; when it
//! closes, focus goes back to what had it (the thumbnail that opened it).

use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_lightbox_focus(shown: bool, close_button: &NodeRef) {
    let close_button = close_button.clone();
    use_effect_with(shown, move |shown| {
        let button = shown
            .then(|| close_button.cast::<web_sys::HtmlElement>())
            .flatten();
        let opener = button.as_ref().and_then(focused_in_root);
        if let Some(button) = &button {
            let _ = button.focus();
        }
        move || {
            if let Some(opener) = opener {
                let _ = opener.focus();
            }
        }
    });
}

/// The focused element of the shadow root `element` is in.
fn focused_in_root(element: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    let root: web_sys::ShadowRoot = element.get_root_node().dyn_into().ok()?;
    root.active_element()?.dyn_into().ok()
}
