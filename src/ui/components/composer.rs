//! Where the visitor writes: Enter sends, Shift+Enter starts a new line, the box grows with its
//! text (up to a limit set in CSS).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::icon::{ATTACH, SEND, icon};

use crate::ui::gesture::Gesture;
use crate::ui::strings::Strings;

pub struct ComposerProps<'a> {
    pub strings: &'a Strings,
    /// Sends, files chosen or pasted (checked by the widget), and whether there is anything to
    /// send, told when that changes: the widget renders then, never per keystroke.
    pub on: &'a Callback<Gesture>,
    /// The textarea, which Send reads and which takes focus when the panel opens.
    pub input: &'a NodeRef,
    /// Whether there is nothing to send.
    pub empty: bool,
    /// The hidden file input the attach button opens.
    pub file_input: &'a NodeRef,
}

/// A plain function, as `header` is: its callbacks are made with every render of the widget.
/// The text lives in the textarea, which Send reads, rather than in a state copied on every
/// keystroke; the only state is whether there is anything to send, for the button.
pub fn composer(props: ComposerProps<'_>) -> Html {
    let send = {
        let (on, input) = (props.on.clone(), props.input.clone());
        Callback::from(move |()| {
            let Some(area) = input.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            if !text.trim().is_empty() {
                on.emit(Gesture::Send(text));
                area.set_value("");
                grow(&area);
                on.emit(Gesture::Empty(true));
            }
        })
    };
    let oninput = {
        let (empty, on) = (props.empty, props.on.clone());
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            grow(&area);
            let now = area.value().trim().is_empty();
            if now != empty {
                on.emit(Gesture::Empty(now));
            }
        })
    };
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && !event.shift_key() && !event.is_composing() {
                event.prevent_default();
                send.emit(());
            }
        })
    };
    let onpaste = {
        let on = props.on.clone();
        Callback::from(move |event: Event| {
            let Some(event) = event.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let files = event
                .clipboard_data()
                .and_then(|d| d.files())
                .map(files_of)
                .unwrap_or_default();
            if !files.is_empty() {
                event.prevent_default();
                on.emit(Gesture::Files(files));
            }
        })
    };
    let onchange = {
        let on = props.on.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let files = input.files().map(files_of).unwrap_or_default();
            input.set_value("");
            on.emit(Gesture::Files(files));
        })
    };
    let open_picker = {
        let file_input = props.file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<web_sys::HtmlElement>() {
                input.click();
            }
        })
    };
    let onsubmit = Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        send.emit(());
    });
    let s = props.strings;
    html! {
        <form class="composer" {onsubmit}>
            <button type="button" class="attach" aria-label={s.attach().clone()}
                title={s.attach().clone()} onclick={open_picker}>
                { icon(ATTACH) }
            </button>
            <input type="file" accept="image/*" class="file" ref={props.file_input.clone()}
                tabindex="-1" aria-label={s.attach().clone()} {onchange} />
            <textarea ref={props.input.clone()} rows="1" aria-label={s.message().clone()}
                placeholder={s.placeholder().clone()} {oninput} {onkeydown} {onpaste} />
            <button type="submit" class="send" aria-label={s.send().clone()} disabled={props.empty}>
                { icon(SEND) }
            </button>
        </form>
    }
}

/// The files of a `FileList`.
pub fn files_of(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Fits the textarea's height to its text.
fn grow(area: &web_sys::HtmlTextAreaElement) {
    let style = area.style();
    let _ = style.set_property("height", "auto");
    let _ = style.set_property("height", &format!("{}px", area.scroll_height()));
}
