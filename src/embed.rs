//! The JavaScript API of the script-tag embed and of the npm package: `init(options)` mounts a
//! widget and returns its handle. `js/aida-chat.js` (the loader) wraps it in `window.AidaChat`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::json::{Map, Value};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::aida::config::Options;
use crate::browser::console;
use crate::browser::js_value;
use crate::browser::upload::Shrinker;
use crate::ui::bridge::{Bridge, Command, Notice};
use crate::ui::locale;
use crate::ui::mount::{Translations, mount_options, switch};
use crate::ui::widget::Widget;

type Listeners = Rc<RefCell<Vec<(String, js_sys::Function)>>>;

/// A mounted widget.
#[wasm_bindgen]
pub struct AidaChatHandle {
    app: Option<AppHandle<Widget>>,
    bridge: Rc<Bridge>,
    host: Element,
    owns_host: bool,
    listeners: Listeners,
    translations: Translations,
    /// The integrator's `strings`, laid over any translation.
    overrides: Map,
    bot_language: bool,
}

/// Mounts a widget. `options.target` (an element or a selector) is where; by default a new
/// element at the end of the body. A bad option is reported in the console, naming it, shown in
/// the widget as "chat unavailable", and given back as the error (the returned promise rejects;
/// nothing is thrown into the page). `translations(file)` resolves with the texts of a built-in
/// translation (`locales/<file>.json`), which the loader and the npm module know where to fetch;
/// `shrink_photo(file, maxDimension, maxBytes)` scales a large photo down (`js/aida-chat-photo.js`).
#[wasm_bindgen]
pub fn init(
    options: JsValue,
    translations: Option<js_sys::Function>,
    shrink_photo: Option<js_sys::Function>,
) -> Result<AidaChatHandle, JsError> {
    let fail = |message: String| {
        console::error(&message);
        JsError::new(&message)
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("aida-chat: no document".into()))?;
    let (host, owns_host) = host_for(&document, &options).map_err(fail)?;
    let options = Options::from_json(&js_value::to_json(&options)).map_err(|e| e.to_string());
    let (overrides, bot_language) = options.as_ref().map_or((Map::new(), true), |o| {
        (
            o.strings.clone().unwrap_or_default(),
            o.bot_language.unwrap_or(true),
        )
    });
    let translations = from_js(translations);
    let origin = document.location().and_then(|l| l.origin().ok());
    let bridge = Rc::new(Bridge::default());
    let listeners: Listeners = Rc::default();
    let heard = listeners.clone();
    bridge.listen(Rc::new(move |notice| dispatch(&heard, notice)));
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
        host,
        owns_host,
        listeners,
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

/// `options.target`, or a new element at the end of the body.
fn host_for(document: &web_sys::Document, options: &JsValue) -> Result<(Element, bool), String> {
    let target = js_sys::Reflect::get(options, &"target".into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(element) = target.dyn_ref::<Element>() {
        return Ok((element.clone(), false));
    }
    if let Some(selector) = target.as_string() {
        return match document.query_selector(&selector) {
            Ok(Some(element)) => Ok((element, false)),
            _ => Err(format!(
                "aida-chat: the option `target` matches no element: {}",
                crate::json::quoted(&selector)
            )),
        };
    }
    if !target.is_undefined() && !target.is_null() {
        return Err("aida-chat: the option `target` must be an element or a selector".into());
    }
    let host = document
        .create_element("aida-chat")
        .map_err(|_| "aida-chat: cannot create the host element")?;
    let body = document
        .body()
        .ok_or("aida-chat: the page has no body yet")?;
    body.append_child(&host)
        .map_err(|_| "aida-chat: cannot add the widget to the page")?;
    Ok((host, true))
}

fn dispatch(listeners: &Listeners, notice: Notice) {
    let (name, detail): (&str, JsValue) = match notice {
        Notice::Message { from, text } => {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&detail, &"from".into(), &from.into());
            let _ = js_sys::Reflect::set(&detail, &"text".into(), &text.into());
            ("message", detail.into())
        }
        Notice::Open => ("open", JsValue::UNDEFINED),
        Notice::Close => ("close", JsValue::UNDEFINED),
        Notice::Status(status) => ("status", status.into()),
        Notice::Error(message) => ("error", JsError::new(&message).into()),
    };
    let matching: Vec<js_sys::Function> = listeners
        .borrow()
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, f)| f.clone())
        .collect();
    for f in matching {
        // A throwing listener is the page's bug: report it, and go on with the others.
        if let Err(error) = f.call1(&JsValue::NULL, &detail) {
            web_sys::console::error_2(&"aida-chat: an event listener threw".into(), &error);
        }
    }
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

    /// Listens to `message`, `open`, `close`, `status` or `error`.
    pub fn on(&self, event: String, listener: js_sys::Function) {
        self.listeners.borrow_mut().push((event, listener));
    }

    pub fn off(&self, event: String, listener: js_sys::Function) {
        self.listeners
            .borrow_mut()
            .retain(|(n, f)| !(n == &event && f == &listener));
    }

    /// Unmounts: closes the socket, removes every listener, timer and element it made.
    pub fn destroy(&mut self) {
        self.listeners.borrow_mut().clear();
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if self.owns_host {
            self.host.remove();
        } else if let Some(shadow) = self.host.shadow_root() {
            shadow.set_inner_html("");
        }
    }
}
