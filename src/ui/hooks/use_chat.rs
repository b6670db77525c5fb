//! The chat of a widget: started in the widget's first render, rendered again after each of its
//! steps, ended when the widget goes.

use std::rc::Rc;

use yew::prelude::*;

use crate::aida::config::Config;
use crate::aida::status::Status;
use crate::aida::transcript::Entry;
use crate::browser::chat::PageChat;
use crate::browser::clock;
use crate::browser::driver::{Driver, Handle};
use crate::browser::upload::Shrinker;

/// What a render shows of the chat, and the way back into it.
#[derive(Clone)]
pub struct ChatView {
    /// A weak handle: callbacks that outlive the widget act on nothing.
    pub chat: Handle<PageChat>,
    pub entries: Rc<Vec<Rc<Entry>>>,
    pub status: Status,
    pub replying: bool,
    /// Bot messages that arrived since the page started.
    pub arrivals: u64,
}

#[hook]
pub fn use_chat(config: &Rc<Config>, shrinker: &Shrinker) -> ChatView {
    let rerender = use_force_update();
    // The chat starts with the first render, not in an effect after it: the socket opens
    // before the widget's elements are made, and a restored transcript is in the first render
    // instead of an empty one. This is its one owner.
    let driver = use_mut_ref(|| Some(PageChat::start(config, shrinker.clone())));
    {
        // The view hears of every step from its first effect on. Unmounted, the chat ends with
        // it: the socket closes, a waiting write is done. (A widget's props never change after
        // it is mounted.)
        let driver = driver.clone();
        use_effect_with((), move |_| {
            if let Some(driver) = driver.borrow().as_ref() {
                driver.set_on_change(Rc::new(move || rerender.force_update()));
            }
            move || drop(driver.borrow_mut().take())
        });
    }
    let chat = driver
        .borrow()
        .as_ref()
        .map(Driver::handle)
        .unwrap_or_default();
    let now = clock::now();
    let read = chat.read(|page| {
        let chat = page.chat();
        (
            chat.entries().clone(),
            chat.status().clone(),
            chat.replying(now),
            chat.arrivals(),
        )
    });
    // Nothing to read only while unmounting.
    let (entries, status, replying, arrivals) =
        read.unwrap_or_else(|| (Rc::default(), Status::Connecting, false, 0));
    ChatView {
        chat,
        entries,
        status,
        replying,
        arrivals,
    }
}
