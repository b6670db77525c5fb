//! A picture at full size over the panel. Esc or the close button closes it; focus moves to its
//! close button while it shows, and back to what had it (the thumbnail) when it goes.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icon::{CLOSE, icon};

use crate::ui::strings::Strings;

#[derive(Properties, PartialEq)]
pub struct LightboxProps {
    pub src: AttrValue,
    pub strings: std::rc::Rc<Strings>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn Lightbox(props: &LightboxProps) -> Html {
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            let button = close_button.cast::<web_sys::HtmlElement>();
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
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                // The panel would close too: this Esc belongs to the lightbox.
                event.stop_propagation();
                on_close.emit(());
            }
        })
    };
    html! {
        <div class="lightbox" role="dialog" aria-modal="true"
            aria-label={props.strings.view_picture.clone()} {onkeydown}>
            <img src={props.src.clone()} alt={props.strings.picture.clone()} />
            <button type="button" class="close-picture" ref={close_button}
                aria-label={props.strings.close_picture.clone()}
                onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { icon(CLOSE) }
            </button>
        </div>
    }
}

/// The focused element of the shadow root `element` is in.
fn focused_in_root(element: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    let root: web_sys::ShadowRoot = element.get_root_node().dyn_into().ok()?;
    root.active_element()?.dyn_into().ok()
}
