//! Everything the server knows: bots, sessions, images, open sockets, faults and counters.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::sync::mpsc;

use crate::config::{BotSpec, Config, PhoenixMode};
use crate::store::Store;

/// What other tasks ask of a socket's task.
#[derive(Debug)]
pub enum Command {
    /// A channel push (`btu_msg`), sent if the channel is still joined.
    Push {
        topic: String,
        event: String,
        payload: Value,
    },
    /// A frame to send as it is (replies, including delayed ones).
    Raw(String),
    /// Every bot channel of the socket crashes.
    CrashChannels,
    /// Drop the connection without a close frame (the browser sees 1006).
    Drop,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub bot: String,
    pub data: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub struct Image {
    pub bot: String,
    pub session: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordedFrame {
    pub dir: &'static str,
    pub t: u64,
    pub conn: u64,
    pub text: String,
}

/// Faults that tests switch on through `/__dev/`.
#[derive(Debug, Default)]
pub struct Faults {
    pub refuse_upgrades_until: Option<Instant>,
    pub reply_delay: Duration,
    /// Bot id → the time until which joins get `starting`.
    pub starting_until: HashMap<String, Instant>,
}

#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub sockets_open: u64,
    pub sockets_total: u64,
    pub received: BTreeMap<String, u64>,
    pub sessions: u64,
}

pub struct Inner {
    pub bots: HashMap<String, String>,
    pub sessions: HashMap<String, Session>,
    pub images: HashMap<String, Image>,
    /// Socket id → its command queue, and the bot topics it has joined.
    pub sockets: HashMap<u64, (mpsc::UnboundedSender<Command>, Vec<String>)>,
    pub faults: Faults,
    pub stats: Stats,
    pub frames: VecDeque<RecordedFrame>,
    next_socket: u64,
}

/// The shared state. Cheap to clone.
#[derive(Clone)]
pub struct State {
    inner: Arc<Mutex<Inner>>,
    pub mode: PhoenixMode,
    pub idle_timeout: Duration,
    pub answer_pause: Duration,
    pub max_upload_bytes: usize,
    pub started: Instant,
    pub store: Option<Arc<Store>>,
}

const MAX_RECORDED_FRAMES: usize = 10_000;

impl State {
    pub fn new(config: &Config, bots: Vec<BotSpec>, store: Option<Store>) -> State {
        let started = Instant::now();
        let mut faults = Faults::default();
        for bot in &bots {
            if let Some(ms) = bot.starting_ms.filter(|ms| *ms > 0) {
                faults
                    .starting_until
                    .insert(bot.id.clone(), started + Duration::from_millis(ms));
            }
        }
        let (sessions, images) = store.as_ref().map(Store::load).unwrap_or_default();
        let inner = Inner {
            bots: bots
                .into_iter()
                .map(|b| (b.id.to_ascii_lowercase(), b.token))
                .collect(),
            sessions,
            images,
            sockets: HashMap::new(),
            faults,
            stats: Stats::default(),
            frames: VecDeque::new(),
            next_socket: 0,
        };
        State {
            inner: Arc::new(Mutex::new(inner)),
            mode: config.phoenix,
            idle_timeout: Duration::from_millis(config.idle_timeout_ms),
            answer_pause: Duration::from_millis(config.reply_delay_ms),
            max_upload_bytes: config.max_upload_bytes,
            started,
            store: store.map(Arc::new),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere must not take the whole dev server down with it.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn register_socket(&self, sender: mpsc::UnboundedSender<Command>) -> u64 {
        let mut inner = self.lock();
        inner.next_socket += 1;
        let id = inner.next_socket;
        inner.sockets.insert(id, (sender, Vec::new()));
        inner.stats.sockets_open += 1;
        inner.stats.sockets_total += 1;
        id
    }

    pub fn unregister_socket(&self, id: u64) {
        let mut inner = self.lock();
        if inner.sockets.remove(&id).is_some() {
            inner.stats.sockets_open -= 1;
        }
    }

    pub fn set_topics(&self, id: u64, topics: Vec<String>) {
        if let Some(entry) = self.lock().sockets.get_mut(&id) {
            entry.1 = topics;
        }
    }

    /// Records a frame for `/__dev/frames` and the stats.
    pub fn record(&self, conn: u64, dir: &'static str, text: &str, event: Option<&str>) {
        tracing::debug!(conn, dir, "{text}");
        let t = self.started.elapsed().as_millis() as u64;
        let mut inner = self.lock();
        if let Some(event) = event {
            *inner.stats.received.entry(event.to_owned()).or_default() += 1;
        }
        if inner.frames.len() == MAX_RECORDED_FRAMES {
            inner.frames.pop_front();
        }
        inner.frames.push_back(RecordedFrame {
            dir,
            t,
            conn,
            text: text.to_owned(),
        });
    }

    /// Sends `command` to every socket joined to `topic` (or every socket, for `None`).
    pub fn broadcast(&self, topic: Option<&str>, command: impl Fn() -> Command) {
        for (sender, topics) in self.lock().sockets.values() {
            if topic.is_none_or(|t| topics.iter().any(|x| x == t)) {
                let _ = sender.send(command());
            }
        }
    }

    pub fn persist(&self) {
        if let Some(store) = &self.store {
            let inner = self.lock();
            store.save_sessions(&inner.sessions);
        }
    }
}
