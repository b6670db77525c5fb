//! The conversation as a live log: screen readers announce new messages politely, the view
//! follows the newest message, and a long restored history is drawn newest first.
//!
//! Yew draws the log's frame; its list is an element of [`Log`]'s own, given to Yew as it is,
//! whose bubbles are markup ([`super::bubble`]) kept in step with the entries as each render
//! runs: new entries are added in one batch, a changed entry is written again in its place, and
//! forgotten ones are removed. Entries are shared copy-on-write, so an entry that is the same
//! `Rc` as last time is left alone.
//!
//! The list is drawn in the render rather than in an effect after it, because Yew hands the
//! thread back to the browser between a render and its effects once 16 ms have passed, which a
//! cold start takes (the wasm is compiled function by function as it first runs): a restored
//! conversation would be painted a frame after the widget around it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{AnimationFrame, request_animation_frame};
use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::Element;
use yew::prelude::*;

use super::bubble::{
    BubbleContext, CANCEL, PICTURE, RETRY, progress_only, write_bubble, write_greeting,
};
use crate::aida::transcript::Entry;
use crate::ui::gesture::Gesture;
use crate::ui::time::title_on_hover;

/// The chat's entries, shared copy-on-write: the same list and the same entry are the same
/// `Rc`, so they compare by pointer, never by contents.
#[derive(Clone, Default)]
pub struct Entries(pub Rc<Vec<Rc<Entry>>>);

impl PartialEq for Entries {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct TranscriptProps {
    pub entries: Entries,
    pub replying: bool,
    /// The integrator's first word, above everything; without it, an empty conversation shows a
    /// hint of what the visitor can do.
    #[prop_or_default]
    pub greeting: Option<AttrValue>,
    pub context: BubbleContext,
    /// A bubble's buttons: Retry, Cancel, a picture.
    pub on_gesture: Callback<Gesture>,
}

#[function_component]
pub fn Transcript(props: &TranscriptProps) -> Html {
    let log = use_mut_ref(Log::default);
    // A render comes only when these props change: each is a drawing.
    let view = View {
        entries: props.entries.0.clone(),
        context: props.context.clone(),
        greeting: props.greeting.clone(),
        replying: props.replying,
    };
    let (list, busy) = Log::draw(&log, view);
    // One listener for every time stamp, and one for every bubble's buttons.
    let tag = props.context.locale.tag.clone();
    let on_pointer_over = Callback::from(move |e: PointerEvent| title_on_hover(&e, &tag));
    let on_gesture = props.on_gesture.clone();
    let on_click = Callback::from(move |e: MouseEvent| {
        let Some(button) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        let value = button.get_attribute("value").unwrap_or_default();
        on_gesture.emit(match button.class_name().as_str() {
            RETRY => Gesture::Retry(value),
            CANCEL => Gesture::Cancel(value),
            PICTURE => Gesture::ShowPicture(value),
            _ => return,
        });
    });
    let strings = &props.context.locale.strings;
    html! {
        <div class="transcript" role="log" aria-live="polite" aria-busy={busy}
            aria-label={strings.conversation().clone()} onpointerover={on_pointer_over}
            onclick={on_click}>
            { Html::VRef(list.into()) }
            if props.greeting.is_none() && props.entries.0.is_empty() {
                <p class="hint">{ &**strings.empty_hint() }</p>
            }
            if props.replying {
                <p class="replying" aria-live="polite">{ &**strings.replying() }</p>
            }
        </div>
    }
}

/// What the log shows after a render.
struct View {
    entries: Rc<Vec<Rc<Entry>>>,
    context: BubbleContext,
    greeting: Option<AttrValue>,
    replying: bool,
}

/// A restored transcript is drawn newest first: its last `FIRST_DRAWN` entries at once, the
/// older ones at the second animation frame (the frame that paints the newest messages does not
/// also build older ones; 500 bubbles of markup are a few ms). 32 fill the tallest panel (600
/// px, one-line bubbles about 40 px high) twice over. The log is `aria-busy` meanwhile so that
/// screen readers do not announce history as news.
const FIRST_DRAWN: usize = 32;

/// The bubbles in the list, and how many of the oldest entries are not drawn yet. Its frames
/// end with it: they hold it weakly, and dropping one cancels it.
#[derive(Default)]
struct Log {
    /// The list the bubbles are in (made with the first drawing); its parent has the `log` role
    /// and scrolls.
    list: Option<Element>,
    /// The entries whose bubbles are in the list, in order, after the greeting's if any.
    drawn: Vec<Rc<Entry>>,
    /// What the bubbles were written with, and whether a greeting is first in the list.
    written: Option<(BubbleContext, bool)>,
    /// How many of the oldest entries wait for a later frame.
    older: usize,
    /// Whether the frame that paints the newest bubbles has passed (older ones wait for it).
    waited: bool,
    /// The last view, for the frames that draw older bubbles.
    view: Option<View>,
    older_frame: Option<AnimationFrame>,
    /// Scrolls to the newest bubble at the next frame when a message came or the bot started
    /// or stopped replying, once however many came before it: reading `scrollHeight` lays out
    /// the whole list, which a burst of messages would otherwise pay once per message.
    follow_frame: Option<AnimationFrame>,
    /// The entries and the replying line last followed.
    followed: (usize, bool),
}

impl Log {
    /// Brings the list in step with `view`, and gives the list and whether older bubbles are
    /// still to come (the log's `aria-busy`).
    fn draw(log: &Rc<RefCell<Log>>, view: View) -> (Element, &'static str) {
        let mut this = log.borrow_mut();
        let list = this
            .list
            .get_or_insert_with(|| {
                // A widget is in a document: none, or a refusal to make a list, cannot be.
                let document = web_sys::window().and_then(|w| w.document());
                document.unwrap_throw().create_element("ol").unwrap_throw()
            })
            .clone();
        let greeting = view.greeting.is_some();
        if this.written.as_ref() != Some(&(view.context.clone(), greeting)) {
            // Another language or clock: every bubble is written anew.
            let mut markup = String::new();
            if let Some(text) = &view.greeting {
                write_greeting(text, &mut markup);
            }
            list.set_inner_html(&markup);
            if this.written.is_none() {
                // The first entries of all are a restore: only the newest are drawn at once.
                this.older = view.entries.len().saturating_sub(FIRST_DRAWN);
            }
            this.drawn.clear();
            this.written = Some((view.context.clone(), greeting));
        }
        this.older = this.older.min(view.entries.len());
        let visible = &view.entries[this.older..];
        let offset = u32::from(greeting);
        this.drawn = sync(&list, offset, &this.drawn, visible, &view.context);
        let busy = if this.older > 0 { "true" } else { "false" };
        // A drawing between renders (older bubbles revealed) tells the log itself.
        if let Some(frame) = list.parent_element() {
            let _ = frame.set_attribute("aria-busy", busy);
        }
        if this.older > 0 && this.older_frame.is_none() {
            let weak = Rc::downgrade(log);
            this.older_frame = Some(request_animation_frame(move |_| {
                if let Some(log) = weak.upgrade() {
                    Log::reveal(&log);
                }
            }));
        }
        let shown = (view.entries.len(), view.replying);
        if this.follow_frame.is_none() && this.followed != shown {
            this.followed = shown;
            let (weak, list) = (Rc::downgrade(log), list.clone());
            this.follow_frame = Some(request_animation_frame(move |_| {
                if let Some(frame) = list.parent_element() {
                    frame.set_scroll_top(frame.scroll_height());
                }
                if let Some(log) = weak.upgrade() {
                    log.borrow_mut().follow_frame = None;
                }
            }));
        }
        this.view = Some(view);
        (list, busy)
    }

    /// An animation frame passed: the first one only ends the wait, the next one draws.
    fn reveal(log: &Rc<RefCell<Log>>) {
        let view = {
            let mut this = log.borrow_mut();
            this.older_frame = None;
            if std::mem::replace(&mut this.waited, true) {
                this.older = 0;
                // History drawn above the newest message: the view follows the end again
                // rather than trusting the browser's scroll anchoring to keep it there.
                this.followed.0 = usize::MAX;
            }
            this.view.take()
        };
        if let Some(view) = view {
            Log::draw(log, view);
        }
    }
}

/// Brings the list from `drawn` to `visible` and gives what it now shows. Both are in the
/// conversation's order, and an entry keeps its id: an entry of `drawn` that `visible` lacks
/// was forgotten, one that is another `Rc` changed, and one `drawn` lacks is new. New entries
/// that stand together are written as one batch. `offset` counts the list's elements before
/// the first entry's (the greeting).
pub fn sync(
    list: &Element,
    offset: u32,
    drawn: &[Rc<Entry>],
    visible: &[Rc<Entry>],
    context: &BubbleContext,
) -> Vec<Rc<Entry>> {
    let children = list.children();
    // `placed` elements are where they belong: the next one is `drawn[old]`'s.
    let (mut placed, mut old) = (offset, 0);
    let (mut batch, mut batched) = (String::new(), 0);
    let flush = |batch: &mut String, batched: &mut u32, placed: &mut u32| {
        if *batched > 0 {
            let _ = match children.item(*placed) {
                Some(next) => next.insert_adjacent_html("beforebegin", batch),
                None => list.insert_adjacent_html("beforeend", batch),
            };
            *placed += std::mem::take(batched);
            batch.clear();
        }
    };
    for entry in visible {
        let Some(skip) = drawn[old..].iter().position(|d| d.id == entry.id) else {
            write_bubble(entry, context, &mut batch);
            batched += 1;
            continue;
        };
        flush(&mut batch, &mut batched, &mut placed);
        for _ in 0..skip {
            if let Some(gone) = children.item(placed) {
                gone.remove();
            }
        }
        old += skip;
        if !Rc::ptr_eq(&drawn[old], entry)
            && let Some(changed) = children.item(placed)
        {
            let bar = progress_only(&drawn[old], entry)
                .zip(changed.query_selector("progress").ok().flatten());
            if let Some((percent, bar)) = bar {
                let value = wasm_bindgen::JsValue::from(percent);
                let _ = js_sys::Reflect::set(&bar, &"value".into(), &value);
            } else {
                let mut markup = String::new();
                write_bubble(entry, context, &mut markup);
                changed.set_outer_html(&markup);
            }
        }
        old += 1;
        placed += 1;
    }
    flush(&mut batch, &mut batched, &mut placed);
    while let Some(gone) = children.item(placed) {
        gone.remove();
    }
    visible.to_vec()
}
