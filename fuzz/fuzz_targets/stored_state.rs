//! Any text as a stored conversation: a value or an error, never a panic.
#![no_main]

use aida_chat::aida::store::Stored;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(stored) = Stored::decode(text) {
            let again = Stored::encode(stored.session.as_deref(), &stored.entries);
            assert!(Stored::decode(&again).is_ok());
        }
    }
});
