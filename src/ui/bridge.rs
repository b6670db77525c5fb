//! How the page talks to a mounted widget: commands in (`open()`, `send(text)`, …) and notices
//! out (`message`, `open`, `close`, `status`, `error`). Commands given before the widget has
//! rendered wait in a queue.

use std::cell::RefCell;
use std::rc::Rc;

use crate::browser::Emit;
use crate::json::Map;
use yew::Callback;

use super::locale::Locale;
use super::time::Clock;

#[derive(Clone, PartialEq)]
pub enum Command {
    Open,
    Close,
    Toggle,
    Send(String),
    PutData(Map),
    NewConversation,
    /// Speak this locale; with `language`, the bot hears it too.
    Locale {
        locale: Rc<Locale>,
        language: Option<String>,
    },
    /// The page's first long idle period: work kept off the start is done now.
    Idle,
    /// Write times of day as locale `tag` does.
    Clock {
        tag: String,
        clock: Rc<Clock>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A message shown in the transcript: `from` is "user" or "bot".
    Message {
        from: &'static str,
        text: String,
    },
    Open,
    Close,
    /// "connecting", "connected", "reconnecting", "unauthorized" or "refused".
    Status(&'static str),
    Error(String),
}

#[derive(Default)]
pub struct Bridge {
    inbox: RefCell<Option<Callback<Command>>>,
    queued: RefCell<Vec<Command>>,
    /// Who hears the notices: the page's `on(event, fn)` listeners (none in the preview).
    emit: RefCell<Option<Emit>>,
}

/// Props compare bridges by identity: one bridge is one widget.
impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Bridge {
    pub fn command(&self, command: Command) {
        let inbox = self.inbox.borrow().clone();
        match inbox {
            Some(inbox) => inbox.emit(command),
            None => self.queued.borrow_mut().push(command),
        }
    }

    /// The widget takes commands from now on, starting with the queued ones.
    pub fn connect(&self, inbox: Callback<Command>) {
        *self.inbox.borrow_mut() = Some(inbox.clone());
        let queued = std::mem::take(&mut *self.queued.borrow_mut());
        queued.into_iter().for_each(|command| inbox.emit(command));
    }

    pub fn disconnect(&self) {
        *self.inbox.borrow_mut() = None;
    }

    pub fn listen(&self, emit: Option<Emit>) {
        *self.emit.borrow_mut() = emit;
    }

    /// Tells the page: `emit(name, a, b)` with "message" (from, text), "open", "close",
    /// "status" (its name) or "error" (its message), of which `js/element.js` makes the
    /// events' details.
    pub fn notify(&self, notice: Notice) {
        let Some(emit) = &*self.emit.borrow() else {
            return;
        };
        let (name, a, b) = match &notice {
            Notice::Message { from, text } => ("message", Some(*from), Some(text.as_str())),
            Notice::Open => ("open", None, None),
            Notice::Close => ("close", None, None),
            Notice::Status(status) => ("status", Some(*status), None),
            Notice::Error(message) => ("error", Some(message.as_str()), None),
        };
        emit.emit(name, a, b);
    }
}
