//! Values a page hands to the widget (options, `putData`), read into JSON.

use crate::json::{Map, Value};
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

/// A JavaScript value as JSON (what `JSON.parse(JSON.stringify(js))` would give, without the
/// text between): for options and data a page hands to the widget.
///
/// Only null, booleans, numbers, strings, arrays and plain objects are JSON. Of anything else a
/// page may pass, objects give their own enumerable fields and the rest (`undefined`, functions,
/// symbols, big integers) is `null`, as is an array or object nested deeper than [`MAX_DEPTH`],
/// so that an object that contains itself is not followed forever.
pub fn to_json(js: &JsValue) -> Value {
    read_js(js, MAX_DEPTH)
}

/// A JavaScript value in words, for a console message: a string as it is, anything else as
/// `String(value)` would write it (an error as `TypeError: …`).
pub fn describe(js: &JsValue) -> String {
    if let Some(text) = js.as_string() {
        text
    } else if js.is_null() {
        "null".to_owned()
    } else if js.is_undefined() {
        "undefined".to_owned()
    } else {
        js.unchecked_ref::<Object>().to_string().into()
    }
}

/// How many levels of arrays and objects [`to_json`] reads; options and user data have one or two.
pub const MAX_DEPTH: usize = 32;

fn read_js(js: &JsValue, depth: usize) -> Value {
    if let Some(s) = js.as_string() {
        Value::String(s)
    } else if let Some(f) = js.as_f64() {
        number(f)
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

/// A number as `JSON.stringify` would carry it: NaN and the infinities are `null`.
fn number(f: f64) -> Value {
    if f.is_finite() {
        Value::Number(f)
    } else {
        Value::Null
    }
}
