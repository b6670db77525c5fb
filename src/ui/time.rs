//! Time stamps for bubbles, in the visitor's own time zone.

use wasm_bindgen::JsValue;

thread_local! {
    /// One formatter for every bubble: `Date.toLocaleString` with options builds a new ICU
    /// formatter on each call, which made restoring a long transcript slow.
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

/// `HH:mm` and the full local date and time, for a wall-clock time in ms since the epoch.
pub fn stamp(at: f64) -> (String, String) {
    let date = js_sys::Date::new(&at.into());
    let short = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    let full = FULL
        .with(|format| format.call1(&JsValue::UNDEFINED, &date))
        .ok()
        .and_then(|full| full.as_string())
        .unwrap_or_default();
    (short, full)
}
