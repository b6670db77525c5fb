//! A picture at full size over the panel. Esc or the close button closes it; focus moves to its
//! close button while it shows, and back to what had it (the thumbnail) when it goes
//! (`use_lightbox_focus`).

use yew::prelude::*;

use super::icon::{CLOSE, icon};

use crate::ui::gesture::Gesture;
use crate::ui::strings::Strings;

/// What the lightbox shows and does.
pub struct LightboxProps<'a> {
    pub src: &'a str,
    pub strings: &'a Strings,
    pub on: &'a Callback<Gesture>,
    /// Its close button, which takes focus while it shows.
    pub close_button: &'a NodeRef,
}

/// A plain function, not a component: it exists only while a picture is open, and a component
/// of its own (its state, scheduling and diffing, compiled for its type) weighs more than its
/// three elements.
pub fn lightbox(props: LightboxProps<'_>) -> Html {
    let onkeydown = {
        let on = props.on.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                // The panel would close too: this Esc belongs to the lightbox.
                event.stop_propagation();
                on.emit(Gesture::ClosePicture);
            }
        })
    };
    html! {
        <div class="lightbox" role="dialog" aria-modal="true"
            aria-label={props.strings.view_picture().clone()} {onkeydown}>
            <img src={props.src.to_owned()} alt={props.strings.picture().clone()} />
            <button type="button" class="close-picture" ref={props.close_button.clone()}
                aria-label={props.strings.close_picture().clone()}
                onclick={props.on.reform(|_: MouseEvent| Gesture::ClosePicture)}>
                { icon(CLOSE) }
            </button>
        </div>
    }
}
