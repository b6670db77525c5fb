//! Draws a visitor who looks elsewhere back to a bot message, as the integrator asked
//! (`notify`): the unread count in the page's title, a tone. Nothing at all without `notify`.

use yew::prelude::*;

use super::ChatView;
use crate::aida::config::Notify;
use crate::browser::attention::{self, Tone};
use crate::browser::clock;
use crate::browser::listener::Listener;
use crate::phoenix::Millis;
use crate::ui::attention::{TitleCount, ToneGate};
use crate::ui::state::{UiAction, UiState};

/// Whether the widget starts with its page in view, as far as it follows the page's visibility
/// (only for `notify`).
pub fn in_view_at_start(notify: Notify) -> bool {
    !(notify.title || notify.sound) || attention::page_visible()
}

#[hook]
pub fn use_attention(notify: Notify, view: &ChatView, ui: &UseReducerHandle<UiState>) {
    let attention = use_mut_ref(|| {
        // Unread counts messages that came while the page was out of view, open panel or not.
        let (chat, ui) = (view.chat.clone(), ui.dispatcher());
        let visibility = (notify.title || notify.sound).then(|| {
            attention::on_visibility(move |visible| {
                ui.dispatch(UiAction::PageVisible {
                    visible,
                    arrivals: chat.arrivals(),
                })
            })
        });
        Attention {
            title: notify.title.then(TitleCount::default),
            tone: notify.sound.then(Default::default),
            last: 0,
            _visibility: visibility.flatten(),
        }
    });
    let (unread, touched) = (ui.unread(view.arrivals), ui.touched);
    use_effect_with(unread, move |&unread| {
        attention.borrow_mut().count(unread, clock::now(), touched);
    });
}

/// What the widget keeps to draw attention: the title it wrote, the tone with its last count,
/// the page's visibility listener. Dropped with the widget, it gives the site its title back.
struct Attention {
    title: Option<TitleCount>,
    tone: Option<(Tone, ToneGate)>,
    last: u64,
    _visibility: Option<Listener>,
}

impl Attention {
    /// `unread` messages are unread at `now`: the title follows, and a growing count sounds
    /// the tone, once the visitor has `touched` the widget, unless it sounded a moment ago.
    fn count(&mut self, unread: u64, now: Millis, touched: bool) {
        if let Some(title) = &mut self.title
            && let Some(text) = title.update(&attention::title(), unread)
        {
            attention::set_title(&text);
        }
        let grew = unread > std::mem::replace(&mut self.last, unread);
        if let Some((tone, gate)) = &mut self.tone
            && grew
            && touched
            && gate.open(now)
            && tone.play()
        {
            gate.sounded(now);
        }
    }
}

impl Drop for Attention {
    fn drop(&mut self) {
        self.count(0, 0, false);
    }
}
