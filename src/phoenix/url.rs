//! The socket URL: `<endpoint>/websocket?<params>&vsn=2.0.0` (item 1; `socket.js:195,290-297`,
//! `ajax.js:100-120`).

use crate::json::Value;

/// The protocol version this client speaks: V2 array frames. Without it the server falls back
/// to V1 map frames (item 3).
pub const VSN: &str = "2.0.0";

/// `socket.endPointURL()` for an absolute endpoint: `Ajax.appendParams` twice, first the params,
/// then `{vsn}`, so `vsn` is always last. The quirks of phoenix.js are kept on purpose: a
/// trailing slash gives `//websocket`, and an endpoint with a query gets `/websocket` appended
/// after it (`?x=1/websocket&vsn=2.0.0`).
pub fn endpoint_url(endpoint: &str, params: &Value) -> String {
    let url = append_params(&format!("{endpoint}/websocket"), params);
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}vsn={VSN}")
}

/// `Ajax.appendParams` (`ajax.js:115-120`): nothing for no params, else `?` (or `&` when the
/// URL already has a `?`) and the serialized params.
fn append_params(url: &str, params: &Value) -> String {
    if entries(params).is_empty() {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{}", serialize(params, None))
}

/// The `for (key in obj)` of `Ajax.serialize`: an object's keys in insertion order (serde_json
/// is built with `preserve_order`), an array's indices; nothing for anything else, as
/// `opts.params || {}` and `for..in` over `null` give nothing.
fn entries(value: &Value) -> Vec<(String, &Value)> {
    match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    }
}

/// `Ajax.serialize` (`ajax.js:100-113`): objects and arrays nest as `k[sub]=v` (the brackets
/// percent-encoded with the rest of the key); `null` is `typeof "object"` too, so it recurses
/// into nothing and leaves an empty segment (`?&k=v`).
fn serialize(value: &Value, parent: Option<&str>) -> String {
    entries(value)
        .into_iter()
        .map(|(key, value)| {
            let key = match parent {
                Some(parent) => format!("{parent}[{key}]"),
                None => key,
            };
            let text = match value {
                Value::Object(_) | Value::Array(_) | Value::Null => {
                    return serialize(value, Some(&key));
                }
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => crate::json::number(*n),
            };
            format!(
                "{}={}",
                encode_uri_component(&key),
                encode_uri_component(&text)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// JavaScript's `encodeURIComponent`: every UTF-8 byte except `A-Z a-z 0-9 - _ . ! ~ * ' ( )`
/// as `%XX`.
pub fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            )
        {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}
