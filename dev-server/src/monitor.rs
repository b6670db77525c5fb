//! What tests observe through `/__dev/stats` and `/__dev/frames`: counters, and every frame
//! received and sent. Frames are also logged at debug level.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::time::Instant;

use serde::Serialize;
use serde_json::{Value, json};

use crate::lock;

/// How many frames `/__dev/frames` keeps; older ones are forgotten first.
const RECORDED_FRAMES: usize = 10_000;

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    In,
    Out,
}

#[derive(Serialize)]
struct Recorded {
    dir: Direction,
    /// Milliseconds since the server started.
    t: u64,
    /// The socket's id.
    conn: u64,
    text: String,
}

#[derive(Default)]
struct Counters {
    sockets_total: u64,
    joins: u64,
    /// Event name → frames received with it.
    received: BTreeMap<String, u64>,
    sessions_created: u64,
}

pub struct Monitor {
    started: Instant,
    counters: Mutex<Counters>,
    frames: Mutex<VecDeque<Recorded>>,
}

impl Monitor {
    pub fn new() -> Monitor {
        Monitor {
            started: Instant::now(),
            counters: Mutex::default(),
            frames: Mutex::default(),
        }
    }

    pub fn socket_opened(&self) {
        lock(&self.counters).sockets_total += 1;
    }

    /// A join that succeeded.
    pub fn joined(&self) {
        lock(&self.counters).joins += 1;
    }

    pub fn session_created(&self) {
        lock(&self.counters).sessions_created += 1;
    }

    /// A frame as it went over the wire; `event` counts it in `received`.
    pub fn record(&self, conn: u64, dir: Direction, text: &str, event: Option<&str>) {
        tracing::debug!(conn, ?dir, "{text}");
        if let Some(event) = event {
            *lock(&self.counters)
                .received
                .entry(event.to_owned())
                .or_default() += 1;
        }
        let t = self.started.elapsed().as_millis() as u64;
        let mut frames = lock(&self.frames);
        if frames.len() == RECORDED_FRAMES {
            frames.pop_front();
        }
        frames.push_back(Recorded {
            dir,
            t,
            conn,
            text: text.to_owned(),
        });
    }

    /// The counters, with the current numbers of open sockets and known sessions.
    pub fn stats(&self, sockets_open: usize, sessions: usize) -> Value {
        let counters = lock(&self.counters);
        json!({
            "sockets_open": sockets_open,
            "sockets_total": counters.sockets_total,
            "joins": counters.joins,
            "received": counters.received,
            "sessions_created": counters.sessions_created,
            "sessions": sessions,
        })
    }

    pub fn frames(&self) -> Value {
        serde_json::to_value(&*lock(&self.frames)).expect("frames serialize")
    }

    pub fn clear_frames(&self) {
        lock(&self.frames).clear();
    }
}
