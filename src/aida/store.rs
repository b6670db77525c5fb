//! What a returning visitor gets back: the conversation as it is kept in localStorage.

use std::borrow::Borrow;

use super::protocol;
use super::transcript::{Author, Delivery, Entry, Failure, Image, KEPT_ENTRIES};
use crate::json;
use crate::json::{Fields, Value};

/// A field a stored entry cannot do without.
fn required<T>(field: &str, value: Option<T>) -> Result<T, String> {
    value.ok_or_else(|| format!("`{field}` is missing"))
}

/// A stored entry, read field by field (the inverse of [`write_entry`]).
fn entry_from_json(value: &Value) -> Result<Entry, String> {
    let fields = Fields::of(value).ok_or("not an object")?;
    let from = match fields.text("from")? {
        Some("user") => Author::User,
        Some("bot") => Author::Bot,
        Some("divider") => Author::Divider,
        _ => return Err("`from` must be user, bot or divider".into()),
    };
    let status = match fields.text("status")? {
        None => None,
        Some("queued") => Some(Delivery::Queued),
        Some("sent") => Some(Delivery::Sent),
        Some("failed") => Some(Delivery::Failed),
        Some(_) => return Err("`status` must be queued, sent or failed".into()),
    };
    let image = fields.object("image")?;
    let image_id = match image {
        Some(image) => Fields(image).text("id")?,
        None => None,
    };
    let id = required("id", fields.text("id")?)?;
    let text = required("text", fields.text("text")?)?;
    let at = required("at", fields.number("at")?)?;
    let error = fields.text("error")?.and_then(Failure::from_code);
    // Copied only once every field has been read: an error then has nothing to drop.
    Ok(Entry {
        id: id.to_owned(),
        from,
        text: text.to_owned(),
        at,
        status,
        image: image.map(|_| Image {
            id: image_id.map(str::to_owned),
            ..Image::default()
        }),
        error,
    })
}

/// The stored shape, versioned so that a future widget can tell an old store from garbage.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub version: u32,
    pub session: Option<String>,
    pub entries: Vec<Entry>,
}

pub const STORE_VERSION: u32 = 1;
/// Entries kept in storage: enough history for a returning visitor, small enough for any quota.
pub const MAX_STORED_ENTRIES: usize = 500;
// A page shows at least what a reload of it would.
const _: () = assert!(MAX_STORED_ENTRIES <= KEPT_ENTRIES);

/// The localStorage key of one bot's conversation (several widgets on one page share nothing).
pub fn store_key(bot_id: &str) -> String {
    format!("aida-chat:v{STORE_VERSION}:{bot_id}")
}

/// Why a stored value was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    Corrupt(String),
    Version(u32),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Corrupt(why) => write!(f, "stored conversation is corrupt: {why}"),
            StoreError::Version(v) => write!(f, "stored conversation has unknown version {v}"),
        }
    }
}

impl Stored {
    /// Reads a stored conversation; any input gives a value or an error, never a panic. Entries
    /// that make no sense (a status on a bot entry, a session that is no UUID) are repaired.
    pub fn decode(text: &str) -> Result<Stored, StoreError> {
        let value = json::parse(text).map_err(StoreError::Corrupt)?;
        let mut stored = Stored::from_json(&value).map_err(StoreError::Corrupt)?;
        if stored.version != STORE_VERSION {
            return Err(StoreError::Version(stored.version));
        }
        if !stored.session.as_deref().is_some_and(protocol::is_uuid) {
            stored.session = None;
        }
        for entry in &mut stored.entries {
            if let Some(image) = &mut entry.image
                && !image.id.as_deref().is_some_and(protocol::is_uuid)
            {
                // Only ids that are UUIDs ever make an image URL.
                image.id = None;
            }
            match entry.from {
                Author::User if entry.status.is_none() => entry.status = Some(Delivery::Failed),
                Author::User => {}
                _ => entry.status = None,
            }
        }
        Ok(stored)
    }

    /// The stored shape, read field by field (the inverse of [`Stored::encode`]).
    fn from_json(value: &Value) -> Result<Stored, String> {
        let fields = Fields::of(value).ok_or("not an object")?;
        let version = fields.number("version")?.ok_or("`version` is missing")?;
        if version.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&version) {
            return Err("`version` must be a whole number".into());
        }
        let stored = fields.array("entries")?.ok_or("`entries` is missing")?;
        let session = fields.text("session")?.map(str::to_owned);
        let mut entries = Vec::with_capacity(stored.len());
        for (i, entry) in stored.iter().enumerate() {
            entries.push(entry_from_json(entry).map_err(|why| format!("entry {i}: {why}"))?);
        }
        Ok(Stored {
            version: version as u32,
            session,
            entries,
        })
    }

    /// Serializes at most `MAX_STORED_ENTRIES`, dropping the oldest delivered ones first: a
    /// message still queued or failed is never dropped to make room.
    pub fn encode<E: Borrow<Entry>>(session: Option<&str>, entries: &[E]) -> String {
        let excess = entries.len().saturating_sub(MAX_STORED_ENTRIES);
        let mut dropped = 0;
        let mut out = String::with_capacity(64 + 128 * entries.len().min(MAX_STORED_ENTRIES));
        out.push_str("{\"version\":");
        json::write_number(f64::from(STORE_VERSION), &mut out);
        out.push_str(",\"session\":");
        match session {
            Some(session) => json::write_string(session, &mut out),
            None => out.push_str("null"),
        }
        out.push_str(",\"entries\":[");
        let mut first = true;
        for entry in entries.iter().map(Borrow::borrow) {
            let droppable = dropped < excess && entry.settled();
            dropped += usize::from(droppable);
            if !droppable {
                if !std::mem::take(&mut first) {
                    out.push(',');
                }
                write_entry(entry, &mut out);
            }
        }
        out.push_str("]}");
        out
    }
}

/// An entry as it is stored: what a reload needs, never the page's own preview of a picture
/// or its upload's progress (both gone with the page). Written straight to text: a store of
/// 500 entries is written often, and a value tree between would copy every text once more.
fn write_entry(entry: &Entry, out: &mut String) {
    out.push_str("{\"id\":");
    json::write_string(&entry.id, out);
    out.push_str(",\"from\":\"");
    out.push_str(entry.from.as_str());
    out.push_str("\",\"text\":");
    json::write_string(&entry.text, out);
    out.push_str(",\"at\":");
    json::write_number(entry.at, out);
    if let Some(status) = entry.status {
        out.push_str(",\"status\":\"");
        out.push_str(status.as_str());
        out.push('"');
    }
    if let Some(image) = &entry.image {
        out.push_str(",\"image\":{\"id\":");
        match &image.id {
            Some(id) => json::write_string(id, out),
            None => out.push_str("null"),
        }
        out.push('}');
    }
    if let Some(error) = entry.error {
        out.push_str(",\"error\":");
        json::write_string(&error.code(), out);
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: usize, from: Author, status: Option<Delivery>) -> Entry {
        Entry {
            id: id.to_string(),
            from,
            text: format!("t{id}"),
            at: 0.0,
            status,
            image: None,
            error: None,
        }
    }

    #[test]
    fn round_trips_and_repairs() {
        let entries = vec![
            entry(1, Author::User, Some(Delivery::Queued)),
            entry(2, Author::Bot, None),
        ];
        let session = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";
        let stored = Stored::decode(&Stored::encode(Some(session), &entries)).unwrap();
        assert_eq!(stored.session.as_deref(), Some(session));
        assert_eq!(stored.entries, entries);

        let odd = r#"{"version":1,"session":"<x>","entries":[
            {"id":"a","from":"user","text":"x","at":1},
            {"id":"b","from":"bot","text":"y","at":2,"status":"queued"}]}"#;
        let stored = Stored::decode(odd).unwrap();
        assert_eq!(stored.session, None);
        assert_eq!(stored.entries[0].status, Some(Delivery::Failed));
        assert_eq!(stored.entries[1].status, None);

        let hostile = r#"{"version":1,"session":null,"entries":[
            {"id":"a","from":"user","text":"","at":1,"status":"sent","image":{"id":"//evil.example/x"}}]}"#;
        let stored = Stored::decode(hostile).unwrap();
        assert_eq!(stored.entries[0].image, Some(Image::default()));
    }

    #[test]
    fn failures_are_stored_by_code_and_other_words_are_no_failure() {
        let mut failed = entry(1, Author::User, Some(Delivery::Failed));
        for failure in [
            Failure::Network,
            Failure::BadAnswer,
            Failure::InvalidId,
            Failure::TooLarge,
            Failure::Unsupported,
            Failure::Server(503),
            Failure::Lost,
            Failure::Cancelled,
        ] {
            failed.error = Some(failure);
            let stored = Stored::decode(&Stored::encode(None, &[failed.clone()])).unwrap();
            assert_eq!(stored.entries[0].error, Some(failure));
        }
        let old = r#"{"version":1,"session":null,"entries":[
            {"id":"a","from":"user","text":"","at":1,"status":"failed","error":"The picture is too large."},
            {"id":"b","from":"user","text":"","at":1,"status":"failed","error":"server-x"}]}"#;
        let stored = Stored::decode(old).unwrap();
        assert_eq!(
            (stored.entries[0].error, stored.entries[1].error),
            (None, None)
        );
    }

    #[test]
    fn rejects_garbage_and_other_versions() {
        assert!(matches!(Stored::decode("{"), Err(StoreError::Corrupt(_))));
        assert!(matches!(
            Stored::decode("null"),
            Err(StoreError::Corrupt(_))
        ));
        assert_eq!(
            Stored::decode(r#"{"version":9,"session":null,"entries":[]}"#),
            Err(StoreError::Version(9))
        );
        let corrupt = |text: &str| match Stored::decode(text) {
            Err(StoreError::Corrupt(why)) => why,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            corrupt(r#"{"version":1.5,"entries":[]}"#),
            "`version` must be a whole number"
        );
        assert_eq!(corrupt(r#"{"version":1}"#), "`entries` is missing");
        assert_eq!(
            corrupt(r#"{"version":1,"entries":[{"id":"a","from":"bot","at":1}]}"#),
            "entry 0: `text` is missing"
        );
        assert_eq!(
            corrupt(r#"{"version":1,"entries":[{"id":"a","from":"me","text":"","at":1}]}"#),
            "entry 0: `from` must be user, bot or divider"
        );
        assert_eq!(
            corrupt(r#"{"version":1,"entries":[{"id":"a","from":"user","text":"","at":"now"}]}"#),
            "entry 0: `at` must be a number"
        );
    }

    #[test]
    fn bounds_the_store_without_dropping_undelivered_messages() {
        let mut entries = vec![entry(0, Author::User, Some(Delivery::Queued))];
        entries.extend((1..=MAX_STORED_ENTRIES + 10).map(|i| entry(i, Author::Bot, None)));
        let stored = Stored::decode(&Stored::encode(None, &entries)).unwrap();
        assert_eq!(stored.entries.len(), MAX_STORED_ENTRIES);
        assert_eq!(stored.entries[0].id, "0", "the queued message is kept");
        assert_eq!(
            stored.entries[1].id, "12",
            "the oldest delivered ones go first"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn decode_never_panics(text in ".*") {
            let _ = Stored::decode(&text);
        }
    }
}
