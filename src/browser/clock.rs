//! Time for the sans-IO layers: a monotonic millisecond clock, and the wall clock beside it.

use crate::phoenix::Millis;

/// Monotonic time in ms (`performance.now()`), the clock every Phoenix timer runs on.
pub fn now() -> Millis {
    let ms = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now);
    ms.max(0.0) as Millis
}

/// Wall-clock ms since the epoch at monotonic time 0.
pub fn wall_offset() -> f64 {
    js_sys::Date::now() - now() as f64
}
