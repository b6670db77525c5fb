//! What the visitor sees: the bot's messages of this session, and entries the view can compare by pointer.

use super::*;

#[test]
fn shows_only_the_bot_messages_of_its_own_session() {
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.say("hi");
    h.btu(OTHER_SESSION, "for someone else");
    h.btu(SESSION, "first");
    h.btu(SESSION, "second");
    let bot: Vec<String> = h
        .entries()
        .into_iter()
        .filter(|e| e.0 == Author::Bot)
        .map(|e| e.1)
        .collect();
    assert_eq!(bot, vec!["first", "second"]);
    assert!(
        !h.chat.replying(h.now),
        "an answer ends the replying indicator"
    );
    let at = h.chat.entries()[1].at;
    assert_eq!(
        at,
        1_700_000_000_000.0 + h.now as f64,
        "bubbles carry wall-clock time"
    );
}

#[test]
fn a_changed_entry_is_a_new_rc_and_an_unchanged_one_is_shared() {
    // The view holds the entries it drew, and skips a bubble whose entry is the same pointer.
    let mut h = Harness::new(None);
    h.ready(SESSION);
    h.btu(SESSION, "hello");
    h.input(Input::Send("hi"));
    let drawn: Vec<Rc<Entry>> = h.chat.entries().to_vec();
    assert_eq!(drawn[1].status, Some(Delivery::Queued));
    h.io();
    let now = h.chat.entries();
    assert!(
        Rc::ptr_eq(&drawn[0], &now[0]),
        "the bot entry did not change"
    );
    assert!(!Rc::ptr_eq(&drawn[1], &now[1]));
    assert_eq!(now[1].status, Some(Delivery::Sent));
    assert_eq!(
        drawn[1].status,
        Some(Delivery::Queued),
        "what was drawn stays"
    );
}

#[test]
fn a_long_conversation_forgets_its_oldest_messages_a_block_at_a_time() {
    let failed = user("f", "never sent", Delivery::Failed);
    let mut h = Harness::new(Some(stored(Some(SESSION), vec![failed])));
    h.join_ok();
    let probe = h.last("put_data");
    h.reply(&probe, "ok", json!({}));
    h.say("hello");
    for i in 0..2000 {
        h.btu(SESSION, &format!("bot {i}"));
    }
    let entries = h.entries();
    assert!(entries.len() <= KEPT_ENTRIES, "{} entries", entries.len());
    assert!(entries.len() > KEPT_ENTRIES - FORGET_AT_ONCE);
    assert_eq!(
        entries[0].1, "never sent",
        "a failed message waits for Retry"
    );
    assert_eq!(entries[1].1, format!("bot {}", 2001 - entries.len()));
    assert_eq!(entries.last().unwrap().1, "bot 1999");
    assert!(!entries.iter().any(|e| e.1 == "hello"), "delivered and old");
}

#[test]
fn messages_the_bot_has_not_answered_yet_are_not_forgotten() {
    // Sent, but not shown alive since: a crash of the channel would send them again.
    let mut h = Harness::new(None);
    h.ready(SESSION);
    for i in 0..KEPT_ENTRIES + 100 {
        h.say(&format!("visitor {i}"));
    }
    assert_eq!(h.entries().len(), KEPT_ENTRIES + 100);
    h.btu(SESSION, "an answer");
    assert_eq!(h.entries().len(), KEPT_ENTRIES + 100 + 1 - FORGET_AT_ONCE);
    assert_eq!(h.entries()[0].1, format!("visitor {FORGET_AT_ONCE}"));
}
