//! The client against phoenix.js 1.8.16, item by item (`shared/phoenix-protocol.md`), on a
//! virtual clock. Each test names the items it covers.

use serde_json::{Value, json};

use super::*;

/// A frame the client sent, read back.
#[derive(Debug, Clone, PartialEq)]
struct Out {
    join_ref: Value,
    r#ref: Value,
    topic: String,
    event: String,
    payload: Value,
}

struct Harness {
    client: Client,
    now: Millis,
    out: Vec<Out>,
    opens: Vec<(Millis, String)>,
    closes: Vec<(Option<u16>, String)>,
    events: Vec<Event>,
}

impl Harness {
    fn new(config: Config) -> Harness {
        Harness {
            client: Client::new(config),
            now: 0,
            out: vec![],
            opens: vec![],
            closes: vec![],
            events: vec![],
        }
    }

    fn default() -> Harness {
        Harness::new(Config {
            endpoint: "ws://h/socket".into(),
            ..Config::default()
        })
    }

    /// Collects what the client wants done.
    fn io(&mut self) {
        while let Some(t) = self.client.poll_transmit() {
            match t {
                Transmit::Open { url } => self.opens.push((self.now, url)),
                Transmit::Send { text } => {
                    let v: Value = serde_json::from_str(&text).unwrap();
                    self.out.push(Out {
                        join_ref: v[0].clone(),
                        r#ref: v[1].clone(),
                        topic: v[2].as_str().unwrap().into(),
                        event: v[3].as_str().unwrap().into(),
                        payload: v[4].clone(),
                    });
                }
                Transmit::Close { code, reason } => self.closes.push((code, reason)),
            }
        }
        while let Some(e) = self.client.poll_event() {
            self.events.push(e);
        }
    }

    fn advance_to(&mut self, at: Millis) {
        while let Some(due) = self.client.poll_timeout().filter(|due| *due <= at) {
            self.now = self.now.max(due);
            self.client.handle_timeout(self.now);
            self.io();
        }
        self.now = at;
    }

    fn advance(&mut self, ms: Millis) {
        self.advance_to(self.now + ms);
    }

    fn open(&mut self) {
        self.client.handle_open(self.now);
        self.io();
    }

    fn close(&mut self, code: u16) {
        self.client.handle_close(self.now, code);
        self.io();
    }

    fn receive(&mut self, frame: Value) {
        self.client.handle_text(self.now, &frame.to_string());
        self.io();
    }

    fn reply(&mut self, to: &Out, status: &str, response: Value) {
        let frame = json!([to.join_ref, to.r#ref, to.topic, "phx_reply", {"status": status, "response": response}]);
        self.receive(frame);
    }

    fn last(&self, event: &str) -> Out {
        self.out
            .iter()
            .rev()
            .find(|o| o.event == event)
            .cloned()
            .unwrap_or_else(|| panic!("no {event} in {:?}", self.out))
    }

    fn sent(&self, event: &str) -> Vec<Out> {
        self.out
            .iter()
            .filter(|o| o.event == event)
            .cloned()
            .collect()
    }

    fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Connects, opens and joins `topic`, answering ok.
    fn joined(&mut self, topic: &str) -> ChannelId {
        self.client.connect(self.now);
        let ch = self.client.channel(topic, json!({"token": "t"}));
        self.client.join(self.now, ch);
        self.io();
        self.open();
        let join = self.last("phx_join");
        self.reply(&join, "ok", json!({}));
        ch
    }
}

#[test]
fn item_1_2_url_with_params_and_vsn_last() {
    let mut h = Harness::new(Config {
        endpoint: "wss://aida.example/socket".into(),
        params: json!({"token": "abc 123"}),
        ..Config::default()
    });
    h.client.connect(0);
    h.io();
    assert_eq!(
        h.opens,
        vec![(
            0,
            "wss://aida.example/socket/websocket?token=abc%20123&vsn=2.0.0".into()
        )]
    );
    h.client.connect(0);
    h.io();
    assert_eq!(h.opens.len(), 1, "connect while connecting does nothing");
}

#[test]
fn item_7_8_11_13_frames_refs_and_join_ref() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let join = h.last("phx_join");
    assert_eq!(
        join.join_ref, join.r#ref,
        "a join's join_ref is its own ref"
    );
    assert!(join.r#ref.is_string(), "refs are strings");
    assert_eq!(join.payload, json!({"token": "t"}));
    h.client.push(h.now, ch, "evt", json!({"a": 1}), None);
    h.io();
    let push = h.last("evt");
    assert_eq!(
        push.join_ref, join.join_ref,
        "pushes carry the current join_ref"
    );
    let n = |v: &Value| v.as_str().unwrap().parse::<u64>().unwrap();
    assert!(n(&push.r#ref) > n(&join.r#ref), "one increasing counter");
    assert_eq!(h.client.join_ref(ch), join.join_ref.as_str());
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joined));
}

#[test]
fn item_14_replies_match_by_ref_with_any_status() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let a = h.client.push(h.now, ch, "a", json!({}), None);
    let b = h.client.push(h.now, ch, "b", json!({}), None);
    h.io();
    h.take_events();
    let (out_a, out_b) = (h.last("a"), h.last("b"));
    h.reply(&out_b, "custom", json!({"x": 1}));
    h.reply(&out_a, "ok", json!({}));
    h.reply(&out_a, "ok", json!({})); // a second reply to the same ref is ignored
    assert_eq!(
        h.take_events(),
        vec![
            Event::Reply {
                push: b,
                status: "custom".into(),
                response: Payload::Json(json!({"x": 1}))
            },
            Event::Reply {
                push: a,
                status: "ok".into(),
                response: Payload::Json(json!({}))
            },
        ]
    );
    h.advance(20_000);
    assert!(
        !h.events
            .iter()
            .any(|e| matches!(e, Event::PushTimedOut { .. })),
        "answered pushes do not time out"
    );
}

#[test]
fn item_15_stale_join_ref_dropped_null_join_ref_delivered() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.take_events();
    let jr = h.last("phx_join").join_ref;
    h.receive(json!(["999", null, "room:lobby", "news", {"n": 1}]));
    h.receive(json!([null, null, "room:lobby", "news", {"n": 2}]));
    h.receive(json!([jr, null, "room:lobby", "news", {"n": 3}]));
    h.receive(json!([null, null, "room:other", "news", {"n": 4}]));
    let got: Vec<Value> = h
        .take_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::Message {
                channel,
                payload: Payload::Json(p),
                ..
            } if channel == ch => Some(p["n"].clone()),
            _ => None,
        })
        .collect();
    assert_eq!(got, vec![json!(2), json!(3)]);
}

#[test]
fn item_15_40_late_reply_of_an_earlier_join_is_dropped_so_the_push_times_out() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let p = h.client.push(h.now, ch, "slow", json!({}), Some(1500));
    h.io();
    let slow = h.last("slow");
    h.close(1006); // drop: channel errored, reconnect in 10 ms, rejoin on open
    h.advance(10);
    h.open();
    h.reply(&h.last("phx_join"), "ok", json!({}));
    h.take_events();
    h.reply(&slow, "ok", json!({})); // carries the old join_ref
    assert!(h.take_events().is_empty());
    h.advance_to(1500);
    assert_eq!(
        h.take_events(),
        vec![Event::PushTimedOut { push: p }],
        "times out at its original deadline"
    );
}

#[test]
fn item_16_17_18_heartbeat_timing_and_ack_by_ref_alone() {
    let mut h = Harness::new(Config {
        endpoint: "ws://h/socket".into(),
        heartbeat_interval: 200,
        ..Config::default()
    });
    h.client.connect(0);
    h.io();
    h.now = 5;
    h.open();
    h.advance_to(204);
    assert!(h.sent("heartbeat").is_empty());
    h.advance_to(205);
    let hb = h.last("heartbeat");
    assert_eq!(
        (hb.join_ref.clone(), hb.topic.clone(), hb.payload.clone()),
        (Value::Null, "phoenix".into(), json!({}))
    );
    // Any message with the heartbeat's ref acknowledges it, whatever its topic or event.
    h.now = 300;
    h.receive(json!([null, hb.r#ref, "whatever", "echo", {}]));
    h.advance_to(499);
    assert_eq!(h.sent("heartbeat").len(), 1);
    h.advance_to(500);
    assert_eq!(
        h.sent("heartbeat").len(),
        2,
        "next one interval after the ack"
    );
    assert!(h.closes.is_empty());
}

#[test]
fn item_19_heartbeat_timeout_closes_1000_and_reconnects() {
    let mut h = Harness::new(Config {
        endpoint: "ws://h/socket".into(),
        heartbeat_interval: 100,
        ..Config::default()
    });
    let ch = h.joined("room:lobby");
    h.take_events();
    h.advance_to(100);
    assert_eq!(h.sent("heartbeat").len(), 1);
    h.advance_to(200);
    assert_eq!(h.closes, vec![(Some(1000), "heartbeat timeout".into())]);
    let events = h.take_events();
    assert!(events.contains(&Event::ChannelErrored {
        channel: ch,
        reason: ErrorReason::HeartbeatTimeout
    }));
    // phoenix.js waits out one 150 ms poll for the closed socket, then the 10 ms backoff.
    assert!(events.contains(&Event::SocketClosed {
        code: 1000,
        reconnect_at: Some(360)
    }));
    h.advance_to(359);
    assert_eq!(h.opens.len(), 1);
    h.advance_to(360);
    assert_eq!(h.opens.len(), 2);
    h.open();
    assert_eq!(h.sent("phx_join").len(), 2, "the channel rejoins on open");
}

#[test]
fn item_21_22_reconnect_backoff_and_reset_on_open() {
    let mut h = Harness::default();
    h.client.connect(0);
    h.io();
    let mut gaps = vec![];
    for _ in 0..11 {
        h.client.handle_error(h.now);
        h.close(1006);
        let before = h.now;
        let due = h.client.poll_timeout().unwrap();
        h.advance_to(due);
        gaps.push(h.now - before);
    }
    assert_eq!(
        gaps,
        vec![10, 50, 100, 150, 200, 250, 500, 1000, 2000, 5000, 5000]
    );
    h.open();
    h.close(1006);
    assert_eq!(
        h.client.poll_timeout(),
        Some(h.now + 10),
        "tries reset on open"
    );
}

#[test]
fn item_23_any_unrequested_close_reconnects_even_1000() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.take_events();
    h.close(1000);
    let events = h.take_events();
    assert!(events.contains(&Event::ChannelErrored {
        channel: ch,
        reason: ErrorReason::ConnectionClosed
    }));
    assert!(events.contains(&Event::SocketClosed {
        code: 1000,
        reconnect_at: Some(h.now + 10)
    }));
    h.advance(10);
    assert_eq!(h.opens.len(), 2);
}

#[test]
fn item_24_disconnect_is_clean_and_channels_rejoin_on_next_connect() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.take_events();
    h.client.disconnect(h.now, Some(4000), Some("bye"));
    h.io();
    assert_eq!(h.closes, vec![(Some(4000), "bye".into())]);
    assert!(h.take_events().contains(&Event::ChannelErrored {
        channel: ch,
        reason: ErrorReason::ConnectionClosed
    }));
    h.advance(60_000);
    assert_eq!(h.opens.len(), 1, "no reconnect after disconnect");
    assert_eq!(h.sent("phx_join").len(), 1, "no rejoin while disconnected");
    h.client.connect(h.now);
    h.io();
    h.open();
    assert_eq!(h.sent("phx_join").len(), 2);
}

#[test]
fn item_25_39_on_open_the_buffer_flushes_before_rejoins_and_drops_stale_joins() {
    let mut h = Harness::default();
    h.client.connect(0);
    let ch = h.client.channel("room:lobby", json!({}));
    h.client.join(0, ch); // buffered join "1"
    h.io();
    h.client.handle_error(0); // refused: the buffered join is now stale
    h.close(1006);
    h.advance(10);
    h.open();
    let joins = h.sent("phx_join");
    assert_eq!(joins.len(), 1, "only the new join goes out: {joins:?}");
    assert_ne!(joins[0].join_ref, json!("1"));
}

#[test]
fn item_28_32_join_timeout_leaves_errors_and_rejoins() {
    let mut h = Harness::new(Config {
        endpoint: "ws://h/socket".into(),
        timeout: 500,
        ..Config::default()
    });
    h.client.connect(0);
    let ch = h.client.channel("room:lobby", json!({}));
    h.now = 18;
    h.client.join(18, ch);
    h.io();
    h.open();
    let first = h.last("phx_join");
    h.advance_to(517);
    assert!(h.sent("phx_leave").is_empty());
    h.advance_to(518);
    let leave = h.last("phx_leave");
    assert_eq!(
        leave.join_ref, first.join_ref,
        "the leave carries the timed-out join_ref"
    );
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Errored));
    assert!(h.events.contains(&Event::JoinTimedOut { channel: ch }));
    h.reply(&first, "ok", json!({}));
    assert_eq!(
        h.client.channel_state(ch),
        Some(ChannelState::Errored),
        "a late join reply is ignored"
    );
    h.advance_to(1518);
    assert_eq!(h.sent("phx_join").len(), 2, "rejoin 1 s later");
    h.advance_to(2018);
    h.advance_to(4018);
    assert_eq!(
        h.sent("phx_join").len(),
        3,
        "then 2 s after the next timeout"
    );
}

#[test]
fn item_28_join_params_are_read_on_every_rejoin() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.client.set_join_params(ch, json!({"token": "new"}));
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, "room:lobby", "phx_error", {}]));
    h.advance(1000);
    assert_eq!(h.last("phx_join").payload, json!({"token": "new"}));
}

#[test]
fn item_29_a_second_channel_on_a_topic_leaves_the_first() {
    let mut h = Harness::default();
    let a = h.joined("room:lobby");
    let b = h.client.channel("room:lobby", json!({}));
    h.client.join(h.now, b);
    h.io();
    let events: Vec<&str> = h.out.iter().map(|o| o.event.as_str()).collect();
    assert_eq!(events, vec!["phx_join", "phx_leave", "phx_join"]);
    assert_eq!(h.client.channel_state(a), None, "removed");
    assert_eq!(h.client.channel_state(b), Some(ChannelState::Joining));
}

#[test]
fn item_30_31_join_ok_flushes_buffer_join_error_rejoins_forever() {
    let mut h = Harness::default();
    h.client.connect(0);
    let ch = h.client.channel("room:lobby", json!({}));
    h.client.join(0, ch);
    let p = h.client.push(0, ch, "early", json!({}), None);
    h.io();
    h.open();
    assert!(h.sent("early").is_empty(), "pushes wait for the join");
    h.reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "unmatched topic"}),
    );
    assert!(h.events.contains(&Event::JoinFailed {
        channel: ch,
        response: json!({"reason": "unmatched topic"})
    }));
    let start = h.now;
    let mut times = vec![];
    for _ in 0..4 {
        let n = h.sent("phx_join").len();
        while h.sent("phx_join").len() == n {
            h.advance(1);
        }
        times.push(h.now - start);
        if times.len() < 4 {
            h.reply(
                &h.last("phx_join"),
                "error",
                json!({"reason": "unmatched topic"}),
            );
        }
    }
    let gaps: Vec<u64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(times[0], 1000);
    assert_eq!(gaps, vec![2000, 5000, 10_000]);
    assert!(
        h.events.contains(&Event::PushTimedOut { push: p }),
        "the buffered push timed out meanwhile"
    );
    h.reply(&h.last("phx_join"), "ok", json!({}));
    assert!(
        h.sent("early").is_empty(),
        "a timed-out buffered push is never sent"
    );
}

#[test]
fn item_33_phx_error_rejoins_after_a_second_with_a_new_join_ref() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.take_events();
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, "room:lobby", "phx_error", {"reason": "channel_crash"}]));
    assert_eq!(
        h.take_events(),
        vec![Event::ChannelErrored {
            channel: ch,
            reason: ErrorReason::ChannelCrash
        }]
    );
    h.advance(999);
    assert_eq!(h.sent("phx_join").len(), 1);
    h.advance(1);
    assert_eq!(h.sent("phx_join").len(), 2);
    assert_ne!(h.last("phx_join").join_ref, jr);
}

#[test]
fn item_34_rejoin_timer_only_rejoins_over_an_open_socket() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, "room:lobby", "phx_error", {}]));
    h.close(1006);
    h.client.handle_error(h.now);
    // The reconnect keeps failing for a while: the rejoin timer must not send into the void.
    h.advance(600);
    assert_eq!(h.sent("phx_join").len(), 1);
    h.open();
    assert_eq!(h.sent("phx_join").len(), 2, "rejoined at once on open");
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joining));
}

#[test]
fn item_36_phx_close_removes_the_channel_for_good() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, "room:lobby", "phx_close", {}]));
    assert!(h.events.contains(&Event::ChannelClosed { channel: ch }));
    assert_eq!(h.client.channel_state(ch), None);
    h.close(1006);
    h.advance(10);
    h.open();
    assert_eq!(h.sent("phx_join").len(), 1, "never rejoins");
}

#[test]
fn item_37_leave_resolves_locally_at_once() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.take_events();
    h.client.leave(h.now, ch);
    h.io();
    assert_eq!(h.take_events(), vec![Event::ChannelClosed { channel: ch }]);
    assert_eq!(h.last("phx_leave").join_ref, h.last("phx_join").join_ref);
    assert_eq!(h.client.channel_state(ch), None);
}

#[test]
fn item_12_38_buffered_push_gets_a_new_ref_and_full_timeout_when_sent() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, "room:lobby", "phx_error", {}]));
    let start = h.now;
    let p = h.client.push(h.now, ch, "buffered", json!({}), Some(5000));
    h.io();
    h.advance(1000);
    let rejoin = h.last("phx_join");
    h.advance(400);
    h.reply(&rejoin, "ok", json!({}));
    let sent = h.last("buffered");
    let n = |v: &Value| v.as_str().unwrap().parse::<u64>().unwrap();
    assert!(
        n(&sent.r#ref) > n(&rejoin.r#ref),
        "a fresh ref, taken after the rejoin's"
    );
    h.take_events();
    h.advance_to(start + 5000);
    assert!(
        h.take_events().is_empty(),
        "the timeout restarted when it was sent"
    );
    h.advance_to(start + 1400 + 5000);
    assert_eq!(h.take_events(), vec![Event::PushTimedOut { push: p }]);
}

#[test]
fn item_38_push_made_while_errored_is_sent_after_the_rejoin() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let jr = h.last("phx_join").join_ref;
    h.receive(json!([jr, jr, "room:lobby", "phx_error", {}]));
    h.client.push(h.now, ch, "while_errored", json!({}), None);
    h.io();
    h.advance(1000);
    let rejoin = h.last("phx_join");
    h.reply(&rejoin, "ok", json!({}));
    let sent = h.last("while_errored");
    assert_eq!(sent.join_ref, rejoin.join_ref);
}

#[test]
fn item_41_pushes_made_offline_wait_for_rejoin_after_reconnect() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.close(1006);
    h.client.push(h.now, ch, "offline", json!({}), None);
    h.io();
    h.advance(10);
    h.open();
    assert!(h.sent("offline").is_empty());
    h.reply(&h.last("phx_join"), "ok", json!({}));
    assert_eq!(h.sent("offline").len(), 1);
}

#[test]
fn push_sent_only_after_the_socket_drained() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    let p = h.client.push(h.now, ch, "say", json!({}), None);
    h.io();
    h.take_events();
    h.client.handle_drained(h.now);
    h.io();
    assert_eq!(h.take_events(), vec![Event::PushSent { push: p }]);
    let q = h.client.push(h.now, ch, "say", json!({}), None);
    h.io();
    h.close(1006);
    h.client.handle_drained(h.now);
    h.io();
    assert!(
        !h.events.contains(&Event::PushSent { push: q }),
        "a frame lost with its socket was never sent"
    );
}

#[test]
fn abandon_stops_rejoining_and_abandons_buffered_pushes() {
    let mut h = Harness::default();
    h.client.connect(0);
    let ch = h.client.channel("bot:x", json!({}));
    h.client.join(0, ch);
    let p = h.client.push(0, ch, "new_session", json!({}), None);
    h.io();
    h.open();
    h.reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "unauthorized"}),
    );
    h.client.abandon(ch);
    h.io();
    assert!(h.events.contains(&Event::PushAbandoned { push: p }));
    h.advance(60_000);
    assert_eq!(h.sent("phx_join").len(), 1);
    assert_eq!(h.client.channel_state(ch), None);
}

#[test]
fn rejoin_at_moves_the_next_rejoin() {
    let mut h = Harness::default();
    h.client.connect(0);
    let ch = h.client.channel("bot:x", json!({}));
    h.client.join(0, ch);
    h.io();
    h.open();
    h.reply(
        &h.last("phx_join"),
        "error",
        json!({"reason": "starting", "retry": true}),
    );
    h.client.rejoin_at(ch, h.now + 5000);
    h.advance(4999);
    assert_eq!(h.sent("phx_join").len(), 1);
    h.advance(1);
    assert_eq!(h.sent("phx_join").len(), 2);
}

#[test]
fn item_26_page_visible_reconnects_at_once() {
    let mut h = Harness::default();
    h.joined("room:lobby");
    for _ in 0..9 {
        h.close(1006);
        let due = h.client.poll_timeout().unwrap();
        h.advance_to(due);
        h.client.handle_error(h.now);
    }
    h.close(1006);
    let opens = h.opens.len();
    h.client.page_visible(h.now);
    h.io();
    assert_eq!(h.opens.len(), opens + 1, "no 5 s wait");
    // Not after a clean disconnect.
    let mut clean = Harness::default();
    clean.joined("room:lobby");
    clean.client.disconnect(clean.now, None, None);
    clean.client.page_visible(clean.now);
    clean.io();
    assert_eq!(clean.opens.len(), 1);
}

#[test]
fn malformed_frames_are_reported_and_ignored() {
    let mut h = Harness::default();
    let ch = h.joined("room:lobby");
    h.take_events();
    for bad in [
        "not json",
        "{}",
        "[1,2,3]",
        "[1, null, \"t\", \"e\", {}]",
        "[null, null, 3, \"e\", {}]",
    ] {
        h.client.handle_text(h.now, bad);
    }
    h.client.handle_binary(h.now, &[9, 9]);
    h.io();
    let events = h.take_events();
    assert_eq!(events.len(), 6);
    assert!(events.iter().all(|e| matches!(e, Event::Malformed { .. })));
    assert_eq!(h.client.channel_state(ch), Some(ChannelState::Joined));
}

#[test]
fn item_10_binary_frames_decode_with_empty_refs_as_none() {
    // Server push: [0, jrLen, topicLen, evLen, jr, topic, event, data]
    let mut push = vec![0, 0, 10, 3];
    push.extend(b"room:lobbybin");
    push.extend([1, 2, 255]);
    let frame = Frame::decode_binary(&push).unwrap();
    assert_eq!(frame.join_ref, None);
    assert_eq!(frame.r#ref, None);
    assert_eq!(
        (frame.topic.as_str(), frame.event.as_str()),
        ("room:lobby", "bin")
    );
    assert_eq!(frame.payload, Payload::Binary(vec![1, 2, 255]));
    // Reply: [1, jrLen, refLen, topicLen, statusLen, jr, ref, topic, status, data]
    let mut reply = vec![1, 1, 1, 10, 2];
    reply.extend(b"38room:lobbyok");
    let frame = Frame::decode_binary(&reply).unwrap();
    assert_eq!(
        (frame.join_ref.as_deref(), frame.r#ref.as_deref()),
        (Some("3"), Some("8"))
    );
    assert_eq!(frame.event, "phx_reply");
    // Broadcast: [2, topicLen, evLen, topic, event, data]
    let mut broadcast = vec![2, 10, 1];
    broadcast.extend(b"room:lobbyx{}");
    assert_eq!(
        Frame::decode_binary(&broadcast).unwrap().payload,
        Payload::Binary(b"{}".to_vec())
    );
    assert!(Frame::decode_binary(&[0, 5, 1, 1]).is_err());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            ".*".prop_map(Value::from)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn decoders_never_panic(text in ".*", bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = Frame::decode_text(&text);
            let _ = Frame::decode_binary(&bytes);
        }

        #[test]
        fn odd_arrays_never_panic(items in proptest::collection::vec(json_leaf(), 0..8)) {
            let _ = Frame::decode_text(&Value::Array(items).to_string());
        }

        #[test]
        fn encode_then_decode_is_identity(
            join_ref in proptest::option::of("[0-9]{1,4}"),
            r#ref in proptest::option::of("[0-9]{1,4}"),
            topic in ".*",
            event in ".*",
            payload in json_leaf(),
        ) {
            let frame = Frame { join_ref, r#ref, topic, event, payload: Payload::Json(payload) };
            prop_assert_eq!(Frame::decode_text(&frame.encode()).unwrap(), frame);
        }

        #[test]
        fn the_client_survives_any_input(texts in proptest::collection::vec(".*", 0..8), bytes in proptest::collection::vec(any::<u8>(), 0..32)) {
            let mut h = Harness::default();
            h.joined("room:lobby");
            for text in &texts {
                h.client.handle_text(h.now, text);
            }
            h.client.handle_binary(h.now, &bytes);
            h.io();
        }
    }
}
