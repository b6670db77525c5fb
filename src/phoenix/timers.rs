//! The timers phoenix.js keeps with `setTimeout`, as deadlines on the caller's clock: a
//! [`Deadline`], the growing [`RetryTimer`] and which [`Timer`] a deadline belongs to. The client
//! arms and fires them in `client/timers.rs`; the driver keeps one real timer for the earliest.

use super::backoff::Backoff;
use super::channel::ChannelId;
use super::config::Millis;
use super::push::PushId;

/// When a timer is due. Timers due at the same time fire in the order they were armed, as
/// `setTimeout` callbacks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Deadline {
    pub at: Millis,
    pub armed: u64,
}

/// phoenix.js `Timer` (`timer.js`): a retry timer whose delay grows with `tries`. `tries` goes up
/// when it fires and back to 0 on `reset` (item 22).
#[derive(Debug, Default)]
pub(super) struct RetryTimer {
    pub deadline: Option<Deadline>,
    tries: u32,
}

impl RetryTimer {
    /// `reset()`: no timer, no tries.
    pub fn reset(&mut self) {
        *self = RetryTimer::default();
    }

    /// `clearTimeout(timer.timer)`: no timer, tries kept (`socket.js:438-440`).
    pub fn cancel(&mut self) {
        self.deadline = None;
    }

    /// The delay `scheduleTimeout()` waits: `timerCalc(tries + 1)`.
    pub fn delay(&self, backoff: &Backoff) -> Millis {
        backoff.delay(self.tries.saturating_add(1))
    }

    /// The timer fired: `tries + 1` before the callback runs.
    pub fn fired(&mut self) {
        self.deadline = None;
        self.tries = self.tries.saturating_add(1);
    }
}

/// Which timer a deadline belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Timer {
    /// `reconnectTimer` (`socket.js:200-207`).
    Reconnect,
    /// A socket the client closed has finished closing (`Config::teardown_wait`).
    AfterClose,
    /// `heartbeatTimer`: send the next heartbeat (`socket.js:571,851`).
    Heartbeat,
    /// `heartbeatTimeoutTimer`: the pending heartbeat went unanswered (`socket.js:830`).
    HeartbeatTimeout,
    /// The join push's timeout (`push.js:111-113`, `channel.js:61-68`).
    JoinTimeout(ChannelId),
    /// The channel's `rejoinTimer` (`channel.js:30-32`).
    Rejoin(ChannelId),
    /// A push's timeout (`push.js:111-113`).
    PushTimeout(PushId),
}
