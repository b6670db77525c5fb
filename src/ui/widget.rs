//! The widget's root: the chat, the interface's state and the page's bridge, composed into the
//! launcher and the panel.

use std::rc::Rc;

use yew::prelude::*;

use super::bridge::Bridge;
use super::components::bubble::{BubbleAction, BubbleContext};
use super::components::composer::{ComposerProps, composer};
use super::components::header::header;
use super::components::launcher::{LauncherProps, launcher};
use super::components::lightbox::{LightboxProps, lightbox};
use super::components::panel::{PanelProps, panel};
use super::components::status_line::status_line;
use super::components::transcript::{Entries, Transcript};
use super::hooks::{
    in_view_at_start, use_attention, use_chat, use_countdown, use_lightbox_focus, use_page_bridge,
    use_panel_focus,
};
use super::locale::Locale;
use super::state::{UiAction, UiState, dispatch};
use crate::aida::chat::Input;
use crate::aida::config::Config;
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

    let chat = view.chat.clone();
    let arrivals = view.arrivals;
    // The visitor's own clicks and sends are gestures, after which a tone may sound.
    let on_toggle = dispatch(&ui, move |()| UiAction::Toggle {
        arrivals,
        by_visitor: true,
    });
    let on_close = dispatch(&ui, move |()| UiAction::Close {
        arrivals,
        by_visitor: true,
    });
    let on_drag = dispatch(&ui, UiAction::Drag);
    let on_empty = dispatch(&ui, UiAction::Empty);
    let on_close_picture = dispatch(&ui, |()| UiAction::ClosePicture);
    let on_send = {
        let (chat, ui) = (chat.clone(), ui.dispatcher());
        Callback::from(move |text: String| {
            ui.dispatch(UiAction::Touched);
            chat.act(|p, now| p.input(now, Input::Send(&text)))
        })
    };
    let on_new_conversation = {
        let chat = chat.clone();
        Callback::from(move |()| chat.act(|p, now| p.input(now, Input::NewConversation)))
    };
    let on_files = {
        let (chat, ui, max) = (chat.clone(), ui.dispatcher(), props.config.max_image_bytes);
        Callback::from(move |files: Vec<web_sys::File>| {
            let mut problem = None;
            for file in files {
                match upload::check_image(&file, max) {
                    Ok(()) => chat.act(|p, now| p.attach(now, file)),
                    Err(refused) => problem = Some(refused),
                }
            }
            ui.dispatch(UiAction::FilesChecked(problem));
        })
    };
    // The bubbles' callback stays the same from render to render, so that the transcript's
    // props are equal and it renders only when the conversation changes.
    let on_bubble = {
        let (chat, ui) = (chat.clone(), ui.dispatcher());
        let made = use_mut_ref(move || {
            Callback::from(move |action: BubbleAction| match action {
                BubbleAction::Retry(id) => chat.act(|p, now| p.input(now, Input::Retry(&id))),
                BubbleAction::Cancel(id) => chat.act(|p, now| p.input(now, Input::Cancel(&id))),
                BubbleAction::ShowPicture(src) => ui.dispatch(UiAction::ShowPicture(src)),
            })
        });
        made.borrow().clone()
    };

    let (locale, unread) = (ui.locale.clone(), ui.unread(arrivals));
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
            { header(&title, &strings, &on_new_conversation, &on_close) }
            { status_line(&view.status, &strings) }
            <Transcript entries={Entries(view.entries.clone())} replying={view.replying}
                {greeting} {context} {on_bubble} />
            if let Some(problem) = &ui.file_problem {
                <p class="file-error" role="alert">{ strings.file_problem(problem) }</p>
            }
            { composer(ComposerProps { strings: &strings, on_send: &on_send, on_files: &on_files,
                input: &message, empty: ui.empty, on_empty: &on_empty, file_input: &file_input }) }
            if let Some(src) = &ui.lightbox {
                { lightbox(LightboxProps { src, strings: &strings, on_close: &on_close_picture,
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
        on_escape: &on_close,
        on_drag: &on_drag,
        on_files: &on_files,
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
                on_toggle: &on_toggle,
                button: &launcher_button,
            }) }
        </div>
    }
}
