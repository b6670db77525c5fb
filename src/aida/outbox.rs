//! Delivery: where each message this page sends stands on its way to the bot.
//!
//! Each message has one [`Stage`], and every rule of delivery is a change of stage here. The
//! visitor sees a coarser view of the stage, the entry's [`Delivery`] (queued, sent, failed),
//! which the transcript shows and stores: the chat copies it there after every change, so the
//! two cannot disagree.
//!
//! The outbox holds the messages this page decides about: those it wrote, those it restored
//! still queued, and those the visitor retried here. Another tab's messages are that tab's.

use std::rc::Rc;

use super::transcript::{Delivery, Entry};
use crate::phoenix::PushId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Waits for a joined channel and a ready session.
    Waiting,
    /// Its picture is to be uploaded to `url`; the driver has not been asked yet.
    UploadDue { url: String },
    /// The driver is uploading its picture.
    Uploading,
    /// Its frame is with the Phoenix client as this push. `answered`: the bot answered before
    /// the frame was reported to have left the browser, which shows the session alive.
    InFlight { push: PushId, answered: bool },
    /// Its frame left the browser, and the session has not shown it is alive since: if the
    /// channel crashes (AIDA's does on a session it lost), it is sent again.
    Sent,
    /// Its frame left the browser and the bot answered since.
    Delivered,
    /// It could not be sent; it waits for the visitor's Retry.
    Failed,
}

impl Stage {
    /// What the visitor sees of it.
    pub fn delivery(&self) -> Delivery {
        match self {
            Stage::Waiting
            | Stage::UploadDue { .. }
            | Stage::Uploading
            | Stage::InFlight { .. } => Delivery::Queued,
            Stage::Sent | Stage::Delivered => Delivery::Sent,
            Stage::Failed => Delivery::Failed,
        }
    }

    /// Not yet sent, and not failed: the message still goes out if it can.
    pub fn pending(&self) -> bool {
        self.delivery() == Delivery::Queued
    }
}

/// The messages of this page by entry id. Each change returns the ids whose stage changed.
#[derive(Debug, Default)]
pub struct Outbox {
    messages: Vec<(String, Stage)>,
}

impl Outbox {
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.messages.iter().find(|(m, _)| m == id).map(|(_, s)| s)
    }

    /// Whether this page decides about the message.
    pub fn has(&self, id: &str) -> bool {
        self.stage(id).is_some()
    }

    /// Whether any message still goes out if it can.
    pub fn any_pending(&self) -> bool {
        self.messages.iter().any(|(_, stage)| stage.pending())
    }

    /// A message to send: new, restored still queued, or retried.
    pub fn add(&mut self, id: &str) {
        self.set(id, Stage::Waiting);
    }

    /// The waiting messages among `entries`, in their order.
    pub fn waiting(&self, entries: &[Rc<Entry>]) -> Vec<Rc<Entry>> {
        entries
            .iter()
            .filter(|e| self.stage(&e.id) == Some(&Stage::Waiting))
            .cloned()
            .collect()
    }

    /// Its picture must be uploaded to `url` first.
    pub fn upload(&mut self, id: &str, url: String) {
        self.set(id, Stage::UploadDue { url });
    }

    /// The uploads due, handed to the driver now: `(id, url)`.
    pub fn take_uploads(&mut self) -> Vec<(String, String)> {
        let mut due = Vec::new();
        for (id, stage) in &mut self.messages {
            if let Stage::UploadDue { url } = stage {
                due.push((id.clone(), std::mem::take(url)));
                *stage = Stage::Uploading;
            }
        }
        due
    }

    /// An upload ended. `false` if none was under way for the message (it was abandoned).
    pub fn uploaded(&mut self, id: &str, ok: bool) -> bool {
        if self.stage(id) != Some(&Stage::Uploading) {
            return false;
        }
        self.set(id, if ok { Stage::Waiting } else { Stage::Failed });
        true
    }

    /// The visitor cancels a picture that is not uploaded yet; `false` if it is past that.
    pub fn cancel(&mut self, id: &str) -> bool {
        let before_upload = matches!(
            self.stage(id),
            Some(Stage::Waiting | Stage::UploadDue { .. } | Stage::Uploading)
        );
        if before_upload {
            self.set(id, Stage::Failed);
        }
        before_upload
    }

    /// Its frame was handed to the Phoenix client as `push`.
    pub fn pushed(&mut self, id: &str, push: PushId) {
        let answered = false;
        self.set(id, Stage::InFlight { push, answered });
    }

    /// The frame of `push` left the browser.
    pub fn sent(&mut self, push: PushId) -> Option<String> {
        let (id, stage) = self.flight(push)?;
        let answered = matches!(stage, Stage::InFlight { answered: true, .. });
        *stage = if answered {
            Stage::Delivered
        } else {
            Stage::Sent
        };
        Some(id.clone())
    }

    /// `push` had no reply in time, which is normal for `utb_msg`; a frame that never left
    /// the browser goes again.
    pub fn timed_out(&mut self, push: PushId) -> Option<String> {
        let (id, stage) = self.flight(push)?;
        *stage = Stage::Waiting;
        Some(id.clone())
    }

    /// `push` can never be sent.
    pub fn abandoned(&mut self, push: PushId) -> Option<String> {
        let (id, stage) = self.flight(push)?;
        *stage = Stage::Failed;
        Some(id.clone())
    }

    /// The bot answered: the session is alive, and so is what went before the answer, including
    /// frames whose drain the driver has not reported yet.
    pub fn answered(&mut self) -> Vec<String> {
        self.change(&|stage| match stage {
            Stage::Sent => Some(Stage::Delivered),
            Stage::InFlight { push, .. } => Some(Stage::InFlight {
                push: *push,
                answered: true,
            }),
            _ => None,
        })
    }

    /// The channel errored: frames that never left the browser go again after the rejoin, and
    /// with `lost_since_alive` (the session is to be checked again), so does what went out since
    /// the session last showed it was alive.
    pub fn unsent(&mut self, lost_since_alive: bool) -> Vec<String> {
        self.change(&|stage| match stage {
            Stage::Sent if lost_since_alive => Some(Stage::Waiting),
            Stage::InFlight { .. } => Some(Stage::Waiting),
            _ => None,
        })
    }

    pub fn fail(&mut self, id: &str) {
        self.set(id, Stage::Failed);
    }

    /// Nothing can be sent any more: every message still to go fails.
    pub fn fail_pending(&mut self) -> Vec<String> {
        self.change(&|stage| stage.pending().then_some(Stage::Failed))
    }

    /// The conversation moved to another session: the messages still to go wait for it, and
    /// those no longer in the transcript (`kept` says which are) leave the outbox.
    pub fn moved(&mut self, kept: impl Fn(&str) -> bool) -> Vec<String> {
        self.messages.retain(|(id, _)| kept(id));
        self.change(&|stage| stage.pending().then_some(Stage::Waiting))
    }

    pub fn clear(&mut self) {
        self.messages.clear();
    }

    /// The transcript forgets the message: so does the outbox.
    pub fn forget(&mut self, id: &str) {
        self.messages.retain(|(m, _)| m != id);
    }

    fn set(&mut self, id: &str, stage: Stage) {
        match self.messages.iter_mut().find(|(m, _)| m == id) {
            Some((_, s)) => *s = stage,
            None => self.messages.push((id.to_owned(), stage)),
        }
    }

    /// The message whose frame is `push`.
    fn flight(&mut self, push: PushId) -> Option<(&String, &mut Stage)> {
        self.messages
            .iter_mut()
            .find(|(_, stage)| matches!(stage, Stage::InFlight { push: p, .. } if *p == push))
            .map(|(id, stage)| (&*id, stage))
    }

    fn change(&mut self, change: &dyn Fn(&Stage) -> Option<Stage>) -> Vec<String> {
        let mut changed = Vec::new();
        for (id, stage) in &mut self.messages {
            if let Some(next) = change(stage) {
                *stage = next;
                changed.push(id.clone());
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use crate::phoenix::{Client, Config};

    /// Push ids, as a Phoenix client hands them out.
    fn pushes(n: usize) -> Vec<PushId> {
        let mut client = Client::new(Config::default());
        let channel = client.channel("bot:b", json!({}));
        (0..n)
            .map(|_| client.push(0, channel, "utb_msg", json!({}), None))
            .collect()
    }

    fn delivery(outbox: &Outbox, id: &str) -> Option<Delivery> {
        outbox.stage(id).map(Stage::delivery)
    }

    #[test]
    fn a_message_answered_before_its_drain_is_delivered_and_one_not_yet_answered_is_sent_again() {
        let p = pushes(2);
        let mut outbox = Outbox::default();
        outbox.add("a");
        outbox.add("b");
        assert_eq!(delivery(&outbox, "a"), Some(Delivery::Queued));
        outbox.pushed("a", p[0]);
        outbox.answered();
        assert_eq!(outbox.sent(p[0]).as_deref(), Some("a"));
        assert_eq!(outbox.stage("a"), Some(&Stage::Delivered));
        outbox.pushed("b", p[1]);
        assert_eq!(outbox.sent(p[1]).as_deref(), Some("b"));
        assert_eq!(outbox.sent(p[1]), None, "a drain is reported once");
        assert_eq!(delivery(&outbox, "b"), Some(Delivery::Sent));
        assert!(
            outbox.unsent(false).is_empty(),
            "a plain drop resends nothing sent"
        );
        assert_eq!(
            outbox.unsent(true),
            vec!["b"],
            "a lost session resends the unconfirmed"
        );
        assert_eq!(outbox.stage("b"), Some(&Stage::Waiting));
        assert_eq!(outbox.stage("a"), Some(&Stage::Delivered));
    }

    #[test]
    fn uploads_are_handed_out_once_and_only_their_end_counts() {
        let mut outbox = Outbox::default();
        outbox.add("pic");
        outbox.upload("pic", "https://h/content/image/b/s".into());
        assert_eq!(delivery(&outbox, "pic"), Some(Delivery::Queued));
        assert_eq!(
            outbox.take_uploads(),
            vec![("pic".to_owned(), "https://h/content/image/b/s".to_owned())]
        );
        assert!(outbox.take_uploads().is_empty());
        assert!(outbox.uploaded("pic", true));
        assert!(
            !outbox.uploaded("pic", true),
            "no upload under way any more"
        );
        assert_eq!(outbox.stage("pic"), Some(&Stage::Waiting));
    }

    #[test]
    fn refusal_fails_what_is_still_to_go_and_a_move_keeps_only_what_stays() {
        let p = pushes(2);
        let mut outbox = Outbox::default();
        for id in ["sent", "flying", "waiting"] {
            outbox.add(id);
        }
        outbox.pushed("sent", p[0]);
        outbox.sent(p[0]);
        outbox.pushed("flying", p[1]);
        let mut failed = outbox.fail_pending();
        failed.sort();
        assert_eq!(failed, vec!["flying", "waiting"]);
        assert_eq!(delivery(&outbox, "sent"), Some(Delivery::Sent));
        outbox.add("waiting");
        assert_eq!(outbox.moved(|id| id != "flying"), vec!["waiting"]);
        assert!(!outbox.has("flying"));
    }
}
