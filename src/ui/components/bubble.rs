//! One message in the transcript, written as markup.
//!
//! Bubbles are the one part of the interface that comes by the hundred: a restored history
//! draws up to 544 at once. As Yew elements, each bubble was a dozen allocations, a diff and a
//! crossing into JavaScript per element and attribute; as markup, a batch of bubbles is one
//! string that the browser's parser turns into elements in one call, and the code that writes it
//! is a fraction of the size. Every text and attribute value is escaped ([`crate::ui::markup`]).

use std::rc::Rc;

use crate::aida::protocol;
use crate::aida::transcript::{Author, Delivery, Entry};
use crate::ui::locale::Locale;
use crate::ui::markup::{escape, write};
use crate::ui::text::{Piece, pieces};
use crate::ui::time::{Clock, stamp};

/// What every bubble of a transcript shares. Bubbles are written again when it changes (a new
/// language, or the locale's clock once the page is idle).
#[derive(Clone)]
pub struct BubbleContext {
    /// The texts.
    pub locale: Rc<Locale>,
    /// How a time of day is written.
    pub clock: Rc<Clock>,
    /// Where the server's pictures are.
    pub content_url: Rc<str>,
}

/// Contexts compare by identity: a new locale or clock is a new way of writing every bubble.
impl PartialEq for BubbleContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.locale, &other.locale)
            && Rc::ptr_eq(&self.clock, &other.clock)
            && self.content_url == other.content_url
    }
}

/// What a bubble's buttons do, named by their class; each carries what it acts on as its
/// `value` (the entry's id, or the picture's address). The transcript listens for clicks on the
/// whole list.
pub const RETRY: &str = "retry";
pub const CANCEL: &str = "cancel";
pub const PICTURE: &str = "picture";

/// A message's text, its own direction (an English answer in an Arabic widget reads left to
/// right), web addresses as links that open elsewhere.
fn paragraph(out: &mut String, text: &str) {
    out.push_str("<p dir=\"auto\">");
    for piece in pieces(text) {
        match piece {
            Piece::Text(text) => escape(text, out),
            Piece::Link(url) => write(
                out,
                &[
                    "<a href=\"",
                    url,
                    "\" target=\"_blank\" rel=\"noopener noreferrer\">",
                    url,
                    "</a>",
                ],
            ),
        }
    }
    out.push_str("</p>");
}

/// One bubble: an `<li>` with the entry's picture, text, failure, time, delivery and buttons.
pub fn write_bubble(entry: &Entry, context: &BubbleContext, out: &mut String) {
    let strings = &context.locale.strings;
    if entry.from == Author::Divider {
        let label = strings.earlier_conversation();
        return write(
            out,
            &[
                "<li class=\"divider\" role=\"separator\"><span>",
                label,
                "</span></li>",
            ],
        );
    }
    write(out, &["<li data-from=\"", entry.from.as_str(), "\""]);
    if let Some(status) = entry.status {
        write(out, &[" data-status=\"", status.as_str(), "\""]);
    }
    out.push('>');
    let uploading = entry.awaits_upload() && entry.status == Some(Delivery::Queued);
    if let Some(image) = &entry.image {
        // The server's copy once uploaded, the page's preview before.
        let src = match &image.id {
            Some(id) => protocol::image_url(&context.content_url, id),
            None => image.preview.clone(),
        };
        match &src {
            Some(src) => {
                write(
                    out,
                    &[
                        "<button type=\"button\" class=\"picture\" value=\"",
                        src,
                        "\" aria-label=\"",
                        strings.view_picture(),
                        "\"><img src=\"",
                        src,
                        "\" alt=\"",
                        strings.picture(),
                        "\" loading=\"lazy\">",
                    ],
                );
                if uploading {
                    out.push_str("<span class=\"spinner\" aria-hidden=\"true\"></span>");
                }
                out.push_str("</button>");
            }
            None => write(out, &["<p class=\"missing\">", strings.picture(), "</p>"]),
        }
    }
    if !entry.text.is_empty() {
        paragraph(out, &entry.text);
    }
    if let (Some(Delivery::Failed), Some(failure)) = (entry.status, entry.error) {
        let why = strings.failure(failure);
        write(out, &["<p class=\"error\" role=\"alert\">", &why, "</p>"]);
    }
    let (short, datetime) = stamp(entry.at, &context.clock);
    write(
        out,
        &["<time datetime=\"", &datetime, "\">", &short, "</time>"],
    );
    if let Some(status) = entry.status {
        let label = match status {
            Delivery::Queued if entry.awaits_upload() => strings.uploading(),
            Delivery::Queued => strings.queued(),
            Delivery::Sent => strings.sent(),
            Delivery::Failed => strings.failed(),
        };
        write(out, &["<span class=\"delivery\">", label, "</span>"]);
    }
    // While it uploads: how far it is, and a way to stop it (the picture then waits for Retry).
    if uploading {
        if let Some(percent) = entry.image.as_ref().and_then(|i| i.progress) {
            let value = percent.to_string();
            let label = strings.uploading();
            write(
                out,
                &[
                    "<progress max=\"100\" value=\"",
                    &value,
                    "\" aria-label=\"",
                    label,
                    "\"></progress>",
                ],
            );
        }
        button(out, CANCEL, &entry.id, strings.cancel());
    }
    if entry.retryable() {
        button(out, RETRY, &entry.id, strings.retry());
    }
    out.push_str("</li>");
}

fn button(out: &mut String, class: &str, value: &str, label: &str) {
    write(
        out,
        &[
            "<button type=\"button\" class=\"",
            class,
            "\" value=\"",
            value,
            "\">",
            label,
            "</button>",
        ],
    );
}

/// The upload's progress of `new`, when that is what changed since `old`: both show a progress
/// bar in the same delivery (while a picture uploads nothing else of its entry changes; its end,
/// a failure or a cancel take the bar away). The bar is moved in place rather than the bubble
/// written again, so that the bubble's Cancel button stays the element the visitor presses.
pub fn progress_only(old: &Entry, new: &Entry) -> Option<u8> {
    let before = old.image.as_ref()?.progress;
    let after = new.image.as_ref()?.progress?;
    (before.is_some() && old.status == new.status).then_some(after)
}

/// The integrator's greeting: a bot bubble the widget shows itself (`data-local`), above the
/// conversation, with no time and no delivery.
pub fn write_greeting(text: &str, out: &mut String) {
    out.push_str("<li data-from=\"bot\" data-local=\"\">");
    paragraph(out, text);
    out.push_str("</li>");
}
