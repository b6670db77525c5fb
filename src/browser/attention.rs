//! The page's title and visibility, and a short tone made with Web Audio (no audio file), for a
//! visitor whose attention is elsewhere.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::VisibilityState;

use super::listener::Listener;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The page's title.
pub fn title() -> String {
    document().map(|d| d.title()).unwrap_or_default()
}

pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Whether the page is in view.
pub fn page_visible() -> bool {
    document().is_none_or(|d| d.visibility_state() == VisibilityState::Visible)
}

/// Calls `f` with the page's visibility whenever it changes, until dropped.
pub fn on_visibility(mut f: impl FnMut(bool) + 'static) -> Option<Listener> {
    Listener::new(document()?.into(), "visibilitychange", move |_| {
        f(page_visible())
    })
}

/// A soft two-note chime, on an audio context made at the first tone and closed when the tone is
/// dropped. Browsers start audio only after the visitor has interacted with the page, and a page
/// should not try before: the first tone must follow a gesture.
///
/// Web Audio is called by name (`Reflect`), not through web-sys's typed bindings: each typed
/// method brings an import shim of its own, about 3 KB of wasm for the dozen a chime uses, for
/// a feature most widgets never turn on.
#[derive(Default)]
pub struct Tone {
    context: Option<JsValue>,
}

impl Tone {
    /// Sounds the chime; returns whether it did.
    pub fn play(&mut self) -> bool {
        if self.context.is_none() {
            self.context = audio_context();
        }
        self.context
            .as_ref()
            .is_some_and(|context| chime(context).is_ok())
    }
}

impl Drop for Tone {
    fn drop(&mut self) {
        if let Some(context) = &self.context {
            let _ = call(context, "close", &[]);
        }
    }
}

/// A new `AudioContext` (`webkitAudioContext` in older Safari), if the browser has one.
fn audio_context() -> Option<JsValue> {
    let window = web_sys::window()?;
    let class = ["AudioContext", "webkitAudioContext"]
        .into_iter()
        .find_map(|name| get(&window, name).ok().filter(JsValue::is_function))?;
    Reflect::construct(class.unchecked_ref::<js_sys::Function>(), &Array::new()).ok()
}

fn get(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &name.into())
}

/// `target[name](...args)`.
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let method = get(target, name)?;
    Reflect::apply(
        method.unchecked_ref::<js_sys::Function>(),
        target,
        &args.iter().collect(),
    )
}

/// Two sine notes (E5, then A5), each struck quietly and fading within a fifth of a second.
fn chime(context: &JsValue) -> Result<(), JsValue> {
    let start = get(context, "currentTime")?.as_f64().unwrap_or_default();
    let speaker = get(context, "destination")?;
    note(context, &speaker, 659.25, start)?;
    note(context, &speaker, 880.0, start + 0.12)
}

/// One note of `frequency` Hz from `at` (seconds on the context's clock), for 0.2 s.
fn note(context: &JsValue, speaker: &JsValue, frequency: f64, at: f64) -> Result<(), JsValue> {
    let end = at + 0.2;
    let oscillator = call(context, "createOscillator", &[])?;
    Reflect::set(
        &get(&oscillator, "frequency")?,
        &"value".into(),
        &frequency.into(),
    )?;
    let gain = call(context, "createGain", &[])?;
    let volume = get(&gain, "gain")?;
    call(&volume, "setValueAtTime", &[0.08.into(), at.into()])?;
    call(
        &volume,
        "exponentialRampToValueAtTime",
        &[0.0001.into(), end.into()],
    )?;
    call(&oscillator, "connect", std::slice::from_ref(&gain))?;
    call(&gain, "connect", std::slice::from_ref(speaker))?;
    call(&oscillator, "start", &[at.into()])?;
    call(&oscillator, "stop", &[end.into()])?;
    Ok(())
}
