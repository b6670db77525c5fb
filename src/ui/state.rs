//! The interface's own state (what is open, what was seen), in one reducer. The conversation's
//! state lives in [`crate::aida::chat::Chat`].

use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UiState {
    pub open: bool,
    /// Bot messages that arrived while the panel was closed.
    pub unread: usize,
    /// How many bot messages were counted so far; `None` until the first count, so that a
    /// restored transcript does not count as unread.
    pub bot_seen: Option<usize>,
}

pub enum UiAction {
    Open,
    Close,
    Toggle,
    /// The transcript now holds this many bot messages.
    BotMessages(usize),
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::Open => {
                next.open = true;
                next.unread = 0;
            }
            UiAction::Close => next.open = false,
            UiAction::Toggle if next.open => next.open = false,
            UiAction::Toggle => {
                next.open = true;
                next.unread = 0;
            }
            UiAction::BotMessages(count) => {
                if let Some(seen) = next.bot_seen
                    && count > seen
                    && !next.open
                {
                    next.unread += count - seen;
                }
                next.bot_seen = Some(count);
            }
        }
        if next == *self { self } else { Rc::new(next) }
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
        let state = reduce(UiState::default(), [UiAction::BotMessages(5)]);
        assert_eq!(state.unread, 0, "a restored transcript is not unread");
        let state = reduce(state, [UiAction::BotMessages(7)]);
        assert_eq!(state.unread, 2);
        let state = reduce(state, [UiAction::Open, UiAction::BotMessages(9)]);
        assert_eq!((state.open, state.unread), (true, 0));
        let state = reduce(state, [UiAction::Close, UiAction::BotMessages(10)]);
        assert_eq!(state.unread, 1);
    }
}
