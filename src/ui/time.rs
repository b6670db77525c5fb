//! Time stamps for bubbles, in the visitor's own time zone.

/// `HH:mm` and the full local date and time, for a wall-clock time in ms since the epoch.
pub fn stamp(at: f64) -> (String, String) {
    let date = js_sys::Date::new(&at.into());
    let short = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    let full = String::from(date.to_locale_string("default", &js_sys::Object::new().into()));
    (short, full)
}
