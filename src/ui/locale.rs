//! Which language the widget speaks: the best of its built-in translations for the visitor's
//! languages (BCP 47 tags: the integrator's `locale`, else the page's `<html lang>`, else the
//! browser's languages), the direction of its script, the code the bot hears, and the
//! [`Locale`] the interface renders with.

use std::rc::Rc;

use crate::json::Map;
use wasm_bindgen::prelude::*;

use super::strings::{Counted, Strings};

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales(tag)`, which throws for a tag `Intl` does not take.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = getCanonicalLocales)]
    fn canonical_locales(tag: &str) -> Result<js_sys::Array, JsValue>;
}

/// What the interface needs of a language: its texts, how it counts, and its direction. (How it
/// writes a time of day, its clock, comes later: see [`super::time::Clock`].)
pub struct Locale {
    /// The tag `Intl` takes for it (`en-US`, `ar`, …).
    pub tag: String,
    pub right_to_left: bool,
    pub strings: Rc<Strings>,
    /// `None` where `Intl` is not asked (tests): English's rule.
    plurals: Option<js_sys::Intl::PluralRules>,
}

impl Locale {
    /// The locale of `tag`, its texts being English with `translation` and then the integrator's
    /// `strings` laid over them. A tag that `Intl` refuses is English.
    pub fn new(tag: &str, translation: Option<&Map>, overrides: &Map) -> Locale {
        let tag = canonical_locales(tag)
            .ok()
            .and_then(|tags| tags.get(0).as_string())
            .unwrap_or_else(|| "en".to_owned());
        let layers: Vec<&Map> = translation.into_iter().chain([overrides]).collect();
        let plurals = js_sys::Intl::PluralRules::new(
            &js_sys::Array::of1(&tag.as_str().into()),
            &js_sys::Object::new(),
        );
        Locale {
            right_to_left: right_to_left(&tag),
            strings: Rc::new(Strings::with(&layers)),
            plurals: Some(plurals),
            tag,
        }
    }

    /// English as written in the code, without asking `Intl`.
    pub fn english() -> Locale {
        Locale {
            tag: "en".into(),
            right_to_left: false,
            strings: Rc::default(),
            plurals: None,
        }
    }

    /// The plural category of `n` (`one`, `few`, …, `other`).
    pub fn plural(&self, n: u64) -> String {
        match &self.plurals {
            Some(rules) => rules.select(n as f64).as_string(),
            None => None,
        }
        .unwrap_or_else(|| if n == 1 { "one" } else { "other" }.to_owned())
    }

    /// The counted text for the count `n`, in its plural form.
    pub fn count(&self, text: &Counted, n: u64) -> String {
        text.get(&self.plural(n), &n.to_string())
    }

    /// `dir` for the interface.
    pub fn dir(&self) -> &'static str {
        if self.right_to_left { "rtl" } else { "ltr" }
    }
}

/// Two locales are the same when their tag and texts are (the texts by identity).
impl PartialEq for Locale {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag && Rc::ptr_eq(&self.strings, &other.strings)
    }
}

impl Eq for Locale {}

/// The translations that ship beside the widget (`locales/<file>.json`), by file name. English is
/// built in: it is the widget's own text.
pub const TRANSLATIONS: &[&str] = &[
    "ar", "es", "fr", "hi", "id", "km", "pt", "ru", "sw", "vi", "zh-Hans",
];

/// The visitor's language as the widget settled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The visitor's tag that was matched (e.g. `pt-BR`), or, when no translation matches, their
    /// first one: it sets clocks and plurals (`Intl`), and the bot's language.
    pub tag: String,
    /// The translation to load; `None` for English.
    pub translation: Option<&'static str>,
}

/// The first of `preferences` (best first) that a translation serves, by language; English when
/// none does. A tag that `Intl` refuses turns into English later ([`Locale::new`]).
pub fn negotiate(preferences: &[String]) -> Chosen {
    for tag in preferences {
        let language = primary(tag);
        let translation = if language.eq_ignore_ascii_case("en") {
            Some(None)
        } else {
            translation_for(tag, language).map(Some)
        };
        if let Some(translation) = translation {
            return Chosen {
                tag: tag.replace('_', "-"),
                translation,
            };
        }
    }
    Chosen {
        tag: preferences
            .first()
            .map_or("en", String::as_str)
            .replace('_', "-"),
        translation: None,
    }
}

/// The primary language subtag.
fn primary(tag: &str) -> &str {
    tag.get(..subtags(tag).next().map_or(0, <[u8]>::len))
        .unwrap_or("")
}

/// A tag's subtags, split at `-` or `_`, as bytes (tags are ASCII; a split by bytes is
/// smaller in the wasm than `str::split` with a set of characters).
fn subtags(tag: &str) -> impl Iterator<Item = &[u8]> {
    tag.as_bytes().split(|b| matches!(b, b'-' | b'_'))
}

/// The translation of the tag's language; for Chinese, the one of its script (`zh-Hant`, also
/// implied by the regions `TW`, `HK` and `MO`) when there is one.
fn translation_for(tag: &str, language: &str) -> Option<&'static str> {
    let mut candidates = TRANSLATIONS
        .iter()
        .copied()
        .filter(|file| primary(file).eq_ignore_ascii_case(language));
    let first = candidates.next()?;
    let traditional = language.eq_ignore_ascii_case("zh")
        && subtags(tag).skip(1).any(|s| {
            [&b"hant"[..], b"tw", b"hk", b"mo"]
                .iter()
                .any(|t| t.eq_ignore_ascii_case(s))
        });
    let hant = candidates
        .chain([first])
        .find(|file| file.ends_with("-Hant"));
    Some(if traditional {
        hant.unwrap_or(first)
    } else {
        first
    })
}

/// The ISO 639-1 code the bot hears (`session.language`), when the tag has one.
pub fn bot_language(tag: &str) -> Option<String> {
    let language = primary(tag);
    (language.len() == 2).then(|| language.to_ascii_lowercase())
}

/// Whether the tag's language is written right to left (its usual script; a tag naming another
/// script, such as `az-Arab`, is taken by its language).
pub fn right_to_left(tag: &str) -> bool {
    const RTL: &[&str] = &[
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi",
    ];
    let language = primary(tag);
    RTL.iter().any(|l| l.eq_ignore_ascii_case(language))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(preferences: &[&str]) -> (String, Option<&'static str>) {
        let preferences: Vec<String> = preferences.iter().map(|p| p.to_string()).collect();
        let chosen = negotiate(&preferences);
        (chosen.tag, chosen.translation)
    }

    #[test]
    fn the_first_preference_a_translation_serves_wins() {
        assert_eq!(chosen(&["es"]), ("es".into(), Some("es")));
        assert_eq!(chosen(&["pt-BR", "en"]), ("pt-BR".into(), Some("pt")));
        assert_eq!(chosen(&["de-DE", "fr-CA"]), ("fr-CA".into(), Some("fr")));
        assert_eq!(
            chosen(&["en-GB", "es"]),
            ("en-GB".into(), None),
            "English is built in"
        );
        assert_eq!(chosen(&["ES_mx"]), ("ES-mx".into(), Some("es")));
    }

    #[test]
    fn chinese_goes_by_script() {
        assert_eq!(chosen(&["zh-CN"]).1, Some("zh-Hans"));
        assert_eq!(chosen(&["zh"]).1, Some("zh-Hans"));
        // No Traditional translation yet: the Chinese one there is.
        assert_eq!(chosen(&["zh-TW"]).1, Some("zh-Hans"));
        assert_eq!(chosen(&["zh-Hant-HK"]).1, Some("zh-Hans"));
    }

    #[test]
    fn without_a_translation_the_visitor_s_language_still_sets_clocks_and_the_bot() {
        assert_eq!(chosen(&["de-CH", "it"]), ("de-CH".into(), None));
        assert_eq!(chosen(&[]), ("en".into(), None));
        assert_eq!(bot_language("pt-BR").as_deref(), Some("pt"));
        assert_eq!(bot_language("ZH-Hans").as_deref(), Some("zh"));
        assert_eq!(bot_language("fil"), None, "no ISO 639-1 code");
    }

    #[test]
    fn right_to_left_by_language_or_script() {
        for tag in ["ar", "ar-EG", "he", "fa-IR", "ur", "ps"] {
            assert!(right_to_left(tag), "{tag}");
        }
        for tag in ["en", "km", "zh-Hans", "hi-IN"] {
            assert!(!right_to_left(tag), "{tag}");
        }
    }

    /// Every translation named here is a file of `locales/`, and every file is named here.
    #[test]
    fn the_translations_are_the_files_of_locales() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
            .collect();
        files.sort();
        assert_eq!(files, TRANSLATIONS);
    }
}
