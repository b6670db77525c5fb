//! Every timer phoenix.js keeps with `setTimeout`, as deadlines on the caller's clock. The driver
//! keeps one real timer for the earliest ([`Client::poll_timeout`]) and calls
//! [`Client::handle_timeout`] when it fires.

use super::backoff::Backoff;
use super::channel::ChannelId;
use super::client::Client;
use super::config::Millis;
use super::push::PushId;

/// When a timer is due. Timers due at the same time fire in the order they were armed, as
/// `setTimeout` callbacks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Deadline {
    pub at: Millis,
    armed: u64,
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

impl Client {
    /// A deadline at `at`, after every deadline armed so far.
    pub(super) fn arm(&mut self, at: Millis) -> Deadline {
        self.armed += 1;
        Deadline {
            at,
            armed: self.armed,
        }
    }

    /// Every armed timer.
    pub(super) fn deadlines(&self) -> impl Iterator<Item = (Deadline, Timer)> + '_ {
        let socket = [
            (self.reconnect.deadline, Timer::Reconnect),
            (
                self.after_close.map(|(deadline, _)| deadline),
                Timer::AfterClose,
            ),
            (self.heartbeat.next, Timer::Heartbeat),
            (self.heartbeat.timeout, Timer::HeartbeatTimeout),
        ];
        let channels = self.channels.iter().flat_map(|c| {
            [
                (c.join.deadline, Timer::JoinTimeout(c.id)),
                (c.rejoin.deadline, Timer::Rejoin(c.id)),
            ]
        });
        let pushes = self
            .pushes
            .iter()
            .map(|(id, p)| (p.deadline, Timer::PushTimeout(*id)));
        socket
            .into_iter()
            .chain(channels)
            .chain(pushes)
            .filter_map(|(deadline, timer)| Some((deadline?, timer)))
    }

    /// The earliest timer due by `now` among those armed before `horizon`.
    pub(super) fn next_due(&self, now: Millis, horizon: u64) -> Option<Timer> {
        self.deadlines()
            .filter(|(d, _)| d.at <= now && d.armed <= horizon)
            .min_by_key(|(d, _)| *d)
            .map(|(_, timer)| timer)
    }

    /// Runs one timer's callback. Each first disarms its timer.
    pub(super) fn fire(&mut self, now: Millis, timer: Timer) {
        match timer {
            Timer::Reconnect => self.reconnect_due(now),
            Timer::AfterClose => {
                if let Some((_, then)) = self.after_close {
                    self.closed(now, then);
                }
            }
            Timer::Heartbeat => self.send_heartbeat(now),
            Timer::HeartbeatTimeout => self.heartbeat_timed_out(now),
            Timer::JoinTimeout(channel) => self.join_timed_out(now, channel),
            Timer::Rejoin(channel) => self.rejoin_due(now, channel),
            Timer::PushTimeout(push) => self.push_timed_out(push),
        }
    }
}
