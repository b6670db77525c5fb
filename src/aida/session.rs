//! The AIDA session a conversation speaks in, from none to ready.
//!
//! A new visitor has none: `new_session` asks for one once the channel is joined. A returning
//! visitor has one from storage that the server may have forgotten (a deleted session, a server
//! that lost its data): `put_data` probes it first, since AIDA's channel crashes on a session it
//! does not know. Messages go out only to a ready session.

use crate::phoenix::PushId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// No session: `new_session` goes out on the next join.
    None,
    /// `new_session` is in flight.
    Creating(PushId),
    /// Restored from storage and not checked yet: the next join probes it.
    Unverified(String),
    /// The `put_data` probe is in flight.
    Probing { id: String, probe: PushId },
    /// Known to the server.
    Ready(String),
}

/// What a session's trouble asks of the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Nothing more.
    None,
    /// Ask for a new session.
    Create,
    /// The stored session is gone: keep the old transcript above a divider, ask for a new one.
    StartOver,
}

impl Session {
    /// A session from storage, if there was one.
    pub fn restored(id: Option<String>) -> Session {
        id.map_or(Session::None, Session::Unverified)
    }

    /// The session id, known to the server or not.
    pub fn id(&self) -> Option<&str> {
        match self {
            Session::Unverified(id) | Session::Probing { id, .. } | Session::Ready(id) => Some(id),
            Session::None | Session::Creating(_) => None,
        }
    }

    /// The id of a session messages can go to.
    pub fn ready(&self) -> Option<&str> {
        match self {
            Session::Ready(id) => Some(id),
            _ => None,
        }
    }

    /// Whether `push` is this session's `new_session` or probe.
    pub fn awaits(&self, push: PushId) -> bool {
        matches!(self, Session::Creating(p) | Session::Probing { probe: p, .. } if *p == push)
    }

    /// The reply to `new_session` (with the session id it carries, if any) or to the probe.
    pub fn replied(&mut self, ok: bool, new_id: Option<String>) -> Recovery {
        match std::mem::replace(self, Session::None) {
            Session::Creating(_) => {
                if let (true, Some(id)) = (ok, new_id) {
                    *self = Session::Ready(id);
                }
                Recovery::None
            }
            Session::Probing { id, .. } if ok => {
                *self = Session::Ready(id);
                Recovery::None
            }
            Session::Probing { .. } => Recovery::StartOver,
            other => {
                *self = other;
                Recovery::None
            }
        }
    }

    /// `new_session` or the probe had no reply in time.
    pub fn timed_out(&mut self) -> Recovery {
        match std::mem::replace(self, Session::None) {
            Session::Creating(_) => Recovery::Create,
            Session::Probing { .. } => Recovery::StartOver,
            other => {
                *self = other;
                Recovery::None
            }
        }
    }

    /// The channel errored (`crashed`: the server's channel process died, which AIDA's does on
    /// a session it does not know). Returns whether the session was ready and is now to be
    /// checked again, so that what went out since it last showed it was alive is sent again.
    pub fn channel_errored(&mut self, crashed: bool) -> (Recovery, bool) {
        match std::mem::replace(self, Session::None) {
            Session::Probing { .. } if crashed => (Recovery::StartOver, false),
            Session::Probing { id, .. } => {
                *self = Session::Unverified(id);
                (Recovery::None, false)
            }
            Session::Creating(_) => (Recovery::None, false),
            Session::Ready(id) if crashed => {
                *self = Session::Unverified(id);
                (Recovery::None, true)
            }
            other => {
                *self = other;
                (Recovery::None, false)
            }
        }
    }
}
