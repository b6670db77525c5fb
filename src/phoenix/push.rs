//! A push: phoenix.js's `Push` (`push.js`), an event sent on a channel that awaits its reply or
//! its timeout (items 12, 14, 38, 40). The client's handling of pushes is in `client/pushes.rs`.

use crate::json::Value;

use super::channel::ChannelId;
use super::config::Millis;
use super::timers::Deadline;

/// A push, stable across its sends (its Phoenix ref changes on each, item 12). Never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PushId(pub(super) u64);

/// A push that has neither been answered nor timed out; it is dropped when it is.
#[derive(Debug)]
pub(super) struct Push {
    pub channel: ChannelId,
    pub event: String,
    pub payload: Value,
    pub timeout: Millis,
    /// The ref of its latest (re)start; replies are matched on it (item 14).
    pub r#ref: Option<String>,
    pub deadline: Option<Deadline>,
}

/// The pushes awaiting a reply or a timeout, oldest first. A list rather than a map: a
/// conversation has a few pushes in flight, ids only grow so the list stays in their order,
/// and a `BTreeMap` was 6 KB of the widget's wasm.
#[derive(Debug, Default)]
pub(super) struct Pushes(Vec<(PushId, Push)>);

impl Pushes {
    /// Adds a push with an id larger than any before it.
    pub fn insert(&mut self, id: PushId, push: Push) {
        debug_assert!(self.0.last().is_none_or(|(last, _)| *last < id));
        self.0.push((id, push));
    }

    pub fn get(&self, id: &PushId) -> Option<&Push> {
        self.0.iter().find(|(p, _)| p == id).map(|(_, push)| push)
    }

    pub fn get_mut(&mut self, id: &PushId) -> Option<&mut Push> {
        self.0
            .iter_mut()
            .find(|(p, _)| p == id)
            .map(|(_, push)| push)
    }

    pub fn remove(&mut self, id: &PushId) -> Option<Push> {
        let at = self.0.iter().position(|(p, _)| p == id)?;
        Some(self.0.remove(at).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&PushId, &Push)> {
        self.0.iter().map(|(id, push)| (id, push))
    }
}
