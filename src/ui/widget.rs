//! The widget's root: it starts the conversation, and lays out the launcher and the panel.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::bridge::{Bridge, Command, Notice};
use super::bubble::EntryView;
use super::composer::Composer;
use super::launcher::Launcher;
use super::lightbox::Lightbox;
use super::state::{UiAction, UiState};
use super::status_line::StatusLine;
use super::strings::Strings;
use super::transcript::Transcript;
use crate::aida::chat::{Chat, Env, Status};
use crate::aida::config::Config;
use crate::aida::transcript::Entry;
use crate::aida::transcript::From;
use crate::browser::chat_machine::ChatMachine;
use crate::browser::{clock, driver::Driver, storage::ConversationStore, upload};

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub config: Rc<Config>,
    #[prop_or_default]
    pub strings: Rc<Strings>,
    /// Commands from the page, notices to it.
    #[prop_or_default]
    pub bridge: Rc<Bridge>,
}

#[function_component]
pub fn Widget(props: &WidgetProps) -> Html {
    let rerender = use_force_update();
    // The conversation starts with the first render, not in an effect after it: the socket opens
    // before the widget's elements are made, and a restored transcript is in the first render
    // instead of an empty one. This is its one owner; callbacks hold a weak `conversation`.
    let driver = use_mut_ref(|| Some(start(&props.config)));
    let conversation = driver
        .borrow()
        .as_ref()
        .map(Driver::handle)
        .unwrap_or_default();
    {
        // The view hears of every step from its first effect on. Unmounted, the conversation
        // ends with it: the socket closes, a waiting write is done. (A widget's props never
        // change after it is mounted.)
        let driver = driver.clone();
        use_effect_with((), move |_| {
            if let Some(driver) = driver.borrow().as_ref() {
                driver.set_on_change(Rc::new(move || rerender.force_update()));
            }
            move || drop(driver.borrow_mut().take())
        });
    }
    let ui = use_reducer(|| UiState {
        open: props.config.open,
        ..UiState::default()
    });
    let launcher = use_node_ref();
    let input = use_node_ref();

    let lightbox: UseStateHandle<Option<String>> = use_state(|| None);
    let lightbox_opener: Rc<RefCell<Option<web_sys::HtmlElement>>> = use_mut_ref(|| None);
    let file_error: UseStateHandle<Option<String>> = use_state(|| None);
    let dragging = use_state(|| false);

    let last_views: Rc<RefCell<Rc<Vec<EntryView>>>> = use_mut_ref(Rc::default);
    let view = driver.borrow().as_ref().map(|driver| {
        driver.read(|m| {
            let chat = m.chat();
            let bot_count = chat
                .entries()
                .iter()
                .filter(|e| e.from == From::Bot)
                .count();
            (
                entry_views(m, &last_views),
                chat.status().clone(),
                chat.replying(clock::now()),
                bot_count,
            )
        })
    });
    // None only while unmounting.
    let (entries, status, replying, bot_count) =
        view.unwrap_or_else(|| (Rc::default(), Status::Connecting, false, 0));

    {
        let ui = ui.clone();
        use_effect_with(bot_count, move |count| {
            ui.dispatch(UiAction::BotMessages(*count))
        });
    }
    {
        // Opening moves focus to the composer; closing gives it back to the launcher.
        let (input, launcher) = (input.clone(), launcher.clone());
        use_effect_with(ui.open, move |open| {
            let target = if *open {
                input.cast::<web_sys::HtmlElement>()
            } else {
                None
            };
            if let Some(element) = target {
                let _ = element.focus();
            } else if !*open {
                focus_if_inside_widget(&launcher);
            }
        });
    }

    {
        // Commands from the page.
        let (conversation, ui, bridge) = (conversation.clone(), ui.clone(), props.bridge.clone());
        use_effect_with((), move |_| {
            bridge.connect(Callback::from(move |command: Command| {
                let act = |f: &dyn Fn(&mut ChatMachine, u64)| conversation.act(|m, now| f(m, now));
                match command {
                    Command::Open => ui.dispatch(UiAction::Open),
                    Command::Close => ui.dispatch(UiAction::Close),
                    Command::Toggle => ui.dispatch(UiAction::Toggle),
                    Command::Send(text) => act(&|m, now| m.chat_mut().send_text(now, &text)),
                    Command::PutData(data) => {
                        act(&|m, now| m.chat_mut().put_data(now, data.clone()))
                    }
                    Command::NewConversation => act(&|m, now| m.chat_mut().new_conversation(now)),
                }
            }));
            move || bridge.disconnect()
        });
    }
    {
        // Notices to the page: open and close, new messages (not the restored history), status.
        let bridge = props.bridge.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(ui.open, move |open| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                bridge.notify(if *open { Notice::Open } else { Notice::Close });
            }
        });
    }
    {
        // Entries after the first render are news; the restored transcript is not.
        let bridge = props.bridge.clone();
        let seen = use_mut_ref(|| entries.len());
        let entries = entries.clone();
        use_effect_with(entries.len(), move |&count| {
            let before = seen.replace(count);
            for view in entries.iter().skip(before) {
                if let Some(notice) = message_notice(&view.entry) {
                    bridge.notify(notice);
                }
            }
        });
    }
    {
        let bridge = props.bridge.clone();
        let strings = props.strings.clone();
        use_effect_with(status.clone(), move |status| {
            let name = match status {
                Status::Connecting => "connecting",
                Status::Connected => "connected",
                Status::Reconnecting { .. } => "reconnecting",
                Status::Unauthorized => "unauthorized",
                Status::Refused(_) => "refused",
                Status::Offline => "offline",
            };
            bridge.notify(Notice::Status(name));
            match status {
                Status::Unauthorized => bridge.notify(Notice::Error(strings.unauthorized.clone())),
                Status::Refused(reason) => bridge.notify(Notice::Error(reason.clone())),
                _ => {}
            }
        });
    }

    let on_toggle = {
        let ui = ui.clone();
        Callback::from(move |()| {
            ui.dispatch(if ui.open {
                UiAction::Close
            } else {
                UiAction::Open
            })
        })
    };
    let on_send = {
        let conversation = conversation.clone();
        Callback::from(move |text: String| {
            conversation.act(|m, now| m.chat_mut().send_text(now, &text));
        })
    };
    // The bubbles' callbacks stay the same from render to render: a new one would make every
    // bubble's props differ, and every bubble render again.
    let on_retry = {
        let conversation = conversation.clone();
        use_callback((), move |id: String, _| {
            conversation.act(|m, now| m.chat_mut().retry(now, &id));
        })
    };
    let on_files = {
        let conversation = conversation.clone();
        let file_error = file_error.clone();
        let max = props.config.max_image_bytes;
        Callback::from(move |files: Vec<web_sys::File>| {
            let mut error = None;
            for file in files {
                match upload::check_image(&file, max) {
                    Ok(()) => {
                        conversation.act(|m, now| m.attach_image(now, file));
                    }
                    Err(why) => error = Some(why),
                }
            }
            file_error.set(error);
        })
    };
    let on_show_image = {
        let lightbox = lightbox.setter();
        let opener = lightbox_opener.clone();
        use_callback((), move |src: String, _| {
            *opener.borrow_mut() = active_element_in_shadow();
            lightbox.set(Some(src));
        })
    };
    let on_close_image = {
        let lightbox = lightbox.clone();
        let opener = lightbox_opener.clone();
        Callback::from(move |()| {
            lightbox.set(None);
            if let Some(element) = opener.borrow_mut().take() {
                let _ = element.focus();
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = on_files.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            let files = event.data_transfer().and_then(|d| d.files());
            on_files.emit(files.map(super::composer::files_of).unwrap_or_default());
        })
    };
    let on_new_conversation = {
        let conversation = conversation.clone();
        Callback::from(move |_: MouseEvent| {
            conversation.act(|m, now| m.chat_mut().new_conversation(now));
        })
    };
    let on_keydown = {
        let ui = ui.clone();
        let launcher = launcher.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                ui.dispatch(UiAction::Close);
                if let Some(button) = launcher.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };

    let strings = props.strings.clone();
    html! {
        <div class={classes!("aida-chat", ui.open.then_some("open"))}>
            <section class={classes!("panel", dragging.then_some("dragging"))} role="dialog"
                aria-label={props.config.title.clone()} hidden={!ui.open} onkeydown={on_keydown}
                {ondragover} {ondragleave} {ondrop}>
                <header>
                    <h2>{ &props.config.title }</h2>
                    <button type="button" class="new" aria-label={strings.new_conversation.clone()}
                        title={strings.new_conversation.clone()} onclick={on_new_conversation}>
                        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <path d="M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z" />
                        </svg>
                    </button>
                    <button type="button" class="close" aria-label={strings.minimize.clone()}
                        onclick={on_toggle.reform(|_: MouseEvent| ())}>
                        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <path d="M6 6l12 12M18 6 6 18" />
                        </svg>
                    </button>
                </header>
                <StatusLine status={status} strings={strings.clone()} />
                <Transcript entries={entries} replying={replying} strings={strings.clone()}
                    on_retry={on_retry} on_show_image={on_show_image} />
                if let Some(error) = &*file_error {
                    <p class="file-error" role="alert">{ error }</p>
                }
                <Composer strings={strings.clone()} on_send={on_send} on_files={on_files} input={input} />
                if *dragging {
                    <p class="drop-hint" aria-hidden="true">{ &strings.drop_here }</p>
                }
                if let Some(src) = &*lightbox {
                    <Lightbox src={src.clone()} strings={strings.clone()} on_close={on_close_image} />
                }
            </section>
            <Launcher open={ui.open} unread={ui.unread} strings={strings} on_toggle={on_toggle} button={launcher} />
        </div>
    }
}

/// The conversation of `config`, from its stored state, connecting.
fn start(config: &Rc<Config>) -> Driver<ChatMachine> {
    let store = ConversationStore::new(&config.bot_id);
    let env = Env {
        wall_offset: clock::wall_offset(),
        id_prefix: crate::browser::random_id(),
    };
    let chat = Chat::new((**config).clone(), store.load(), env);
    ChatMachine::start(chat, store)
}

/// The transcript as the bubbles show it. When no entry changed, the last render's vector is
/// reused, so the transcript's props are equal and Yew does not render it again (the widget
/// renders for other reasons too: twice per bot message, with the unread count).
fn entry_views(m: &ChatMachine, last: &RefCell<Rc<Vec<EntryView>>>) -> Rc<Vec<EntryView>> {
    let chat = m.chat();
    let views: Vec<EntryView> = chat
        .entries()
        .iter()
        .map(|entry| EntryView {
            image_src: entry.image.as_ref().and_then(|image| match &image.id {
                Some(id) => chat.image_url(id),
                None => m.preview_url(&entry.id),
            }),
            retryable: m.can_retry(entry),
            entry: Rc::clone(entry),
        })
        .collect();
    let mut last = last.borrow_mut();
    if **last != views {
        *last = Rc::new(views);
    }
    Rc::clone(&last)
}

/// A new transcript entry as the page hears of it.
fn message_notice(entry: &Entry) -> Option<Notice> {
    let from = match entry.from {
        From::User => "user",
        From::Bot => "bot",
        From::Divider => return None,
    };
    Some(Notice::Message {
        from,
        text: entry.text.clone(),
    })
}

/// The focused element inside the widget's shadow root (the thumbnail a lightbox opens from).
fn active_element_in_shadow() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    let host = document.active_element()?;
    let inner = host.shadow_root()?.active_element()?;
    inner.dyn_into().ok()
}

/// After the panel closes, focus goes back to the launcher only if it was inside the widget: a
/// closed widget never takes focus from the host page.
fn focus_if_inside_widget(launcher: &NodeRef) {
    let Some(button) = launcher.cast::<web_sys::HtmlElement>() else {
        return;
    };
    let Some(root) = button
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
    else {
        return;
    };
    if root.active_element().is_some() {
        let _ = button.focus();
    }
}
