//! JSON text to [`Value`]: what `JSON.parse` accepts, and a message naming the place of the
//! first mistake otherwise. Any text gives a value or an error, never a panic, however deep or
//! long it is.

use super::number;
use super::value::{Map, Value};

/// Arrays and objects nest at most this deep: the reader recurses once per level, and a
/// hostile frame of a million `[` must not exhaust the wasm stack.
const MAX_DEPTH: u32 = 128;

pub fn parse(text: &str) -> Result<Value, String> {
    let mut reader = Reader {
        source: text,
        text: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(MAX_DEPTH)?;
    reader.skip_space();
    if reader.at < reader.text.len() {
        return Err(reader.error("text after the value"));
    }
    Ok(value)
}

struct Reader<'a> {
    source: &'a str,
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> String {
        format!("{what} at character {}", self.at + 1)
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Consumes `byte` after any white space, or says what was expected.
    fn expect(&mut self, byte: u8, what: &str) -> Result<(), String> {
        self.skip_space();
        if self.peek() != Some(byte) {
            return Err(self.error(what));
        }
        self.at += 1;
        Ok(())
    }

    fn value(&mut self, depth: u32) -> Result<Value, String> {
        self.skip_space();
        let Some(first) = self.peek() else {
            return Err(self.error("a value expected"));
        };
        match first {
            b'"' => self.string().map(Value::String),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' | b'{' if depth == 0 => Err(self.error("arrays and objects nested too deeply")),
            b'[' => self.array(depth - 1),
            b'{' => self.object(depth - 1),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'n' => self.word(b"null", Value::Null),
            _ => Err(self.error("a value expected")),
        }
    }

    fn word(&mut self, word: &[u8], value: Value) -> Result<Value, String> {
        if !self.text[self.at..].starts_with(word) {
            return Err(self.error("a value expected"));
        }
        self.at += word.len();
        Ok(value)
    }

    fn array(&mut self, depth: u32) -> Result<Value, String> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("`,` or `]` expected")),
            }
        }
    }

    fn object(&mut self, depth: u32) -> Result<Value, String> {
        self.at += 1;
        let mut fields = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Map::new()));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("a key in double quotes expected"));
            }
            let key = self.string()?;
            self.expect(b':', "`:` expected")?;
            fields.push((key, self.value(depth)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(Map::from_fields(fields)));
                }
                _ => return Err(self.error("`,` or `}` expected")),
            }
        }
    }

    /// The input from `start` to the reader: whole characters, since the reader stops only at
    /// ASCII bytes, which are never part of a longer UTF-8 sequence.
    fn since(&self, start: usize) -> &str {
        self.source.get(start..self.at).unwrap_or_default()
    }

    /// A string, the reader on its opening quote. Runs without escapes are copied whole.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(self.since(start));
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.error("a control character in a string")),
                None => return Err(self.error("a string without its closing quote")),
            }
        }
    }

    /// The character of an escape, the reader after its backslash. A surrogate that is not
    /// half of a pair (JavaScript strings may hold one, Rust's may not) becomes U+FFFD, as a
    /// browser would show it.
    fn escape(&mut self) -> Result<char, String> {
        let Some(b) = self.peek() else {
            return Err(self.error("an unfinished escape"));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                if (0xd800..0xdc00).contains(&unit) && self.text[self.at..].starts_with(b"\\u") {
                    let rewind = self.at;
                    self.at += 2;
                    let low = self.hex4()?;
                    if (0xdc00..0xe000).contains(&low) {
                        let c = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                        return Ok(char::from_u32(c).unwrap_or('\u{fffd}'));
                    }
                    // Not a low half: that escape is read on its own next.
                    self.at = rewind;
                }
                char::from_u32(unit).unwrap_or('\u{fffd}')
            }
            _ => return Err(self.error("an unknown escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.error("four hexadecimal digits expected")),
            };
            unit = unit * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(unit)
    }

    /// A number by JSON's grammar (no `+`, no leading zeros, digits on both sides of a point),
    /// its value as `JSON.parse` gives it.
    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("a digit expected")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Ok(Value::Number(number::parse(self.since(start))))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), String> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error("a digit expected"));
        }
        self.digits();
        Ok(())
    }
}
