//! The conversation: one AIDA session over one Phoenix channel, with the transcript the visitor
//! sees and the delivery state of everything they typed.
//!
//! Like the Phoenix core below it, this is sans-IO: the browser driver feeds it socket events and
//! the time, and carries out what the Phoenix client asks for. All the widget's rules about
//! sessions and delivery live here, so native tests cover them with a virtual clock.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde_json::Value;

use super::config::Config;
use super::protocol::{self, BotMessage, JoinRefusal};
use super::transcript::{Delivery, Entry, From, Image, Stored};
use crate::phoenix::{self, ChannelId, Client, ErrorReason, Event, Millis, Payload, PushId};

/// How long the "replying" indicator waits for the bot after a send.
pub const REPLY_WAIT: Millis = 10_000;
/// AIDA answers `starting` while the bot loads; ask again after this long.
pub const STARTING_RETRY: Millis = 5_000;

/// Why a message failed after the server refused the bot id or token.
pub const UNAVAILABLE: &str = "Not sent: the chat is unavailable.";

/// The connection as the status line tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Connecting,
    Connected,
    /// The socket dropped; the next attempt is due at this time.
    Reconnecting {
        at: Millis,
    },
    /// The browser says it has no network; queued messages wait for it.
    Offline,
    /// AIDA refused the bot id or token; nothing will be retried.
    Unauthorized,
    /// The server refused the join for a reason AIDA does not send; phoenix.js keeps retrying.
    Refused(String),
}

/// Where the session stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Session {
    /// No session yet; `new_session` goes out on the next join.
    None,
    /// `new_session` is in flight.
    Creating,
    /// Restored from storage; `put_data` checks that the server still knows it.
    Unverified(String),
    /// The `put_data` probe is in flight.
    Probing(String),
    Ready(String),
}

impl Session {
    fn id(&self) -> Option<&str> {
        match self {
            Session::Unverified(s) | Session::Probing(s) | Session::Ready(s) => Some(s),
            Session::None | Session::Creating => None,
        }
    }
}

/// What a push was for, so that its outcome can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Purpose {
    NewSession,
    Probe,
    Message(String),
    /// `delete_session` and `put_data` updates: nothing waits on their replies.
    Other,
}

pub struct Chat {
    config: Config,
    client: Client,
    channel: ChannelId,
    joined: bool,
    session: Session,
    /// Shared with the view, which tells an unchanged bubble by its pointer (see
    /// [`Chat::entries`]).
    entries: Vec<Rc<Entry>>,
    pending: HashMap<PushId, Purpose>,
    status: Status,
    /// Until when the "replying" indicator shows.
    replying_until: Option<Millis>,
    /// Set when the transcript or session changed and should be stored.
    dirty: bool,
    /// Console warnings for the driver to print (malformed frames and the like).
    warnings: Vec<String>,
    env: Env,
    next_id: u64,
    /// Entries whose picture is being uploaded.
    uploading: HashSet<String>,
    /// Uploads the driver should start.
    upload_requests: Vec<UploadRequest>,
    /// The browser reported being offline.
    offline: bool,
    /// Messages sent since the session last showed it was alive (a bot answer, or an ok
    /// reply): sent again if the channel crashes, as AIDA's does on an unknown session.
    unconfirmed: Vec<String>,
    /// Messages the bot answered before their frame was reported sent.
    answered_early: HashSet<String>,
    /// Entries this page sends: its own, and the queue it restored. Queued entries that another
    /// tab wrote are that tab's to send.
    owned: HashSet<String>,
}

/// An upload the driver must carry out: POST the entry's file to `url` (multipart field
/// `file`), then report with [`Chat::upload_finished`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRequest {
    pub entry: String,
    pub url: String,
}

/// What the driver knows of the world that the conversation cannot compute.
#[derive(Debug, Clone)]
pub struct Env {
    /// Wall-clock ms since the epoch at monotonic time 0, for the bubbles' time stamps.
    pub wall_offset: f64,
    /// A prefix unique to this page load (a UUID), so that local ids never collide.
    pub id_prefix: String,
}

impl Chat {
    /// A conversation for `config`, resuming `stored` when there is one.
    pub fn new(config: Config, stored: Option<Stored>, env: Env) -> Chat {
        let mut client = Client::new(phoenix::Config {
            endpoint: config.server.clone(),
            ..phoenix::Config::default()
        });
        let channel = client.channel(
            &protocol::topic(&config.bot_id),
            protocol::join_params(&config.access_token),
        );
        let (session, entries) = match stored {
            Some(Stored {
                session: Some(s),
                entries,
                ..
            }) => (Session::Unverified(s), entries),
            Some(Stored { entries, .. }) => (Session::None, entries),
            None => (Session::None, Vec::new()),
        };
        let entries: Vec<Rc<Entry>> = entries.into_iter().map(Rc::new).collect();
        let owned = entries
            .iter()
            .filter(|e| e.is_queued())
            .map(|e| e.id.clone())
            .collect();
        Chat {
            config,
            client,
            channel,
            joined: false,
            session,
            entries,
            pending: HashMap::new(),
            status: Status::Connecting,
            replying_until: None,
            dirty: false,
            warnings: Vec::new(),
            env,
            next_id: 0,
            uploading: HashSet::new(),
            upload_requests: Vec::new(),
            offline: false,
            unconfirmed: Vec::new(),
            answered_early: HashSet::new(),
            owned,
        }
    }

    /// Opens the socket and joins the bot's channel.
    pub fn start(&mut self, now: Millis) {
        self.client.connect(now);
        self.client.join(now, self.channel);
        self.pump(now);
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The Phoenix client, for the I/O driver: it feeds socket events in and carries transmits
    /// out, then calls [`Chat::pump`].
    pub fn client_mut(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The transcript. Entries change copy-on-write (`Rc::make_mut`): while the view holds an
    /// entry, a change gives it a new `Rc`, so the same pointer always means the same contents.
    pub fn entries(&self) -> &[Rc<Entry>] {
        &self.entries
    }

    /// The connection as the status line tells it; the browser saying it is offline wins over
    /// a reconnect countdown that cannot succeed.
    pub fn status(&self) -> &Status {
        match self.status {
            Status::Connecting | Status::Reconnecting { .. } | Status::Connected
                if self.offline =>
            {
                &Status::Offline
            }
            _ => &self.status,
        }
    }

    /// The browser went offline or came back online (`navigator.onLine`). Back online, the
    /// socket reconnects at once instead of waiting out the backoff.
    pub fn set_online(&mut self, now: Millis, online: bool) {
        self.offline = !online;
        if online {
            self.client.page_visible(now);
        }
        self.pump(now);
    }

    pub fn session(&self) -> Option<&str> {
        self.session.id()
    }

    /// Whether the bot is presumably writing an answer.
    pub fn replying(&self, now: Millis) -> bool {
        self.replying_until.is_some_and(|until| now < until)
    }

    /// The earliest time at which anything here changes by itself: the Phoenix timers, and the
    /// end of the "replying" indicator.
    pub fn poll_timeout(&self) -> Option<Millis> {
        [self.client.poll_timeout(), self.replying_until]
            .into_iter()
            .flatten()
            .min()
    }

    /// Runs due timers.
    pub fn handle_timeout(&mut self, now: Millis) {
        if self.replying_until.is_some_and(|until| until <= now) {
            self.replying_until = None;
        }
        self.client.handle_timeout(now);
        self.pump(now);
    }

    /// Whether something changed that [`Chat::take_store`] has not given out yet.
    pub fn store_due(&self) -> bool {
        self.dirty
    }

    /// The stored form, when something changed since the last call.
    pub fn take_store(&mut self) -> Option<String> {
        std::mem::take(&mut self.dirty).then(|| Stored::encode(self.session.id(), &self.entries))
    }

    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The visitor sends `text` (trimmed; empty text is ignored).
    pub fn send_text(&mut self, now: Millis, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.add_entry(now, From::User, text.to_owned());
        self.fail_if_refused();
        self.flush_outbox(now);
        self.pump(now);
    }

    /// The visitor attached a picture: returns the new entry's id, under which the driver keeps
    /// the file until [`Chat::take_uploads`] asks for it.
    pub fn attach_image(&mut self, now: Millis) -> String {
        let id = self.add_entry(now, From::User, String::new());
        if let Some(entry) = self.entries.last_mut() {
            Rc::make_mut(entry).image = Some(Image { id: None });
        }
        self.fail_if_refused();
        self.flush_outbox(now);
        self.pump(now);
        id
    }

    /// Uploads to start now (the session is known).
    pub fn take_uploads(&mut self) -> Vec<UploadRequest> {
        std::mem::take(&mut self.upload_requests)
    }

    /// The outcome of an upload: the server's image id, or why it failed (in words for the
    /// visitor).
    pub fn upload_finished(&mut self, now: Millis, entry: &str, result: Result<String, String>) {
        if !self.uploading.remove(entry) {
            return;
        }
        let Some(e) = self.entries.iter_mut().find(|e| e.id == entry) else {
            return;
        };
        let e = Rc::make_mut(e);
        match result {
            Ok(id) if super::config::is_uuid(&id) => {
                e.image = Some(Image {
                    id: Some(id.to_ascii_lowercase()),
                });
            }
            Ok(id) => {
                e.status = Some(Delivery::Failed);
                e.error = Some("The server answered the upload with an invalid image id.".into());
                self.warnings.push(format!(
                    "aida-chat: upload answered with a non-UUID id {id:?}"
                ));
            }
            Err(why) => {
                e.status = Some(Delivery::Failed);
                e.error = Some(why);
            }
        }
        self.dirty = true;
        self.flush_outbox(now);
        self.pump(now);
    }

    /// The image URL for a server image id, built only from a UUID so that a hostile id can
    /// never point an `<img>` elsewhere.
    pub fn image_url(&self, id: &str) -> Option<String> {
        super::config::is_uuid(id).then(|| format!("{}/image/{id}", self.config.content_url))
    }

    /// Another tab of the same site stored the conversation: show what it has. AIDA answers only
    /// the socket that sent a message, so this is how both tabs show the whole conversation.
    pub fn sync_from(&mut self, now: Millis, stored: Stored) {
        let Some(session) = stored.session else {
            return;
        };
        if self.session.id() != Some(session.as_str()) {
            // The other tab started a new conversation, or recovered a stale one.
            let mine: Vec<Rc<Entry>> = self
                .entries
                .iter()
                .filter(|e| e.is_queued() && self.owned.contains(&e.id))
                .cloned()
                .collect();
            self.entries = stored.entries.into_iter().map(Rc::new).collect();
            let known: HashSet<String> = self.entries.iter().map(|e| e.id.clone()).collect();
            self.entries
                .extend(mine.into_iter().filter(|e| !known.contains(&e.id)));
            self.pending.retain(|_, p| *p == Purpose::Other);
            self.uploading.clear();
            self.session = Session::Ready(session);
            self.flush_outbox(now);
            return;
        }
        for theirs in stored.entries {
            match self.entries.iter_mut().find(|e| e.id == theirs.id) {
                // An unchanged entry keeps its pointer, so its bubble is not drawn again.
                Some(ours) if !self.owned.contains(&ours.id) && **ours != theirs => {
                    *ours = Rc::new(theirs)
                }
                Some(_) => {}
                None => {
                    let at = self.entries.partition_point(|e| e.at <= theirs.at);
                    self.entries.insert(at, Rc::new(theirs));
                }
            }
        }
    }

    /// Puts a failed message back in the queue (this tab sends it).
    pub fn retry(&mut self, now: Millis, id: &str) {
        self.owned.insert(id.to_owned());
        if self.status == Status::Unauthorized {
            return;
        }
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id)
            && entry.status == Some(Delivery::Failed)
        {
            let entry = Rc::make_mut(entry);
            entry.status = Some(Delivery::Queued);
            entry.error = None;
            self.dirty = true;
        }
        self.flush_outbox(now);
        self.pump(now);
    }

    /// "New conversation": deletes the session on the server, clears the transcript and asks for
    /// a fresh session.
    /// The integrator's `putData`: merged into the user data (sent with any later
    /// `new_session`), and sent now as `put_data` when there is a session.
    pub fn put_data(&mut self, now: Millis, data: serde_json::Map<String, Value>) {
        self.config.user_data.extend(data.clone());
        if let (Session::Ready(session), true) = (&self.session, self.joined) {
            let payload = protocol::put_data(session, &data);
            self.push(now, protocol::PUT_DATA, payload, Purpose::Other);
        }
        self.pump(now);
    }

    pub fn new_conversation(&mut self, now: Millis) {
        if let Some(session) = self.session.id().map(str::to_owned)
            && self.joined
        {
            let payload = protocol::delete_session(&session);
            self.push(now, protocol::DELETE_SESSION, payload, Purpose::Other);
        }
        self.pending.retain(|_, p| *p == Purpose::Other);
        self.session = Session::None;
        self.entries.clear();
        self.unconfirmed.clear();
        self.uploading.clear();
        self.upload_requests.clear();
        self.replying_until = None;
        self.dirty = true;
        self.create_session(now);
        self.pump(now);
    }

    /// Drains the Phoenix client's events and acts on them. The driver calls this after feeding
    /// the client anything.
    pub fn pump(&mut self, now: Millis) {
        while let Some(event) = self.client.poll_event() {
            self.on_event(now, event);
        }
    }

    fn on_event(&mut self, now: Millis, event: Event) {
        match event {
            Event::SocketOpened if self.status != Status::Unauthorized => {
                self.status = Status::Connecting;
            }
            Event::SocketClosed { reconnect_at, .. } => {
                self.joined = false;
                if let (Some(at), false) = (reconnect_at, self.status == Status::Unauthorized) {
                    self.status = Status::Reconnecting { at };
                }
            }
            Event::SocketErrored => {}
            Event::Joined { channel, .. } if channel == self.channel => self.on_joined(now),
            Event::JoinFailed { channel, response } if channel == self.channel => {
                self.on_join_refused(now, &response)
            }
            Event::JoinTimedOut { .. } => {}
            Event::ChannelErrored { channel, reason } if channel == self.channel => {
                self.on_channel_errored(now, reason)
            }
            Event::ChannelClosed { channel } if channel == self.channel => self.joined = false,
            Event::Message {
                channel,
                event,
                payload,
            } if channel == self.channel => self.on_message(now, &event, payload),
            Event::Reply {
                push,
                status,
                response,
            } => self.on_reply(now, push, &status, response),
            Event::PushTimedOut { push } => self.on_push_timeout(now, push),
            Event::PushSent { push } => self.on_push_sent(push),
            Event::PushAbandoned { push } => {
                if let Some(Purpose::Message(id)) = self.pending.remove(&push) {
                    self.set_status(&id, Delivery::Failed);
                }
            }
            Event::Malformed { error } => self
                .warnings
                .push(format!("aida-chat: ignored a malformed frame: {error}")),
            _ => {}
        }
    }

    fn on_joined(&mut self, now: Millis) {
        self.joined = true;
        self.status = Status::Connected;
        match self.session.clone() {
            Session::None => self.create_session(now),
            Session::Unverified(s) => {
                let probe = protocol::put_data(&s, &self.config.user_data);
                self.push(now, protocol::PUT_DATA, probe, Purpose::Probe);
                self.session = Session::Probing(s);
            }
            Session::Ready(_) => self.flush_outbox(now),
            Session::Creating | Session::Probing(_) => {}
        }
    }

    fn on_join_refused(&mut self, now: Millis, response: &Value) {
        self.joined = false;
        match JoinRefusal::parse(response) {
            JoinRefusal::Unauthorized => {
                // Retrying cannot help (phoenix.js would retry forever): stop, and close the
                // socket, which has nothing else to carry.
                self.client.abandon(self.channel);
                self.client.disconnect(now, None, None);
                self.status = Status::Unauthorized;
                self.fail_queued();
            }
            JoinRefusal::Starting => {
                self.client.rejoin_at(self.channel, now + STARTING_RETRY);
                self.status = Status::Connecting;
            }
            JoinRefusal::Other(reason) => self.status = Status::Refused(reason),
        }
    }

    fn on_channel_errored(&mut self, now: Millis, reason: ErrorReason) {
        self.joined = false;
        match std::mem::replace(&mut self.session, Session::None) {
            // The probe crashed the channel: the server does not know the stored session.
            Session::Probing(_) if reason == ErrorReason::ChannelCrash => self.start_over(now),
            Session::Probing(s) => self.session = Session::Unverified(s),
            Session::Creating => {}
            // AIDA's channel crashes on a message for a session it no longer knows (a server
            // that lost its data). Check the session again before anything else goes out, and
            // send again what went out since the session last showed it was alive.
            Session::Ready(s) if reason == ErrorReason::ChannelCrash => {
                self.session = Session::Unverified(s);
                for id in std::mem::take(&mut self.unconfirmed) {
                    self.set_status(&id, Delivery::Queued);
                }
            }
            other => self.session = other,
        }
        // Frames that never left the browser are sent again after the rejoin.
        let unsent: Vec<PushId> = self
            .pending
            .iter()
            .filter(|(_, purpose)| matches!(purpose, Purpose::Message(_)))
            .map(|(push, _)| *push)
            .collect();
        for push in unsent {
            if let Some(Purpose::Message(id)) = self.pending.remove(&push) {
                self.set_status(&id, Delivery::Queued);
            }
        }
        self.pending.retain(|_, p| *p == Purpose::Other);
    }

    fn on_message(&mut self, now: Millis, event: &str, payload: Payload) {
        if event != protocol::BTU_MSG {
            return;
        }
        let Payload::Json(payload) = payload else {
            return;
        };
        let Some(message) = BotMessage::parse(&payload) else {
            self.warnings
                .push("aida-chat: ignored a btu_msg without session and text".into());
            return;
        };
        if self.session.id() != Some(message.session.as_str()) {
            return; // AIDA broadcasts some messages to every visitor of the bot.
        }
        self.replying_until = None;
        // The bot answered: the session is alive, and what went before it arrived, including
        // frames whose drain the driver has not reported yet.
        self.unconfirmed.clear();
        let answered = self.pending.values().filter_map(|p| match p {
            Purpose::Message(id) => Some(id.clone()),
            _ => None,
        });
        self.answered_early.extend(answered);
        self.add_entry(now, From::Bot, message.text);
    }

    fn add_entry(&mut self, now: Millis, from: From, text: String) -> String {
        self.next_id += 1;
        let id = format!("{}-{}", self.env.id_prefix, self.next_id);
        self.entries.push(Rc::new(Entry {
            id: id.clone(),
            from,
            text,
            at: self.env.wall_offset + now as f64,
            status: (from == From::User).then_some(Delivery::Queued),
            image: None,
            error: None,
        }));
        if from == From::User {
            self.owned.insert(id.clone());
        }
        self.dirty = true;
        id
    }

    fn on_reply(&mut self, now: Millis, push: PushId, status: &str, response: Payload) {
        let Some(purpose) = self.pending.remove(&push) else {
            return;
        };
        let response = match response {
            Payload::Json(value) => value,
            Payload::Binary(_) => Value::Null,
        };
        match (purpose, status) {
            (Purpose::NewSession, "ok") => match protocol::session_of_reply(&response) {
                Some(session) => {
                    self.session = Session::Ready(session);
                    self.dirty = true;
                    self.flush_outbox(now);
                }
                None => {
                    self.warnings.push(format!(
                        "aida-chat: new_session reply has no session id: {response}"
                    ));
                    self.session = Session::None;
                }
            },
            (Purpose::NewSession, _) => self.session = Session::None,
            (Purpose::Probe, "ok") => {
                if let Session::Probing(s) = &self.session {
                    self.session = Session::Ready(s.clone());
                    self.flush_outbox(now);
                }
            }
            (Purpose::Probe, _) => {
                self.start_over(now);
                self.create_session(now);
            }
            (Purpose::Message(_) | Purpose::Other, _) => {}
        }
    }

    fn on_push_timeout(&mut self, now: Millis, push: PushId) {
        match self.pending.remove(&push) {
            Some(Purpose::Probe) => {
                self.start_over(now);
                self.create_session(now);
            }
            Some(Purpose::NewSession) => {
                self.session = Session::None;
                self.create_session(now);
            }
            // utb_msg never gets a reply: its timeout is normal, and says nothing of delivery.
            // A frame that never left (still queued) is sent again.
            Some(Purpose::Message(_)) => self.flush_outbox(now),
            _ => {}
        }
    }

    fn on_push_sent(&mut self, push: PushId) {
        if let Some(Purpose::Message(id)) = self.pending.get(&push).cloned() {
            self.pending.remove(&push);
            self.set_status(&id, Delivery::Sent);
            if !self.answered_early.remove(&id) {
                self.unconfirmed.push(id);
            }
        }
    }

    /// The stored session is gone: keep the old transcript above a divider and start afresh.
    fn start_over(&mut self, now: Millis) {
        self.session = Session::None;
        if self.entries.last().is_some_and(|e| e.from != From::Divider) {
            self.add_entry(now, From::Divider, String::new());
        }
        self.dirty = true;
    }

    fn create_session(&mut self, now: Millis) {
        if self.joined && self.session == Session::None {
            let payload = protocol::new_session(&self.config.user_data);
            self.push(now, protocol::NEW_SESSION, payload, Purpose::NewSession);
            self.session = Session::Creating;
        }
    }

    /// Sends every queued message, in order, once there is a joined channel and a known session.
    /// A picture is uploaded first, and its `utb_img` goes out when the upload is done: later
    /// messages do not wait for it.
    fn flush_outbox(&mut self, now: Millis) {
        let Session::Ready(session) = &self.session else {
            return;
        };
        if !self.joined {
            return;
        }
        let session = session.clone();
        let in_flight: HashSet<&str> = self
            .pending
            .values()
            .filter_map(|p| match p {
                Purpose::Message(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let mut pushes = Vec::new();
        for entry in self
            .entries
            .iter()
            .filter(|e| e.is_queued() && self.owned.contains(&e.id))
        {
            if in_flight.contains(entry.id.as_str()) || self.uploading.contains(&entry.id) {
                continue;
            }
            match &entry.image {
                Some(Image { id: None }) => {
                    let url = format!(
                        "{}/image/{}/{session}",
                        self.config.content_url, self.config.bot_id
                    );
                    self.upload_requests.push(UploadRequest {
                        entry: entry.id.clone(),
                        url,
                    });
                    self.uploading.insert(entry.id.clone());
                }
                Some(Image { id: Some(image) }) => {
                    let payload = protocol::utb_img(&session, image);
                    pushes.push((entry.id.clone(), protocol::UTB_IMG, payload));
                }
                None => {
                    let payload = protocol::utb_msg(&session, &entry.text);
                    pushes.push((entry.id.clone(), protocol::UTB_MSG, payload));
                }
            }
        }
        for (id, event, payload) in pushes {
            self.push(now, event, payload, Purpose::Message(id));
            self.replying_until = Some(now + REPLY_WAIT);
        }
    }

    /// After `unauthorized` nothing can be sent: new messages fail at once, and say why.
    fn fail_if_refused(&mut self) {
        if self.status == Status::Unauthorized {
            self.fail_queued();
        }
    }

    fn fail_queued(&mut self) {
        let owned = &self.owned;
        for entry in self
            .entries
            .iter_mut()
            .filter(|e| e.is_queued() && owned.contains(&e.id))
        {
            Rc::make_mut(entry).status = Some(Delivery::Failed);
            self.dirty = true;
        }
        self.uploading.clear();
    }

    fn set_status(&mut self, id: &str, status: Delivery) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id)
            && entry.status != Some(status)
        {
            Rc::make_mut(entry).status = Some(status);
            self.dirty = true;
        }
    }

    fn push(&mut self, now: Millis, event: &str, payload: Value, purpose: Purpose) {
        let push = self.client.push(now, self.channel, event, payload, None);
        self.pending.insert(push, purpose);
    }
}
