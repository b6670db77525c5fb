//! The interface's own state, all of it, in one reducer: whether the panel is open, what the
//! visitor has seen, the picture shown large, the last refused file and a drag in progress. The
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
    /// The language the interface speaks, and how it counts.
    pub locale: Rc<Locale>,
    /// How the locale writes a time of day.
    pub clock: Rc<Clock>,
    /// The chat's bot-message arrivals when the visitor last had the panel open (or, for a
    /// panel never opened, none): those since are unread.
    seen: u64,
    /// The picture shown at full size, by its URL.
    pub lightbox: Option<String>,
    /// Why the last file the visitor chose was not attached.
    pub file_problem: Option<FileProblem>,
    /// A file is dragged over the panel.
    pub dragging: bool,
}

pub enum UiAction {
    Open,
    /// Closes the panel; `arrivals` is the chat's count now, all seen.
    Close {
        arrivals: u64,
    },
    Toggle {
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
}

impl UiState {
    pub fn new(open: bool, locale: Rc<Locale>) -> UiState {
        UiState {
            open,
            locale,
            clock: Rc::default(),
            seen: 0,
            lightbox: None,
            file_problem: None,
            dragging: false,
        }
    }

    /// Bot messages the visitor has not seen, of `arrivals` so far: none while the panel is
    /// open.
    pub fn unread(&self, arrivals: u64) -> u64 {
        if self.open {
            0
        } else {
            arrivals.saturating_sub(self.seen)
        }
    }
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::Open => next.open = true,
            UiAction::Close { arrivals } => close(&mut next, arrivals),
            UiAction::Toggle { arrivals } if next.open => close(&mut next, arrivals),
            UiAction::Toggle { .. } => next.open = true,
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
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

/// A callback that dispatches the action made of its value.
pub fn dispatch<T: 'static>(
    ui: &yew::UseReducerHandle<UiState>,
    action: impl Fn(T) -> UiAction + 'static,
) -> yew::Callback<T> {
    let ui = ui.dispatcher();
    yew::Callback::from(move |value| ui.dispatch(action(value)))
}

fn close(state: &mut UiState, arrivals: u64) {
    if state.open {
        state.open = false;
        state.seen = arrivals;
    }
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
        let state = UiState::new(false, Rc::new(Locale::english()));
        assert_eq!(state.unread(0), 0, "a restored transcript is no arrival");
        assert_eq!(state.unread(2), 2, "two arrived while it was never opened");
        let state = reduce(state, [UiAction::Open]);
        assert_eq!(state.unread(5), 0, "open: everything is seen");
        let state = reduce(state, [UiAction::Close { arrivals: 5 }]);
        assert_eq!(state.unread(5), 0);
        assert_eq!(state.unread(6), 1);
        let state = reduce(state, [UiAction::Toggle { arrivals: 9 }]);
        assert_eq!((state.open, state.unread(9)), (true, 0));
        let state = reduce(state, [UiAction::Toggle { arrivals: 9 }]);
        assert_eq!((state.open, state.unread(10)), (false, 1));
        let state = reduce(state, [UiAction::Close { arrivals: 12 }]);
        assert_eq!(state.unread(12), 3, "closing a closed panel sees nothing");
    }

    #[test]
    fn an_unchanged_state_is_the_same_state() {
        let state = Rc::new(UiState::new(true, Rc::new(Locale::english())));
        let same = state.clone().reduce(UiAction::Open);
        assert!(Rc::ptr_eq(&state, &same), "no new state, no render");
        let changed = state.clone().reduce(UiAction::Drag(true));
        assert!(!Rc::ptr_eq(&state, &changed));
    }
}
