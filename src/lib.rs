//! aida-chat: the web chat widget for AIDA chatbots.
//!
//! Layers, each testable on its own and each importing only those below it (see
//! `docs/architecture.md`): [`json`] (JSON text and values), [`phoenix`] (a sans-IO Phoenix
//! Channels client), [`aida`] (the bot protocol and the conversation, also sans-IO), [`browser`]
//! (thin adapters for the WebSocket, timers, storage and uploads) and [`ui`] (Yew components).
//! [`embed`] is the JavaScript API of the script tag and the npm package.

pub mod aida;
pub mod browser;
pub mod embed;
pub mod json;
pub mod phoenix;
pub mod ui;

/// The heap's allocator in the browser: Talc, which is smaller than the standard library's
/// dlmalloc and faster at the many small allocations a conversation makes.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
