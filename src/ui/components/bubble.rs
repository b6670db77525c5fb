//! One message in the transcript.

use std::rc::Rc;

use yew::prelude::*;

use super::strings::Strings;
use super::text::{Piece, pieces};
use super::time::stamp;
use crate::aida::transcript::{Delivery, Entry, From};

/// An entry with what the browser layer knows about it.
#[derive(Debug, Clone)]
pub struct EntryView {
    /// The conversation's own entry: it is replaced, never changed in place, when it changes.
    pub entry: Rc<Entry>,
    /// Where its picture is: the server's URL once uploaded, a local preview before.
    pub image_src: Option<String>,
    /// Whether Retry can work (a picture's file is gone after a reload).
    pub retryable: bool,
}

/// By the entry's pointer, not its contents: each render compares every bubble, and an unchanged
/// entry is the same allocation (see [`crate::aida::chat::Chat::entries`]).
impl PartialEq for EntryView {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.entry, &other.entry)
            && self.image_src == other.image_src
            && self.retryable == other.retryable
    }
}

/// One bubble's view. A plain function, not a component: a restored history makes thousands of
/// bubbles at once, and a component each (its own state, hooks and scheduling) cost more than
/// the bubble's own elements. The block around it ([`super::transcript`]) is what Yew skips when
/// nothing changed.
pub fn bubble(
    view: &EntryView,
    strings: &Strings,
    on_retry: &Callback<String>,
    on_show_image: &Callback<String>,
) -> Html {
    let EntryView {
        entry,
        image_src,
        retryable,
    } = view;
    let key = entry.id.clone();
    if entry.from == From::Divider {
        return html! {
            <li {key} class="divider" role="separator"><span>{ &strings.earlier_conversation }</span></li>
        };
    }
    let from = if entry.from == From::User {
        "user"
    } else {
        "bot"
    };
    let (short, datetime) = stamp(entry.at);
    let status_label = entry.status.map(|s| match s {
        Delivery::Queued if entry.awaits_upload() => strings.uploading.clone(),
        Delivery::Queued => strings.queued.clone(),
        Delivery::Sent => strings.sent.clone(),
        Delivery::Failed => strings.failed.clone(),
    });
    let failed = entry.status == Some(Delivery::Failed);
    let retry = (failed && *retryable).then(|| {
        let on_retry = on_retry.clone();
        let id = entry.id.clone();
        html! {
            <button type="button" class="retry" onclick={Callback::from(move |_| on_retry.emit(id.clone()))}>
                { &strings.retry }
            </button>
        }
    });
    let picture = entry.image.as_ref().map(|_| {
        let uploading = entry.awaits_upload() && entry.status == Some(Delivery::Queued);
        match image_src {
            Some(src) => {
                let on_show = on_show_image.clone();
                let target = src.clone();
                html! {
                    <button type="button" class="picture" aria-label={strings.view_picture.clone()}
                        onclick={Callback::from(move |_| on_show.emit(target.clone()))}>
                        <img src={src.clone()} alt={strings.picture.clone()} loading="lazy" />
                        if uploading { <span class="spinner" aria-hidden="true"></span> }
                    </button>
                }
            }
            None => html! { <p class="missing">{ &strings.picture }</p> },
        }
    });
    html! {
        <li {key} data-from={from} data-status={entry.status.map(Delivery::as_str)}>
            { for picture }
            if !entry.text.is_empty() {
                <p>{ for pieces(&entry.text).into_iter().map(render_piece) }</p>
            }
            if let (true, Some(error)) = (failed, &entry.error) {
                <p class="error" role="alert">{ error }</p>
            }
            <time {datetime}>{ short }</time>
            if let Some(label) = status_label {
                <span class="delivery">{ label }</span>
            }
            { for retry }
        </li>
    }
}

fn render_piece(piece: Piece<'_>) -> Html {
    match piece {
        Piece::Text(text) => html! { { text } },
        Piece::Link(url) => html! {
            <a href={url.to_owned()} target="_blank" rel="noopener noreferrer">{ url }</a>
        },
    }
}
