//! The conversation as a live log: screen readers announce new messages politely, the view
//! follows the newest message, and a long restored history is drawn newest first.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_render::{AnimationFrame, request_animation_frame};
use yew::prelude::*;

use super::bubble::{BubbleContext, bubble, greeting};
use crate::aida::transcript::{Entry, FORGET_AT_ONCE};
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
}

#[function_component]
pub fn Transcript(props: &TranscriptProps) -> Html {
    let list = use_node_ref();
    let follow = {
        let list = list.clone();
        use_memo((), move |_| FollowEnd::new(list))
    };
    use_effect_with((props.entries.0.len(), props.replying), move |_| {
        follow.request()
    });
    let last_blocks = use_mut_ref(Vec::new);
    let blocks = split(&props.entries.0, &mut last_blocks.borrow_mut());
    // One listener for every time stamp, the same across renders of one language.
    let on_pointer_over = use_callback(props.context.locale.tag.clone(), |e: PointerEvent, tag| {
        title_on_hover(&e, tag)
    });
    let older = use_mut_ref(OlderBlocks::default);
    let hidden = older.borrow_mut().hidden(blocks.len());
    let waited = older.borrow().waited;
    {
        // Draws the hidden older blocks a few per frame, newest first, until none is left.
        let redraw = use_force_update();
        let older = older.clone();
        use_effect_with((hidden, waited), move |&(hidden, _)| {
            let frame = (hidden > 0).then(|| {
                request_animation_frame(move |_| {
                    older.borrow_mut().reveal(BLOCKS_PER_FRAME);
                    redraw.force_update();
                })
            });
            move || drop(frame)
        });
    }
    html! {
        <div class="transcript" ref={list} role="log" aria-live="polite"
            aria-busy={(hidden > 0).to_string()}
            aria-label={props.context.locale.strings.conversation.clone()}>
            <ol onpointerover={on_pointer_over}>
                if let Some(text) = &props.greeting { { greeting(text) } }
                { for blocks[hidden..].iter().map(|block| html! {
                    <Block key={block.0[0].id.clone()} entries={block.clone()}
                        context={props.context.clone()} />
                }) }
            </ol>
            if props.greeting.is_none() && props.entries.0.is_empty() {
                <p class="hint">{ &props.context.locale.strings.empty_hint }</p>
            }
            if props.replying {
                <p class="replying" aria-live="polite">{ &props.context.locale.strings.replying }</p>
            }
        </div>
    }
}

/// Bubbles are rendered in blocks of this many entries, and a block whose entries are all the
/// same as last time keeps its props: a new message renders the last block only, not every
/// bubble of a long transcript. The conversation forgets its oldest entries as many at a time.
const BLOCK: usize = FORGET_AT_ONCE;

/// Some consecutive entries. Blocks compare by pointer: a block is made anew only when one of
/// its entries changed.
#[derive(Clone)]
struct Run(Rc<[Rc<Entry>]>);

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// `entries` in blocks of `BLOCK`, each block reused from `last` when its entries are the same
/// (by pointer), so that its props stay equal and Yew skips it. When the oldest block was
/// forgotten, the others are found one place later in `last`.
fn split(entries: &[Rc<Entry>], last: &mut Vec<Run>) -> Vec<Run> {
    let shift = entries.first().map_or(0, |first| {
        last.iter()
            .position(|block| Rc::ptr_eq(&block.0[0], first))
            .unwrap_or(0)
    });
    let blocks: Vec<Run> = entries
        .chunks(BLOCK)
        .enumerate()
        .map(|(i, chunk)| match last.get(i + shift) {
            Some(block) if same(&block.0, chunk) => block.clone(),
            _ => Run(chunk.into()),
        })
        .collect();
    last.clone_from(&blocks);
    blocks
}

fn same(a: &[Rc<Entry>], b: &[Rc<Entry>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Rc::ptr_eq(a, b))
}

/// A restored transcript is drawn newest first: its last `FIRST_BLOCKS` blocks at once, the older
/// ones `BLOCKS_PER_FRAME` per animation frame, from the second frame on (the frame that paints
/// the newest messages does not also build the first older ones). Neither the newest messages
/// nor the host page wait for two thousand bubbles in one long task, and the log is `aria-busy`
/// meanwhile so that screen readers do not announce history as news.
const FIRST_BLOCKS: usize = 2;
const BLOCKS_PER_FRAME: usize = 8;

/// How many of the oldest blocks are not drawn yet.
#[derive(Default)]
struct OlderBlocks {
    hidden: usize,
    /// Blocks at the last render; none means the transcript is appearing for the first time.
    known: usize,
    /// Whether the frame that paints the newest blocks has passed (older blocks wait for it).
    waited: bool,
}

impl OlderBlocks {
    /// The number of oldest blocks to leave out of a render of `count` blocks. Only blocks that
    /// appear all at once in an empty transcript (a restore) are held back: later messages are
    /// drawn as they come.
    fn hidden(&mut self, count: usize) -> usize {
        if self.known == 0 {
            self.hidden = count.saturating_sub(FIRST_BLOCKS);
        }
        self.known = count;
        self.hidden = self.hidden.min(count);
        self.hidden
    }

    /// An animation frame passed: the first one only ends the wait, the next ones draw.
    fn reveal(&mut self, blocks: usize) {
        if std::mem::replace(&mut self.waited, true) {
            self.hidden = self.hidden.saturating_sub(blocks);
        }
    }
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    entries: Run,
    context: BubbleContext,
}

/// Some consecutive bubbles, as siblings in the list (a block adds no element of its own).
#[function_component]
fn Block(props: &BlockProps) -> Html {
    html! {
        { for props.entries.0.iter().map(|entry| bubble(entry, &props.context)) }
    }
}

/// Scrolls the list to its end at the next animation frame, once however many messages came in
/// before it: reading `scrollHeight` forces a layout of the whole list, which a burst of
/// messages would otherwise pay once per message. Dropped with the transcript, a pending frame
/// is cancelled.
struct FollowEnd {
    list: NodeRef,
    pending: Rc<Cell<bool>>,
    frame: RefCell<Option<AnimationFrame>>,
}

impl FollowEnd {
    fn new(list: NodeRef) -> Self {
        FollowEnd {
            list,
            pending: Rc::default(),
            frame: RefCell::default(),
        }
    }

    fn request(&self) {
        if self.pending.replace(true) {
            return;
        }
        let (list, pending) = (self.list.clone(), self.pending.clone());
        // Replaces the frame that last ran, never one that is waiting.
        *self.frame.borrow_mut() = Some(request_animation_frame(move |_| {
            pending.set(false);
            if let Some(element) = list.cast::<web_sys::Element>() {
                element.set_scroll_top(element.scroll_height());
            }
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_draws_the_newest_blocks_first_and_the_rest_frame_by_frame() {
        let mut older = OlderBlocks::default();
        assert_eq!(older.hidden(0), 0, "nothing yet");
        assert_eq!(older.hidden(63), 61, "a restore: the last two blocks only");
        older.reveal(BLOCKS_PER_FRAME);
        assert_eq!(
            older.hidden(63),
            61,
            "the frame that paints them draws no older one"
        );
        older.reveal(BLOCKS_PER_FRAME);
        assert_eq!(older.hidden(63), 53);
        assert_eq!(older.hidden(64), 53, "a new message is drawn at once");
        for _ in 0..7 {
            older.reveal(BLOCKS_PER_FRAME);
        }
        assert_eq!(older.hidden(64), 0);
        assert_eq!(older.hidden(1), 0, "a new conversation");
    }

    fn entries(ids: std::ops::Range<usize>) -> Vec<Rc<Entry>> {
        ids.map(|i| {
            Rc::new(Entry {
                id: i.to_string(),
                from: crate::aida::transcript::Author::Bot,
                text: String::new(),
                at: 0.0,
                status: None,
                image: None,
                error: None,
            })
        })
        .collect()
    }

    #[test]
    fn blocks_are_reused_when_the_oldest_block_is_forgotten() {
        let all = entries(0..3 * BLOCK + 5);
        let mut last = Vec::new();
        let before = split(&all, &mut last);
        let after = split(&all[BLOCK..], &mut last);
        assert_eq!(after.len(), before.len() - 1);
        for (now, then) in after.iter().zip(&before[1..]) {
            assert!(Rc::ptr_eq(&now.0, &then.0), "the same block, not a copy");
        }
        let more: Vec<Rc<Entry>> = all[BLOCK..]
            .iter()
            .cloned()
            .chain(entries(900..901))
            .collect();
        let grown = split(&more, &mut last);
        assert!(Rc::ptr_eq(&grown[0].0, &after[0].0));
        assert!(
            !Rc::ptr_eq(&grown[2].0, &after[2].0),
            "the last block has a new entry"
        );
    }

    #[test]
    fn a_short_transcript_is_drawn_at_once() {
        let mut older = OlderBlocks::default();
        assert_eq!(older.hidden(2), 0);
        assert_eq!(
            older.hidden(40),
            0,
            "growing after the first render never hides"
        );
    }
}
