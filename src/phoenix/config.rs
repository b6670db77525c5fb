//! The client's settings, with phoenix.js 1.8.16's defaults (`socket.js:122,174-188`).

use serde_json::{Map, Value};

/// Milliseconds on the caller's monotonic clock.
pub type Millis = u64;

/// A retry schedule: `delay(tries)` is `steps[tries - 1]`, or `then` past the end
/// (phoenix.js `timerCalc`, `timer.js`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    pub steps: Vec<Millis>,
    pub then: Millis,
}

impl Backoff {
    pub fn delay(&self, tries: u32) -> Millis {
        let index = (tries as usize).checked_sub(1);
        index
            .and_then(|i| self.steps.get(i).copied())
            .unwrap_or(self.then)
    }

    /// `reconnectAfterMs`: 10, 50, 100, 150, 200, 250, 500, 1000, 2000, then 5000 ms.
    pub fn reconnect_default() -> Self {
        Backoff {
            steps: vec![10, 50, 100, 150, 200, 250, 500, 1000, 2000],
            then: 5000,
        }
    }

    /// `rejoinAfterMs`: 1000, 2000, 5000, then 10000 ms.
    pub fn rejoin_default() -> Self {
        Backoff {
            steps: vec![1000, 2000, 5000],
            then: 10_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The socket endpoint, e.g. `wss://aida.example.org/socket` (absolute: resolving a relative
    /// one against the page is the caller's job).
    pub endpoint: String,
    /// Query parameters, serialized as phoenix.js does (item 1).
    pub params: Value,
    pub heartbeat_interval: Millis,
    /// The join timeout, and the default push timeout.
    pub timeout: Millis,
    pub reconnect_after: Backoff,
    pub rejoin_after: Backoff,
    /// After a heartbeat timeout phoenix.js waits for the closed socket, polling every 150 ms
    /// (`waitForSocketClosed`), before it schedules the reconnect: in practice 150 ms more.
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
