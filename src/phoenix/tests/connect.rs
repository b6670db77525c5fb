//! A. Connecting and E. Reconnect: items 1-6 and 21-26.

use crate::json;

use super::*;

#[test]
fn item_1_3_url_shape_with_params_and_vsn_last() {
    // As seen on the wire with phoenix.js 1.8.16 (item 1 [RUN]).
    let params = json!({"token": "abc 123", "nested": {"a": 1, "b": [2, 3]}});
    assert_eq!(
        endpoint_url("/socket", &params),
        "/socket/websocket?token=abc%20123&nested%5Ba%5D=1&nested%5Bb%5D%5B0%5D=2&nested%5Bb%5D%5B1%5D=3&vsn=2.0.0"
    );
    assert_eq!(
        endpoint_url("ws://h/socket", &json!({})),
        "ws://h/socket/websocket?vsn=2.0.0",
        "vsn always (item 3)"
    );
    // The [RUN] quirks.
    assert_eq!(
        endpoint_url("ws://h/socket/", &json!({})),
        "ws://h/socket//websocket?vsn=2.0.0"
    );
    assert_eq!(
        endpoint_url("ws://h/s?x=1", &json!({"k": "v"})),
        "ws://h/s?x=1/websocket&k=v&vsn=2.0.0"
    );
    assert_eq!(
        endpoint_url("ws://h/s", &json!({"n": null, "k": true})),
        "ws://h/s/websocket?&k=true&vsn=2.0.0"
    );
    // encodeURIComponent and JavaScript's String(number).
    assert_eq!(
        endpoint_url(
            "ws://h/s",
            &json!({"a b": "é/&=~*'()", "f": 1.0, "g": 0.5, "h": 1e21, "i": 1.5e-7, "j": -3})
        ),
        "ws://h/s/websocket?a%20b=%C3%A9%2F%26%3D~*'()&f=1&g=0.5&h=1e%2B21&i=1.5e-7&j=-3&vsn=2.0.0"
    );
    assert_eq!(
        endpoint_url("ws://h/s", &json!(null)),
        "ws://h/s/websocket?vsn=2.0.0",
        "params || {{}}"
    );
}

#[test]
fn item_1_params_are_read_on_every_connect() {
    let mut h = Harness::with(|c| c.params = json!({"token": "a"}));
    h.connect();
    h.client.set_params(json!({"token": "b"}));
    h.refuse();
    h.advance(10);
    assert_eq!(
        h.opens(),
        vec![
            "ws://127.0.0.1:4000/socket/websocket?token=a&vsn=2.0.0".to_string(),
            "ws://127.0.0.1:4000/socket/websocket?token=b&vsn=2.0.0".to_string(),
        ]
    );
}

#[test]
fn item_2_6_open_carries_the_absolute_endpoint_as_given() {
    // Resolving a relative endpoint (item 2) and setting binaryType (item 6) are the driver's:
    // the client passes the configured endpoint through untouched.
    let mut h = Harness::with(|c| c.endpoint = "wss://aida.example.org/socket".into());
    h.connect();
    assert_eq!(
        h.log,
        vec![Out::Open(
            "wss://aida.example.org/socket/websocket?vsn=2.0.0".into()
        )]
    );
    assert_eq!(h.client.connection_state(), ConnectionState::Connecting);
    h.connect();
    assert_eq!(h.opens().len(), 1, "connect while connecting does nothing");
    h.open();
    h.connect();
    assert_eq!(h.opens().len(), 1, "connect while open does nothing");
    assert_eq!(h.client.connection_state(), ConnectionState::Open);
}

#[test]
fn item_5_35_a_refused_socket_errors_the_channels_once_and_retries_forever() {
    let mut h = Harness::new();
    h.connect();
    let ch = h.channel("room:lobby");
    h.join(ch);
    h.refuse();
    assert_eq!(
        h.take_events(),
        vec![
            Event::SocketErrored,
            Event::ChannelErrored {
                channel: ch,
                reason: ErrorReason::ConnectionError
            },
            Event::SocketClosed {
                code: 1006,
                reconnect_at: Some(10)
            },
        ],
        "the close does not error the channel again (item 35)"
    );
    for _ in 0..30 {
        let due = h.client.poll_timeout().unwrap();
        h.advance_to(due);
        if h.client.connection_state() == ConnectionState::Connecting {
            h.refuse();
        }
    }
    assert!(h.opens().len() > 20, "still trying");
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Errored));
}

#[test]
fn item_21_22_reconnect_backoff_tries_kept_across_attempts_and_reset_on_open() {
    let mut h = Harness::new();
    h.connect();
    let mut gaps = vec![];
    for _ in 0..11 {
        h.refuse();
        let closed_at = h.now;
        h.advance_to(h.client.poll_timeout().unwrap());
        gaps.push(h.now - closed_at);
    }
    assert_eq!(
        gaps,
        vec![10, 50, 100, 150, 200, 250, 500, 1000, 2000, 5000, 5000]
    );
    h.open();
    h.close(1006);
    assert_eq!(h.client.poll_timeout(), Some(h.now + 10), "reset on open");
}

#[test]
fn item_22_24_disconnect_resets_the_tries() {
    let mut h = Harness::new();
    h.connect();
    for _ in 0..3 {
        h.refuse();
        h.advance_to(h.client.poll_timeout().unwrap());
    }
    h.disconnect(None, None);
    h.connect();
    h.refuse();
    assert_eq!(h.client.poll_timeout(), Some(h.now + 10));
}

#[test]
fn item_23_any_close_not_asked_for_reconnects_1000_included() {
    for code in [1000, 1001, 1006, 1011, 4000] {
        let mut h = Harness::new();
        let ch = h.joined("room:lobby");
        h.take_events();
        h.close(code);
        assert_eq!(
            h.take_events(),
            vec![
                Event::ChannelErrored {
                    channel: ch,
                    reason: ErrorReason::ConnectionClosed
                },
                Event::SocketClosed {
                    code,
                    reconnect_at: Some(h.now + 10)
                },
            ]
        );
        assert_eq!(h.client.connection_state(), ConnectionState::Closed);
        h.advance(10);
        assert_eq!(h.opens().len(), 2, "reconnected after {code}");
    }
}

#[test]
fn connect_does_not_hasten_a_pending_reconnect() {
    // socket.js:331: the closed connection stays current until its reconnect tears it down.
    let mut h = Harness::new();
    h.joined("room:lobby");
    h.close(1001);
    h.advance(5);
    h.connect();
    assert_eq!(h.opens().len(), 1);
    h.advance(5);
    assert_eq!(h.opens().len(), 2);
}

#[test]
fn item_24_disconnect_closes_cleanly_and_channels_rejoin_on_the_next_connect() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.take_events();
    h.disconnect(Some(4000), Some("bye"));
    assert_eq!(h.closes(), vec![(Some(4000), "bye".to_string())]);
    assert_eq!(
        h.take_events(),
        vec![
            Event::ChannelErrored {
                channel: ch,
                reason: ErrorReason::ConnectionClosed
            },
            Event::SocketClosed {
                code: 4000,
                reconnect_at: None
            },
        ]
    );
    assert_eq!(h.client.connection_state(), ConnectionState::Closed);
    assert_eq!(h.client.poll_timeout(), None, "no reconnect, no heartbeat");
    h.connect();
    assert_eq!(h.opens().len(), 2, "a new socket at once");
    h.open();
    assert_eq!(h.sent("phx_join").len(), 2, "the channel rejoins on open");
}

#[test]
fn item_24_disconnect_without_a_code_and_while_connecting() {
    let mut h = Harness::new();
    h.connected();
    h.take_events();
    h.disconnect(None, None);
    assert_eq!(h.closes(), vec![(None, String::new())]);
    assert_eq!(
        h.take_events(),
        vec![Event::SocketClosed {
            code: 1005,
            reconnect_at: None
        }],
        "the server sees 1005, no status"
    );
    // While connecting: the socket's close event (1006) errors the joining channel.
    let mut h = Harness::new();
    h.connect();
    let ch = h.channel("room:lobby");
    h.join(ch);
    h.disconnect(Some(1000), None);
    assert_eq!(
        h.take_events(),
        vec![
            Event::ChannelErrored {
                channel: ch,
                reason: ErrorReason::ConnectionClosed
            },
            Event::SocketClosed {
                code: 1006,
                reconnect_at: None
            },
        ]
    );
    assert_eq!(h.client.join_ref(ch), None, "the join was reset");
    // Nothing more once closed.
    h.disconnect(None, None);
    assert!(h.take_events().is_empty());
    assert_eq!(h.closes().len(), 1);
}

#[test]
fn item_24_disconnect_after_the_server_closed_only_cancels_the_reconnect() {
    let mut h = Harness::new();
    h.joined("room:lobby");
    h.close(1011);
    h.take_events();
    h.disconnect(None, None);
    assert!(h.take_events().is_empty(), "its close was reported already");
    assert!(h.closes().is_empty(), "nothing to close");
    h.advance(60_000);
    assert_eq!(h.opens().len(), 1);
}

#[test]
fn item_25_39_on_open_the_buffer_flushes_then_errored_channels_rejoin() {
    let mut h = Harness::new();
    let a = h.joined("room:a");
    h.close(1006);
    // While down: a new channel's join is buffered; the errored one waits for the open.
    let b = h.channel("room:b");
    h.join(b);
    h.take_log();
    h.advance(10);
    h.open();
    let joins: Vec<String> = h.sent("phx_join").into_iter().map(|s| s.topic).collect();
    assert_eq!(
        joins,
        vec!["room:b", "room:a"],
        "buffer first, then rejoins"
    );
    assert_eq!(h.client.channel_state(a), Some(ChannelState::Joining));
    assert_eq!(h.client.channel_state(b), Some(ChannelState::Joining));
    assert!(h.events.contains(&Event::SocketOpened));
    for join in h.sent("phx_join") {
        h.server_reply(&join, "ok", json!({}));
    }
    // The heartbeat started on open (item 17).
    h.advance(29_999);
    assert!(h.sent("heartbeat").is_empty());
    h.advance(1);
    assert_eq!(h.sent("heartbeat").len(), 1);
}

#[test]
fn item_26_page_visible_reconnects_at_once_with_tries_reset() {
    let mut h = Harness::new();
    h.joined("room:lobby");
    h.close(1006);
    for _ in 0..9 {
        h.advance_to(h.client.poll_timeout().unwrap());
        h.refuse();
    }
    assert_eq!(h.client.poll_timeout(), Some(h.now + 5000));
    let opens = h.opens().len();
    h.page_visible();
    assert_eq!(h.opens().len(), opens + 1, "no 5 s wait");
    h.page_visible();
    assert_eq!(
        h.opens().len(),
        opens + 1,
        "visibilitychange and resume both fire: one socket"
    );
    h.refuse();
    assert_eq!(h.client.poll_timeout(), Some(h.now + 10), "tries reset");
}

#[test]
fn item_26_page_visible_closes_a_socket_still_connecting_and_opens_once_it_closed() {
    let mut h = Harness::new();
    let ch = h.joined("room:lobby");
    h.close(1006);
    h.advance(10);
    h.take_events();
    h.page_visible();
    assert_eq!(h.closes(), vec![(None, String::new())]);
    assert_eq!(
        h.take_events(),
        vec![Event::SocketClosed {
            code: 1006,
            reconnect_at: None
        }]
    );
    assert_eq!(h.client.connection_state(), ConnectionState::Closing);
    // phoenix.js polls for the closed socket every 150 ms before it connects.
    h.connect();
    h.advance(149);
    assert_eq!(h.opens().len(), 2, "waiting for the old socket");
    h.advance(1);
    assert_eq!(h.opens().len(), 3, "one new socket");
    h.open();
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joining));
    // A second page_visible while waiting finds the old socket closed: it connects at once.
    let mut h = Harness::new();
    h.joined("room:lobby");
    h.close(1006);
    h.advance(10);
    h.page_visible();
    h.advance(100);
    h.page_visible();
    assert_eq!(h.opens().len(), 3);
    h.advance(50);
    assert_eq!(h.opens().len(), 3, "and only once");
    // With no wait configured, at once.
    let mut h = Harness::with(|c| c.teardown_wait = 0);
    h.joined("room:lobby");
    h.close(1006);
    h.advance(10);
    h.page_visible();
    assert_eq!(h.opens().len(), 3);
}

#[test]
fn item_26_page_visible_does_nothing_when_open_or_closed_on_purpose() {
    let mut h = Harness::new();
    h.page_visible();
    assert!(h.opens().is_empty(), "never connected");
    h.connected();
    h.page_visible();
    assert_eq!(h.opens().len(), 1, "open");
    h.disconnect(None, None);
    h.page_visible();
    assert_eq!(h.opens().len(), 1, "disconnected on purpose");
}
