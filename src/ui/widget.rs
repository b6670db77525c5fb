//! The widget's root: the chat, the interface's state and the page's bridge, composed into the
//! launcher and the panel.

use std::rc::Rc;

use yew::prelude::*;

use super::bridge::Bridge;
use super::components::bubble::BubbleContext;
use super::components::composer::{ComposerProps, composer};
use super::components::header::header;
use super::components::launcher::{LauncherProps, launcher};
use super::components::lightbox::{LightboxProps, lightbox};
use super::components::panel::{PanelProps, panel};
use super::components::status_line::status_line;
use super::components::transcript::{Entries, Transcript};
use super::gesture::Gesture;
use super::hooks::{
    in_view_at_start, use_attention, use_chat, use_countdown, use_lightbox_focus, use_page_bridge,
    use_panel_focus,
};
use super::locale::Locale;
use super::state::{UiAction, UiState};
use crate::aida::chat::Input;
use crate::aida::config::Config;
use crate::browser::chat::PageChat;
use crate::browser::driver::Handle;
use crate::browser::upload::{self, Shrinker};

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub config: Rc<Config>,
    /// The language it starts in; the page can change it (`Command::Locale`).
    pub locale: Rc<Locale>,
    /// Commands from the page, notices to it.
    #[prop_or_default]
    pub bridge: Rc<Bridge>,
    /// Scales large photos down before their upload.
    #[prop_or_default]
    pub shrinker: Shrinker,
}

#[function_component]
pub fn Widget(props: &WidgetProps) -> Html {
    let view = use_chat(&props.config, &props.shrinker);
    let (open, notify) = (props.config.open, props.config.notify);
    let ui = use_reducer(|| UiState::new(open, props.locale.clone(), in_view_at_start(notify)));
    let (launcher_button, message, file_input) = (use_node_ref(), use_node_ref(), use_node_ref());
    use_panel_focus(ui.open, &message, &launcher_button);
    let close_picture = use_node_ref();
    use_lightbox_focus(ui.lightbox.is_some(), &close_picture);
    use_page_bridge(&props.bridge, &view, &ui);
    use_attention(notify, &view, &ui);
    use_countdown(&view.status);

    // One callback for every gesture, made once: the parts' props stay equal from render to
    // render (the transcript renders only when the conversation changes).
    let on_gesture = {
        let (chat, ui, max) = (
            view.chat.clone(),
            ui.dispatcher(),
            props.config.max_image_bytes,
        );
        let made = use_mut_ref(move || Callback::from(move |g| answer(&chat, &ui, max, g)));
        made.borrow().clone()
    };

    let (locale, unread) = (ui.locale.clone(), ui.unread(view.arrivals));
    let strings = locale.strings.clone();
    let title = AttrValue::from(props.config.title.clone());
    let greeting = props.config.greeting.clone().map(AttrValue::from);
    let context = BubbleContext {
        locale: locale.clone(),
        clock: ui.clock.clone(),
        content_url: Rc::from(props.config.content_url.as_str()),
    };
    let body = html! {
        <>
            { header(&title, &strings, &on_gesture) }
            { status_line(&view.status, &strings) }
            <Transcript entries={Entries(view.entries.clone())} replying={view.replying}
                {greeting} {context} on_gesture={on_gesture.clone()} />
            if let Some(problem) = &ui.file_problem {
                <p class="file-error" role="alert">{ strings.file_problem(problem) }</p>
            }
            { composer(ComposerProps { strings: &strings, on: &on_gesture, input: &message,
                empty: ui.empty, file_input: &file_input }) }
            if let Some(src) = &ui.lightbox {
                { lightbox(LightboxProps { src, strings: &strings, on: &on_gesture,
                    close_button: &close_picture }) }
            }
        </>
    };
    let panel_props = PanelProps {
        open: ui.open,
        dir: locale.dir(),
        title: &title,
        dragging: ui.dragging,
        strings: &strings,
        on: &on_gesture,
    };
    html! {
        // Whether it is open is an attribute, not a class: Yew makes a set of every class
        // written by an expression, which is 3 KB of hashing in the wasm.
        <div class="aida-chat" data-open={ui.open.then_some("")} lang={locale.tag.clone()}>
            { panel(panel_props, body) }
            { launcher(LauncherProps {
                open: ui.open,
                unread,
                unread_label: (unread > 0).then(|| locale.count(&strings.unread, unread).into()),
                strings: &strings,
                on: &on_gesture,
                button: &launcher_button,
            }) }
        </div>
    }
}

/// What a gesture of the visitor's does. Closing the panel marks the bot's messages so far as
/// seen; the visitor's clicks and sends are gestures, after which a tone may sound.
fn answer(chat: &Handle<PageChat>, ui: &UseReducerDispatcher<UiState>, max: f64, gesture: Gesture) {
    match gesture {
        Gesture::Toggle => ui.dispatch(UiAction::Toggle {
            arrivals: chat.arrivals(),
            by_visitor: true,
        }),
        Gesture::Minimize => ui.dispatch(UiAction::Close {
            arrivals: chat.arrivals(),
            by_visitor: true,
        }),
        Gesture::NewConversation => chat.act(|p, now| p.input(now, Input::NewConversation)),
        Gesture::Send(text) => {
            ui.dispatch(UiAction::Touched);
            chat.act(|p, now| p.input(now, Input::Send(&text)));
        }
        Gesture::Files(files) => {
            let mut problem = None;
            for file in files {
                match upload::check_image(&file, max) {
                    Ok(()) => chat.act(|p, now| p.attach(now, file)),
                    Err(refused) => problem = Some(refused),
                }
            }
            ui.dispatch(UiAction::FilesChecked(problem));
        }
        Gesture::Empty(empty) => ui.dispatch(UiAction::Empty(empty)),
        Gesture::Drag(dragging) => ui.dispatch(UiAction::Drag(dragging)),
        Gesture::ShowPicture(src) => ui.dispatch(UiAction::ShowPicture(src)),
        Gesture::ClosePicture => ui.dispatch(UiAction::ClosePicture),
        Gesture::Retry(id) => chat.act(|p, now| p.input(now, Input::Retry(&id))),
        Gesture::Cancel(id) => chat.act(|p, now| p.input(now, Input::Cancel(&id))),
    }
}
