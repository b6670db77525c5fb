//! Time stamps for bubbles, in the visitor's own time zone and their locale's way of writing a
//! time of day.

use std::cell::RefCell;

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The local time of day, written as the locale writes it, and the instant in ISO 8601 for
/// `<time datetime>`, both empty for a time outside the years 0 to 9999. Worked out here rather
/// than asked of a `Date` per bubble: a restored history makes thousands of stamps at once, and
/// each question to JavaScript is a crossing; only the zone's offset (once per quarter hour)
/// and each minute of the day's text (once per minute) come from the browser.
pub fn stamp(at: f64, clock: &Clock) -> (String, String) {
    let Some(at) = instant(at) else {
        return (String::new(), String::new());
    };
    let local = at + utc_offset_ms(at);
    let minute_of_day = local.div_euclid(MINUTE).rem_euclid(24 * 60);
    (clock.time_of_day(minute_of_day as usize), iso8601(at))
}

/// How a locale writes a time of day (`7:55 PM`, `19:55`, `下午7:55`, `١٩:٥٥`…): the text of
/// each minute of the day, asked once of one `Intl.DateTimeFormat` (hour and minute) and kept.
/// Without one (the first `Intl.DateTimeFormat` of a page takes tens of ms, so the widget makes
/// it once the page is idle), `HH:MM`.
#[derive(Default)]
pub struct Clock {
    format: Option<js_sys::Function>,
    minutes: RefCell<Vec<Option<String>>>,
}

impl Clock {
    /// The clock of `locale`, a tag that `Intl` takes.
    pub fn of(locale: &str) -> Clock {
        let options = Object::new();
        let _ = Reflect::set(&options, &"hour".into(), &"numeric".into());
        let _ = Reflect::set(&options, &"minute".into(), &"2-digit".into());
        let format = Intl::DateTimeFormat::new(&Array::of1(&locale.into()), &options).format();
        Clock {
            format: Some(format),
            minutes: RefCell::new(vec![None; 24 * 60]),
        }
    }

    /// The time `minute_of_day` minutes after midnight.
    pub fn time_of_day(&self, minute_of_day: usize) -> String {
        let (hour, minute) = (minute_of_day / 60, minute_of_day % 60);
        let Some(format) = &self.format else {
            return format!("{hour:02}:{minute:02}");
        };
        let mut minutes = self.minutes.borrow_mut();
        let Some(known) = minutes.get_mut(minute_of_day) else {
            return String::new();
        };
        known
            .get_or_insert_with(|| {
                let date = js_sys::Date::new_with_year_month_day_hr_min(
                    2000,
                    0,
                    1,
                    hour as i32,
                    minute as i32,
                );
                format
                    .call1(&JsValue::UNDEFINED, &date)
                    .ok()
                    .and_then(|text| text.as_string())
                    .unwrap_or_default()
            })
            .clone()
    }
}

/// Clocks compare by identity: a new one is a new way of writing every stamp.
impl PartialEq for Clock {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
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

thread_local! {
    /// One formatter per locale for every bubble's full date, made the first time a stamp is
    /// hovered: formatting every bubble's title up front would cost a crossing per bubble.
    static FULL: RefCell<Vec<(String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

/// The full date and time formatter of `locale`.
fn full_format(locale: &str) -> js_sys::Function {
    FULL.with_borrow_mut(|formats| {
        if let Some((_, format)) = formats.iter().find(|(l, _)| l == locale) {
            return format.clone();
        }
        let options = Object::new();
        // What `toLocaleString` asks for when given no date or time fields.
        for field in ["year", "month", "day", "hour", "minute", "second"] {
            let _ = Reflect::set(&options, &field.into(), &"numeric".into());
        }
        let format = Intl::DateTimeFormat::new(&Array::of1(&locale.into()), &options).format();
        formats.push((locale.to_owned(), format.clone()));
        format
    })
}

/// Gives a `<time>` under the pointer its full local date and time as a title, once, as
/// `locale` writes it: the transcript listens for `pointerover` on the whole list.
pub fn title_on_hover(event: &web_sys::Event, locale: &str) {
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
    let full = full_format(locale).call1(&JsValue::UNDEFINED, &date);
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
    fn without_intl_a_clock_writes_hh_mm() {
        let clock = Clock::default();
        assert_eq!(clock.time_of_day(7 * 60 + 3), "07:03");
        assert_eq!(clock.time_of_day(23 * 60 + 59), "23:59");
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
