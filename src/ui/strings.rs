//! Every text the widget shows, in one place so that an integrator can translate it.

use std::borrow::Cow;

use crate::json::{Map, Value};

use crate::aida::transcript::Failure;
use crate::browser::upload::FileProblem;

/// Declares the texts once: their order, the accessors, the defaults, the names an integrator
/// uses (camelCase, as in `index.d.ts`) and the setting by name, without serde (a derived
/// `Deserialize` brings a visitor for every field into the wasm). The texts are one array, not a
/// field each: a name is then found by a search of `NAMES`, and default, drop and lookup are a
/// loop each rather than code per text. Counted texts have a form per plural category.
macro_rules! strings {
    (
        texts { $($field:ident $name:literal = $default:literal,)* }
        counted { $($cfield:ident $cname:literal = $cdefault:literal,)* }
    ) => {
        /// Where each text is in `Strings::texts`.
        #[allow(non_camel_case_types)]
        enum Text {
            $($field,)*
        }

        /// English texts are borrowed from the binary; only a translated or overridden text is
        /// a string of its own.
        #[derive(Debug)]
        pub struct Strings {
            texts: [Cow<'static, str>; Strings::TEXTS],
            $(pub $cfield: Counted,)*
        }

        impl Default for Strings {
            fn default() -> Self {
                Strings {
                    texts: std::array::from_fn(|i| Cow::Borrowed(Strings::ENGLISH[i].1)),
                    $($cfield: Counted::new($cdefault),)*
                }
            }
        }

        impl Strings {
            /// The names texts are given by, in translations and in the `strings` option.
            pub const NAMES: &[&str] = &[$($name,)* $($cname,)*];
            /// The names of the counted texts among them.
            pub const COUNTED: &[&str] = &[$($cname),*];
            /// Each name with its English text, the plain texts first, in `Text`'s order.
            pub const ENGLISH: &[(&str, &str)] = &[$(($name, $default),)* $(($cname, $cdefault),)*];
            /// How many plain (not counted) texts there are.
            const TEXTS: usize = [$($name),*].len();

            $(
                pub fn $field(&self) -> &Cow<'static, str> {
                    &self.texts[Text::$field as usize]
                }
            )*

            /// The counted text named `name`, if there is one by that name.
            fn counted(&mut self, name: &str) -> Option<&mut Counted> {
                match name {
                    $($cname => Some(&mut self.$cfield),)*
                    _ => None,
                }
            }
        }
    };
}

strings! {
    texts {
    open_chat "openChat" = "Open chat",
    close_chat "closeChat" = "Close chat",
    minimize "minimize" = "Minimize chat",
    new_conversation "newConversation" = "New conversation",
    message "message" = "Message",
    conversation "conversation" = "Conversation",
    placeholder "placeholder" = "Write a message…",
    send "send" = "Send",
    retry "retry" = "Retry",
    cancel "cancel" = "Cancel",
    connecting "connecting" = "Connecting…",
    connected "connected" = "Connected",
    reconnecting "reconnecting" = "Reconnecting in {n} s",
    offline "offline" = "Offline: messages will be sent when you are back online",
    unauthorized "unauthorized" = "This chat is unavailable: the server refused the bot id or access token.",
    refused "refused" = "The server refused the chat: {reason}. Retrying…",
    misconfigured "misconfigured" = "This chat is unavailable: it is not set up correctly.",
    replying "replying" = "The bot is replying…",
    earlier_conversation "earlierConversation" = "Earlier conversation",
    empty_hint "emptyHint" = "Write a message or send a picture to start.",
    queued "queued" = "Waiting to send",
    sent "sent" = "Sent",
    failed "failed" = "Not sent",
    uploading "uploading" = "Uploading…",
    picture "picture" = "Picture",
    view_picture "viewPicture" = "View picture",
    close_picture "closePicture" = "Close picture",
    attach "attach" = "Attach image",
    drop_here "dropHere" = "Drop a picture to send it",
    upload_network "uploadNetwork" = "The picture could not be sent: network error.",
    upload_bad_answer "uploadBadAnswer" = "The server's answer to the upload was not understood.",
    upload_invalid_id "uploadInvalidId" = "The server answered the upload with an invalid image id.",
    upload_too_large "uploadTooLarge" = "The picture is too large for the server.",
    upload_unsupported "uploadUnsupported" = "The server does not accept this kind of file.",
    upload_failed "uploadFailed" = "The server could not store the picture (error {status}).",
    upload_lost "uploadLost" = "The picture was not uploaded before the page was closed; attach it again.",
    upload_cancelled "uploadCancelled" = "The upload was cancelled.",
    not_a_picture "notAPicture" = "“{name}” is not a picture. Only images can be sent.",
    picture_too_large "pictureTooLarge" = "“{name}” is larger than {mb} MB.",
    }
    counted {
    unread "unread" = "{n} unread",
    }
}

impl Strings {
    /// The English texts with each of `layers` laid over them in turn (a translation, then an
    /// integrator's `{"send": "Enviar"}`); unknown names and values of another type are ignored.
    pub fn with(layers: &[&Map]) -> Strings {
        let mut strings = Strings::default();
        for (name, value) in layers.iter().flat_map(|layer| layer.iter()) {
            let plain = Strings::NAMES[..Strings::TEXTS]
                .iter()
                .position(|n| n == name);
            if let (Some(at), Some(value)) = (plain, value.as_str()) {
                strings.texts[at] = Cow::Owned(value.to_owned());
            } else if let Some(counted) = strings.counted(name) {
                counted.set(value);
            }
        }
        strings
    }
}

/// A widget's texts change only as a whole, with its locale: they compare by identity, so that
/// the props that hold them (`Rc<Strings>`) compare by pointer and never text by text.
impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Strings {}

/// The plural categories of CLDR, which `Intl.PluralRules` answers with.
pub const PLURAL_CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// A text with a count in it (`{n}`), with one form per plural category the language has;
/// `other` serves every category that has no form of its own.
#[derive(Debug)]
pub struct Counted {
    other: String,
    forms: Vec<(&'static str, String)>,
}

impl Counted {
    fn new(other: &str) -> Counted {
        Counted {
            other: other.to_owned(),
            forms: Vec::new(),
        }
    }

    /// The text for the count `n`, written `shown`, whose plural category is `category`.
    pub fn get(&self, category: &str, shown: &str) -> String {
        let form = self.forms.iter().find(|(c, _)| *c == category);
        fill(form.map_or(&self.other, |(_, text)| text), "n", shown)
    }

    /// The categories with a form of their own, `other` included.
    pub fn categories(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(|(c, _)| *c).chain(["other"])
    }

    /// A string is the one text for every count; an object gives forms by category.
    fn set(&mut self, value: &Value) {
        match value {
            Value::String(text) => *self = Counted::new(text),
            Value::Object(forms) => {
                for (category, text) in forms {
                    let (Some(category), Some(text)) = (
                        PLURAL_CATEGORIES.iter().find(|c| *c == category),
                        text.as_str(),
                    ) else {
                        continue;
                    };
                    if *category == "other" {
                        self.other = text.to_owned();
                    } else {
                        self.forms.retain(|(c, _)| c != category);
                        self.forms.push((category, text.to_owned()));
                    }
                }
            }
            _ => {}
        }
    }
}

impl Strings {
    /// Why a message failed, in words for the visitor.
    pub fn failure(&self, failure: Failure) -> String {
        match failure {
            Failure::Network => self.upload_network().to_string(),
            Failure::BadAnswer => self.upload_bad_answer().to_string(),
            Failure::InvalidId => self.upload_invalid_id().to_string(),
            Failure::TooLarge => self.upload_too_large().to_string(),
            Failure::Unsupported => self.upload_unsupported().to_string(),
            Failure::Server(status) => fill(
                self.upload_failed(),
                "status",
                &u64::from(status).to_string(),
            ),
            Failure::Lost => self.upload_lost().to_string(),
            Failure::Cancelled => self.upload_cancelled().to_string(),
        }
    }

    /// Why a file was not attached.
    pub fn file_problem(&self, problem: &FileProblem) -> String {
        match problem {
            FileProblem::NotAPicture { name } => fill(self.not_a_picture(), "name", name),
            FileProblem::TooLarge { name, max_mb } => fill(
                &fill(self.picture_too_large(), "name", name),
                "mb",
                &max_mb.to_string(),
            ),
        }
    }
}

/// Replaces `{name}` in a template.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    let placeholder = format!("{{{name}}}");
    let mut out = String::with_capacity(template.len() + value.len());
    let mut rest = template;
    // By bytes, not `str::replace`, whose two-way searcher is 1.5 KB of the wasm; a placeholder
    // starts with `{`, so where one is found is a character boundary.
    while let Some(at) = rest
        .as_bytes()
        .windows(placeholder.len())
        .position(|w| w == placeholder.as_bytes())
    {
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(value);
        rest = rest.get(at + placeholder.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn overrides_by_camel_case_name() {
        let overrides = json!({"send": "Enviar", "openChat": "Abrir", "nope": "x", "retry": 3});
        let strings = Strings::with(&[overrides.as_object().unwrap()]);
        assert_eq!(
            (&**strings.send(), &**strings.open_chat()),
            ("Enviar", "Abrir")
        );
        assert_eq!(strings.retry(), Strings::default().retry());
    }

    #[test]
    fn the_integrator_s_texts_win_over_the_translation_text_by_text() {
        let translation = json!({"send": "Enviar", "retry": "Reintentar",
            "unread": {"one": "{n} sin leer", "other": "{n} sin leer (muchos)"}});
        let integrator = json!({"send": "Mandar"});
        let strings = Strings::with(&[
            translation.as_object().unwrap(),
            integrator.as_object().unwrap(),
        ]);
        assert_eq!(
            (&**strings.send(), &**strings.retry()),
            ("Mandar", "Reintentar")
        );
        assert_eq!(strings.unread.get("one", "1"), "1 sin leer");
        assert_eq!(
            strings.unread.get("few", "3"),
            "3 sin leer (muchos)",
            "other serves the rest"
        );
        let one_text = json!({"unread": "{n} nuevos", "x": {"one": 1}});
        let strings = Strings::with(&[
            translation.as_object().unwrap(),
            one_text.as_object().unwrap(),
        ]);
        assert_eq!(
            strings.unread.get("one", "1"),
            "1 nuevos",
            "a string is every form"
        );
        assert_eq!(strings.unread.categories().collect::<Vec<_>>(), ["other"]);
    }

    #[test]
    fn failures_and_file_problems_are_worded_with_their_details() {
        let s = Strings::default();
        assert_eq!(
            s.failure(Failure::Server(503)),
            "The server could not store the picture (error 503)."
        );
        let problem = FileProblem::TooLarge {
            name: "cat.jpg".into(),
            max_mb: 25,
        };
        assert_eq!(s.file_problem(&problem), "“cat.jpg” is larger than 25 MB.");
    }

    /// The `{name}`s of a template.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Every translation has every text, of the right kind, and no placeholder that its English
    /// text does not have (it would show as `{x}`).
    #[test]
    fn every_translation_has_every_text_and_only_english_placeholders() {
        for file in crate::ui::locale::TRANSLATIONS {
            let path = format!("{}/locales/{file}.json", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value = crate::json::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            let translation = value
                .as_object()
                .unwrap_or_else(|| panic!("{path}: an object"));
            let mut keys: Vec<&str> = translation.keys().map(String::as_str).collect();
            let mut names = Strings::NAMES.to_vec();
            keys.sort_unstable();
            names.sort_unstable();
            assert_eq!(keys, names, "{file}: the texts");
            for (name, english) in Strings::ENGLISH {
                let allowed = placeholders(english);
                let forms: Vec<(&str, &str)> = match &translation[*name] {
                    Value::String(text) if !Strings::COUNTED.contains(name) => vec![("", text)],
                    Value::Object(forms) if Strings::COUNTED.contains(name) => {
                        assert!(forms.contains_key("other"), "{file}: {name} has `other`");
                        forms
                            .iter()
                            .map(|(category, text)| {
                                assert!(
                                    PLURAL_CATEGORIES.contains(&category.as_str()),
                                    "{file}: {name}.{category}"
                                );
                                (
                                    category.as_str(),
                                    text.as_str().unwrap_or_else(|| {
                                        panic!("{file}: {name}.{category} is text")
                                    }),
                                )
                            })
                            .collect()
                    }
                    other => panic!("{file}: {name} is {other}"),
                };
                for (category, text) in forms {
                    assert!(!text.trim().is_empty(), "{file}: {name}{category} is empty");
                    for placeholder in placeholders(text) {
                        assert!(
                            allowed.contains(&placeholder),
                            "{file}: {name}{category} has {{{placeholder}}}, which English does not"
                        );
                    }
                }
            }
        }
    }

    /// The npm package's `AidaChatStrings` type names exactly the texts there are.
    #[test]
    fn the_typescript_declaration_lists_every_string() {
        let declaration = include_str!("../../js/npm/index.d.ts");
        let block = declaration
            .split("export interface AidaChatStrings {")
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .expect("AidaChatStrings in index.d.ts");
        let mut declared: Vec<&str> = block
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                line.strip_suffix(": string;")
                    .or_else(|| line.strip_suffix(": AidaChatCounted;"))
            })
            .collect();
        let mut ours = Strings::NAMES.to_vec();
        declared.sort_unstable();
        ours.sort_unstable();
        assert_eq!(declared, ours);
    }
}
