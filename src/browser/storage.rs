//! localStorage for one bot's conversation. Storage that is disabled, full or corrupt never stops
//! the widget: it keeps working in memory and warns once in the console.

use std::cell::Cell;

use super::console;
use crate::aida::store::{Stored, store_key};

pub struct ChatStore {
    key: String,
    warned: Cell<bool>,
}

impl ChatStore {
    pub fn new(bot_id: &str) -> Self {
        ChatStore {
            key: store_key(bot_id),
            warned: Cell::new(false),
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The stored conversation's text, if there is one.
    pub fn read(&self) -> Option<String> {
        let text = local_storage().and_then(|s| s.get_item(&self.key).ok());
        if text.is_none() {
            self.warn("localStorage is not available; the conversation is kept in memory only");
        }
        text.flatten()
    }

    /// The conversation of a stored `text`, if it is readable.
    pub fn decode(&self, text: &str) -> Option<Stored> {
        match Stored::decode(text) {
            Ok(stored) => Some(stored),
            Err(error) => {
                self.warn(&format!("{error}; starting a new conversation"));
                None
            }
        }
    }

    pub fn save(&self, text: &str) {
        let saved = local_storage().is_some_and(|s| s.set_item(&self.key, text).is_ok());
        if !saved {
            self.warn("could not write to localStorage (disabled or full); the conversation is kept in memory only");
        }
    }

    fn warn(&self, message: &str) {
        if !self.warned.replace(true) {
            console::warn(&format!("aida-chat: {message}"));
        }
    }
}

/// `window.localStorage`, which throws when storage is disabled (e.g. blocked cookies).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
