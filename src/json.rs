//! JSON: text to and from [`Value`], values from JavaScript, and typed reading of values.
//!
//! Text is read and written by serde_json in every build. One string crosses between JavaScript
//! and the wasm, which for a long stored conversation is far faster than `JSON.parse` and then
//! walking its result from Rust, a call across the boundary per field (in one benchmark run, a
//! 2000-message restore had its newest message painted 218 ms after navigation, against 362 ms).
//!
//! Values are read by hand ([`Fields`]), not with serde's derived deserializers: those format a
//! mistyped float into their error message, which alone brings Rust's float printer (14 KB) into
//! the wasm, and each derived type adds its own visitor code.

use js_sys::{Array, Object};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Reads JSON text; `Err` holds the parser's message.
pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
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

/// A JavaScript value as JSON (what `JSON.parse(JSON.stringify(js))` would give, without the
/// text between): for options and data a page hands to the widget.
///
/// Only null, booleans, numbers, strings, arrays and plain objects are JSON. Of anything else a
/// page may pass, objects give their own enumerable fields and the rest (`undefined`, functions,
/// symbols, big integers) is `null`, as is an array or object nested deeper than [`MAX_DEPTH`],
/// so that an object that contains itself is not followed forever.
pub fn from_js(js: &JsValue) -> Value {
    read_js(js, MAX_DEPTH)
}

/// How many levels of arrays and objects [`from_js`] reads; options and user data have one or two.
pub const MAX_DEPTH: usize = 32;

fn read_js(js: &JsValue, depth: usize) -> Value {
    if let Some(s) = js.as_string() {
        Value::String(s)
    } else if let Some(f) = js.as_f64() {
        whole_or_double(f)
    } else if let Some(b) = js.as_bool() {
        Value::Bool(b)
    } else if depth == 0 {
        Value::Null
    } else if let Some(items) = js.dyn_ref::<Array>() {
        Value::Array(items.iter().map(|item| read_js(&item, depth - 1)).collect())
    } else if js.is_object() {
        let mut map = Map::new();
        for entry in Object::entries(js.unchecked_ref()).iter() {
            let entry: Array = entry.unchecked_into();
            if let Some(key) = entry.get(0).as_string() {
                map.insert(key, read_js(&entry.get(1), depth - 1));
            }
        }
        Value::Object(map)
    } else {
        Value::Null
    }
}

/// Whole numbers that a double holds exactly become integers, as serde_json reads `1`.
fn whole_or_double(f: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if f.fract() == 0.0 && f.abs() <= EXACT {
        Value::from(f as i64)
    } else {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
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

/// In the wasm, the browser's own `String(n)`.
#[cfg(target_arch = "wasm32")]
fn float(f: f64) -> String {
    js_sys::Number::from(f)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// Natively, `Number::prototype.toString` (ECMA-262 6.1.6.1.20) from Rust's shortest round-trip
/// digits; `tests/browser.rs` checks it against the browser's.
#[cfg(not(target_arch = "wasm32"))]
fn float(f: f64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The same table as the browser test (`tests/browser.rs`), where `String(n)` answers.
    #[test]
    fn numbers_read_as_javascript_writes_them() {
        let cases: &[(f64, &str)] = &include!("../tests/data/js_numbers.rs");
        for &(n, text) in cases {
            assert_eq!(number(&Number::from_f64(n).unwrap()), text, "String({n})");
        }
        assert_eq!(number(&Number::from(u64::MAX)), "18446744073709551615");
        assert_eq!(number(&Number::from(-7)), "-7");
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
