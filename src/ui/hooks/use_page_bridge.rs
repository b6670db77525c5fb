//! The page's side of a widget (`open()`, `send(text)`, … in; `message`, `open`, `close`,
//! `status`, `error` out), through its [`Bridge`].

use std::rc::Rc;

use yew::prelude::*;

use super::ChatView;
use crate::aida::chat::Input;
use crate::aida::status::Status;
use crate::aida::transcript::Author;
use crate::ui::bridge::{Bridge, Command, Notice};
use crate::ui::state::{UiAction, UiState};

#[hook]
pub fn use_page_bridge(bridge: &Rc<Bridge>, view: &ChatView, ui: &UseReducerHandle<UiState>) {
    {
        // Commands from the page, from the first render on (those given earlier waited).
        let (bridge, chat, ui) = (bridge.clone(), view.chat.clone(), ui.dispatcher());
        use_effect_with((), move |_| {
            let inbox = bridge.clone();
            inbox.connect(Callback::from(move |command: Command| {
                let input = |input: Input<'_>| chat.act(|page, now| page.input(now, input));
                match command {
                    Command::Open => ui.dispatch(UiAction::Open),
                    Command::Close => ui.dispatch(UiAction::Close {
                        arrivals: chat.arrivals(),
                        by_visitor: false,
                    }),
                    Command::Toggle => ui.dispatch(UiAction::Toggle {
                        arrivals: chat.arrivals(),
                        by_visitor: false,
                    }),
                    Command::Send(text) => input(Input::Send(&text)),
                    Command::PutData(data) => input(Input::PutData(data)),
                    Command::NewConversation => input(Input::NewConversation),
                    Command::Idle => chat.listen_other_tabs(),
                    Command::Clock { tag, clock } => ui.dispatch(UiAction::Clock { tag, clock }),
                    Command::Locale { locale, language } => {
                        ui.dispatch(UiAction::Locale(locale));
                        if let Some(language) = language {
                            input(Input::Language(language));
                        }
                    }
                }
            }));
            move || bridge.disconnect()
        });
    }
    {
        // What the page hears, in one effect: the panel opened or closed (not the state it
        // started in), the entries after the newest one it was told of (the restored
        // transcript is not news), and each status.
        let (bridge, strings) = (bridge.clone(), ui.locale.strings.clone());
        let entries = view.entries.clone();
        let heard = use_mut_ref(|| (ui.open, entries.last().cloned(), None));
        // The list is a new `Rc` whenever an entry changes.
        let news = (ui.open, Rc::as_ptr(&entries) as usize, view.status.clone());
        use_effect_with(news, move |(open, _, status)| {
            let (was_open, told, last_status) = &mut *heard.borrow_mut();
            if std::mem::replace(was_open, *open) != *open {
                bridge.notify(if *open { Notice::Open } else { Notice::Close });
            }
            // Found from the end: a long-open page forgets its oldest entries, so a count would
            // skip new ones. Gone (cancelled, or another tab's conversation taken): nothing new.
            let after = match std::mem::replace(told, entries.last().cloned()) {
                None => 0,
                Some(told) => entries
                    .iter()
                    .rposition(|e| e.id == told.id)
                    .map_or(entries.len(), |i| i + 1),
            };
            for entry in &entries[after..] {
                if entry.from != Author::Divider {
                    let from = entry.from.as_str();
                    let text = entry.text.clone();
                    bridge.notify(Notice::Message { from, text });
                }
            }
            if last_status.as_ref() != Some(status) {
                *last_status = Some(status.clone());
                bridge.notify(Notice::Status(status.name()));
                match status {
                    Status::Unauthorized => {
                        bridge.notify(Notice::Error(strings.unauthorized().to_string()))
                    }
                    Status::Refused(reason) => bridge.notify(Notice::Error(reason.clone())),
                    _ => {}
                }
            }
        });
    }
}
