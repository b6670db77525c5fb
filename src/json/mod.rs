//! JSON: text to and from [`Value`], typed reading of values, and numbers as JavaScript writes
//! them. Pure Rust: values a page hands over are read into JSON by `browser::js_value`.
//!
//! Text is read and written here, in the wasm: one string crosses between JavaScript and the
//! wasm, where `JSON.parse` and then a walk of its result from Rust would cross the boundary
//! once per field, which is far slower for a long stored conversation. The reader and the
//! writer are the widget's own rather than serde_json's: the widget needs values, not typed
//! deserialization, and a general-purpose library's generic code, its number tables and its
//! hashed maps were about a tenth of the wasm. They follow `JSON.parse` and `JSON.stringify`,
//! the widget's peers in the page and, through phoenix.js, on the wire.
//!
//! Values are read by hand ([`Fields`]): a field of the wrong type is a [`Mistyped`] that names it.

mod number;
mod read;
mod value;
mod write;

pub use read::parse;
pub use value::{Map, Value};
pub use write::{stringify, write_number, write_string, write_value};

/// `text` in double quotes, escaped as JSON escapes it: how an error message quotes what it got
/// (not `{:?}`, which the release build does not format).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(text, &mut out);
    out
}

/// A JSON value written in Rust: `json!({"session": id, "data": {"language": "es"}})`. Keys
/// are string literals; a value is `null`, an array, an object or any expression that converts
/// into a [`Value`], taken by reference and copied (so that a name can appear twice).
#[macro_export]
macro_rules! json {
    (null) => {
        $crate::json::Value::Null
    };
    ([ $($items:tt)* ]) => {
        $crate::json::Value::Array($crate::json_items!([] [] $($items)*))
    };
    ({ $($fields:tt)* }) => {{
        #[allow(unused_mut)]
        let mut map = $crate::json::Map::new();
        $crate::json_fields!(map [] $($fields)*);
        $crate::json::Value::Object(map)
    }};
    ($value:expr) => {
        $crate::json::Value::from(::core::clone::Clone::clone(&$value))
    };
}

/// `json!`'s arrays: tokens join the item being read until a comma ends it.
#[doc(hidden)]
#[macro_export]
macro_rules! json_items {
    ([$($done:expr,)*] []) => {
        vec![$($done,)*]
    };
    ([$($done:expr,)*] [$($item:tt)+]) => {
        vec![$($done,)* $crate::json!($($item)+)]
    };
    ([$($done:expr,)*] [$($item:tt)+] , $($rest:tt)*) => {
        $crate::json_items!([$($done,)* $crate::json!($($item)+),] [] $($rest)*)
    };
    ([$($done:expr,)*] [$($item:tt)*] $next:tt $($rest:tt)*) => {
        $crate::json_items!([$($done,)*] [$($item)* $next] $($rest)*)
    };
}

/// `json!`'s objects: `"key":` starts a field, whose value is the tokens up to a comma.
#[doc(hidden)]
#[macro_export]
macro_rules! json_fields {
    ($map:ident []) => {};
    ($map:ident [$key:literal $($value:tt)+] , $($rest:tt)*) => {
        $map.insert(($key).into(), $crate::json!($($value)+));
        $crate::json_fields!($map [] $($rest)*);
    };
    ($map:ident [$key:literal $($value:tt)+]) => {
        $map.insert(($key).into(), $crate::json!($($value)+));
    };
    ($map:ident [] $key:literal : $($rest:tt)*) => {
        $crate::json_fields!($map [$key] $($rest)*);
    };
    ($map:ident [$key:literal $($value:tt)*] $next:tt $($rest:tt)*) => {
        $crate::json_fields!($map [$key $($value)* $next] $($rest)*);
    };
}

/// The fields of a JSON object, read by type. Absent and `null` are both `None`; a value of
/// another type is a [`Mistyped`] that names the field.
#[derive(Clone, Copy)]
pub struct Fields<'a>(pub &'a Map);

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

    pub fn object(self, field: &'static str) -> Result<Option<&'a Map>, Mistyped> {
        self.get(field, "an object", Value::as_object)
    }

    pub fn array(self, field: &'static str) -> Result<Option<&'a [Value]>, Mistyped> {
        self.get(field, "an array", |v| v.as_array().map(Vec::as_slice))
    }
}

/// JavaScript's `String(number)`: `1`, `1.5`, `1e+21`, `1.5e-7`, `NaN`.
pub fn number(n: f64) -> String {
    let mut out = String::new();
    number::write(n, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same table as the browser test (`tests/browser.rs`), where the browser's own
    /// `String(n)` is held against it.
    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let cases: &[(f64, &str)] = &include!("../../tests/data/js_numbers.rs");
        for &(n, text) in cases {
            assert_eq!(number(n), text, "String({n})");
            assert_eq!(stringify(&Value::Number(n)), text, "JSON.stringify({n})");
        }
        assert_eq!(number(u64::MAX as f64), "18446744073709552000");
        assert_eq!(number(-7.0), "-7");
        assert_eq!(stringify(&json!([f64::NAN, f64::INFINITY])), "[null,null]");
    }

    #[test]
    fn text_is_read_as_json_parse_reads_it() {
        let value = parse(" {\"a\" : [1, -2.5e3, true, false, null, \"x\"], \"b\":{}} ").unwrap();
        assert_eq!(
            value,
            json!({"a": [1, -2500, true, false, null, "x"], "b": {}})
        );
        assert_eq!(
            parse(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap(),
            json!("\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f600}")
        );
        // A surrogate that is not half of a pair: JavaScript keeps it, a Rust string cannot.
        assert_eq!(
            parse(r#""\ud800x\udc00\ud800\u0041""#).unwrap(),
            json!("\u{fffd}x\u{fffd}\u{fffd}A")
        );
        assert_eq!(parse("1e400").unwrap(), json!(f64::INFINITY));
        assert_eq!(
            parse("-0").unwrap().as_f64().map(f64::is_sign_negative),
            Some(true)
        );
        for bad in [
            "",
            " ",
            "[1,",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a",
            "\"\u{1}\"",
            "tru",
            "nul",
            "[] []",
            "{\"a\" 1}",
            "\u{feff}1",
        ] {
            assert!(parse(bad).is_err(), "{bad} is not JSON");
        }
        assert_eq!(
            parse("[1, 2").unwrap_err(),
            "`,` or `]` expected at character 6"
        );
    }

    #[test]
    fn nesting_is_bounded_and_never_exhausts_the_stack() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(128)).is_ok());
        assert!(parse(&deep(129)).is_err());
        assert!(parse(&"[".repeat(1_000_000)).is_err());
        assert!(parse(&"{\"a\":".repeat(1_000_000)).is_err());
    }

    #[test]
    fn a_key_written_twice_keeps_its_first_place_and_its_last_value() {
        let value = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(stringify(&value), r#"{"a":3,"b":2}"#);
        // Past the pairwise comparison of small objects, and quick however many keys there are.
        let mut text = (0..100_000)
            .map(|i| format!("\"k{i}\":{i}"))
            .collect::<Vec<_>>();
        text.push("\"k7\":\"last\"".into());
        let value = parse(&format!("{{{}}}", text.join(","))).unwrap();
        let map = value.as_object().unwrap();
        assert_eq!(map.len(), 100_000);
        assert_eq!(map.keys().nth(7).map(String::as_str), Some("k7"));
        assert_eq!(map.get("k7"), Some(&json!("last")));
    }

    #[test]
    fn text_is_written_as_json_stringify_writes_it() {
        let value = json!({"s": "a\"b\\c\n\u{1}\u{1f}\u{7f}\u{2028}é", "n": [0, -1.5, 1e21], "o": {"x": null}});
        assert_eq!(
            stringify(&value),
            r#"{"s":"a\"b\\c\n\u0001\u001f"#.to_owned()
                + "\u{7f}\u{2028}é"
                + r#"","n":[0,-1.5,1e+21],"o":{"x":null}}"#
        );
        assert_eq!(quoted("say \"hi\""), r#""say \"hi\"""#);
    }

    #[test]
    fn objects_keep_their_order_and_compare_as_sets_of_fields() {
        let mut map = Map::new();
        map.insert("b".into(), json!(1));
        map.insert("a".into(), json!(2));
        assert_eq!(map.insert("b".into(), json!(3)), Some(json!(1)));
        assert_eq!(stringify(&Value::Object(map.clone())), r#"{"b":3,"a":2}"#);
        assert_eq!(Value::Object(map.clone()), json!({"a": 2, "b": 3}));
        assert_ne!(Value::Object(map.clone()), json!({"a": 2, "b": 3, "c": 4}));
        assert_eq!(map.remove("b"), Some(json!(3)));
        assert_eq!(stringify(&Value::Object(map)), r#"{"a":2}"#);
    }

    /// Any JSON: leaves that write and read back exactly, in arrays and objects.
    fn any_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::Number),
            any::<i32>().prop_map(Value::from),
            ".*".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                proptest::collection::vec(("[a-c]{0,2}|.*", inner), 0..8)
                    .prop_map(|fields| Value::Object(fields.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn what_is_written_reads_back(value in any_value()) {
            let text = stringify(&value);
            let read = parse(&text);
            proptest::prop_assert_eq!(read.as_ref(), Ok(&value), "{}", text);
            proptest::prop_assert_eq!(stringify(&read.unwrap()), text);
        }

        /// serde_json is the independent reference for what is JSON and what it means.
        #[test]
        fn reads_and_writes_what_serde_json_does(value in any_value()) {
            let ours = stringify(&value);
            let theirs: serde_json::Value = serde_json::from_str(&ours).unwrap();
            proptest::prop_assert_eq!(&from_serde(theirs.clone()), &value, "{}", ours);
            let pretty = serde_json::to_string_pretty(&theirs).unwrap();
            let read = parse(&pretty);
            proptest::prop_assert_eq!(read.as_ref(), Ok(&value), "{}", pretty);
        }

        #[test]
        fn any_text_is_read_or_refused_without_panic(text in ".*") {
            let _ = parse(&text);
        }
    }

    fn from_serde(value: serde_json::Value) -> Value {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(from_serde).collect())
            }
            serde_json::Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, from_serde(v))).collect())
            }
        }
    }

    #[test]
    fn fields_are_read_by_type() {
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
