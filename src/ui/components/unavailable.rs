//! What a visitor sees when the widget's options are wrong: the launcher, and a panel that says
//! the chat is unavailable, rather than nothing at all. The integrator's details (which option,
//! and why) are in the console and in the panel's small print.
//!
//! Plain markup and one listener, not a Yew component: it shows two texts and opens and closes,
//! and it lives as long as its page (the page that gave bad options has no handle to end it).

use std::cell::Cell;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::Element;

use super::icon::{CHAT, CLOSE};
use crate::ui::markup::write;
use crate::ui::strings::Strings;

/// Shows the view in `root`.
pub fn show(root: &Element, title: &str, detail: &str, strings: Strings) {
    let mut markup = String::new();
    write(
        &mut markup,
        &[
            "<div class=\"aida-chat unavailable\" data-state=\"misconfigured\">\
             <section class=\"panel\" role=\"dialog\" aria-label=\"",
            title,
            "\" hidden><header><h2>",
            title,
            "</h2></header><p class=\"status error\" role=\"alert\" data-state=\"error\">",
            strings.misconfigured(),
            "</p><p class=\"detail\">",
            detail,
            "</p></section><button type=\"button\" class=\"launcher\"></button></div>",
        ],
    );
    root.set_inner_html(&markup);
    let (Some(view), Some(panel), Some(launcher)) = (
        root.first_element_child(),
        root.query_selector("section").ok().flatten(),
        root.query_selector("button").ok().flatten(),
    ) else {
        return;
    };
    let button = launcher.clone();
    let show = move |open: bool| {
        let _ = panel.toggle_attribute_with_force("hidden", !open);
        let _ = view.toggle_attribute_with_force("data-open", open);
        let (label, icon) = if open {
            (&strings.close_chat(), CLOSE)
        } else {
            (&strings.open_chat(), CHAT)
        };
        let _ = launcher.set_attribute("aria-label", label);
        let _ = launcher.set_attribute("aria-expanded", if open { "true" } else { "false" });
        launcher.set_inner_html(icon);
    };
    show(false);
    let open = Cell::new(false);
    let toggle = Closure::<dyn Fn()>::new(move || {
        open.set(!open.get());
        show(open.get());
    });
    let _ = button.add_event_listener_with_callback("click", toggle.as_ref().unchecked_ref());
    // Lives as long as the page: nothing ends this view.
    toggle.forget();
}
