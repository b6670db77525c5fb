//! Any bytes into both frame decoders, and, line by line, into a client that has a joined
//! channel, a push in flight and one waiting: a line starting with `[` as a text frame, any
//! other as a binary frame. No panic, whatever arrives.
#![no_main]

use aida_chat::phoenix::{Client, Config, Frame, SocketEvent};
use libfuzzer_sys::fuzz_target;
use aida_chat::json;

fuzz_target!(|data: &[u8]| {
    let _ = Frame::decode_binary(data);
    let _ = Frame::decode_text(&String::from_utf8_lossy(data));

    let mut client = Client::new(Config {
        endpoint: "ws://h/socket".into(),
        ..Config::default()
    });
    client.connect(0);
    let lobby = client.channel("room:lobby", json!({}));
    let other = client.channel("room:other", json!({}));
    client.join(0, lobby);
    client.join(0, other);
    client.handle_socket(1, SocketEvent::Opened);
    // Refs count from "1": the lobby's join is "1", the other's "2".
    let joined = r#"["1","1","room:lobby","phx_reply",{"status":"ok","response":{}}]"#;
    client.handle_socket(2, SocketEvent::Text(joined));
    client.push(3, lobby, "in_flight", json!({}), None);
    client.push(3, other, "waiting", json!({}), None);
    while client.poll_transmit().is_some() {}
    for (i, line) in data.split(|b| *b == b'\n').enumerate() {
        let now = 10 + i as u64;
        if line.first() == Some(&b'[') {
            let text = String::from_utf8_lossy(line);
            client.handle_socket(now, SocketEvent::Text(&text));
        } else {
            client.handle_socket(now, SocketEvent::Binary(line));
        }
    }
    client.handle_socket(50_000, SocketEvent::Drained);
    client.handle_timeout(60_000);
    while client.poll_event().is_some() || client.poll_transmit().is_some() {}
});
