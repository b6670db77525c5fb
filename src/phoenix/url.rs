//! The socket URL: `<endpoint>/websocket?<params>&vsn=2.0.0` (item 1; `socket.js:195,290-297`,
//! `ajax.js:100-120`).

use serde_json::Value;

/// The protocol version this client speaks: V2 array frames.
pub const VSN: &str = "2.0.0";

pub fn endpoint_url(endpoint: &str, params: &Value) -> String {
    let url = append_params(&format!("{endpoint}/websocket"), params);
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}vsn={VSN}")
}

/// `Ajax.appendParams`: nothing for an empty object, else `?` (or `&` when the URL already has
/// a query) and the serialized params.
fn append_params(url: &str, params: &Value) -> String {
    match params {
        Value::Object(map) if !map.is_empty() => {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}{}", serialize(params, None))
        }
        _ => url.to_owned(),
    }
}

/// `Ajax.serialize`: nested objects and arrays as `k[sub]=v`; `null` (an "object" in JS)
/// gives an empty segment. Keys keep their insertion order, as in JavaScript (serde_json's
/// `preserve_order`).
fn serialize(value: &Value, parent: Option<&str>) -> String {
    let entries: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    entries
        .into_iter()
        .map(|(key, value)| {
            let key = match parent {
                Some(parent) => format!("{parent}[{key}]"),
                None => key,
            };
            match value {
                Value::Object(_) | Value::Array(_) | Value::Null => serialize(value, Some(&key)),
                Value::String(s) => {
                    format!("{}={}", encode_uri_component(&key), encode_uri_component(s))
                }
                other => format!(
                    "{}={}",
                    encode_uri_component(&key),
                    encode_uri_component(&other.to_string())
                ),
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// JavaScript's `encodeURIComponent`.
pub fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Item 1, as seen on the wire with phoenix.js 1.8.16.
    #[test]
    fn item_1_url_shape() {
        let params = json!({"token": "abc 123", "nested": {"a": 1, "b": [2, 3]}});
        assert_eq!(
            endpoint_url("/socket", &params),
            "/socket/websocket?token=abc%20123&nested%5Ba%5D=1&nested%5Bb%5D%5B0%5D=2&nested%5Bb%5D%5B1%5D=3&vsn=2.0.0"
        );
        assert_eq!(
            endpoint_url("ws://h/socket", &json!({})),
            "ws://h/socket/websocket?vsn=2.0.0"
        );
        assert_eq!(
            endpoint_url("ws://h/socket/", &json!({})),
            "ws://h/socket//websocket?vsn=2.0.0"
        );
        assert_eq!(
            endpoint_url("ws://h/s?x=1", &json!({})),
            "ws://h/s?x=1/websocket&vsn=2.0.0"
        );
        assert_eq!(
            endpoint_url("ws://h/s", &json!({"n": null, "k": true})),
            "ws://h/s/websocket?&k=true&vsn=2.0.0"
        );
    }

    #[test]
    fn encodes_like_javascript() {
        assert_eq!(
            encode_uri_component("a b&c=d/é~*'()"),
            "a%20b%26c%3Dd%2F%C3%A9~*'()"
        );
    }
}
