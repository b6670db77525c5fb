//! Every open socket, so that HTTP endpoints can reach them: broadcasts to a topic, and the
//! fault controls that act on all sockets at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;
use tokio::sync::mpsc;

use super::Command;
use crate::lock;

#[derive(Default)]
pub struct Registry {
    next_id: AtomicU64,
    sockets: Mutex<HashMap<u64, Entry>>,
}

struct Entry {
    commands: mpsc::UnboundedSender<Command>,
    topics: Vec<String>,
}

impl Registry {
    /// Registers a socket's command queue; returns the socket's id (used in logs and records).
    pub fn open(&self, commands: mpsc::UnboundedSender<Command>) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let entry = Entry {
            commands,
            topics: Vec::new(),
        };
        lock(&self.sockets).insert(id, entry);
        id
    }

    pub fn close(&self, id: u64) {
        lock(&self.sockets).remove(&id);
    }

    /// The topics socket `id` has joined, after each frame it handled.
    pub fn set_topics(&self, id: u64, topics: Vec<String>) {
        if let Some(entry) = lock(&self.sockets).get_mut(&id) {
            entry.topics = topics;
        }
    }

    pub fn open_count(&self) -> usize {
        lock(&self.sockets).len()
    }

    pub fn to_all(&self, command: &Command) {
        for entry in lock(&self.sockets).values() {
            let _ = entry.commands.send(command.clone());
        }
    }

    /// Pushes `event` to every channel whose topic `matches`, on every socket.
    pub fn broadcast(&self, matches: impl Fn(&str) -> bool, event: &str, payload: &Value) {
        for entry in lock(&self.sockets).values() {
            for topic in entry.topics.iter().filter(|topic| matches(topic)) {
                let _ = entry.commands.send(Command::Push {
                    topic: topic.clone(),
                    join_ref: None,
                    event: event.to_owned(),
                    payload: payload.clone(),
                });
            }
        }
    }
}
