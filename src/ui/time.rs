//! Time stamps for bubbles, in the visitor's own time zone.

use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// One formatter for every bubble, made the first time a stamp is hovered: the first
    /// `Intl.DateTimeFormat` of a page is slow to make (the browser loads its locale data), which
    /// would delay the first paint of a restored conversation, and formatting every bubble's
    /// title up front would cost more again.
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

/// `HH:MM` in local time, and the instant in ISO 8601 for `<time datetime>`, both empty for a
/// time outside the years 0 to 9999. Written here rather than asked of a `Date` per bubble: a
/// restored history makes thousands of stamps at once, and each question to JavaScript is a
/// crossing (the ISO text a string copied back); only the zone's offset comes from the browser.
pub fn stamp(at: f64) -> (String, String) {
    let Some(at) = instant(at) else {
        return (String::new(), String::new());
    };
    let local = at + utc_offset_ms(at);
    let minute_of_day = local.div_euclid(MINUTE).rem_euclid(24 * 60);
    let short = format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
    (short, iso8601(at))
}

const MINUTE: i64 = 60_000;
/// Time zone offsets change only at whole quarter hours: every zone's offset is a whole number
/// of quarter hours, and changes at the turn of a local hour or half hour. So one instant's
/// offset holds for its whole quarter hour, and a transcript asks the browser once per quarter
/// hour it spans rather than once per message.
const QUARTER_HOUR: i64 = 15 * MINUTE;

thread_local! {
    /// The last quarter hour asked about, and its offset (local minus UTC) in ms.
    static OFFSET: std::cell::Cell<Option<(i64, i64)>> = const { std::cell::Cell::new(None) };
}

/// Local time minus UTC at `at`, in ms, as the browser's time zone has it.
fn utc_offset_ms(at: i64) -> i64 {
    let quarter = at.div_euclid(QUARTER_HOUR);
    if let Some((known, offset)) = OFFSET.get()
        && known == quarter
    {
        return offset;
    }
    // In minutes, west of UTC positive; not whole before a zone's standard time (its local mean
    // time, New York's -4:56:02 before 1883).
    let minutes = js_sys::Date::new(&JsValue::from_f64(at as f64)).get_timezone_offset();
    let offset = -(minutes * MINUTE as f64).round() as i64;
    OFFSET.set(Some((quarter, offset)));
    offset
}

/// `at` as a `Date` holds it (whole ms, cut toward zero), if its year is 0 to 9999.
fn instant(at: f64) -> Option<i64> {
    // 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z.
    const RANGE: std::ops::RangeInclusive<f64> = -62_167_219_200_000.0..=253_402_300_799_999.0;
    let at = at.trunc();
    RANGE.contains(&at).then_some(at as i64)
}

/// The instant as `Date.prototype.toISOString` writes it: `YYYY-MM-DDTHH:MM:SS.sssZ`.
fn iso8601(at: i64) -> String {
    let (days, ms) = (at.div_euclid(86_400_000), at.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        ms / 3_600_000,
        ms / MINUTE % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, <https://howardhinnant.github.io/date_algorithms.html>).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_8601_as_javascript_writes_it() {
        // Values from `new Date(ms).toISOString()`.
        for (ms, iso) in [
            (0, "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (1_764_700_000_123, "2025-12-02T18:26:40.123Z"),
            (4_107_542_399_999, "2100-02-28T23:59:59.999Z"),
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        ] {
            assert_eq!(iso8601(ms), iso, "{ms}");
        }
    }

    #[test]
    fn instants_are_whole_ms_of_the_years_0_to_9999() {
        assert_eq!(instant(1.9), Some(1));
        assert_eq!(instant(-1.9), Some(-1), "cut toward zero, as a Date does");
        assert_eq!(instant(f64::NAN), None);
        assert_eq!(instant(253_402_300_800_000.0), None, "year 10000");
        assert_eq!(instant(-62_167_219_200_001.0), None, "year -1");
    }
}
