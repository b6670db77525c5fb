//! JSON: text to and from [`Value`], typed reading of values, and numbers as JavaScript writes
//! them. Pure Rust: values a page hands over are read into JSON by `browser::js_value`.
//!
//! Text is read and written by serde_json in every build: one string crosses between JavaScript
//! and the wasm, where `JSON.parse` and then a walk of its result from Rust would cross the
//! boundary once per field, which is far slower for a long stored conversation.
//!
//! Values are read by hand ([`Fields`]), not with serde's derived deserializers: those format a
//! mistyped float into their error message, which alone brings Rust's float printer into the
//! wasm, and each derived type adds its own visitor code.

use serde::Serialize;
use serde_json::{Map, Number, Value};

/// Reads JSON text; `Err` holds the parser's message.
pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// `text` in double quotes, escaped as JSON escapes it: how an error message quotes what it got
/// (not `{:?}`, which the release build does not format).
pub fn quoted(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// Writes a value as compact JSON text.
pub fn stringify(value: &Value) -> String {
    value.to_string()
}

/// Writes a typed value as JSON text, with no [`Value`] tree between. Types whose serialization
/// can fail (maps with non-string keys) are not written this way.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// The fields of a JSON object, read by type. Absent and `null` are both `None`; a value of
/// another type is a [`Mistyped`] that names the field.
#[derive(Clone, Copy)]
pub struct Fields<'a>(pub &'a Map<String, Value>);

/// A field whose value has the wrong type: `expected` says what it must be, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mistyped {
    pub field: &'static str,
    pub expected: &'static str,
}

impl std::fmt::Display for Mistyped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` must be {}", self.field, self.expected)
    }
}

/// For readers whose errors are sentences.
impl From<Mistyped> for String {
    fn from(mistyped: Mistyped) -> String {
        mistyped.to_string()
    }
}

impl<'a> Fields<'a> {
    /// The fields of `value`, when it is an object.
    pub fn of(value: &'a Value) -> Option<Fields<'a>> {
        value.as_object().map(Fields)
    }

    fn get<T>(
        self,
        field: &'static str,
        expected: &'static str,
        read: impl FnOnce(&'a Value) -> Option<T>,
    ) -> Result<Option<T>, Mistyped> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value).map(Some).ok_or(Mistyped { field, expected }),
        }
    }

    pub fn text(self, field: &'static str) -> Result<Option<&'a str>, Mistyped> {
        self.get(field, "a string", Value::as_str)
    }

    pub fn number(self, field: &'static str) -> Result<Option<f64>, Mistyped> {
        self.get(field, "a number", Value::as_f64)
    }

    pub fn boolean(self, field: &'static str) -> Result<Option<bool>, Mistyped> {
        self.get(field, "true or false", Value::as_bool)
    }

    pub fn object(self, field: &'static str) -> Result<Option<&'a Map<String, Value>>, Mistyped> {
        self.get(field, "an object", Value::as_object)
    }

    pub fn array(self, field: &'static str) -> Result<Option<&'a [Value]>, Mistyped> {
        self.get(field, "an array", |v| v.as_array().map(Vec::as_slice))
    }
}

/// JavaScript's `String(number)`: integers without a fraction (`1`, not serde's `1.0`), and the
/// exponent form below 1e-6 and from 1e21 on (`1e+21`, `1.5e-7`).
pub fn number(n: &Number) -> String {
    // Not `Number`'s `Display`, which writes `1.0` and `1e21`.
    if let Some(u) = n.as_u64() {
        u.to_string()
    } else if let Some(i) = n.as_i64() {
        i.to_string()
    } else {
        float(n.as_f64().unwrap_or(0.0))
    }
}

/// `Number::prototype.toString` (ECMA-262, 6.1.6.1.20) of a finite double: the shortest digits
/// that read back as `f` (zmij's, serde_json's own formatter), laid out as JavaScript does.
fn float(f: f64) -> String {
    if f == 0.0 {
        return "0".to_owned();
    }
    let mut buffer = zmij::Buffer::new();
    // zmij writes `123.456`, `1.0`, `0.001` or `1.5e-7`: read its digits and where the point is,
    // the value being 0.DIGITS × 10^point.
    let mut digits = Vec::with_capacity(17);
    let (mut point, mut exponent, mut negative_exponent) = (0i32, 0i32, false);
    let (mut after_dot, mut in_exponent) = (false, false);
    for &b in buffer.format_finite(f.abs()).as_bytes() {
        match b {
            b'0'..=b'9' if in_exponent => exponent = exponent * 10 + i32::from(b - b'0'),
            b'0' if digits.is_empty() => point -= i32::from(after_dot),
            b'0'..=b'9' => {
                digits.push(b);
                point += i32::from(!after_dot);
            }
            b'.' => after_dot = true,
            b'e' => in_exponent = true,
            b'-' => negative_exponent = true,
            _ => {}
        }
    }
    point += if negative_exponent {
        -exponent
    } else {
        exponent
    };
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    let k = digits.len() as i32;
    let mut out = String::with_capacity(26);
    if f < 0.0 {
        out.push('-');
    }
    let zeros = |out: &mut String, n: i32| (0..n).for_each(|_| out.push('0'));
    let digits = |out: &mut String, from: usize, to: usize| {
        digits[from..to]
            .iter()
            .for_each(|&d| out.push(char::from(d)))
    };
    if k <= point && point <= 21 {
        digits(&mut out, 0, k as usize);
        zeros(&mut out, point - k);
    } else if 0 < point && point <= 21 {
        digits(&mut out, 0, point as usize);
        out.push('.');
        digits(&mut out, point as usize, k as usize);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        zeros(&mut out, -point);
        digits(&mut out, 0, k as usize);
    } else {
        digits(&mut out, 0, 1);
        if k > 1 {
            out.push('.');
            digits(&mut out, 1, k as usize);
        }
        out.push_str(if point > 0 { "e+" } else { "e-" });
        out.push_str(&u64::from((point - 1).unsigned_abs()).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The same table as the browser test (`tests/browser.rs`), where the browser's own
    /// `String(n)` is held against it.
    #[test]
    fn numbers_read_as_javascript_writes_them() {
        let cases: &[(f64, &str)] = &include!("../tests/data/js_numbers.rs");
        for &(n, text) in cases {
            assert_eq!(number(&Number::from_f64(n).unwrap()), text, "String({n})");
        }
        assert_eq!(number(&Number::from(u64::MAX)), "18446744073709551615");
        assert_eq!(number(&Number::from(-7)), "-7");
    }

    /// `String(n)` as Rust's own shortest digits lay it out. Where two shortest forms are as
    /// near, Rust and JavaScript may pick different last digits (JavaScript takes the even one,
    /// as zmij does; the table above has such a tie), so the property below compares lengths.
    fn reference(f: f64) -> String {
        if f == 0.0 {
            return "0".to_owned();
        }
        if (1e-6..1e21).contains(&f.abs()) {
            return f.to_string();
        }
        let exponent = format!("{f:e}");
        match exponent.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => exponent,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        #[test]
        fn any_double_is_written_as_javascript_writes_it(bits in proptest::num::u64::ANY) {
            let f = f64::from_bits(bits);
            proptest::prop_assume!(f.is_finite());
            let ours = float(f);
            proptest::prop_assert_eq!(ours.parse::<f64>().ok(), Some(f), "{} reads back", ours);
            proptest::prop_assert_eq!(ours.len(), reference(f).len(), "{} is laid out as {}", ours, reference(f));
        }
    }

    #[test]
    fn typed_values_are_written_and_fields_read_by_type() {
        #[derive(serde::Serialize)]
        struct Typed {
            id: &'static str,
            n: Option<u32>,
        }
        assert_eq!(
            to_string(&Typed {
                id: "x\"",
                n: Some(3)
            }),
            r#"{"id":"x\"","n":3}"#
        );
        assert!(parse("[1,").is_err());
        let value = parse(r#"{"s":"x","n":2.5,"b":true,"o":{},"a":[1],"z":null}"#).unwrap();
        let fields = Fields::of(&value).unwrap();
        assert_eq!(fields.text("s"), Ok(Some("x")));
        assert_eq!(fields.number("n"), Ok(Some(2.5)));
        assert_eq!(fields.boolean("b"), Ok(Some(true)));
        assert_eq!(fields.object("o").map(|o| o.map(Map::len)), Ok(Some(0)));
        assert_eq!(fields.array("a"), Ok(Some(&[json!(1)][..])));
        assert_eq!(fields.text("z"), Ok(None), "null is absent");
        assert_eq!(fields.text("nope"), Ok(None));
        assert_eq!(
            fields.text("n"),
            Err(Mistyped {
                field: "n",
                expected: "a string"
            })
        );
        assert_eq!(
            fields.boolean("s"),
            Err(Mistyped {
                field: "s",
                expected: "true or false"
            })
        );
        assert!(Fields::of(&json!([1])).is_none());
    }
}
