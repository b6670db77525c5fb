//! Any bytes, as a text or a binary frame, into the decoders and into a joined client: no panic.
#![no_main]

use aida_chat::phoenix::{Client, Config, Frame};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let _ = Frame::decode_binary(data);
    let mut client = Client::new(Config { endpoint: "ws://h/socket".into(), ..Config::default() });
    client.connect(0);
    let channel = client.channel("bot:x", json!({}));
    client.join(0, channel);
    client.handle_open(1);
    client.handle_binary(2, data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Frame::decode_text(text);
        client.handle_text(3, text);
    }
    client.handle_timeout(60_000);
    while client.poll_event().is_some() || client.poll_transmit().is_some() {}
});
