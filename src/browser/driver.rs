//! Runs a sans-IO state machine built on a Phoenix client ([`Driven`]) with a browser WebSocket,
//! one timer and the page's visibility.
//!
//! The driver owns every closure it hands to the browser and drops it with the object it was
//! attached to: a replaced socket has its handlers detached first, so no closure outlives its
//! socket and reconnects leak nothing (yew-hooks' `use_websocket` forgets one per connect).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BinaryType, CloseEvent, Event, MessageEvent, WebSocket};

use super::listener::Listener;
use super::{clock, console};
use crate::phoenix::{Millis, SocketEvent, Transmit};

/// How often the driver looks at `bufferedAmount` while frames wait to leave the browser.
const DRAIN_POLL_MS: u32 = 20;
/// The code of a socket that closed without a close frame; here, one the browser would not open.
const ABNORMAL_CLOSE: u16 = 1006;

/// What a driver runs: the socket side of a Phoenix client, and whatever sits on it.
pub trait Driven: Sized + 'static {
    /// The next thing to do on the socket.
    fn poll_transmit(&mut self) -> Option<Transmit>;
    /// What happened on the current socket.
    fn handle_socket(&mut self, now: Millis, event: SocketEvent<'_>);
    /// The page became visible again.
    fn page_visible(&mut self, now: Millis);
    /// The earliest deadline.
    fn poll_timeout(&self) -> Option<Millis>;
    fn handle_timeout(&mut self, now: Millis);
    /// Side work after each step (uploads, storage, the console), with a way back in.
    fn after_step(&mut self, _now: Millis, _handle: &Handle<Self>) {}
}

/// A running machine. Dropping it (or calling [`Driver::stop`]) closes the socket and removes
/// every listener and timer.
pub struct Driver<M: Driven> {
    inner: Rc<RefCell<Inner<M>>>,
}

/// A weak way back into a driver, for callbacks that may outlive it.
pub struct Handle<M: Driven>(Weak<RefCell<Inner<M>>>);

/// A handle to no driver: it acts on nothing.
impl<M: Driven> Default for Handle<M> {
    fn default() -> Self {
        Handle(Weak::new())
    }
}

impl<M: Driven> Clone for Handle<M> {
    fn clone(&self) -> Self {
        Handle(self.0.clone())
    }
}

impl<M: Driven> Handle<M> {
    /// Runs `f` on the machine (if the driver still runs), then carries out what follows.
    pub fn act(&self, f: impl FnOnce(&mut M, Millis)) {
        if let Some(rc) = self.0.upgrade() {
            step(&rc, f);
        }
    }

    /// Runs `f` on the machine (if the driver still runs) without a step: no transmits, no
    /// timer, no change notification. For side work that changes nothing the socket or the view
    /// reads, such as writing the store.
    pub fn quiet(&self, f: impl FnOnce(&mut M, Millis)) {
        if let Some(rc) = self.0.upgrade() {
            let mut inner = rc.borrow_mut();
            if !inner.stopped {
                f(&mut inner.machine, clock::now());
            }
        }
    }

    /// Reads the machine, if the driver still runs.
    pub fn read<R>(&self, f: impl FnOnce(&M) -> R) -> Option<R> {
        let rc = self.0.upgrade()?;
        let inner = rc.borrow();
        Some(f(&inner.machine))
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

impl Drop for Conn {
    fn drop(&mut self) {
        self.detach();
    }
}

impl<M: Driven> Driver<M> {
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
    /// view subscribes once it is mounted.
    pub fn set_on_change(&self, on_change: Rc<dyn Fn()>) {
        self.inner.borrow_mut().on_change = on_change;
    }

    pub fn handle(&self) -> Handle<M> {
        Handle(Rc::downgrade(&self.inner))
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

impl<M: Driven> Drop for Driver<M> {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs `f` at the current time, then drives: transmits, side work, the timer, and a change
/// notification.
fn step<M: Driven>(rc: &Rc<RefCell<Inner<M>>>, f: impl FnOnce(&mut M, Millis)) {
    let on_change = {
        let mut inner = rc.borrow_mut();
        if inner.stopped {
            return;
        }
        let now = clock::now();
        f(&mut inner.machine, now);
        drive(&mut inner, rc, now);
        inner.on_change.clone()
    };
    on_change();
}

/// Carries out every transmit, lets the machine do its side work, and re-arms the one timer.
fn drive<M: Driven>(inner: &mut Inner<M>, rc: &Rc<RefCell<Inner<M>>>, now: Millis) {
    let mut sent = false;
    while let Some(transmit) = inner.machine.poll_transmit() {
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
    }
    if sent && inner.drain_poll.is_none() {
        inner.drain_poll = Some(schedule_drain_check(Handle(Rc::downgrade(rc))));
    }
    inner.machine.after_step(now, &Handle(Rc::downgrade(rc)));
    arm_timer(inner, rc, now);
}

fn open<M: Driven>(inner: &mut Inner<M>, rc: &Rc<RefCell<Inner<M>>>, url: &str, now: Millis) {
    inner.conn = None;
    match WebSocket::new(url) {
        Ok(socket) => {
            socket.set_binary_type(BinaryType::Arraybuffer);
            inner.conn = Some(attach(socket, Handle(Rc::downgrade(rc))));
        }
        Err(error) => {
            let error = super::js_value::describe(&error);
            console::error(&format!("aida-chat: cannot open the socket: {error}"));
            inner.machine.handle_socket(now, SocketEvent::Errored);
            let closed = SocketEvent::Closed {
                code: ABNORMAL_CLOSE,
            };
            inner.machine.handle_socket(now, closed);
        }
    }
}

/// Attaches the four handlers; each reaches the driver through a weak handle, so a socket that
/// outlives the driver keeps nothing alive.
fn attach<M: Driven>(socket: WebSocket, handle: Handle<M>) -> Conn {
    let on_open = {
        let handle = handle.clone();
        Closure::<dyn FnMut(Event)>::new(move |_| {
            handle.act(|m, now| m.handle_socket(now, SocketEvent::Opened));
        })
    };
    let on_message = {
        let handle = handle.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if let Some(text) = data.as_string() {
                handle.act(|m, now| m.handle_socket(now, SocketEvent::Text(&text)));
            } else if let Some(buffer) = data.dyn_ref::<js_sys::ArrayBuffer>() {
                let bytes = js_sys::Uint8Array::new(buffer).to_vec();
                handle.act(|m, now| m.handle_socket(now, SocketEvent::Binary(&bytes)));
            }
        })
    };
    let on_error = {
        let handle = handle.clone();
        Closure::<dyn FnMut(Event)>::new(move |_| {
            handle.act(|m, now| m.handle_socket(now, SocketEvent::Errored));
        })
    };
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
        if let Some(rc) = handle.0.upgrade() {
            rc.borrow_mut().conn = None;
            let closed = SocketEvent::Closed { code: event.code() };
            step(&rc, |m, now| m.handle_socket(now, closed));
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

/// Keeps one browser timer, for the earliest deadline the machine has.
fn arm_timer<M: Driven>(inner: &mut Inner<M>, rc: &Rc<RefCell<Inner<M>>>, now: Millis) {
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

/// Waits until the socket's send buffer is empty, then tells the machine its frames have left.
fn schedule_drain_check<M: Driven>(handle: Handle<M>) -> Timeout {
    Timeout::new(DRAIN_POLL_MS, move || {
        let Some(rc) = handle.0.upgrade() else { return };
        let drained = {
            let mut inner = rc.borrow_mut();
            inner.drain_poll = None;
            inner.conn.as_ref().map(|c| c.socket.buffered_amount() == 0)
        };
        match drained {
            Some(true) => step(&rc, |m, now| m.handle_socket(now, SocketEvent::Drained)),
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
fn listen_visibility<M: Driven>(handle: Handle<M>) -> Option<Listener> {
    let document = web_sys::window()?.document()?;
    let doc = document.clone();
    Listener::new(document.into(), "visibilitychange", move |_| {
        if doc.visibility_state() == web_sys::VisibilityState::Visible {
            handle.act(|m, now| m.page_visible(now));
        }
    })
}
