//! The conversation: one AIDA session over one Phoenix channel, with the transcript the visitor
//! sees and the delivery of everything they write.
//!
//! Like the Phoenix client below it, this is sans-IO. Everything that happens to a chat comes in
//! through [`Chat::handle`] as an [`Input`] (the browser's socket, its clock, the visitor), and
//! what the chat asks of the world goes out through the `poll_`/`take_` calls. The Phoenix client
//! is the chat's own: nothing else feeds it or reads its events. The rules live beside this
//! file: the session's lifecycle in `session.rs`, delivery in `outbox.rs`, the entries in
//! `transcript.rs`.

use std::rc::Rc;

use crate::json::{self, Map, Value};

use super::config::Config;
use super::outbox::{Outbox, Stage};
use super::protocol::{self, BotMessage, JoinRefusal};
use super::session::{Recovery, Session};
use super::status::Status;
use super::store::Stored;
use super::transcript::{Author, Delivery, Entry, Env, Failure, Image, Transcript};
use crate::phoenix::{
    self, ChannelId, Client, ErrorReason, Event, Millis, Payload, PushId, SocketEvent, Transmit,
};

/// How long the "replying" indicator waits for the bot after a send.
pub const REPLY_WAIT: Millis = 10_000;
/// AIDA answers `starting` while the bot loads; ask again after this long.
pub const STARTING_RETRY: Millis = 5_000;

/// Everything that can happen to a chat.
#[derive(Debug)]
pub enum Input<'a> {
    /// Open the socket and join the bot's channel.
    Start,
    /// Something happened on the socket.
    Socket(SocketEvent<'a>),
    /// Timers may be due ([`Chat::poll_timeout`]).
    Timeout,
    /// The page became visible again: a socket that is down reconnects at once.
    PageVisible,
    /// The browser went offline or came back (`navigator.onLine`).
    Online(bool),
    /// The visitor sends this text (trimmed; empty text is ignored).
    Send(&'a str),
    /// The visitor attached a picture (already checked), shown and kept by the page under
    /// `preview` until its upload.
    Attach { preview: String },
    /// An upload the chat asked for ([`Chat::take_uploads`]) has sent this much of its picture
    /// (percent).
    UploadProgress { entry: &'a str, percent: u8 },
    /// An upload the chat asked for ([`Chat::take_uploads`]) ended: the server's image id, or
    /// why it failed (the visitor's Cancel is a failure too: the picture waits for Retry).
    Uploaded {
        entry: &'a str,
        result: Result<String, Failure>,
    },
    /// The visitor retries a failed message.
    Retry(&'a str),
    /// The visitor cancels a picture before its upload ends: it fails, and waits for Retry.
    Cancel(&'a str),
    /// The integrator's `putData`.
    PutData(Map),
    /// The visitor's language changed (ISO 639-1): the bot hears it, now or with the next
    /// session.
    Language(String),
    /// "New conversation".
    NewConversation,
    /// Another tab of the same site stored the conversation.
    Synced(Stored),
}

/// An upload the driver must carry out: POST the picture kept under `preview` to `url`
/// (multipart field `file`), then report with [`Input::Uploaded`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRequest {
    pub entry: String,
    pub url: String,
    /// `None` when the page no longer has the picture (it was reloaded before the upload).
    pub preview: Option<String>,
}

pub struct Chat {
    config: Config,
    client: Client,
    channel: ChannelId,
    /// The channel is joined over an open socket.
    joined: bool,
    session: Session,
    transcript: Transcript,
    outbox: Outbox,
    status: Status,
    /// The browser reported being offline.
    offline: bool,
    /// Until when the "replying" indicator shows.
    replying_until: Option<Millis>,
    /// Console warnings for the driver to print (malformed frames and the like).
    warnings: Vec<String>,
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
        let (session, entries) = stored.map_or((None, Vec::new()), |s| (s.session, s.entries));
        // What this page restores still queued is this page's to send.
        let mut outbox = Outbox::default();
        for entry in entries.iter().filter(|e| e.is_queued()) {
            outbox.add(&entry.id);
        }
        Chat {
            config,
            client,
            channel,
            joined: false,
            session: Session::restored(session),
            transcript: Transcript::new(entries, env),
            outbox,
            status: Status::Connecting,
            offline: false,
            replying_until: None,
            warnings: Vec::new(),
        }
    }

    /// Takes an input, then acts on what the Phoenix client has to say about it: the one place
    /// where the client's events are read.
    pub fn handle(&mut self, now: Millis, input: Input<'_>) {
        match input {
            Input::Start => {
                self.client.connect(now);
                self.client.join(now, self.channel);
            }
            Input::Socket(event) => self.client.handle_socket(now, event),
            Input::Timeout => {
                if self.replying_until.is_some_and(|until| until <= now) {
                    self.replying_until = None;
                }
                self.client.handle_timeout(now);
            }
            Input::PageVisible => self.client.page_visible(now),
            Input::Online(online) => {
                self.offline = !online;
                if online {
                    self.client.page_visible(now);
                }
            }
            Input::Send(text) => {
                let text = text.trim();
                if !text.is_empty() {
                    self.write(now, text.to_owned(), None);
                }
            }
            Input::Attach { preview } => {
                let image = Image {
                    preview: Some(preview),
                    ..Image::default()
                };
                self.write(now, String::new(), Some(image));
            }
            Input::UploadProgress { entry, percent } => self.upload_progress(entry, percent),
            Input::Uploaded { entry, result } => self.uploaded(now, entry, result),
            Input::Retry(id) => self.retry(now, id),
            Input::Cancel(id) => self.cancel(id),
            Input::PutData(data) => self.put_data(now, data),
            Input::Language(language) => self.set_language(now, language),
            Input::NewConversation => self.new_conversation(now),
            Input::Synced(stored) => self.synced(now, stored),
        }
        while let Some(event) = self.client.poll_event() {
            self.on_event(now, event);
        }
    }

    // ----- what the chat asks of the world ----------------------------------------------------

    /// The next thing to do on the socket.
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.client.poll_transmit()
    }

    /// The earliest time at which anything here changes by itself: the Phoenix timers, and the
    /// end of the "replying" indicator.
    pub fn poll_timeout(&self) -> Option<Millis> {
        [self.client.poll_timeout(), self.replying_until]
            .into_iter()
            .flatten()
            .min()
    }

    /// Uploads to start now (the session is known). Each shows its progress from 0 on.
    pub fn take_uploads(&mut self) -> Vec<UploadRequest> {
        let due = self.outbox.take_uploads();
        for (entry, _) in &due {
            self.transcript.update_unstored(entry, |e| {
                if let Some(image) = &mut e.image {
                    image.progress = Some(0);
                }
            });
        }
        due.into_iter()
            .map(|(entry, url)| UploadRequest {
                preview: self
                    .transcript
                    .get(&entry)
                    .and_then(|e| e.image.as_ref()?.preview.clone()),
                entry,
                url,
            })
            .collect()
    }

    /// Whether the upload of the picture of `entry` is still wanted: once it is not (it ended,
    /// or the visitor cancelled it), the driver stops it.
    pub fn uploading(&self, entry: &str) -> bool {
        self.outbox.stage(entry) == Some(&Stage::Uploading)
    }

    /// Whether something changed that [`Chat::take_store`] has not given out yet.
    pub fn store_due(&self) -> bool {
        self.transcript.dirty()
    }

    /// The stored form, when something changed since the last call.
    pub fn take_store(&mut self) -> Option<String> {
        self.transcript
            .saved()
            .then(|| Stored::encode(self.session.id(), self.transcript.entries()))
    }

    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    // ----- what the view reads ------------------------------------------------------------------

    /// The transcript, shared copy-on-write (see [`Transcript`]).
    pub fn entries(&self) -> &Rc<Vec<Rc<Entry>>> {
        self.transcript.entries()
    }

    /// Bot messages that arrived since the page started; the restored history is not counted.
    pub fn arrivals(&self) -> u64 {
        self.transcript.arrivals()
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

    pub fn session(&self) -> Option<&str> {
        self.session.id()
    }

    /// Whether the bot is presumably writing an answer.
    pub fn replying(&self, now: Millis) -> bool {
        self.replying_until.is_some_and(|until| now < until)
    }

    // ----- the visitor and the page ---------------------------------------------------------

    /// A new message of the visitor's: it shows at once and goes out as soon as it can.
    fn write(&mut self, now: Millis, text: String, image: Option<Image>) {
        let id = self.transcript.add(now, Author::User, text, image);
        self.outbox.add(&id);
        self.forget_oldest();
        if self.status == Status::Unauthorized {
            self.fail_pending();
        }
        self.create_session(now);
        self.flush(now);
    }

    fn upload_progress(&mut self, entry: &str, percent: u8) {
        let shown = |e: &Entry| e.image.as_ref().and_then(|i| i.progress);
        let changed = self.transcript.get(entry).map(shown) != Some(Some(percent));
        if self.outbox.stage(entry) == Some(&Stage::Uploading) && changed {
            self.transcript.update_unstored(entry, |e| {
                if let Some(image) = &mut e.image {
                    image.progress = Some(percent);
                }
            });
        }
    }

    fn uploaded(&mut self, now: Millis, entry: &str, result: Result<String, Failure>) {
        let image = match &result {
            Ok(id) if protocol::is_uuid(id) => Some(id.to_ascii_lowercase()),
            _ => None,
        };
        if !self.outbox.uploaded(entry, image.is_some()) {
            return;
        }
        let failure = match result {
            Ok(_) if image.is_some() => None,
            Ok(id) => {
                self.warnings.push(format!(
                    "aida-chat: upload answered with a non-UUID id {}",
                    crate::json::quoted(&id)
                ));
                Some(Failure::InvalidId)
            }
            Err(failure) => Some(failure),
        };
        self.transcript.update(entry, |e| match failure {
            Some(failure) => {
                e.error = Some(failure);
                if let Some(image) = &mut e.image {
                    image.progress = None;
                }
            }
            None => {
                e.image = Some(Image {
                    id: image,
                    ..Image::default()
                })
            }
        });
        self.show(&[entry.to_owned()]);
        self.flush(now);
    }

    fn cancel(&mut self, id: &str) {
        let picture = self.transcript.get(id).is_some_and(Entry::awaits_upload);
        if picture && self.outbox.cancel(id) {
            self.transcript.update(id, |e| {
                e.error = Some(Failure::Cancelled);
                if let Some(image) = &mut e.image {
                    image.progress = None;
                }
            });
            self.show(&[id.to_owned()]);
        }
    }

    /// Puts a failed message back in the queue: this page sends it.
    fn retry(&mut self, now: Millis, id: &str) {
        let failed = self
            .transcript
            .get(id)
            .is_some_and(|e| e.status == Some(Delivery::Failed));
        if self.status == Status::Unauthorized || !failed {
            return;
        }
        self.outbox.add(id);
        self.transcript.update(id, |e| {
            e.status = Some(Delivery::Queued);
            e.error = None;
        });
        self.create_session(now);
        self.flush(now);
    }

    /// Merged into the user data (sent with any later `new_session`), and sent now as
    /// `put_data` when there is a session.
    fn put_data(&mut self, now: Millis, data: Map) {
        self.config.user_data.extend(data.clone());
        if let (Some(session), true) = (self.session.ready(), self.joined) {
            let payload = protocol::put_data(session, &data);
            self.client
                .push(now, self.channel, protocol::PUT_DATA, payload, None);
        }
    }

    /// The session's `language` is set now if there is a session (a push waits for the join),
    /// and goes with the next `new_session` in any case.
    fn set_language(&mut self, now: Millis, language: String) {
        if let Some(session) = self.session.id() {
            let mut data = Map::new();
            data.insert("language".into(), Value::String(language.clone()));
            let payload = protocol::put_data(session, &data);
            self.client
                .push(now, self.channel, protocol::PUT_DATA, payload, None);
        }
        self.config.language = Some(language);
    }

    /// Deletes the session on the server, clears the transcript and asks for a fresh session.
    fn new_conversation(&mut self, now: Millis) {
        if let (Some(session), true) = (self.session.id(), self.joined) {
            let payload = protocol::delete_session(session);
            self.client
                .push(now, self.channel, protocol::DELETE_SESSION, payload, None);
        }
        self.session = Session::None;
        self.transcript.clear();
        self.outbox.clear();
        self.replying_until = None;
        self.create_session(now);
    }

    /// AIDA answers only the socket that sent a message, so tabs share the conversation through
    /// storage: this shows what the other tab stored.
    fn synced(&mut self, now: Millis, stored: Stored) {
        let Some(session) = stored.session else {
            return;
        };
        if self.session.id() == Some(session.as_str()) {
            for theirs in stored.entries {
                let outbox = &self.outbox;
                self.transcript.merge(theirs, |id| outbox.has(id));
            }
            return;
        }
        // The other tab started a new conversation, or recovered a stale one: take it, with
        // what this page has still to send, which goes to that session.
        let pending: Vec<Rc<Entry>> = self
            .entries()
            .iter()
            .filter(|e| self.outbox.stage(&e.id).is_some_and(Stage::pending))
            .cloned()
            .collect();
        self.transcript.replace(stored.entries, pending);
        let transcript = &self.transcript;
        let moved = self.outbox.moved(|id| transcript.get(id).is_some());
        self.show(&moved);
        self.session = Session::Ready(session);
        self.flush(now);
    }

    // ----- what the Phoenix client tells ----------------------------------------------------

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
            Event::Joined { channel, .. } if channel == self.channel => self.on_joined(now),
            Event::JoinFailed { channel, response } if channel == self.channel => {
                self.on_join_refused(now, &response)
            }
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
            } => self.on_reply(now, push, status == "ok", response),
            Event::PushTimedOut { push } => self.on_push_timeout(now, push),
            Event::PushSent { push } => self.on_push_sent(push),
            Event::PushAbandoned { push } => {
                let abandoned = self.outbox.abandoned(push);
                self.show(abandoned.as_slice());
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
        match &self.session {
            Session::None => self.create_session(now),
            Session::Unverified(id) => {
                let id = id.clone();
                let payload = protocol::put_data(&id, &self.config.user_data);
                let probe = self
                    .client
                    .push(now, self.channel, protocol::PUT_DATA, payload, None);
                self.session = Session::Probing { id, probe };
            }
            Session::Ready(_) => self.flush(now),
            Session::Creating(_) | Session::Probing { .. } => {}
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
                self.fail_pending();
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
        let (recovery, check_again) = self
            .session
            .channel_errored(reason == ErrorReason::ChannelCrash);
        self.recover(now, recovery);
        let unsent = self.outbox.unsent(check_again);
        self.show(&unsent);
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
        // Changes no delivery the visitor sees: it settles what a crash would send again.
        self.outbox.answered();
        self.transcript.add(now, Author::Bot, message.text, None);
        self.forget_oldest();
    }

    /// A long conversation forgets its oldest messages, but never one that a lost session
    /// would send again.
    fn forget_oldest(&mut self) {
        let outbox = &mut self.outbox;
        self.transcript.forget_oldest(|e| {
            let resendable = outbox.stage(&e.id) == Some(&Stage::Sent);
            if !resendable {
                outbox.forget(&e.id);
            }
            !resendable
        });
    }

    fn on_reply(&mut self, now: Millis, push: PushId, ok: bool, response: Payload) {
        // Replies to messages say nothing more than their drain did (AIDA sends none).
        if !self.session.awaits(push) {
            return;
        }
        let creating = matches!(self.session, Session::Creating(_));
        let new_id = match (&response, creating && ok) {
            (Payload::Json(value), true) => {
                let id = protocol::session_of_reply(value);
                if id.is_none() {
                    self.warnings.push(format!(
                        "aida-chat: new_session reply has no session id: {}",
                        json::stringify(value)
                    ));
                }
                id
            }
            _ => None,
        };
        let recovery = self.session.replied(ok, new_id);
        self.recover(now, recovery);
        if self.session.ready().is_some() {
            if creating {
                self.transcript.touch();
            }
            self.flush(now);
        }
    }

    fn on_push_timeout(&mut self, now: Millis, push: PushId) {
        if self.session.awaits(push) {
            let recovery = self.session.timed_out();
            self.recover(now, recovery);
        } else if self.outbox.timed_out(push).is_some() {
            self.flush(now);
        }
    }

    fn on_push_sent(&mut self, push: PushId) {
        let sent = self.outbox.sent(push);
        self.show(sent.as_slice());
    }

    // ----- the session and the outbox ---------------------------------------------------------

    fn recover(&mut self, now: Millis, recovery: Recovery) {
        match recovery {
            Recovery::None => {}
            Recovery::Create => self.create_session(now),
            Recovery::StartOver => {
                self.transcript.divide(now);
                self.create_session(now);
            }
        }
    }

    /// Asks for a session once joined, if the conversation needs one: at once, so that the
    /// visitor's first message does not wait for it, unless a greeting stands for the bot's first
    /// word; then only once the visitor has something to send (AIDA hears of no visitor who
    /// only read the greeting).
    fn create_session(&mut self, now: Millis) {
        let needed = self.config.greeting.is_none() || self.outbox.any_pending();
        if self.joined && self.session == Session::None && needed {
            let payload = protocol::new_session(&self.session_data());
            let push = self
                .client
                .push(now, self.channel, protocol::NEW_SESSION, payload, None);
            self.session = Session::Creating(push);
        }
    }

    /// What a new session starts with: the integrator's user data, and the visitor's language
    /// unless the user data sets one. (A probe sends the user data alone: the language the
    /// visitor chose in the conversation, which AIDA keeps in the session, is not overwritten
    /// on every reload.)
    fn session_data(&self) -> Map {
        let mut data = self.config.user_data.clone();
        if let (Some(language), false) = (&self.config.language, data.contains_key("language")) {
            data.insert("language".into(), Value::String(language.clone()));
        }
        data
    }

    /// Sends every waiting message, in transcript order, once the channel is joined and the
    /// session ready. A picture is uploaded first, and its `utb_img` goes out when the upload
    /// is done: later messages do not wait for it.
    fn flush(&mut self, now: Millis) {
        let Some(session) = self.session.ready().map(str::to_owned) else {
            return;
        };
        if !self.joined {
            return;
        }
        for entry in self.outbox.waiting(self.transcript.entries()) {
            let (event, payload) = match &entry.image {
                Some(Image { id: None, .. }) => {
                    let url = protocol::upload_url(
                        &self.config.content_url,
                        &self.config.bot_id,
                        &session,
                    );
                    self.outbox.upload(&entry.id, url);
                    continue;
                }
                Some(Image {
                    id: Some(image), ..
                }) => (protocol::UTB_IMG, protocol::utb_img(&session, image)),
                None => (protocol::UTB_MSG, protocol::utb_msg(&session, &entry.text)),
            };
            let push = self.client.push(now, self.channel, event, payload, None);
            self.outbox.pushed(&entry.id, push);
            self.replying_until = Some(now + REPLY_WAIT);
        }
    }

    /// After `unauthorized` nothing can be sent: every message still to go fails.
    fn fail_pending(&mut self) {
        let failed = self.outbox.fail_pending();
        self.show(&failed);
    }

    /// Shows the visitor the delivery of messages whose stage changed: the entry's status is
    /// the outbox's stage as the visitor sees it.
    fn show(&mut self, ids: &[String]) {
        for id in ids {
            if let Some(delivery) = self.outbox.stage(id).map(Stage::delivery) {
                self.transcript.set_delivery(id, delivery);
            }
        }
    }
}
