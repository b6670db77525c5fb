//! What the widget does for a bot message the visitor is not looking at, when the integrator asked
//! for it (`notify`): the unread count in front of the page's title, and a short tone, at most
//! once in a burst. The rules live here, away from the browser, so that they are tested natively.

use crate::phoenix::Millis;

/// Tones closer together than this are one: a burst of answers sounds once.
pub const TONE_GAP: Millis = 4000;

/// The page's title with the unread count in front of it (`(2) Clinic`), and the site's own title
/// back once nothing is unread. A title the widget did not write is the site's: if the site
/// changes its title meanwhile, that title is the one kept (and counted on).
#[derive(Debug, Default)]
pub struct TitleCount {
    /// The site's title, while the widget shows a count in front of it.
    original: Option<String>,
    /// The title the widget last wrote.
    written: Option<String>,
}

impl TitleCount {
    /// The title to write now that `unread` messages are unread and the page's title reads
    /// `current`; none: leave the title as it is.
    pub fn update(&mut self, current: &str, unread: u64) -> Option<String> {
        let ours = self.written.as_deref() == Some(current);
        if !ours {
            self.original = Some(current.to_owned());
            self.written = None;
        }
        if unread == 0 {
            self.written = None;
            return self.original.take().filter(|_| ours);
        }
        let original = self.original.as_deref().unwrap_or_default();
        let title = format!("({unread}) {original}");
        if ours && self.written.as_deref() == Some(title.as_str()) {
            return None;
        }
        self.written = Some(title.clone());
        Some(title)
    }
}

/// When the last tone sounded.
#[derive(Debug, Default)]
pub struct ToneGate {
    last: Option<Millis>,
}

impl ToneGate {
    /// Whether a tone may sound at `now`.
    pub fn open(&self, now: Millis) -> bool {
        self.last.is_none_or(|last| now >= last + TONE_GAP)
    }

    /// A tone sounded at `now`.
    pub fn sounded(&mut self, now: Millis) {
        self.last = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_goes_in_front_of_the_title_and_the_title_comes_back_exactly() {
        let mut title = TitleCount::default();
        assert_eq!(title.update("Clinic", 0), None, "nothing unread: untouched");
        assert_eq!(title.update("Clinic", 1).as_deref(), Some("(1) Clinic"));
        assert_eq!(title.update("(1) Clinic", 1), None, "no change, no write");
        assert_eq!(title.update("(1) Clinic", 3).as_deref(), Some("(3) Clinic"));
        assert_eq!(title.update("(3) Clinic", 0).as_deref(), Some("Clinic"));
        assert_eq!(title.update("Clinic", 0), None);
        // A title that reads like a count is still the site's.
        assert_eq!(
            title.update("(7) Inbox", 1).as_deref(),
            Some("(1) (7) Inbox")
        );
        assert_eq!(
            title.update("(1) (7) Inbox", 0).as_deref(),
            Some("(7) Inbox")
        );
    }

    #[test]
    fn a_title_the_site_changes_meanwhile_is_kept() {
        let mut title = TitleCount::default();
        assert_eq!(title.update("Clinic", 1).as_deref(), Some("(1) Clinic"));
        // The site navigated in place and set its own title.
        assert_eq!(
            title.update("Opening hours", 0),
            None,
            "the site's title stays"
        );
        assert_eq!(
            title.update("Opening hours", 2).as_deref(),
            Some("(2) Opening hours")
        );
        assert_eq!(title.update("Map", 3).as_deref(), Some("(3) Map"));
        assert_eq!(title.update("(3) Map", 0).as_deref(), Some("Map"));
    }

    #[test]
    fn a_burst_sounds_once() {
        let mut gate = ToneGate::default();
        assert!(gate.open(500), "a tone that could not sound closes nothing");
        assert!(gate.open(1000));
        gate.sounded(1000);
        assert!(!gate.open(1200));
        assert!(!gate.open(1000 + TONE_GAP - 1));
        assert!(gate.open(1000 + TONE_GAP));
    }
}
