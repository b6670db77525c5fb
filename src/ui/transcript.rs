//! The conversation as a live log: screen readers announce new messages politely, and the view
//! follows the newest message.

use std::rc::Rc;

use yew::prelude::*;

use super::bubble::{Bubble, EntryView};
use super::strings::Strings;

#[derive(Properties, PartialEq)]
pub struct TranscriptProps {
    pub entries: Rc<Vec<EntryView>>,
    pub replying: bool,
    pub strings: Rc<Strings>,
    pub on_retry: Callback<String>,
    pub on_show_image: Callback<String>,
}

#[function_component]
pub fn Transcript(props: &TranscriptProps) -> Html {
    let list = use_node_ref();
    {
        let list = list.clone();
        use_effect_with((props.entries.len(), props.replying), move |_| {
            if let Some(element) = list.cast::<web_sys::Element>() {
                element.set_scroll_top(element.scroll_height());
            }
        });
    }
    html! {
        <div class="transcript" ref={list} role="log" aria-live="polite"
            aria-label={props.strings.conversation.clone()}>
            <ol>
                { for props.entries.iter().map(|view| html! {
                    <Bubble key={view.entry.id.clone()} view={view.clone()}
                        strings={props.strings.clone()} on_retry={props.on_retry.clone()}
                        on_show_image={props.on_show_image.clone()} />
                }) }
            </ol>
            if props.replying {
                <p class="replying" aria-live="polite">{ &props.strings.replying }</p>
            }
        </div>
    }
}
