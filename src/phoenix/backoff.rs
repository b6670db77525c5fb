//! Retry schedules: phoenix.js's `reconnectAfterMs` and `rejoinAfterMs` (`socket.js:175-188`).

use super::config::Millis;

/// A retry schedule: `delay(tries)` is `steps[tries - 1]`, or `then` past the end, as phoenix.js
/// writes it: `[10, 50, ...][tries - 1] || 5000`. `tries` counts from 1 (`timer.js:40`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    pub steps: Vec<Millis>,
    pub then: Millis,
}

impl Backoff {
    pub fn delay(&self, tries: u32) -> Millis {
        let index = usize::try_from(tries).ok().and_then(|t| t.checked_sub(1));
        index
            .and_then(|i| self.steps.get(i).copied())
            .unwrap_or(self.then)
    }

    /// `reconnectAfterMs` (item 21): 10, 50, 100, 150, 200, 250, 500, 1000, 2000, then 5000 ms.
    pub fn reconnect_default() -> Self {
        Backoff {
            steps: vec![10, 50, 100, 150, 200, 250, 500, 1000, 2000],
            then: 5000,
        }
    }

    /// `rejoinAfterMs` (item 31): 1000, 2000, 5000, then 10000 ms.
    pub fn rejoin_default() -> Self {
        Backoff {
            steps: vec![1000, 2000, 5000],
            then: 10_000,
        }
    }
}
