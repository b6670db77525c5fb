//! The JavaScript API of the script-tag embed and of the npm package: `init(options)` mounts a
//! widget and returns its handle. `js/aida-chat.js` (the loader) wraps it in `window.AidaChat`.

use std::rc::Rc;

use crate::json::{Map, Value};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::aida::config::Options;
use crate::browser::js_value;
use crate::browser::upload::Shrinker;
use crate::browser::{Emit, console};
use crate::ui::bridge::{Bridge, Command};
use crate::ui::locale;
use crate::ui::mount::{Translations, mount_options, switch};
use crate::ui::widget::Widget;

/// A mounted widget.
#[wasm_bindgen]
pub struct AidaChatHandle {
    app: Option<AppHandle<Widget>>,
    bridge: Rc<Bridge>,
    translations: Translations,
    /// The integrator's `strings`, laid over any translation.
    overrides: Map,
    bot_language: bool,
}

/// Mounts a widget in `options.target`, an element (`hostFor` in `js/element.js` finds or makes
/// it, and `mountWithEvents` there removes or empties it on `destroy`). A bad option is reported
/// in the console, naming it, shown in the widget as "chat unavailable", and given back as the
/// error (the returned promise rejects; nothing is thrown into the page).
/// - `translations(file)` resolves with the texts of a built-in translation
///   (`locales/<file>.json`), which the loader and the npm module know where to fetch.
/// - `shrink_photo(file, maxDimension, maxBytes)` scales a large photo down
///   (`js/aida-chat-photo.js`).
/// - `emit(name, a, b)` hears what happens, for the handle's `on` and `off`, which
///   `mountWithEvents` in `js/element.js` adds: the page's listeners are kept there.
#[wasm_bindgen]
pub fn init(
    options: JsValue,
    translations: Option<js_sys::Function>,
    shrink_photo: Option<js_sys::Function>,
    emit: Option<Emit>,
) -> Result<AidaChatHandle, JsError> {
    let fail = |message: String| {
        console::error(&message);
        JsError::new(&message)
    };
    let host = js_sys::Reflect::get(&options, &"target".into())
        .ok()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .ok_or_else(|| fail("aida-chat: the option `target` must be an element".into()))?;
    let options = Options::from_json(&js_value::to_json(&options)).map_err(|e| e.to_string());
    let (overrides, bot_language) = options.as_ref().map_or((Map::new(), true), |o| {
        (
            o.strings.clone().unwrap_or_default(),
            o.bot_language.unwrap_or(true),
        )
    });
    let translations = from_js(translations);
    let origin = web_sys::window().and_then(|w| w.location().origin().ok());
    let bridge = Rc::new(Bridge::default());
    bridge.listen(emit);
    // Already in the console, naming the option.
    let app = mount_options(
        &host,
        options,
        origin.as_deref(),
        bridge.clone(),
        translations.clone(),
        Shrinker(shrink_photo),
    )
    .map_err(|message| JsError::new(&message))?;
    Ok(AidaChatHandle {
        app: Some(app),
        bridge,
        translations,
        overrides,
        bot_language,
    })
}

/// The page's `translations(file)`, a promise of a translation's texts (or of anything else
/// when it has none).
fn from_js(translations: Option<js_sys::Function>) -> Translations {
    Rc::new(move |file: &'static str| {
        let promise = translations
            .as_ref()
            .and_then(|f| f.call1(&JsValue::NULL, &file.into()).ok())
            .and_then(|value| value.dyn_into::<js_sys::Promise>().ok());
        Box::pin(async move {
            let texts = wasm_bindgen_futures::JsFuture::from(promise?).await.ok()?;
            match js_value::to_json(&texts) {
                Value::Object(texts) => Some(texts),
                _ => None,
            }
        })
    })
}

#[wasm_bindgen]
impl AidaChatHandle {
    pub fn open(&self) {
        self.bridge.command(Command::Open);
    }

    pub fn close(&self) {
        self.bridge.command(Command::Close);
    }

    pub fn toggle(&self) {
        self.bridge.command(Command::Toggle);
    }

    /// Sends `text` as the visitor would.
    pub fn send(&self, text: String) {
        self.bridge.command(Command::Send(text));
    }

    /// Merges `data` into the session data (`put_data`).
    #[wasm_bindgen(js_name = putData)]
    pub fn put_data(&self, data: JsValue) -> Result<(), JsError> {
        let Value::Object(data) = js_value::to_json(&data) else {
            return Err(JsError::new("aida-chat: putData takes a plain object"));
        };
        self.bridge.command(Command::PutData(data));
        Ok(())
    }

    #[wasm_bindgen(js_name = newConversation)]
    pub fn new_conversation(&self) {
        self.bridge.command(Command::NewConversation);
    }

    /// Speaks `tag` (BCP 47) from now on: the best built-in translation for it (once loaded),
    /// its clock and plurals; the bot hears the language too (`put_data`), unless `botLanguage`
    /// is false.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, tag: String) {
        let chosen = locale::negotiate(&[tag]);
        let language = locale::bot_language(&chosen.tag).filter(|_| self.bot_language);
        let (bridge, translations) = (self.bridge.clone(), self.translations.clone());
        let overrides = self.overrides.clone();
        wasm_bindgen_futures::spawn_local(switch(
            bridge,
            translations,
            chosen,
            overrides,
            language,
        ));
    }

    /// Unmounts: closes the socket, removes every timer and listener it made.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
