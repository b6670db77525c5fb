//! Focus follows the panel: opening it moves focus to the composer; closing it gives focus back
//! to the launcher, but only if focus was inside the widget, so that a closed widget never takes
//! focus from the host page.

use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_panel_focus(open: bool, composer: &NodeRef, launcher: &NodeRef) {
    let (composer, launcher) = (composer.clone(), launcher.clone());
    use_effect_with(open, move |open| {
        if *open {
            if let Some(input) = composer.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        } else if let Some(button) = launcher.cast::<web_sys::HtmlElement>()
            && focus_is_inside(&button)
        {
            let _ = button.focus();
        }
    });
}

/// Whether the focused element is in the same shadow root as `element`.
fn focus_is_inside(element: &web_sys::HtmlElement) -> bool {
    element
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .is_ok_and(|root| root.active_element().is_some())
}
