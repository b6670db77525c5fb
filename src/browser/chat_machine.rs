//! The conversation as the browser runs it: the [`Chat`] state machine, its localStorage, the
//! files of pictures waiting for their upload, and the other tabs of the same site.

use std::collections::HashMap;

use gloo_timers::callback::Timeout;
use web_sys::{File, Url};

use super::driver::{Driver, Handle, Listener, Machine};
use super::{console, storage::ConversationStore, upload};
use crate::aida::chat::Chat;
use crate::aida::transcript::{Entry, Stored};
use crate::phoenix::{Client, Millis};

/// At most one localStorage write per this many ms. A write encodes the whole stored transcript
/// (up to `MAX_STORED_ENTRIES`), so writing after every message of a burst costs O(n) each; a
/// change after a quiet spell is still written at once.
const SAVE_INTERVAL: Millis = 16;

pub struct ChatMachine {
    chat: Chat,
    store: ConversationStore,
    /// When the store was last written, and the timer of the write that waits for its turn.
    saved_at: Option<Millis>,
    save_timer: Option<Timeout>,
    /// `pagehide` and `visibilitychange`: a waiting write is done before the page goes away.
    page_hide: Vec<Listener>,
    /// Pictures waiting for their upload, by entry id, with the object URL that previews them.
    files: HashMap<String, (File, String)>,
    storage: Option<Listener>,
    network: Vec<Listener>,
}

impl ChatMachine {
    /// Starts `chat`, stored in `store`: connects, joins, and follows the other tabs.
    pub fn start(chat: Chat, store: ConversationStore) -> Driver<ChatMachine> {
        let machine = ChatMachine {
            chat,
            store,
            saved_at: None,
            save_timer: None,
            page_hide: vec![],
            files: HashMap::new(),
            storage: None,
            network: vec![],
        };
        let driver = Driver::start(machine, |m, now| m.chat.start(now));
        let listener = listen_storage(driver.handle(), driver.read(|m| m.store.key().to_owned()));
        let network = listen_network(driver.handle());
        let page_hide = listen_page_hide(driver.handle());
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        driver.act(|m, now| {
            m.storage = listener;
            m.network = network;
            m.page_hide = page_hide;
            if !online {
                m.chat.set_online(now, false);
            }
        });
        driver
    }

    pub fn chat(&self) -> &Chat {
        &self.chat
    }

    pub fn chat_mut(&mut self) -> &mut Chat {
        &mut self.chat
    }

    /// The visitor attached a picture (already checked): it shows at once, and is uploaded as
    /// soon as there is a session.
    pub fn attach_image(&mut self, now: Millis, file: File) {
        let preview = Url::create_object_url_with_blob(&file).unwrap_or_default();
        let id = self.chat.attach_image(now);
        self.files.insert(id, (file, preview));
    }

    /// The local preview of a picture that is not uploaded yet.
    pub fn preview_url(&self, entry: &str) -> Option<String> {
        self.files.get(entry).map(|(_, url)| url.clone())
    }

    /// Whether a failed entry can be retried (a picture's file is gone after a reload).
    pub fn can_retry(&self, entry: &Entry) -> bool {
        entry.image.is_none() || self.files.contains_key(&entry.id)
    }

    /// Writes the store now if its last write is old enough, or else once `SAVE_INTERVAL` has
    /// passed since then: changes in between are written together.
    fn save_soon(&mut self, now: Millis, handle: &Handle<Self>) {
        if !self.chat.store_due() || self.save_timer.is_some() {
            return;
        }
        let due = self.saved_at.map_or(now, |at| at + SAVE_INTERVAL);
        if due <= now {
            return self.save(now);
        }
        let handle = handle.clone();
        self.save_timer = Some(Timeout::new((due - now) as u32, move || {
            handle.quiet(|m, now| m.save(now));
        }));
    }

    /// Writes what changed, if anything did, and drops a waiting write's timer.
    fn save(&mut self, now: Millis) {
        self.save_timer = None;
        if let Some(text) = self.chat.take_store() {
            self.store.save(&text);
            self.saved_at = Some(now);
        }
    }

    /// Starts the uploads the conversation asks for. A picture whose file is gone (the page was
    /// reloaded before its upload) fails with a sentence saying so.
    fn start_uploads(&mut self, now: Millis, handle: &Handle<Self>) {
        for request in self.chat.take_uploads() {
            let Some((file, _)) = self.files.get(&request.entry) else {
                let why =
                    "The picture was not uploaded before the page was closed; attach it again.";
                self.chat
                    .upload_finished(now, &request.entry, Err(why.to_owned()));
                continue;
            };
            let (file, handle) = (file.clone(), handle.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = upload::upload_image(&request.url, &file).await;
                handle.act(|m, now| {
                    if result.is_ok()
                        && let Some((_, preview)) = m.files.remove(&request.entry)
                    {
                        let _ = Url::revoke_object_url(&preview);
                    }
                    m.chat.upload_finished(now, &request.entry, result);
                });
            });
        }
    }
}

impl Machine for ChatMachine {
    fn client_mut(&mut self) -> &mut Client {
        self.chat.client_mut()
    }

    fn pump(&mut self, now: Millis) {
        self.chat.pump(now);
    }

    fn poll_timeout(&self) -> Option<Millis> {
        self.chat.poll_timeout()
    }

    fn handle_timeout(&mut self, now: Millis) {
        self.chat.handle_timeout(now);
    }

    fn after_step(&mut self, now: Millis, handle: &Handle<Self>) {
        self.start_uploads(now, handle);
        self.save_soon(now, handle);
        for warning in self.chat.take_warnings() {
            console::warn(&warning);
        }
    }
}

impl Drop for ChatMachine {
    fn drop(&mut self) {
        // `destroy()`: a write still waiting is done, not lost.
        self.save(crate::browser::clock::now());
        for (_, (_, preview)) in self.files.drain() {
            let _ = Url::revoke_object_url(&preview);
        }
    }
}

/// Another tab wrote this bot's conversation: show it here too (AIDA answers only the socket
/// that sent a message).
fn listen_storage(handle: Handle<ChatMachine>, key: String) -> Option<Listener> {
    let window = web_sys::window()?;
    Listener::new(window.into(), "storage", move |event| {
        use wasm_bindgen::JsCast;
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        if event.key().as_deref() != Some(key.as_str()) {
            return;
        }
        let Some(stored) = event.new_value().and_then(|v| Stored::decode(&v).ok()) else {
            return;
        };
        handle.act(|m, now| m.chat.sync_from(now, stored));
    })
}

/// The page is going away (a reload, a navigation, a closed tab) or out of sight (where it may be
/// discarded without `pagehide`): a write still waiting is done now, so no message is lost.
fn listen_page_hide(handle: Handle<ChatMachine>) -> Vec<Listener> {
    let Some(window) = web_sys::window() else {
        return vec![];
    };
    let pagehide = {
        let handle = handle.clone();
        Listener::new(window.clone().into(), "pagehide", move |_| {
            handle.quiet(|m, now| m.save(now));
        })
    };
    let visibility = window.document().and_then(|document| {
        Listener::new(document.clone().into(), "visibilitychange", move |_| {
            if document.visibility_state() == web_sys::VisibilityState::Hidden {
                handle.quiet(|m, now| m.save(now));
            }
        })
    });
    pagehide.into_iter().chain(visibility).collect()
}

/// The browser's `online` and `offline` events.
fn listen_network(handle: Handle<ChatMachine>) -> Vec<Listener> {
    let Some(window) = web_sys::window() else {
        return vec![];
    };
    [("online", true), ("offline", false)]
        .into_iter()
        .filter_map(|(kind, online)| {
            let handle = handle.clone();
            Listener::new(window.clone().into(), kind, move |_| {
                handle.act(|m, now| m.chat.set_online(now, online));
            })
        })
        .collect()
}
