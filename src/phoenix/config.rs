//! The client's settings, with phoenix.js 1.8.16's defaults (`socket.js:122,174-188`,
//! `constants.js:7`).

use crate::json::{Map, Value};

use super::backoff::Backoff;

/// Milliseconds on the caller's monotonic clock. Every call that can start or fire a timer takes
/// the current time; the client never reads a clock itself.
pub type Millis = u64;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The socket endpoint, e.g. `wss://aida.example.org/socket`. It must be absolute: resolving
    /// a relative one against the page (item 2) is the I/O driver's job.
    pub endpoint: String,
    /// Query parameters, serialized as phoenix.js does (item 1), with `vsn=2.0.0` last. Read on
    /// every connect, so changing them between connects changes the next URL.
    pub params: Value,
    /// The heartbeat interval, and how long a heartbeat may go unanswered (items 17, 19).
    pub heartbeat_interval: Millis,
    /// The join timeout, and the default push timeout (item 28).
    pub timeout: Millis,
    pub reconnect_after: Backoff,
    pub rejoin_after: Backoff,
    /// How long a socket the client closed takes to finish closing, as phoenix.js sees it: after
    /// a heartbeat timeout (item 19) and before a page-visible reconnect (item 26) it waits for
    /// the old socket to close, polling every 150 ms (`waitForSocketClosed`, `socket.js:643-652`),
    /// so in practice 150 ms. The driver reports nothing of a socket it closed, so the client
    /// waits this long instead. 0 goes on at once.
    pub teardown_wait: Millis,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            endpoint: String::new(),
            params: Value::Object(Map::new()),
            heartbeat_interval: 30_000,
            timeout: 10_000,
            reconnect_after: Backoff::reconnect_default(),
            rejoin_after: Backoff::rejoin_default(),
            teardown_wait: 150,
        }
    }
}
