//! What the visitor sees: the entries of the conversation, in order.
//!
//! The outbox is not kept apart from the transcript: a message waiting to be sent is an entry
//! whose delivery is `Queued`, so a stored transcript carries its outbox with it and the two can
//! never disagree.

use std::rc::Rc;

use crate::phoenix::Millis;

/// Who wrote an entry. `Divider` is no message: it marks where an older conversation ends (a
/// stale session was replaced, and its transcript is kept above the line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    User,
    Bot,
    Divider,
}

impl Author {
    /// As the page and the DOM name it (`data-from`, the `message` event's `from`).
    pub fn as_str(self) -> &'static str {
        match self {
            Author::User => "user",
            Author::Bot => "bot",
            Author::Divider => "divider",
        }
    }
}

/// The delivery of a user entry, as the visitor sees it (`data-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Not yet on an open, joined channel with a session.
    Queued,
    /// The frame left the browser (the socket's send buffer drained).
    Sent,
    /// Could not be sent; the visitor can retry.
    Failed,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Queued => "queued",
            Delivery::Sent => "sent",
            Delivery::Failed => "failed",
        }
    }
}

/// Why a message failed, for the visitor (the interface words it, in their language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The upload did not reach the server.
    Network,
    /// The server's answer to the upload could not be read.
    BadAnswer,
    /// The server answered the upload with an id that is not a UUID.
    InvalidId,
    /// The server refused the picture as too large (HTTP 413).
    TooLarge,
    /// The server refused the kind of file (HTTP 415).
    Unsupported,
    /// The server could not store the picture (another HTTP status).
    Server(u16),
    /// The page was closed before the picture was uploaded: its file is gone.
    Lost,
    /// The visitor stopped the upload.
    Cancelled,
}

impl Failure {
    /// The stored form.
    pub fn code(self) -> String {
        match self {
            Failure::Network => "network".into(),
            Failure::BadAnswer => "bad-answer".into(),
            Failure::InvalidId => "invalid-id".into(),
            Failure::TooLarge => "too-large".into(),
            Failure::Unsupported => "unsupported".into(),
            Failure::Server(status) => format!("server-{}", u64::from(status)),
            Failure::Lost => "lost".into(),
            Failure::Cancelled => "cancelled".into(),
        }
    }

    /// Reads the stored form; anything else (an older widget stored sentences) is no reason.
    pub fn from_code(code: &str) -> Option<Failure> {
        Some(match code {
            "network" => Failure::Network,
            "bad-answer" => Failure::BadAnswer,
            "invalid-id" => Failure::InvalidId,
            "too-large" => Failure::TooLarge,
            "unsupported" => Failure::Unsupported,
            "lost" => Failure::Lost,
            "cancelled" => Failure::Cancelled,
            _ => Failure::Server(code.strip_prefix("server-")?.parse().ok()?),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Local id, unique in the transcript: the page load's prefix and a counter.
    pub id: String,
    pub from: Author,
    pub text: String,
    /// Wall-clock time in ms since the Unix epoch, for the bubble's time stamp.
    pub at: f64,
    /// Set on user entries only.
    pub status: Option<Delivery>,
    /// Set on a picture the visitor sent.
    pub image: Option<Image>,
    /// Why a failed entry failed.
    pub error: Option<Failure>,
}

/// A picture the visitor sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Image {
    /// The server's image id (a UUID), once the upload succeeded.
    pub id: Option<String>,
    /// A URL of this page that shows the picture before it is uploaded (an object URL), and
    /// under which the page keeps its file. Never stored: after a reload the file is gone.
    pub preview: Option<String>,
    /// How much of its upload the server has, in percent, while it is under way. Never stored.
    pub progress: Option<u8>,
}

impl Entry {
    pub fn is_queued(&self) -> bool {
        self.status == Some(Delivery::Queued)
    }

    /// A picture whose upload has not succeeded yet.
    pub fn awaits_upload(&self) -> bool {
        self.image.as_ref().is_some_and(|image| image.id.is_none())
    }

    /// Nothing is left to do for it: a bot's message, a divider, or a message that went out.
    pub fn settled(&self) -> bool {
        matches!(self.status, None | Some(Delivery::Sent))
    }

    /// Whether Retry can work: a picture needs its file, which a reload loses.
    pub fn retryable(&self) -> bool {
        self.status == Some(Delivery::Failed)
            && self
                .image
                .as_ref()
                .is_none_or(|image| image.id.is_some() || image.preview.is_some())
    }
}

/// A page open for days keeps its memory bounded: past `KEPT_ENTRIES`, the oldest settled
/// entries are forgotten, `FORGET_AT_ONCE` at a time, so that the list is cut once per 32
/// messages rather than once per message. A reload restores fewer still (the store keeps
/// `MAX_STORED_ENTRIES`).
pub const FORGET_AT_ONCE: usize = 32;
pub const KEPT_ENTRIES: usize = 17 * FORGET_AT_ONCE;

/// What the driver knows of the world that the conversation cannot compute.
#[derive(Debug, Clone)]
pub struct Env {
    /// Wall-clock ms since the epoch at monotonic time 0, for the bubbles' time stamps.
    pub wall_offset: f64,
    /// A prefix unique to this page load (a UUID), so that local ids never collide.
    pub id_prefix: String,
}

/// The entries, shared with the view copy-on-write: the list and each entry change through
/// `Rc::make_mut`, so while the view holds what it drew, a change makes a new `Rc`, and the same
/// pointer always means the same contents (the view skips what it already drew by pointer).
#[derive(Debug)]
pub struct Transcript {
    entries: Rc<Vec<Rc<Entry>>>,
    env: Env,
    next_id: u64,
    /// Bot messages that arrived since the page started (not the restored history).
    arrivals: u64,
    /// Something changed that the store does not have yet.
    dirty: bool,
}

impl Transcript {
    pub fn new(entries: Vec<Entry>, env: Env) -> Transcript {
        Transcript {
            entries: Rc::new(entries.into_iter().map(Rc::new).collect()),
            env,
            next_id: 0,
            arrivals: 0,
            dirty: false,
        }
    }

    pub fn entries(&self) -> &Rc<Vec<Rc<Entry>>> {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id).map(|e| &**e)
    }

    pub fn arrivals(&self) -> u64 {
        self.arrivals
    }

    /// Adds an entry written `now`; returns its id. A user entry starts queued.
    pub fn add(&mut self, now: Millis, from: Author, text: String, image: Option<Image>) -> String {
        self.next_id += 1;
        let id = format!("{}-{}", self.env.id_prefix, self.next_id);
        if from == Author::Bot {
            self.arrivals += 1;
        }
        Rc::make_mut(&mut self.entries).push(Rc::new(Entry {
            id: id.clone(),
            from,
            text,
            at: self.env.wall_offset + now as f64,
            status: (from == Author::User).then_some(Delivery::Queued),
            image,
            error: None,
        }));
        self.dirty = true;
        id
    }

    /// Once there are more than `KEPT_ENTRIES`, forgets the oldest `FORGET_AT_ONCE` entries that
    /// are settled and that `forget` lets go (it is told of each one it lets go).
    pub fn forget_oldest(&mut self, mut forget: impl FnMut(&Entry) -> bool) {
        if self.entries.len() > KEPT_ENTRIES {
            let mut left = FORGET_AT_ONCE;
            Rc::make_mut(&mut self.entries).retain(|e| {
                let gone = left > 0 && e.settled() && forget(e);
                left -= usize::from(gone);
                !gone
            });
        }
    }

    /// Changes one entry (a new `Rc` for it); `false` when there is none by that id.
    pub fn update(&mut self, id: &str, change: impl FnOnce(&mut Entry)) -> bool {
        let entries = Rc::make_mut(&mut self.entries);
        let Some(entry) = entries.iter_mut().find(|e| e.id == id) else {
            return false;
        };
        change(Rc::make_mut(entry));
        self.dirty = true;
        true
    }

    /// Changes what an entry shows but the store does not keep (an upload's progress): no write.
    pub fn update_unstored(&mut self, id: &str, change: impl FnOnce(&mut Entry)) {
        let dirty = self.dirty;
        self.update(id, change);
        self.dirty = dirty;
    }

    /// Sets an entry's delivery, if it changes.
    pub fn set_delivery(&mut self, id: &str, delivery: Delivery) {
        if self.get(id).is_some_and(|e| e.status != Some(delivery)) {
            self.update(id, |e| e.status = Some(delivery));
        }
    }

    /// Marks where an older conversation ends, unless it already ends there.
    pub fn divide(&mut self, now: Millis) {
        if self
            .entries
            .last()
            .is_some_and(|e| e.from != Author::Divider)
        {
            self.add(now, Author::Divider, String::new(), None);
        }
        self.dirty = true;
    }

    pub fn clear(&mut self) {
        Rc::make_mut(&mut self.entries).clear();
        self.dirty = true;
    }

    /// Replaces every entry with another tab's, then adds `kept` (those of this page that the
    /// other tab does not have). Bot messages new to this page count as arrivals.
    pub fn replace(&mut self, theirs: Vec<Entry>, kept: Vec<Rc<Entry>>) {
        let known = |id: &str| self.entries.iter().any(|e| e.id == id);
        let new_bot = theirs
            .iter()
            .filter(|e| e.from == Author::Bot && !known(&e.id))
            .count();
        self.arrivals += new_bot as u64;
        let mut entries: Vec<Rc<Entry>> = theirs.into_iter().map(Rc::new).collect();
        let kept: Vec<Rc<Entry>> = kept
            .into_iter()
            .filter(|k| !entries.iter().any(|e| e.id == k.id))
            .collect();
        entries.extend(kept);
        self.entries = Rc::new(entries);
    }

    /// Takes another tab's version of an entry: a new one goes in its place in time, a changed
    /// one replaces ours unless `ours_decides`, an unchanged one keeps its pointer.
    pub fn merge(&mut self, theirs: Entry, ours_decides: impl Fn(&str) -> bool) {
        match self.entries.iter().position(|e| e.id == theirs.id) {
            Some(i) if !ours_decides(&theirs.id) && *self.entries[i] != theirs => {
                Rc::make_mut(&mut self.entries)[i] = Rc::new(theirs);
            }
            Some(_) => {}
            None => {
                if theirs.from == Author::Bot {
                    self.arrivals += 1;
                }
                let at = self.entries.partition_point(|e| e.at <= theirs.at);
                Rc::make_mut(&mut self.entries).insert(at, Rc::new(theirs));
            }
        }
    }

    /// Whether something changed since the last [`Transcript::saved`].
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    pub fn touch(&mut self) {
        self.dirty = true;
    }

    /// The store has everything now; `true` if it had not.
    pub fn saved(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }
}
