//! JSON values: what a frame's payload, an option or a stored conversation is made of.

/// A JSON value. Numbers are doubles, as in JavaScript, whose `JSON.parse` and `JSON.stringify`
/// are the widget's peers on the wire and in the page.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON object: its fields in the order they were written, as a JavaScript object keeps
/// them. A key appears once; inserting it again replaces its value where it stands. Objects on
/// the wire and in storage have a handful of fields, so a list searched in order is the fastest
/// and smallest map.
#[derive(Debug, Clone, Default)]
pub struct Map(Vec<(String, Value)>);

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// A field of an object; nothing for a missing field or any other value.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

/// The JSON text, as [`super::stringify`] writes it.
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::stringify(self))
    }
}

/// `value[i]`: an item of an array, `null` for anything else, as in JavaScript.
impl std::ops::Index<usize> for Value {
    type Output = Value;

    fn index(&self, i: usize) -> &Value {
        self.as_array()
            .and_then(|items| items.get(i))
            .unwrap_or(&Value::Null)
    }
}

/// `value["key"]`: a field of an object, `null` for anything else.
impl std::ops::Index<&str> for Value {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&Value::Null)
    }
}

/// `map["key"]`: a field, `null` when it is missing.
impl std::ops::Index<&str> for Map {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&Value::Null)
    }
}

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`: in its place when the key is there (giving back the value it had),
    /// last when it is new.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The fields as they were read, duplicates and all: the reader makes an object this way
    /// and then settles its duplicate keys at once ([`Map::settle_duplicates`]).
    pub(super) fn from_fields(fields: Vec<(String, Value)>) -> Map {
        let mut map = Map(fields);
        map.settle_duplicates();
        map
    }

    /// A key written twice keeps its first place and its last value, as `JSON.parse` gives.
    /// Sorting finds duplicates in n log n steps: a hostile object of a hundred thousand keys
    /// must not cost n² comparisons. Small objects, the usual kind, are compared pairwise.
    fn settle_duplicates(&mut self) {
        let fields = &mut self.0;
        let n = fields.len();
        if n <= 8 {
            if (1..n).any(|i| fields[..i].iter().any(|(k, _)| *k == fields[i].0)) {
                let read = std::mem::take(fields);
                read.into_iter()
                    .for_each(|(key, value)| drop(self.insert(key, value)));
            }
            return;
        }
        // Positions by key, and for equal keys by position: each run of one key starts at the
        // place it keeps and ends at the value it keeps.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| fields[a].0.cmp(&fields[b].0));
        let mut keep = vec![true; n];
        let mut run = 0;
        while run < n {
            let first = order[run];
            let mut last = run;
            while last + 1 < n && fields[order[last + 1]].0 == fields[first].0 {
                last += 1;
            }
            if last > run {
                let value = std::mem::take(&mut fields[order[last]].1);
                fields[first].1 = value;
                order[run + 1..=last].iter().for_each(|&i| keep[i] = false);
            }
            run = last + 1;
        }
        let mut i = 0;
        fields.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}

/// Two objects are equal when they have the same keys with equal values, in any order, as
/// two JavaScript objects with the same fields are the same data.
impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(fields: I) -> Map {
        let mut map = Map::new();
        for (key, value) in fields {
            map.insert(key, value);
        }
        map
    }
}

impl Extend<(String, Value)> for Map {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, fields: I) {
        for (key, value) in fields {
            self.insert(key, value);
        }
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a String, &'a Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::String(s.clone())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Value {
        Value::Object(map)
    }
}

impl From<&Map> for Value {
    fn from(map: &Map) -> Value {
        Value::Object(map.clone())
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

/// Numbers of every width become doubles, as they would in JavaScript.
macro_rules! from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n as f64)
            }
        }
    )*};
}
from_number!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}
