//! The interface's own state, all of it, in one reducer: whether the panel is open and the page
//! in view, what the visitor has seen, the picture shown large, the last refused file and a drag
//! in progress. The
//! conversation's state is the chat's ([`crate::aida::chat::Chat`]); what the view shows of both
//! together (the unread count) is worked out while rendering.

use std::rc::Rc;

use yew::Reducible;

use super::locale::Locale;
use super::time::Clock;
use crate::browser::upload::FileProblem;

#[derive(Clone, PartialEq)]
pub struct UiState {
    pub open: bool,
    /// The page is in view (only followed when the integrator asked for `notify`).
    page_visible: bool,
    /// The language the interface speaks, and how it counts.
    pub locale: Rc<Locale>,
    /// How the locale writes a time of day.
    pub clock: Rc<Clock>,
    /// The chat's bot-message arrivals when the visitor last had the panel open in view (or,
    /// for a panel never opened, none): those since are unread.
    seen: u64,
    /// The picture shown at full size, by its URL.
    pub lightbox: Option<String>,
    /// Why the last file the visitor chose was not attached.
    pub file_problem: Option<FileProblem>,
    /// A file is dragged over the panel.
    pub dragging: bool,
    /// The visitor has clicked or sent something in the widget: a gesture, after which the
    /// browser lets the page make a sound.
    pub touched: bool,
    /// The composer holds nothing to send (Send is disabled).
    pub empty: bool,
}

pub enum UiAction {
    Open,
    /// Closes the panel; `arrivals` is the chat's count now, all seen. `by_visitor`: a click of
    /// theirs (a gesture), not a call from the page.
    Close {
        arrivals: u64,
        by_visitor: bool,
    },
    Toggle {
        arrivals: u64,
        by_visitor: bool,
    },
    /// The page came into view or left it; `arrivals` is the chat's count now.
    PageVisible {
        visible: bool,
        arrivals: u64,
    },
    ShowPicture(String),
    ClosePicture,
    /// The interface speaks another language (with `HH:MM` until its clock comes).
    Locale(Rc<Locale>),
    /// The clock of the locale `tag`.
    Clock {
        tag: String,
        clock: Rc<Clock>,
    },
    /// The files the visitor chose were checked: the problem with the last refused one, if any.
    FilesChecked(Option<FileProblem>),
    Drag(bool),
    Touched,
    /// The composer came to hold nothing to send, or something.
    Empty(bool),
}

impl UiState {
    /// The state at start; `page_visible`: the page is in view (or its visibility is not
    /// followed).
    pub fn new(open: bool, locale: Rc<Locale>, page_visible: bool) -> UiState {
        UiState {
            open,
            page_visible,
            locale,
            clock: Rc::default(),
            seen: 0,
            lightbox: None,
            file_problem: None,
            dragging: false,
            touched: false,
            empty: true,
        }
    }

    /// Bot messages the visitor has not seen, of `arrivals` so far: none while the panel is
    /// open in view.
    pub fn unread(&self, arrivals: u64) -> u64 {
        if self.looking() {
            0
        } else {
            arrivals.saturating_sub(self.seen)
        }
    }

    /// Whether the visitor sees the conversation.
    fn looking(&self) -> bool {
        self.open && self.page_visible
    }
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        if let UiAction::Close { by_visitor, .. } | UiAction::Toggle { by_visitor, .. } = action {
            next.touched |= by_visitor;
        }
        match action {
            UiAction::Open => next.open = true,
            UiAction::Close { arrivals, .. } => close(&mut next, arrivals),
            UiAction::Toggle { arrivals, .. } if next.open => close(&mut next, arrivals),
            UiAction::Toggle { .. } => next.open = true,
            UiAction::PageVisible { visible, arrivals } => {
                if next.looking() {
                    next.seen = arrivals;
                }
                next.page_visible = visible;
            }
            UiAction::ShowPicture(src) => next.lightbox = Some(src),
            UiAction::ClosePicture => next.lightbox = None,
            UiAction::Locale(locale) => {
                if locale.tag != next.locale.tag {
                    next.clock = Rc::default();
                }
                next.locale = locale;
            }
            UiAction::Clock { tag, clock } => {
                if tag == next.locale.tag {
                    next.clock = clock;
                }
            }
            UiAction::FilesChecked(problem) => next.file_problem = problem,
            UiAction::Drag(dragging) => next.dragging = dragging,
            UiAction::Touched => next.touched = true,
            UiAction::Empty(empty) => next.empty = empty,
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

fn close(state: &mut UiState, arrivals: u64) {
    if state.looking() {
        state.seen = arrivals;
    }
    state.open = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: UiState, actions: impl IntoIterator<Item = UiAction>) -> UiState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn counts_unread_only_while_closed_and_not_the_restored_history() {
        let state = UiState::new(false, Rc::new(Locale::english()), true);
        assert_eq!(state.unread(0), 0, "a restored transcript is no arrival");
        assert_eq!(state.unread(2), 2, "two arrived while it was never opened");
        let state = reduce(state, [UiAction::Open]);
        assert_eq!(state.unread(5), 0, "open: everything is seen");
        let state = reduce(
            state,
            [UiAction::Close {
                arrivals: 5,
                by_visitor: true,
            }],
        );
        assert_eq!(state.unread(5), 0);
        assert_eq!(state.unread(6), 1);
        let state = reduce(
            state,
            [UiAction::Toggle {
                arrivals: 9,
                by_visitor: true,
            }],
        );
        assert_eq!((state.open, state.unread(9)), (true, 0));
        let state = reduce(
            state,
            [UiAction::Toggle {
                arrivals: 9,
                by_visitor: true,
            }],
        );
        assert_eq!((state.open, state.unread(10)), (false, 1));
        let state = reduce(
            state,
            [UiAction::Close {
                arrivals: 12,
                by_visitor: true,
            }],
        );
        assert_eq!(state.unread(12), 3, "closing a closed panel sees nothing");
    }

    #[test]
    fn an_open_panel_in_a_hidden_page_is_not_seen() {
        let state = reduce(
            UiState::new(true, Rc::new(Locale::english()), true),
            [UiAction::PageVisible {
                visible: false,
                arrivals: 2,
            }],
        );
        assert_eq!(state.unread(2), 0, "seen before the page went away");
        assert_eq!(state.unread(5), 3);
        let back = reduce(
            state.clone(),
            [UiAction::PageVisible {
                visible: true,
                arrivals: 5,
            }],
        );
        assert_eq!(back.unread(5), 0, "back in view: seen");
        let closed = reduce(
            state,
            [UiAction::Close {
                arrivals: 5,
                by_visitor: true,
            }],
        );
        assert_eq!(
            closed.unread(5),
            3,
            "closed from the page while hidden: still unseen"
        );
    }

    #[test]
    fn an_unchanged_state_is_the_same_state() {
        let state = Rc::new(UiState::new(true, Rc::new(Locale::english()), true));
        let same = state.clone().reduce(UiAction::Open);
        assert!(Rc::ptr_eq(&state, &same), "no new state, no render");
        let changed = state.clone().reduce(UiAction::Drag(true));
        assert!(!Rc::ptr_eq(&state, &changed));
    }
}
