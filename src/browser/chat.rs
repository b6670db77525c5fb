//! The chat as a page runs it: the sans-IO [`Chat`] over the page's socket, its localStorage,
//! the files of pictures waiting for their upload, and the other tabs of the same site.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{File, Url};

use super::driver::{Driven, Driver, Handle};
use super::listener::Listener;
use super::upload::{Shrinker, Upload};
use super::{clock, console, storage::ChatStore};
use crate::aida::chat::{Chat, Input};
use crate::aida::config::Config;
use crate::aida::store::Stored;
use crate::aida::transcript::{Env, Failure};
use crate::phoenix::{Millis, SocketEvent, Transmit};

/// At most one localStorage write per this many ms. A write encodes the whole stored transcript
/// (up to `MAX_STORED_ENTRIES`), so writing after every message of a burst costs O(n) each; a
/// change after a quiet spell is still written at once.
const SAVE_INTERVAL: Millis = 16;

pub struct PageChat {
    chat: Chat,
    store: ChatStore,
    /// When the store was last written, and the timer of the write that waits for its turn.
    saved_at: Option<Millis>,
    save_timer: Option<Timeout>,
    /// Pictures waiting for their upload, with the object URL that previews them.
    pictures: Vec<(String, File)>,
    /// The uploads under way by entry; none while the picture is being scaled down.
    uploads: Vec<(String, Option<Upload>)>,
    shrinker: Shrinker,
    /// `maxImageDimension` and `maxImageBytes`.
    limits: (f64, f64),
    /// The other tabs, the network, and the page going away.
    listeners: Vec<Listener>,
    /// Until the page listens to the other tabs, the stored text as it last read or wrote it.
    unheard: Option<String>,
}

impl PageChat {
    /// Starts the chat of `config` from what is stored: connects, joins, and follows the other
    /// tabs, the network and the page's lifecycle. Large photos go through `shrinker`.
    pub fn start(config: &Config, shrinker: Shrinker) -> Driver<PageChat> {
        let store = ChatStore::new(&config.bot_id);
        let env = Env {
            wall_offset: clock::wall_offset(),
            id_prefix: super::random_id(),
        };
        let text = store.read();
        let stored = text.as_deref().and_then(|text| store.decode(text));
        let page = PageChat {
            chat: Chat::new(config.clone(), stored, env),
            store,
            saved_at: None,
            save_timer: None,
            pictures: Vec::new(),
            uploads: Vec::new(),
            shrinker,
            limits: (config.max_image_dimension, config.max_image_bytes),
            listeners: Vec::new(),
            unheard: Some(text.unwrap_or_default()),
        };
        let driver = Driver::start(page, |page, now| page.chat.handle(now, Input::Start));
        let handle = driver.handle();
        let mut listeners = listen_network(handle.clone());
        listeners.extend(listen_page_hide(handle));
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        driver.act(|page, now| {
            page.listeners = listeners;
            if !online {
                page.chat.handle(now, Input::Online(false));
            }
        });
        driver
    }

    pub fn chat(&self) -> &Chat {
        &self.chat
    }

    /// Something the visitor or the page did.
    pub fn input(&mut self, now: Millis, input: Input<'_>) {
        self.chat.handle(now, input);
    }

    /// The visitor attached a picture (already checked): it shows at once from an object URL,
    /// and is uploaded as soon as there is a session.
    pub fn attach(&mut self, now: Millis, file: File) {
        let Ok(preview) = Url::create_object_url_with_blob(&file) else {
            return console::warn("aida-chat: the browser cannot show the picture");
        };
        self.pictures.push((preview.clone(), file));
        self.chat.handle(now, Input::Attach { preview });
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
            handle.quiet(|page, now| page.save(now));
        }));
    }

    /// Writes what changed, if anything did, and drops a waiting write's timer.
    fn save(&mut self, now: Millis) {
        self.save_timer = None;
        if let Some(text) = self.chat.take_store() {
            self.store.save(&text);
            self.saved_at = Some(now);
            if self.unheard.is_some() {
                self.unheard = Some(text);
            }
        }
    }

    /// Starts the uploads the chat asks for, each photo scaled down first. A picture whose file
    /// is gone (the page was reloaded before its upload) fails, saying so.
    fn start_uploads(&mut self, now: Millis, handle: &Handle<Self>) {
        for request in self.chat.take_uploads() {
            let file = self
                .pictures
                .iter()
                .find(|(preview, _)| Some(preview) == request.preview.as_ref());
            let (Some((_, file)), Some(preview)) = (file.cloned(), request.preview) else {
                let lost = Input::Uploaded {
                    entry: &request.entry,
                    result: Err(Failure::Lost),
                };
                self.chat.handle(now, lost);
                continue;
            };
            self.uploads.push((request.entry.clone(), None));
            let (handle, shrinker, (dimension, bytes)) =
                (handle.clone(), self.shrinker.clone(), self.limits);
            wasm_bindgen_futures::spawn_local(async move {
                let file = shrinker.shrink(file, dimension, bytes).await;
                let again = handle.clone();
                handle.act(move |page, now| {
                    page.send_picture(now, again, request.entry, request.url, preview, file)
                });
            });
        }
    }

    /// Uploads a picture, scaled down if it was a large photo, unless it was cancelled meanwhile.
    fn send_picture(
        &mut self,
        now: Millis,
        handle: Handle<Self>,
        entry: String,
        url: String,
        preview: String,
        file: File,
    ) {
        let Some(slot) = self
            .uploads
            .iter()
            .position(|(e, u)| *e == entry && u.is_none())
        else {
            return;
        };
        // A retry sends what was scaled down already.
        if let Some(kept) = self.pictures.iter_mut().find(|(p, _)| *p == preview) {
            kept.1 = file.clone();
        }
        let progress = {
            let (handle, entry) = (handle.clone(), entry.clone());
            move |percent| {
                let entry = &entry;
                handle.act(|page, now| page.input(now, Input::UploadProgress { entry, percent }))
            }
        };
        let ended = entry.clone();
        let end = move |result: Result<String, Failure>| {
            handle.act(|page, now| {
                if result.is_ok() {
                    page.pictures.retain(|(p, _)| *p != preview);
                    let _ = Url::revoke_object_url(&preview);
                }
                page.chat.handle(
                    now,
                    Input::Uploaded {
                        entry: &ended,
                        result,
                    },
                );
            })
        };
        let started = if file.size() > self.limits.1 {
            Err(Failure::TooLarge)
        } else {
            Upload::start(&url, &file, progress, end)
        };
        match started {
            Ok(upload) => self.uploads[slot].1 = Some(upload),
            Err(failure) => {
                let result = Err(failure);
                self.chat.handle(
                    now,
                    Input::Uploaded {
                        entry: &entry,
                        result,
                    },
                );
            }
        }
    }
}

impl Driven for PageChat {
    fn poll_transmit(&mut self) -> Option<Transmit> {
        self.chat.poll_transmit()
    }

    fn handle_socket(&mut self, now: Millis, event: SocketEvent<'_>) {
        self.chat.handle(now, Input::Socket(event));
    }

    fn page_visible(&mut self, now: Millis) {
        self.chat.handle(now, Input::PageVisible);
    }

    fn poll_timeout(&self) -> Option<Millis> {
        self.chat.poll_timeout()
    }

    fn handle_timeout(&mut self, now: Millis) {
        self.chat.handle(now, Input::Timeout);
    }

    fn after_step(&mut self, now: Millis, handle: &Handle<Self>) {
        // An upload the chat no longer wants (it ended, or was cancelled) stops here.
        let chat = &self.chat;
        self.uploads.retain(|(entry, _)| chat.uploading(entry));
        self.start_uploads(now, handle);
        self.save_soon(now, handle);
        for warning in self.chat.take_warnings() {
            console::warn(&warning);
        }
    }
}

impl Handle<PageChat> {
    /// Bot messages that arrived since the page started (none once the chat is gone).
    pub fn arrivals(&self) -> u64 {
        self.read(|page| page.chat().arrivals()).unwrap_or(0)
    }

    /// Follows the other tabs from now on, taking what they wrote since the start. The widget
    /// asks once the page is idle: Chromium takes about 4 ms to add a page's first `storage`
    /// listener, which at start would delay a restored conversation's first paint.
    pub fn listen_other_tabs(&self) {
        let listening = self.clone();
        self.act(|page, now| {
            let Some(known) = page.unheard.take() else {
                return;
            };
            let key = page.store.key().to_owned();
            page.listeners.extend(listen_storage(listening, key));
            let text = page.store.read();
            if text.as_ref() != Some(&known)
                && let Some(stored) = text.and_then(|text| Stored::decode(&text).ok())
            {
                page.chat.handle(now, Input::Synced(stored));
            }
        });
    }
}

impl Drop for PageChat {
    fn drop(&mut self) {
        // `destroy()`: a write still waiting is done, not lost.
        self.save(clock::now());
        for (preview, _) in self.pictures.drain(..) {
            let _ = Url::revoke_object_url(&preview);
        }
    }
}

/// Another tab wrote this bot's conversation: show it here too (AIDA answers only the socket
/// that sent a message).
fn listen_storage(handle: Handle<PageChat>, key: String) -> Option<Listener> {
    let window = web_sys::window()?;
    Listener::new(window.into(), "storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        if event.key().as_deref() != Some(key.as_str()) {
            return;
        }
        let Some(stored) = event.new_value().and_then(|v| Stored::decode(&v).ok()) else {
            return;
        };
        handle.act(|page, now| page.chat.handle(now, Input::Synced(stored)));
    })
}

/// The page is going away (a reload, a navigation, a closed tab) or out of sight (where it may be
/// discarded without `pagehide`): a write still waiting is done now, so no message is lost.
fn listen_page_hide(handle: Handle<PageChat>) -> Vec<Listener> {
    let Some(window) = web_sys::window() else {
        return vec![];
    };
    let pagehide = {
        let handle = handle.clone();
        Listener::new(window.clone().into(), "pagehide", move |_| {
            handle.quiet(|page, now| page.save(now));
        })
    };
    let visibility = window.document().and_then(|document| {
        Listener::new(document.clone().into(), "visibilitychange", move |_| {
            if document.visibility_state() == web_sys::VisibilityState::Hidden {
                handle.quiet(|page, now| page.save(now));
            }
        })
    });
    pagehide.into_iter().chain(visibility).collect()
}

/// The browser's `online` and `offline` events.
fn listen_network(handle: Handle<PageChat>) -> Vec<Listener> {
    let Some(window) = web_sys::window() else {
        return vec![];
    };
    [("online", true), ("offline", false)]
        .into_iter()
        .filter_map(|(kind, online)| {
            let handle = handle.clone();
            Listener::new(window.clone().into(), kind, move |_| {
                handle.act(|page, now| page.chat.handle(now, Input::Online(online)));
            })
        })
        .collect()
}
