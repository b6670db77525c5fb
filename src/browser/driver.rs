//! Drives a sans-IO [`Machine`] (a Phoenix client and what sits on it) with a browser
//! WebSocket, one timer and the page's visibility.
//!
//! The driver owns every closure it hands to the browser and drops it with the object it was
//! attached to: a replaced socket has its handlers detached first, so no closure outlives its
//! socket and reconnects leak nothing (yew-hooks' `use_websocket` forgets one per connect).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BinaryType, CloseEvent, Event, MessageEvent, WebSocket};

use super::{clock, console};
use crate::phoenix::{Client, Millis, Transmit};

/// How often the driver looks at `bufferedAmount` while frames wait to leave the browser.
const DRAIN_POLL_MS: u32 = 20;

/// What a driver drives: a Phoenix client, and the state machine above it.
pub trait Machine: Sized + 'static {
    fn client_mut(&mut self) -> &mut Client;
    /// Acts on what the client has to say; called after anything was fed to it.
    fn pump(&mut self, now: Millis);
    /// The earliest deadline of the client and of the machine.
    fn poll_timeout(&self) -> Option<Millis>;
    fn handle_timeout(&mut self, now: Millis);
    /// Side work after each step (uploads, storage, console), with a way back in.
    fn after_step(&mut self, _now: Millis, _handle: &Handle<Self>) {}
}

/// A running machine. Dropping it (or calling [`Driver::stop`]) closes the socket and removes
/// every listener and timer.
pub struct Driver<M: Machine> {
    inner: Rc<RefCell<Inner<M>>>,
}

/// A weak way back into a driver, for callbacks that may outlive it.
pub struct Handle<M: Machine>(Weak<RefCell<Inner<M>>>);

/// A handle to no driver: it acts on nothing.
impl<M: Machine> Default for Handle<M> {
    fn default() -> Self {
        Handle(Weak::new())
    }
}

impl<M: Machine> Clone for Handle<M> {
    fn clone(&self) -> Self {
        Handle(self.0.clone())
    }
}

impl<M: Machine> Handle<M> {
    /// Runs `f` on the machine (if the driver still runs), then carries out what follows.
    pub fn act(&self, f: impl FnOnce(&mut M, Millis)) {
        if let Some(rc) = self.0.upgrade() {
            step(&rc, f);
        }
    }

    /// Runs `f` on the machine (if the driver still runs) without a step: no transmits, no
    /// timer, no change notification. For side work that changes nothing the client or the view
    /// reads, such as writing the store.
    pub fn quiet(&self, f: impl FnOnce(&mut M, Millis)) {
        if let Some(rc) = self.0.upgrade() {
            let mut inner = rc.borrow_mut();
            if !inner.stopped {
                f(&mut inner.machine, clock::now());
            }
        }
    }
}

struct Inner<M> {
    machine: M,
    conn: Option<Conn>,
    timer: Option<(Millis, Timeout)>,
    drain_poll: Option<Timeout>,
    visibility: Option<Listener>,
    on_change: Rc<dyn Fn()>,
    stopped: bool,
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

thread_local! {
    /// Closures attached to live sockets: a leak check for the tests (it must not grow with
    /// reconnects).
    static LIVE_HANDLERS: Cell<usize> = const { Cell::new(0) };
}

/// How many socket handlers are alive now, across all drivers.
pub fn live_handlers() -> usize {
    LIVE_HANDLERS.get()
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.detach();
        LIVE_HANDLERS.set(LIVE_HANDLERS.get() - 4);
    }
}

/// An event listener that removes itself when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub fn new(
        target: web_sys::EventTarget,
        kind: &'static str,
        f: impl FnMut(Event) + 'static,
    ) -> Option<Listener> {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        target
            .add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener {
            target,
            kind,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

impl<M: Machine> Driver<M> {
    /// Starts `machine` with `start` (which connects). Nobody hears of its steps until
    /// [`Driver::set_on_change`].
    pub fn start(machine: M, start: impl FnOnce(&mut M, Millis)) -> Self {
        let inner = Rc::new(RefCell::new(Inner {
            machine,
            conn: None,
            timer: None,
            drain_poll: None,
            visibility: None,
            on_change: Rc::new(|| {}),
            stopped: false,
        }));
        let visibility = listen_visibility(Handle(Rc::downgrade(&inner)));
        inner.borrow_mut().visibility = visibility;
        step(&inner, start);
        Driver { inner }
    }

    /// Calls `on_change` after every step from now on (never while the driver is borrowed): the
    /// view subscribes once it is mounted, and unsubscribes (with a no-op) when it goes.
    pub fn set_on_change(&self, on_change: Rc<dyn Fn()>) {
        self.inner.borrow_mut().on_change = on_change;
    }

    pub fn handle(&self) -> Handle<M> {
        Handle(Rc::downgrade(&self.inner))
    }

    /// Reads the machine (for rendering).
    pub fn read<R>(&self, f: impl FnOnce(&M) -> R) -> R {
        f(&self.inner.borrow().machine)
    }

    /// Acts on the machine, then carries out what follows from it.
    pub fn act(&self, f: impl FnOnce(&mut M, Millis)) {
        step(&self.inner, f);
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
    }
}

impl<M: Machine> Drop for Driver<M> {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs `f` at the current time, then drives: transmits, the timer, side work, and a change
/// notification.
fn step<M: Machine>(rc: &Rc<RefCell<Inner<M>>>, f: impl FnOnce(&mut M, Millis)) {
    let on_change = {
        let mut inner = rc.borrow_mut();
        if inner.stopped {
            return;
        }
        let now = clock::now();
        f(&mut inner.machine, now);
        inner.machine.pump(now);
        drive(&mut inner, rc, now);
        inner.on_change.clone()
    };
    on_change();
}

/// Carries out every transmit, re-arms the one timer, and lets the machine do its side work.
fn drive<M: Machine>(inner: &mut Inner<M>, rc: &Rc<RefCell<Inner<M>>>, now: Millis) {
    let mut sent = false;
    while let Some(transmit) = inner.machine.client_mut().poll_transmit() {
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
                    let _ = match code {
                        Some(code) => conn.socket.close_with_code_and_reason(code, &reason),
                        None => conn.socket.close(),
                    };
                }
            }
        }
        inner.machine.pump(now);
    }
    if sent && inner.drain_poll.is_none() {
        inner.drain_poll = Some(schedule_drain_check(Handle(Rc::downgrade(rc))));
    }
    inner.machine.after_step(now, &Handle(Rc::downgrade(rc)));
    arm_timer(inner, rc, now);
}

fn open<M: Machine>(inner: &mut Inner<M>, rc: &Rc<RefCell<Inner<M>>>, url: &str, now: Millis) {
    inner.conn = None;
    match WebSocket::new(url) {
        Ok(socket) => {
            socket.set_binary_type(BinaryType::Arraybuffer);
            inner.conn = Some(attach(socket, Handle(Rc::downgrade(rc))));
        }
        Err(error) => {
            console::error(&format!("aida-chat: cannot open the socket: {error:?}"));
            let client = inner.machine.client_mut();
            client.handle_error(now);
            client.handle_close(now, 1006);
        }
    }
}

/// Attaches the four handlers; each reaches the driver through a weak handle, so a socket that
/// outlives the driver keeps nothing alive.
fn attach<M: Machine>(socket: WebSocket, handle: Handle<M>) -> Conn {
    let on_open = {
        let handle = handle.clone();
        Closure::<dyn FnMut(Event)>::new(move |_| {
            handle.act(|m, now| m.client_mut().handle_open(now));
        })
    };
    let on_message = {
        let handle = handle.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if let Some(text) = data.as_string() {
                handle.act(|m, now| m.client_mut().handle_text(now, &text));
            } else if let Some(buffer) = data.dyn_ref::<js_sys::ArrayBuffer>() {
                let bytes = js_sys::Uint8Array::new(buffer).to_vec();
                handle.act(|m, now| m.client_mut().handle_binary(now, &bytes));
            }
        })
    };
    let on_error = {
        let handle = handle.clone();
        Closure::<dyn FnMut(Event)>::new(move |_| {
            handle.act(|m, now| m.client_mut().handle_error(now));
        })
    };
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
        if let Some(rc) = handle.0.upgrade() {
            rc.borrow_mut().conn = None;
            step(&rc, |m, now| m.client_mut().handle_close(now, event.code()));
        }
    });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    LIVE_HANDLERS.set(LIVE_HANDLERS.get() + 4);
    Conn {
        socket,
        _on_open: on_open,
        _on_message: on_message,
        _on_error: on_error,
        _on_close: on_close,
    }
}

/// Keeps one browser timer, for the earliest deadline the machine has.
fn arm_timer<M: Machine>(inner: &mut Inner<M>, rc: &Rc<RefCell<Inner<M>>>, now: Millis) {
    let Some(deadline) = inner.machine.poll_timeout() else {
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
            step(&rc, |m, now| m.handle_timeout(now));
        }
    });
    inner.timer = Some((deadline, timeout));
}

/// Waits until the socket's send buffer is empty, then tells the client its frames have left.
fn schedule_drain_check<M: Machine>(handle: Handle<M>) -> Timeout {
    Timeout::new(DRAIN_POLL_MS, move || {
        let Some(rc) = handle.0.upgrade() else { return };
        let drained = {
            let mut inner = rc.borrow_mut();
            inner.drain_poll = None;
            inner.conn.as_ref().map(|c| c.socket.buffered_amount() == 0)
        };
        match drained {
            Some(true) => step(&rc, |m, now| m.client_mut().handle_drained(now)),
            Some(false) => {
                let next = schedule_drain_check(handle.clone());
                rc.borrow_mut().drain_poll = Some(next);
            }
            None => {}
        }
    })
}

/// When the page becomes visible again with the socket down (a laptop waking up), reconnect at
/// once instead of waiting out the backoff.
fn listen_visibility<M: Machine>(handle: Handle<M>) -> Option<Listener> {
    let document = web_sys::window()?.document()?;
    let doc = document.clone();
    Listener::new(document.into(), "visibilitychange", move |_| {
        if doc.visibility_state() == web_sys::VisibilityState::Visible {
            handle.act(|m, now| m.client_mut().page_visible(now));
        }
    })
}
