//! Drives a [`Chat`] with a browser WebSocket, one timer and the page's visibility.
//!
//! The driver owns every closure it hands to the browser and drops it with the object it was
//! attached to: a replaced socket has its handlers detached first, so no closure outlives its
//! socket and reconnects leak nothing (yew-hooks' `use_websocket` forgets one per connect).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BinaryType, CloseEvent, Event, File, MessageEvent, Url, WebSocket};

use super::{clock, console, storage::ConversationStore, upload};
use crate::aida::chat::Chat;
use crate::aida::transcript::Stored;
use crate::phoenix::{Millis, Transmit};

/// How often the driver looks at `bufferedAmount` while frames wait to leave the browser.
const DRAIN_POLL_MS: u32 = 20;

/// A running conversation. Dropping it (or calling [`Driver::stop`]) closes the socket and
/// removes every listener and timer.
pub struct Driver {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    chat: Chat,
    store: ConversationStore,
    conn: Option<Conn>,
    timer: Option<(Millis, Timeout)>,
    drain_poll: Option<Timeout>,
    visibility: Option<Listener>,
    storage: Option<Listener>,
    on_change: Rc<dyn Fn()>,
    stopped: bool,
    /// Pictures waiting for their upload, by entry id, with the object URL that previews them.
    files: HashMap<String, (File, String)>,
}

/// A socket with the handlers the driver attached to it.
struct Conn {
    socket: WebSocket,
    _on_open: Closure<dyn FnMut(Event)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Conn {
    /// Detaches the handlers so the browser calls nothing of ours for this socket again.
    fn detach(&self) {
        self.socket.set_onopen(None);
        self.socket.set_onmessage(None);
        self.socket.set_onerror(None);
        self.socket.set_onclose(None);
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.detach();
    }
}

/// An event listener that removes itself when dropped.
struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

impl Driver {
    /// Starts `chat`: opens the socket and joins. `on_change` runs after anything the visitor
    /// could see has changed (never while the driver is borrowed).
    pub fn start(chat: Chat, store: ConversationStore, on_change: Rc<dyn Fn()>) -> Driver {
        let inner = Rc::new(RefCell::new(Inner {
            chat,
            store,
            conn: None,
            timer: None,
            drain_poll: None,
            visibility: None,
            storage: None,
            on_change,
            stopped: false,
            files: HashMap::new(),
        }));
        let visibility = listen_visibility(Rc::downgrade(&inner));
        let storage = listen_storage(Rc::downgrade(&inner));
        inner.borrow_mut().visibility = visibility;
        inner.borrow_mut().storage = storage;
        with_chat(&inner, |chat, now| chat.start(now));
        Driver { inner }
    }

    /// The visitor attached a picture (already checked): it shows at once, and is uploaded as
    /// soon as there is a session.
    pub fn attach_image(&self, file: File) {
        with_inner(&self.inner, |inner, now| {
            let preview = Url::create_object_url_with_blob(&file).unwrap_or_default();
            let id = inner.chat.attach_image(now);
            inner.files.insert(id, (file, preview));
        });
    }

    /// The local preview of a picture that is not uploaded yet.
    pub fn preview_url(&self, entry: &str) -> Option<String> {
        self.inner
            .borrow()
            .files
            .get(entry)
            .map(|(_, url)| url.clone())
    }

    /// Whether a failed picture can be retried (its file is still in memory).
    pub fn can_retry(&self, entry: &str) -> bool {
        let inner = self.inner.borrow();
        let is_image = inner
            .chat
            .entries()
            .iter()
            .any(|e| e.id == entry && e.image.is_some());
        !is_image || inner.files.contains_key(entry)
    }

    /// Reads the conversation (for rendering).
    pub fn read<R>(&self, f: impl FnOnce(&Chat) -> R) -> R {
        f(&self.inner.borrow().chat)
    }

    /// Acts on the conversation (a visitor's action), then carries out what follows from it.
    pub fn act(&self, f: impl FnOnce(&mut Chat, Millis)) {
        with_chat(&self.inner, f);
    }

    /// Closes the socket and drops every listener and timer.
    pub fn stop(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.stopped = true;
        if let Some(conn) = inner.conn.take() {
            conn.detach();
            let _ = conn.socket.close_with_code(1000);
        }
        inner.timer = None;
        inner.drain_poll = None;
        inner.visibility = None;
        inner.storage = None;
        for (_, (_, preview)) in inner.files.drain() {
            let _ = Url::revoke_object_url(&preview);
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs `f` on the chat at the current time, then drives: transmits, timers, storage, and a
/// change notification.
fn with_chat(inner: &Rc<RefCell<Inner>>, f: impl FnOnce(&mut Chat, Millis)) {
    with_inner(inner, |inner, now| f(&mut inner.chat, now));
}

fn with_inner(inner: &Rc<RefCell<Inner>>, f: impl FnOnce(&mut Inner, Millis)) {
    let on_change = {
        let mut guard = inner.borrow_mut();
        if guard.stopped {
            return;
        }
        let now = clock::now();
        f(&mut guard, now);
        guard.chat.pump(now);
        drive(&mut guard, inner, now);
        guard.on_change.clone()
    };
    on_change();
}

/// Carries out every transmit, re-arms the one timer, stores what changed, prints warnings.
fn drive(inner: &mut Inner, rc: &Rc<RefCell<Inner>>, now: Millis) {
    let mut sent = false;
    while let Some(transmit) = inner.chat.client_mut().poll_transmit() {
        match transmit {
            Transmit::Open { url } => open(inner, rc, &url, now),
            Transmit::Send { text } => {
                let result = inner.conn.as_ref().map(|c| c.socket.send_with_str(&text));
                if let Some(Err(_)) = result {
                    console::warn("aida-chat: the browser refused to send a frame");
                }
                sent = true;
            }
            Transmit::Close { code, reason } => {
                if let Some(conn) = inner.conn.take() {
                    conn.detach();
                    let _ = conn.socket.close_with_code_and_reason(code, &reason);
                }
            }
        }
        inner.chat.pump(now);
    }
    if sent && inner.drain_poll.is_none() {
        inner.drain_poll = Some(schedule_drain_check(Rc::downgrade(rc)));
    }
    start_uploads(inner, rc, now);
    arm_timer(inner, rc, now);
    if let Some(text) = inner.chat.take_store() {
        inner.store.save(&text);
    }
    for warning in inner.chat.take_warnings() {
        console::warn(&warning);
    }
}

fn open(inner: &mut Inner, rc: &Rc<RefCell<Inner>>, url: &str, now: Millis) {
    inner.conn = None;
    match WebSocket::new(url) {
        Ok(socket) => {
            socket.set_binary_type(BinaryType::Arraybuffer);
            inner.conn = Some(attach(socket, Rc::downgrade(rc)));
        }
        Err(error) => {
            console::error(&format!("aida-chat: cannot open the socket: {error:?}"));
            let client = inner.chat.client_mut();
            client.handle_error(now);
            client.handle_close(now, 1006);
        }
    }
}

/// Attaches the four handlers; each reaches the driver through a weak reference, so a socket
/// that outlives the driver keeps nothing alive.
fn attach(socket: WebSocket, weak: Weak<RefCell<Inner>>) -> Conn {
    let on_open = {
        let weak = weak.clone();
        Closure::<dyn FnMut(Event)>::new(move |_| {
            if let Some(rc) = weak.upgrade() {
                with_chat(&rc, |chat, now| chat.client_mut().handle_open(now));
            }
        })
    };
    let on_message = {
        let weak = weak.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(rc) = weak.upgrade() else { return };
            let data = event.data();
            if let Some(text) = data.as_string() {
                with_chat(&rc, |chat, now| chat.client_mut().handle_text(now, &text));
            } else if let Some(buffer) = data.dyn_ref::<js_sys::ArrayBuffer>() {
                let bytes = js_sys::Uint8Array::new(buffer).to_vec();
                with_chat(&rc, |chat, now| {
                    chat.client_mut().handle_binary(now, &bytes)
                });
            }
        })
    };
    let on_error = {
        let weak = weak.clone();
        Closure::<dyn FnMut(Event)>::new(move |_| {
            if let Some(rc) = weak.upgrade() {
                with_chat(&rc, |chat, now| chat.client_mut().handle_error(now));
            }
        })
    };
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
        if let Some(rc) = weak.upgrade() {
            rc.borrow_mut().conn = None;
            with_chat(&rc, |chat, now| {
                chat.client_mut().handle_close(now, event.code())
            });
        }
    });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    Conn {
        socket,
        _on_open: on_open,
        _on_message: on_message,
        _on_error: on_error,
        _on_close: on_close,
    }
}

/// Starts the uploads the conversation asks for. A picture whose file is gone (the page was
/// reloaded before its upload) fails with a sentence saying so.
fn start_uploads(inner: &mut Inner, rc: &Rc<RefCell<Inner>>, now: Millis) {
    for request in inner.chat.take_uploads() {
        let Some((file, _)) = inner.files.get(&request.entry) else {
            let why = "The picture was not uploaded before the page was closed; attach it again.";
            inner
                .chat
                .upload_finished(now, &request.entry, Err(why.to_owned()));
            continue;
        };
        let (file, weak) = (file.clone(), Rc::downgrade(rc));
        wasm_bindgen_futures::spawn_local(async move {
            let result = upload::upload_image(&request.url, &file).await;
            let Some(rc) = weak.upgrade() else { return };
            with_inner(&rc, |inner, now| {
                if result.is_ok()
                    && let Some((_, preview)) = inner.files.remove(&request.entry)
                {
                    let _ = Url::revoke_object_url(&preview);
                }
                inner.chat.upload_finished(now, &request.entry, result);
            });
        });
    }
}

/// Keeps one browser timer, for the earliest deadline the conversation has.
fn arm_timer(inner: &mut Inner, rc: &Rc<RefCell<Inner>>, now: Millis) {
    let Some(deadline) = inner.chat.poll_timeout() else {
        inner.timer = None;
        return;
    };
    if inner.timer.as_ref().is_some_and(|(at, _)| *at == deadline) {
        return;
    }
    let weak = Rc::downgrade(rc);
    let delay = deadline.saturating_sub(now).min(u32::MAX as u64) as u32;
    let timeout = Timeout::new(delay, move || {
        if let Some(rc) = weak.upgrade() {
            rc.borrow_mut().timer = None;
            with_chat(&rc, |chat, now| chat.handle_timeout(now));
        }
    });
    inner.timer = Some((deadline, timeout));
}

/// Waits until the socket's send buffer is empty, then tells the client its frames have left.
fn schedule_drain_check(weak: Weak<RefCell<Inner>>) -> Timeout {
    Timeout::new(DRAIN_POLL_MS, move || {
        let Some(rc) = weak.upgrade() else { return };
        let drained = {
            let mut inner = rc.borrow_mut();
            inner.drain_poll = None;
            inner
                .conn
                .as_ref()
                .is_some_and(|c| c.socket.buffered_amount() == 0)
        };
        if drained {
            with_chat(&rc, |chat, now| chat.client_mut().handle_drained(now));
        } else if rc.borrow().conn.is_some() {
            let next = schedule_drain_check(Rc::downgrade(&rc));
            rc.borrow_mut().drain_poll = Some(next);
        }
    })
}

/// When the page becomes visible again with the socket down (a laptop waking up), reconnect at
/// once instead of waiting out the backoff.
fn listen_visibility(weak: Weak<RefCell<Inner>>) -> Option<Listener> {
    let document = web_sys::window()?.document()?;
    let doc = document.clone();
    let closure = Closure::<dyn FnMut(Event)>::new(move |_| {
        if doc.visibility_state() != web_sys::VisibilityState::Visible {
            return;
        }
        if let Some(rc) = weak.upgrade() {
            with_chat(&rc, |chat, now| chat.client_mut().page_visible(now));
        }
    });
    let target: web_sys::EventTarget = document.into();
    target
        .add_event_listener_with_callback("visibilitychange", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(Listener {
        target,
        kind: "visibilitychange",
        closure,
    })
}

/// Another tab wrote this bot's conversation: show it here too.
fn listen_storage(weak: Weak<RefCell<Inner>>) -> Option<Listener> {
    let window = web_sys::window()?;
    let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        let Some(rc) = weak.upgrade() else { return };
        if event.key().as_deref() != Some(rc.borrow().store.key()) {
            return;
        }
        let Some(stored) = event.new_value().and_then(|v| Stored::decode(&v).ok()) else {
            return;
        };
        with_chat(&rc, |chat, now| chat.sync_from(now, stored));
    });
    let target: web_sys::EventTarget = window.into();
    target
        .add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(Listener {
        target,
        kind: "storage",
        closure,
    })
}
