//! How the client arms its deadlines and runs the timer that is due (`setTimeout` in phoenix.js).
//! The driver keeps one real timer for the earliest ([`Client::poll_timeout`]) and calls
//! [`Client::handle_timeout`] when it fires.

use super::Client;
use crate::phoenix::config::Millis;
use crate::phoenix::timers::{Deadline, Timer};

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
