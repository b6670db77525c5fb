//! Two tabs of one site share the conversation through storage; each sends only its own.

use super::*;

#[test]
fn a_second_tab_shows_what_the_first_one_stored_and_sends_only_its_own() {
    let mut a = Harness::new(None);
    a.ready(SESSION);
    a.say("from tab A");
    a.btu(SESSION, "answer to A");
    let store_a = Stored::decode(&a.chat.take_store().unwrap()).unwrap();

    let mut b = Harness::new(Some(store_a.clone()));
    b.join_ok();
    b.reply(&b.last("put_data"), "ok", json!({}));
    b.say("from tab B");
    assert_eq!(b.count("utb_msg"), 1, "B sends only its own message");
    let store_b = Stored::decode(&b.chat.take_store().unwrap()).unwrap();

    // A queued message of tab A, seen by B through storage, is not B's to send.
    a.socket_drops();
    a.input(Input::Send("queued in A"));
    b.input(Input::Synced(
        Stored::decode(&a.chat.take_store().unwrap()).unwrap(),
    ));
    b.io();
    assert_eq!(b.count("utb_msg"), 1);
    let texts: Vec<String> = b.entries().into_iter().map(|e| e.1).collect();
    assert_eq!(
        texts,
        vec!["from tab A", "answer to A", "from tab B", "queued in A"]
    );

    a.input(Input::Synced(store_b));
    let texts: Vec<String> = a.entries().into_iter().map(|e| e.1).collect();
    assert!(
        texts.contains(&"from tab B".to_owned()),
        "A shows B's message: {texts:?}"
    );
}
