//! One message in the transcript.

use yew::prelude::*;

use crate::aida::protocol;
use crate::aida::transcript::{Author, Delivery, Entry};
use crate::ui::locale::Locale;
use crate::ui::text::{Piece, pieces};
use crate::ui::time::{Clock, stamp};

/// What every bubble of a transcript shares.
#[derive(Clone, PartialEq)]
pub struct BubbleContext {
    /// The texts.
    pub locale: std::rc::Rc<Locale>,
    /// How a time of day is written.
    pub clock: std::rc::Rc<Clock>,
    /// Where the server's pictures are.
    pub content_url: AttrValue,
    pub on_retry: Callback<String>,
    pub on_cancel: Callback<String>,
    pub on_show_picture: Callback<String>,
}

/// One bubble's view. A plain function, not a component: a restored history makes thousands of
/// bubbles at once, and a component each (its own state, hooks and scheduling) cost more than
/// the bubble's own elements. The block around it ([`super::transcript`]) is what Yew skips when
/// nothing changed.
pub fn bubble(entry: &Entry, context: &BubbleContext) -> Html {
    let strings = &context.locale.strings;
    let key = entry.id.clone();
    if entry.from == Author::Divider {
        return html! {
            <li {key} class="divider" role="separator"><span>{ &strings.earlier_conversation }</span></li>
        };
    }
    let from = entry.from.as_str();
    let (short, datetime) = stamp(entry.at, &context.clock);
    let status_label = entry.status.map(|s| match s {
        Delivery::Queued if entry.awaits_upload() => strings.uploading.clone(),
        Delivery::Queued => strings.queued.clone(),
        Delivery::Sent => strings.sent.clone(),
        Delivery::Failed => strings.failed.clone(),
    });
    let failed = entry.status == Some(Delivery::Failed);
    let retry = entry.retryable().then(|| {
        let on_retry = context.on_retry.clone();
        let id = entry.id.clone();
        html! {
            <button type="button" class="retry" onclick={Callback::from(move |_| on_retry.emit(id.clone()))}>
                { &strings.retry }
            </button>
        }
    });
    let uploading = entry.awaits_upload() && entry.status == Some(Delivery::Queued);
    // While it uploads: how far it is, and a way to stop it (the picture then waits for Retry).
    let upload = uploading.then(|| {
        let on_cancel = context.on_cancel.clone();
        let id = entry.id.clone();
        let percent = entry.image.as_ref().and_then(|i| i.progress);
        html! {
            <>
                if let Some(percent) = percent {
                    <progress max="100" value={percent.to_string()} aria-label={strings.uploading.clone()}></progress>
                }
                <button type="button" class="cancel" onclick={Callback::from(move |_| on_cancel.emit(id.clone()))}>
                    { &strings.cancel }
                </button>
            </>
        }
    });
    let picture = entry.image.as_ref().map(|image| {
        // The server's copy once uploaded, the page's preview before.
        let src = match &image.id {
            Some(id) => protocol::image_url(&context.content_url, id),
            None => image.preview.clone(),
        };
        match src {
            Some(src) => {
                let on_show = context.on_show_picture.clone();
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
                // Its own direction: an English answer in an Arabic widget reads left to right.
                <p dir="auto">{ for pieces(&entry.text).into_iter().map(render_piece) }</p>
            }
            if let (true, Some(failure)) = (failed, entry.error) {
                <p class="error" role="alert">{ strings.failure(failure) }</p>
            }
            <time {datetime}>{ short }</time>
            if let Some(label) = status_label {
                <span class="delivery">{ label }</span>
            }
            { for upload }
            { for retry }
        </li>
    }
}

/// The integrator's greeting: a bot bubble the widget shows itself (`data-local`), above the
/// conversation, with no time and no delivery.
pub fn greeting(text: &str) -> Html {
    html! {
        <li data-from="bot" data-local="">
            <p dir="auto">{ for pieces(text).into_iter().map(render_piece) }</p>
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
