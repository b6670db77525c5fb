//! wasm-bindgen tests in headless Chromium: the widget mounted into a real DOM, with a real
//! WebSocket that has nothing to talk to. (`cargo test --target wasm32-unknown-unknown --test
//! browser`; the conversation with a server is covered by the Playwright tests.)
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use aida_chat::aida::config::Options;
use aida_chat::ui::mount::{Translations, mount};
use aida_chat::ui::widget::Widget;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const BOT: &str = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";

/// Mounts a widget for `options` that speaks English (no translation can be had), with no
/// page bridge and no photo scaling.
fn mount_english(host: &Element, options: &Options) -> yew::AppHandle<Widget> {
    let english_only: Translations = Rc::new(|_| Box::pin(async { None }));
    let config = options.validate(None).unwrap();
    mount(
        host,
        config,
        Default::default(),
        english_only,
        Default::default(),
    )
    .unwrap()
}

fn host() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn shadow(host: &Element) -> ShadowRoot {
    host.shadow_root()
        .expect("the widget lives in an open shadow root")
}

fn options(server: &str) -> Options {
    Options {
        server: Some(server.into()),
        bot_id: Some(BOT.into()),
        access_token: Some("token".into()),
        title: Some("<img src=x onerror=window.__aida_xss=1>".into()),
        ..Options::default()
    }
}

#[wasm_bindgen_test]
async fn mounts_a_closed_widget_in_a_shadow_root_and_reports_reconnecting() {
    let host = host();
    // Port 9 (discard) is closed on loopback: every connect fails, as when a server is down.
    let handle = mount_english(&host, &options("ws://127.0.0.1:9/socket"));
    settle(300).await;
    let root = shadow(&host);
    let launcher = root
        .query_selector("button.launcher")
        .unwrap()
        .expect("a launcher");
    assert_eq!(
        launcher.get_attribute("aria-label").as_deref(),
        Some("Open chat")
    );
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let panel = root.query_selector("section.panel").unwrap().unwrap();
    assert!(
        panel.has_attribute("hidden"),
        "closed on start unless configured open"
    );

    let status = root.query_selector("[role=status]").unwrap().unwrap();
    let text = status.text_content().unwrap_or_default();
    assert!(text.starts_with("Reconnecting in"), "status was {text:?}");

    // The title is text, never markup.
    let title = root.query_selector("h2").unwrap().unwrap();
    assert_eq!(
        title.text_content().unwrap(),
        "<img src=x onerror=window.__aida_xss=1>"
    );
    assert!(root.query_selector("img").unwrap().is_none());

    // Host CSS does not reach in: the adopted sheet styles the launcher.
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&launcher)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("border-radius").unwrap(), "50%");

    handle.destroy();
    settle(50).await;
    assert!(
        root.query_selector("button").unwrap().is_none(),
        "destroy() unmounts"
    );
}

#[wasm_bindgen_test]
async fn opens_on_click_and_moves_focus_to_the_composer() {
    let host = host();
    let handle = mount_english(&host, &options("ws://127.0.0.1:9/socket"));
    settle(50).await;
    let root = shadow(&host);
    let launcher: web_sys::HtmlElement = root
        .query_selector("button.launcher")
        .unwrap()
        .unwrap()
        .unchecked_into();
    launcher.click();
    settle(50).await;
    assert_eq!(
        launcher.get_attribute("aria-label").as_deref(),
        Some("Close chat")
    );
    let active = root.active_element().expect("focus inside the widget");
    assert_eq!(active.tag_name(), "TEXTAREA");
    assert_eq!(
        active.get_attribute("aria-label").as_deref(),
        Some("Message")
    );
    handle.destroy();
}

/// Numbers as `String(n)` writes them, the same table as the native test.
const NUMBERS: &[(f64, &str)] = &include!("data/js_numbers.rs");

/// Numbers written and read as JavaScript writes and reads them, held against the browser's own
/// `String(n)` and `JSON.parse`, and what a page passes read as JSON.
#[wasm_bindgen_test]
fn numbers_and_page_values_read_as_javascript_has_them() {
    use aida_chat::browser::js_value;
    use aida_chat::json;

    let string = |n: f64| String::from(js_sys::Number::from(n).to_string_with_radix(10).unwrap());
    for (n, text) in NUMBERS {
        assert_eq!(json::number(*n), *text, "String({n})");
        assert_eq!(string(*n), *text, "the browser's String({n})");
    }
    // Doubles of every magnitude, from a fixed xorshift sequence: written as the browser writes
    // them, and read back from that text as JSON.parse reads it.
    let mut bits = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..20_000 {
        bits ^= bits << 13;
        bits ^= bits >> 7;
        bits ^= bits << 17;
        let n = f64::from_bits(bits);
        if !n.is_finite() {
            continue;
        }
        let text = string(n);
        assert_eq!(
            json::number(n),
            text,
            "String() of the double with bits {bits:x}"
        );
        let read = json::parse(&text).unwrap().as_f64().unwrap();
        assert_eq!(read.to_bits(), n.to_bits(), "JSON.parse({text})");
    }
    for text in [
        "0.1",
        "1e23",
        "9007199254740993",
        "2.2250738585072011e-308",
        "4.9e-324",
        "2.4703282292062328e-324",
        "1.7976931348623159e308",
        "123456789012345678901234567890e-40",
    ] {
        let theirs = js_sys::JSON::parse(text).unwrap().as_f64().unwrap();
        let ours = json::parse(text).unwrap().as_f64().unwrap();
        assert_eq!(ours.to_bits(), theirs.to_bits(), "JSON.parse({text})");
    }

    // What a page passes (options, putData): plain values as JSON, the rest as null.
    let page = js_sys::Function::new_no_args(
        "return {a: [1, 'x', null, 2.5], b: undefined, c: () => 1, d: {e: true}, [Symbol()]: 1}",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    assert_eq!(
        js_value::to_json(&page),
        json!({"a": [1, "x", null, 2.5], "b": null, "c": null, "d": {"e": true}})
    );

    // An object that contains itself is followed to a depth, not forever.
    let cyclic = js_sys::Function::new_no_args("const o = {n: 1}; o.self = o; return o;")
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let mut value = &js_value::to_json(&cyclic);
    let mut depth = 0;
    while let Some(inner) = value.get("self") {
        assert_eq!(value["n"], json!(1));
        value = inner;
        depth += 1;
    }
    assert_eq!((depth, value), (js_value::MAX_DEPTH, &json::Value::Null));
}

/// Counts Yew's `render` spans per component, as Yew reports them through `tracing` in a debug
/// build: the framework's own account of what it rendered.
mod renders {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Default)]
    pub struct Renders {
        /// Components in the order Yew created them, and how often each rendered.
        created: Mutex<Vec<u64>>,
        counts: Mutex<HashMap<u64, usize>>,
        next_span: AtomicU64,
    }

    struct ComponentId(Option<u64>);

    impl Visit for ComponentId {
        fn record_u64(&mut self, field: &Field, value: u64) {
            if field.name() == "component.id" {
                self.0 = Some(value);
            }
        }
        fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
    }

    impl Renders {
        /// The components created so far, oldest first.
        pub fn created(&self) -> Vec<u64> {
            self.created.lock().unwrap().clone()
        }

        pub fn of(&self, component: u64) -> usize {
            self.counts
                .lock()
                .unwrap()
                .get(&component)
                .copied()
                .unwrap_or(0)
        }
    }

    impl Subscriber for Renders {
        fn enabled(&self, metadata: &Metadata<'_>) -> bool {
            metadata.is_span() && matches!(metadata.name(), "render" | "create")
        }

        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut id = ComponentId(None);
            span.record(&mut id);
            if let Some(component) = id.0 {
                match span.metadata().name() {
                    "create" => self.created.lock().unwrap().push(component),
                    _ => *self.counts.lock().unwrap().entry(component).or_default() += 1,
                }
            }
            Id::from_u64(self.next_span.fetch_add(1, Ordering::Relaxed) + 1)
        }

        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, _: &Event<'_>) {}
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

/// A WebSocket the test plays the server of: it records what the widget sends and delivers what
/// the test pushes, as AIDA 1.3 would.
const FAKE_SOCKET: &str = r#"
const fake = { sockets: [], real: window.WebSocket };
class FakeSocket {
  constructor(url) { this.url = url; this.bufferedAmount = 0; this.sent = []; fake.sockets.push(this); }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() {}
}
const last = () => fake.sockets[fake.sockets.length - 1];
fake.open = () => last().onopen({});
fake.reply = (event, response) => {
  const frame = [...last().sent].reverse().find((f) => f[3] === event);
  last().onmessage({ data: JSON.stringify([frame[0], frame[1], frame[2], 'phx_reply', { status: 'ok', response }]) });
};
fake.push = (topic, event, payload) =>
  last().onmessage({ data: JSON.stringify([null, null, topic, event, payload]) });
fake.restore = () => { window.WebSocket = fake.real; };
window.WebSocket = FakeSocket;
window.__fake = fake;
"#;

fn fake(call: &str) {
    js_sys::Function::new_no_args(&format!("window.__fake.{call}"))
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
}

/// Each bot message renders the widget once: the unread count is worked out while rendering,
/// not stored after a render and fed back into a second one.
#[wasm_bindgen_test]
async fn a_bot_message_renders_the_widget_once() {
    let renders = std::sync::Arc::new(renders::Renders::default());
    tracing::subscriber::set_global_default(renders.clone()).expect("the only subscriber");
    js_sys::Function::new_no_args(FAKE_SOCKET)
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let bot = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    let session = "11111111-2222-4333-8444-555555555555";
    let host = host();
    let mut options = options("ws://127.0.0.1:9/socket");
    options.bot_id = Some(bot.into());
    let handle = mount_english(&host, &options);
    // Yew renders in a microtask; the first render starts the chat, which opens the socket.
    settle(50).await;
    let widget = renders.created()[0];
    fake("open()");
    fake("reply('phx_join', {})");
    fake(&format!("reply('new_session', {{session: '{session}'}})"));
    // The frames drain, the status settles.
    settle(200).await;
    let before = renders.of(widget);
    for i in 1..=5 {
        fake(&format!(
            "push('bot:{bot}', 'btu_msg', {{session: '{session}', text: 'answer {i}'}})"
        ));
        settle(30).await;
    }
    let root = shadow(&host);
    let badge = root.query_selector(".launcher .badge").unwrap();
    assert_eq!(
        badge.and_then(|b| b.text_content()).as_deref(),
        Some("5"),
        "five unread while closed"
    );
    assert_eq!(
        renders.of(widget) - before,
        5,
        "one render of the widget per bot message"
    );
    handle.destroy();
    fake("restore()");
}

/// Each built-in translation, and the plural categories Chromium's `Intl.PluralRules` uses for
/// its language: the counted texts give a form for each (`other` alone serves, but would read
/// "1 unread" as the many-form in Russian or Arabic).
#[wasm_bindgen_test]
fn every_translation_counts_in_every_plural_category_of_its_language() {
    use aida_chat::ui::locale::{Locale, TRANSLATIONS};
    use aida_chat::ui::strings::Strings;
    for file in TRANSLATIONS {
        let text = TRANSLATION_FILES
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, text)| *text)
            .unwrap_or_else(|| panic!("{file} is read by this test"));
        let texts = aida_chat::json::parse(text).unwrap();
        let locale = Locale::new(file, texts.as_object(), &aida_chat::json::Map::new());
        let rules = js_sys::Intl::PluralRules::new(
            &js_sys::Array::of1(&(*file).into()),
            &js_sys::Object::new(),
        );
        let categories =
            js_sys::Reflect::get(&rules.resolved_options(), &"pluralCategories".into()).unwrap();
        for category in js_sys::Array::from(&categories).iter() {
            let category = category.as_string().unwrap();
            for name in Strings::COUNTED {
                assert!(
                    locale.strings.unread.categories().any(|c| c == category),
                    "{file}: {name} has no {category} form"
                );
            }
        }
    }
}

const TRANSLATION_FILES: &[(&str, &str)] = &[
    ("ar", include_str!("../locales/ar.json")),
    ("es", include_str!("../locales/es.json")),
    ("fr", include_str!("../locales/fr.json")),
    ("hi", include_str!("../locales/hi.json")),
    ("id", include_str!("../locales/id.json")),
    ("km", include_str!("../locales/km.json")),
    ("pt", include_str!("../locales/pt.json")),
    ("ru", include_str!("../locales/ru.json")),
    ("sw", include_str!("../locales/sw.json")),
    ("vi", include_str!("../locales/vi.json")),
    ("zh-Hans", include_str!("../locales/zh-Hans.json")),
];

/// The log keeps its list in step with the entries: new ones are added, a changed one is
/// written again in its place, forgotten ones leave, and the bubbles of unchanged entries are
/// the same elements as before. Whatever a message says, it is text.
#[wasm_bindgen_test]
fn the_log_rewrites_only_what_changed_and_a_message_is_only_text() {
    use aida_chat::aida::transcript::{Author, Entry};
    use aida_chat::ui::components::bubble::BubbleContext;
    use aida_chat::ui::components::transcript::sync;
    use aida_chat::ui::locale::Locale;
    use aida_chat::ui::time::Clock;

    let document = web_sys::window().unwrap().document().unwrap();
    let list = document.create_element("ol").unwrap();
    list.set_inner_html("<li data-local>greeting</li>");
    let context = BubbleContext {
        locale: Rc::new(Locale::english()),
        clock: Rc::new(Clock::default()),
        content_url: Rc::from("https://h/content"),
    };
    let entry = |id: &str, text: &str| {
        Rc::new(Entry {
            id: id.into(),
            from: Author::Bot,
            text: text.into(),
            at: 0.0,
            status: None,
            image: None,
            error: None,
        })
    };
    // Each bubble's text, and whether it is the element marked before the last step.
    let shown = |list: &Element| -> Vec<(String, bool)> {
        let items = list.query_selector_all("li").unwrap();
        (0..items.length())
            .map(|i| {
                let li: Element = items.item(i).unwrap().unchecked_into();
                let text = li
                    .query_selector("p")
                    .unwrap()
                    .map(|p| p.text_content().unwrap());
                (
                    text.unwrap_or_else(|| li.text_content().unwrap()),
                    li.has_attribute("data-mark"),
                )
            })
            .collect()
    };
    let mark = |list: &Element| {
        let items = list.query_selector_all("li").unwrap();
        for i in 0..items.length() {
            let li: Element = items.item(i).unwrap().unchecked_into();
            li.set_attribute("data-mark", "").unwrap();
        }
    };
    let step = |drawn: &[Rc<Entry>], visible: &[Rc<Entry>]| {
        mark(&list);
        let now = sync(&list, 1, drawn, visible, &context);
        assert_eq!(now.len(), visible.len());
        shown(&list)
    };
    let own = |text: &str, kept: bool| (text.to_owned(), kept);

    let (a, b, c) = (entry("a", "A"), entry("b", "B"), entry("c", "C"));
    assert_eq!(
        step(&[], &[a.clone(), b.clone(), c.clone()]),
        [
            own("greeting", true),
            own("A", false),
            own("B", false),
            own("C", false)
        ]
    );
    let (b2, d) = (entry("b", "B, edited"), entry("d", "D"));
    let now = [a.clone(), b2.clone(), c.clone(), d.clone()];
    assert_eq!(
        step(&[a.clone(), b.clone(), c.clone()], &now),
        [
            own("greeting", true),
            own("A", true),
            own("B, edited", false),
            own("C", true),
            own("D", false)
        ]
    );
    // The oldest forgotten; then older ones drawn above (a restore's later frames).
    assert_eq!(
        step(&now, &[c.clone(), d.clone()]),
        [own("greeting", true), own("C", true), own("D", true)]
    );
    let (x, y) = (entry("x", "X"), entry("y", "Y"));
    assert_eq!(
        step(
            &[c.clone(), d.clone()],
            &[x.clone(), y.clone(), c.clone(), d.clone()]
        ),
        [
            own("greeting", true),
            own("X", false),
            own("Y", false),
            own("C", true),
            own("D", true)
        ]
    );
    // Entries forgotten between and after kept ones, and a new one at the end.
    let e = entry("e", "E");
    assert_eq!(
        step(
            &[x.clone(), y.clone(), c.clone(), d.clone()],
            &[x.clone(), c.clone(), e.clone()]
        ),
        [
            own("greeting", true),
            own("X", true),
            own("C", true),
            own("E", false)
        ]
    );

    // An upload's progress moves the bar in place: the bubble, and its Cancel, stay the same
    // elements while the visitor may be pressing it.
    let uploading = |percent: u8| {
        Rc::new(Entry {
            id: "u".into(),
            from: Author::User,
            text: String::new(),
            at: 0.0,
            status: Some(aida_chat::aida::transcript::Delivery::Queued),
            image: Some(aida_chat::aida::transcript::Image {
                id: None,
                preview: Some("blob:x".into()),
                progress: Some(percent),
            }),
            error: None,
        })
    };
    let (at_10, at_60) = (uploading(10), uploading(60));
    sync(&list, 1, &[], std::slice::from_ref(&at_10), &context);
    mark(&list);
    sync(
        &list,
        1,
        std::slice::from_ref(&at_10),
        std::slice::from_ref(&at_60),
        &context,
    );
    let bubble = list.query_selector("li:last-child").unwrap().unwrap();
    assert!(bubble.has_attribute("data-mark"), "the same element");
    let bar = bubble.query_selector("progress").unwrap().unwrap();
    assert_eq!(bar.get_attribute("value").as_deref(), Some("60"));

    // A message is only ever text, links only ever http(s) links.
    let hostile = "<img src=x onerror=alert(1)> \"><script>alert(2)</script> &amp; javascript:alert(3) https://example.org/?a=\"b\"&c=<d>";
    let evil = entry("z", hostile);
    sync(&list, 1, &[], &[evil], &context);
    let p = list.query_selector("li:last-child p").unwrap().unwrap();
    assert_eq!(p.text_content().unwrap(), hostile);
    assert_eq!(list.query_selector_all("img, script").unwrap().length(), 0);
    let links = p.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1);
    let link: Element = links.item(0).unwrap().unchecked_into();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "https://example.org/?a="
    );
}
