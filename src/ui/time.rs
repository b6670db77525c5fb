//! Time stamps for bubbles, in the visitor's own time zone.

use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// One formatter for every bubble, made the first time a stamp is hovered: the first
    /// `Intl.DateTimeFormat` of a page costs 15-25 ms, which would delay the first paint of a
    /// restored conversation, and formatting every bubble's title up front cost more again.
    static FULL: js_sys::Function = {
        let options = js_sys::Object::new();
        // What `toLocaleString` asks for when given no date or time fields.
        for field in ["year", "month", "day", "hour", "minute", "second"] {
            let _ = js_sys::Reflect::set(&options, &field.into(), &"numeric".into());
        }
        let locales = js_sys::Array::of1(&"default".into());
        js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
    };
}

/// `HH:mm` in local time, and the instant in ISO 8601 for `<time datetime>` (empty for a time
/// out of the range of dates).
pub fn stamp(at: f64) -> (String, String) {
    let date = js_sys::Date::new(&at.into());
    if date.get_time().is_nan() {
        return (String::new(), String::new());
    }
    let short = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    (short, date.to_iso_string().into())
}

/// Gives a `<time>` under the pointer its full local date and time as a title, once: the
/// transcript listens for `pointerover` on the whole list.
pub fn title_on_hover(event: &web_sys::Event) {
    let Some(time) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.tag_name() == "TIME" && !e.has_attribute("title"))
    else {
        return;
    };
    let Some(datetime) = time.get_attribute("datetime") else {
        return;
    };
    let date = js_sys::Date::new(&JsValue::from_str(&datetime));
    let full = FULL.with(|format| format.call1(&JsValue::UNDEFINED, &date));
    if let Some(full) = full.ok().and_then(|full| full.as_string()) {
        let _ = time.set_attribute("title", &full);
    }
}
