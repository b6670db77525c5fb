//! The widget's options, checked once at start so that every later layer can trust them.
//!
//! Options come from JavaScript (`init(options)`, `data-` attributes) or from the preview's defaults.
//! Each error names the option it is about, because the person reading it is an integrator looking
//! at their embed snippet.

use crate::json::{Map, Value};
use std::cell::Cell;
use std::fmt;

use super::protocol;
use crate::json::{Fields, Mistyped, quoted};

/// Options as an integrator writes them (camelCase, as in JavaScript).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub server: Option<String>,
    pub bot_id: Option<String>,
    pub access_token: Option<String>,
    pub content_url: Option<String>,
    pub user_data: Option<Map>,
    pub title: Option<String>,
    pub open: Option<bool>,
    pub max_image_bytes: Option<f64>,
    pub max_image_dimension: Option<f64>,
    pub strings: Option<Map>,
    pub theme: Option<Map>,
    pub position: Option<String>,
    pub locale: Option<String>,
    pub bot_language: Option<bool>,
    pub greeting: Option<String>,
    pub notify: Option<Notify>,
}

/// Options after validation: everything the widget needs, in the form it needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The Phoenix socket endpoint, e.g. `wss://aida.example.org/socket`.
    pub server: String,
    /// The bot's id, lowercase.
    pub bot_id: String,
    pub access_token: String,
    /// The HTTP base of the image endpoints, e.g. `https://aida.example.org/content`.
    pub content_url: String,
    pub user_data: Map,
    pub title: String,
    pub open: bool,
    /// AIDA refuses uploads over this (25 MB): a photo over it is scaled down before upload,
    /// another picture refused.
    pub max_image_bytes: f64,
    /// A photo longer than this on its long side (px) is scaled down before upload.
    pub max_image_dimension: f64,
    /// Replacements for the interface's texts, by name (`openChat`, `send`, …).
    pub strings: Map,
    /// CSS custom properties with their `--aida-` prefix (`--aida-accent`, …) and values.
    pub theme: Vec<(String, String)>,
    /// Light or dark colours (`theme.mode`).
    pub mode: ThemeMode,
    pub position: Position,
    /// The integrator's BCP 47 tag for the interface (`pt-BR`); none: the page's and browser's.
    pub locale: Option<String>,
    /// Whether the bot hears the visitor's language (`botLanguage`, default true).
    pub bot_language: bool,
    /// The visitor's language for the bot (ISO 639-1), sent with `new_session` unless the user
    /// data has a `language` of its own. The interface sets it once it knows the locale.
    pub language: Option<String>,
    /// The bot's first word, shown by the widget itself above the conversation: never sent to
    /// AIDA, never unread.
    pub greeting: Option<String>,
    pub notify: Notify,
}

/// Which corner the launcher sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Position {
    #[default]
    Right,
    Left,
}

/// How the widget draws a visitor back to a bot message they have not seen (`notify`, opt-in):
/// the unread count in the page's title, a short tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Notify {
    pub title: bool,
    pub sound: bool,
}

impl Notify {
    /// `{title, sound}`, each true or false (absent: false).
    pub fn from_json(notify: &Map) -> Result<Notify, Mistyped> {
        let fields = Fields(notify);
        let flag = |name: &'static str, field: &'static str| {
            fields
                .boolean(name)
                .map(Option::unwrap_or_default)
                .map_err(|mistyped| Mistyped { field, ..mistyped })
        };
        Ok(Notify {
            title: flag("title", "notify.title")?,
            sound: flag("sound", "notify.sound")?,
        })
    }
}

/// Which colours the widget wears: the visitor's system setting (`prefers-color-scheme`, followed
/// live) unless the integrator fixes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeMode {
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeMode {
    /// The host's `data-mode` for a fixed mode (the style sheet reads it); none for `Auto`.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            ThemeMode::Auto => None,
            ThemeMode::Light => Some("light"),
            ThemeMode::Dark => Some("dark"),
        }
    }
}

/// Why the options cannot start a widget; `option()` names the culprit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// `init(…)` was given something that is not an object.
    NotAnObject,
    /// An option of the wrong type (`open: "yes"`).
    Mistyped(Mistyped),
    Missing(&'static str),
    BadServer(String),
    BadBotId(String),
    BadContentUrl(String),
    /// `maxImageBytes` or `maxImageDimension` not a positive number.
    BadLimit(&'static str),
    BadPosition(String),
    BadTheme(String),
    BadThemeMode(String),
}

impl ConfigError {
    /// The option at fault, as integrators spell it.
    pub fn option(&self) -> &'static str {
        match self {
            ConfigError::NotAnObject => "options",
            ConfigError::Mistyped(mistyped) => mistyped.field,
            ConfigError::Missing(name) => name,
            ConfigError::BadServer(_) => "server",
            ConfigError::BadBotId(_) => "botId",
            ConfigError::BadContentUrl(_) => "contentUrl",
            ConfigError::BadLimit(name) => name,
            ConfigError::BadPosition(_) => "position",
            ConfigError::BadTheme(_) => "theme",
            ConfigError::BadThemeMode(_) => "theme.mode",
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NotAnObject => f.write_str(
                "aida-chat: the options must be an object, such as { server, botId, accessToken }",
            ),
            ConfigError::Mistyped(Mistyped { field, expected }) => {
                write!(f, "aida-chat: the option `{field}` must be {expected}")
            }
            ConfigError::Missing(name) => write!(f, "aida-chat: the option `{name}` is required"),
            ConfigError::BadServer(got) => write!(
                f,
                "aida-chat: the option `server` must be a ws:// or wss:// URL such as \
                 wss://aida.example.org/socket (got {})",
                quoted(got)
            ),
            ConfigError::BadBotId(got) => {
                write!(
                    f,
                    "aida-chat: the option `botId` must be a UUID (got {})",
                    quoted(got)
                )
            }
            ConfigError::BadContentUrl(got) => write!(
                f,
                "aida-chat: the option `contentUrl` must be an http:// or https:// URL (got {})",
                quoted(got)
            ),
            ConfigError::BadLimit(name) => {
                write!(
                    f,
                    "aida-chat: the option `{name}` must be a positive number"
                )
            }
            ConfigError::BadPosition(got) => write!(
                f,
                "aida-chat: the option `position` must be \"right\" or \"left\" (got {})",
                quoted(got)
            ),
            ConfigError::BadTheme(key) => write!(
                f,
                "aida-chat: the option `theme` takes names like `accent` with CSS values (bad entry {})",
                quoted(key)
            ),
            ConfigError::BadThemeMode(got) => write!(
                f,
                "aida-chat: the option `theme.mode` must be \"auto\", \"light\" or \"dark\" (got {got})"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<Mistyped> for ConfigError {
    fn from(mistyped: Mistyped) -> Self {
        ConfigError::Mistyped(mistyped)
    }
}

pub const DEFAULT_TITLE: &str = "Chat";
/// AIDA's own limit on uploads.
pub const DEFAULT_MAX_IMAGE_BYTES: f64 = 25.0 * 1024.0 * 1024.0;
/// Sharp on any phone's screen, and a few hundred KB as a JPEG.
pub const DEFAULT_MAX_IMAGE_DIMENSION: f64 = 2048.0;

/// `result`'s value, or nothing with its mistake kept in `first` unless one came before.
fn noted<T: Default>(result: Result<T, Mistyped>, first: &Cell<Option<Mistyped>>) -> T {
    result.unwrap_or_else(|mistyped| {
        first.set(first.get().or(Some(mistyped)));
        T::default()
    })
}

/// A positive limit, or its default when not given.
fn limit(given: Option<f64>, name: &'static str, default: f64) -> Result<f64, ConfigError> {
    match given {
        Some(max) if max.is_finite() && max > 0.0 => Ok(max),
        Some(_) => Err(ConfigError::BadLimit(name)),
        None => Ok(default),
    }
}

impl Options {
    /// Reads options as a page gives them (camelCase names). Names this widget does not know are
    /// ignored (a snippet may be newer than the widget); a known one of the wrong type is an
    /// error naming it.
    pub fn from_json(value: &Value) -> Result<Options, ConfigError> {
        let fields = Fields::of(value).ok_or(ConfigError::NotAnObject)?;
        // Every option is read and the first mistyped one is the error. A `?` per option would
        // give each its own path that drops the options read before it: most of this
        // function's code in the wasm.
        let first = Cell::new(None);
        let text = |name| noted(fields.text(name), &first).map(str::to_owned);
        let object = |name| noted(fields.object(name), &first);
        let number = |name| noted(fields.number(name), &first);
        let boolean = |name| noted(fields.boolean(name), &first);
        let options = Options {
            server: text("server"),
            bot_id: text("botId"),
            access_token: text("accessToken"),
            content_url: text("contentUrl"),
            user_data: object("userData").cloned(),
            title: text("title"),
            open: boolean("open"),
            max_image_bytes: number("maxImageBytes"),
            max_image_dimension: number("maxImageDimension"),
            strings: object("strings").cloned(),
            theme: object("theme").cloned(),
            position: text("position"),
            locale: text("locale"),
            bot_language: boolean("botLanguage"),
            greeting: text("greeting"),
            notify: object("notify").map(|notify| noted(Notify::from_json(notify), &first)),
        };
        match first.get() {
            Some(mistyped) => Err(ConfigError::Mistyped(mistyped)),
            None => Ok(options),
        }
    }

    /// Checks the options. `page_origin` (e.g. `https://shop.example`) resolves a relative `server`
    /// such as `/socket`, as phoenix.js resolves relative endpoints against `location`.
    pub fn validate(&self, page_origin: Option<&str>) -> Result<Config, ConfigError> {
        let server = required(&self.server, "server")?;
        let server = absolute_socket_url(server, page_origin)
            .ok_or_else(|| ConfigError::BadServer(server.to_owned()))?;
        let bot_id = required(&self.bot_id, "botId")?;
        if !protocol::is_uuid(bot_id) {
            return Err(ConfigError::BadBotId(bot_id.to_owned()));
        }
        let access_token = required(&self.access_token, "accessToken")?;
        let content_url = match self.content_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => {
                if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() < 9 {
                    return Err(ConfigError::BadContentUrl(url.to_owned()));
                }
                Some(url.trim_end_matches('/'))
            }
            _ => None,
        };
        // Every check that can fail comes before the options are copied into the `Config`, so
        // that an error has little to drop.
        let max_image_bytes = limit(
            self.max_image_bytes,
            "maxImageBytes",
            DEFAULT_MAX_IMAGE_BYTES,
        )?;
        let max_image_dimension = limit(
            self.max_image_dimension,
            "maxImageDimension",
            DEFAULT_MAX_IMAGE_DIMENSION,
        )?;
        let theme = theme(self.theme.as_ref())?;
        let mode = theme_mode(self.theme.as_ref())?;
        let position = match self.position.as_deref().map(str::trim) {
            None | Some("") | Some("right") => Position::Right,
            Some("left") => Position::Left,
            Some(other) => return Err(ConfigError::BadPosition(other.to_owned())),
        };
        Ok(Config {
            content_url: content_url.map_or_else(|| content_url_for(&server), str::to_owned),
            server,
            bot_id: bot_id.to_ascii_lowercase(),
            access_token: access_token.to_owned(),
            user_data: self.user_data.clone().unwrap_or_default(),
            title: self
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .unwrap_or(DEFAULT_TITLE)
                .to_owned(),
            open: self.open.unwrap_or(false),
            max_image_bytes,
            max_image_dimension: max_image_dimension.floor().max(1.0),
            strings: self.strings.clone().unwrap_or_default(),
            theme,
            mode,
            position,
            locale: self
                .locale
                .as_deref()
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned),
            bot_language: self.bot_language.unwrap_or(true),
            language: None,
            greeting: self
                .greeting
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_owned),
            notify: self.notify.unwrap_or_default(),
        })
    }
}

/// `theme.mode`: absent or `auto`, `light`, `dark`.
fn theme_mode(theme: Option<&Map>) -> Result<ThemeMode, ConfigError> {
    match theme.and_then(|theme| theme.get("mode")) {
        None => Ok(ThemeMode::Auto),
        Some(Value::String(mode)) => match mode.trim() {
            "" | "auto" => Ok(ThemeMode::Auto),
            "light" => Ok(ThemeMode::Light),
            "dark" => Ok(ThemeMode::Dark),
            _ => Err(ConfigError::BadThemeMode(quoted(mode))),
        },
        Some(other) => Err(ConfigError::BadThemeMode(crate::json::stringify(other))),
    }
}

/// Theme entries as custom properties: names of lowercase letters, digits and dashes, values
/// that cannot close a declaration.
fn theme(theme: Option<&Map>) -> Result<Vec<(String, String)>, ConfigError> {
    let mut out = Vec::new();
    for (key, value) in theme.into_iter().flatten() {
        if key == "mode" {
            continue;
        }
        // `strip_prefix` in a loop is `trim_start_matches`, without its two-way searcher.
        let mut name = key.as_str();
        while let Some(rest) = name.strip_prefix("--aida-") {
            name = rest;
        }
        while let Some(rest) = name.strip_prefix("--") {
            name = rest;
        }
        let good_name = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let value = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => crate::json::number(*n),
            _ => return Err(ConfigError::BadTheme(key.clone())),
        };
        if !good_name || value.contains([';', '{', '}', '<']) {
            return Err(ConfigError::BadTheme(key.clone()));
        }
        out.push((format!("--aida-{name}"), value));
    }
    Ok(out)
}

fn required<'a>(value: &'a Option<String>, name: &'static str) -> Result<&'a str, ConfigError> {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ConfigError::Missing(name)),
    }
}

/// `ws://` or `wss://` with a host, or a path / protocol-relative URL resolved against the page.
fn absolute_socket_url(server: &str, page_origin: Option<&str>) -> Option<String> {
    let server = server.trim_end_matches('/');
    let absolute = if server.starts_with("ws://") || server.starts_with("wss://") {
        server.to_owned()
    } else if let Some(rest) = server.strip_prefix("//") {
        let secure = page_origin?.starts_with("https:");
        format!("{}://{rest}", if secure { "wss" } else { "ws" })
    } else if server.starts_with('/') {
        let origin = page_origin?;
        let (scheme, host) = split_scheme(origin)?;
        let ws = if scheme == "https" { "wss" } else { "ws" };
        format!("{ws}://{host}{server}")
    } else {
        return None;
    };
    let host = split_scheme(&absolute)?.1;
    let host_end = host.find(['/', '?', '#']).unwrap_or(host.len());
    if host_end == 0 || host.chars().any(char::is_whitespace) {
        return None;
    }
    Some(absolute)
}

/// A URL's scheme and what follows its `://`.
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let at = url.as_bytes().windows(3).position(|w| w == b"://")?;
    Some((url.get(..at)?, url.get(at + 3..)?))
}

/// AIDA serves images beside its socket: `wss://h/socket` gives `https://h/content`.
pub fn content_url_for(server: &str) -> String {
    let http = if let Some(rest) = server.strip_prefix("wss://") {
        format!("https://{rest}")
    } else if let Some(rest) = server.strip_prefix("ws://") {
        format!("http://{rest}")
    } else {
        server.to_owned()
    };
    match http.strip_suffix("/socket") {
        Some(base) => format!("{base}/content"),
        None => format!("{http}/content"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    const BOT: &str = "2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c";

    fn options(server: &str) -> Options {
        Options {
            server: Some(server.into()),
            bot_id: Some(BOT.into()),
            access_token: Some("token".into()),
            ..Options::default()
        }
    }

    #[test]
    fn reads_options_by_their_javascript_names_and_names_a_mistyped_one() {
        let value = json!({
            "server": "wss://h/socket", "botId": BOT, "accessToken": "t", "open": true,
            "maxImageBytes": 1024, "theme": {"accent": "#123"}, "userData": {"plan": "pro"},
            "title": null, "fromTheFuture": 1, "locale": " pt-BR ", "botLanguage": false,
            "greeting": " Hello! "
        });
        let options = Options::from_json(&value).unwrap();
        assert_eq!(options.bot_id.as_deref(), Some(BOT));
        assert_eq!(options.access_token.as_deref(), Some("t"));
        assert_eq!(
            (options.open, options.max_image_bytes),
            (Some(true), Some(1024.0))
        );
        assert_eq!(options.user_data.as_ref().unwrap()["plan"], "pro");
        assert_eq!(options.title, None, "null is as good as absent");
        let config = options.validate(None).unwrap();
        assert_eq!(
            (config.locale.as_deref(), config.bot_language),
            (Some("pt-BR"), false)
        );
        assert_eq!(config.greeting.as_deref(), Some("Hello!"));
        let mut blank = options.clone();
        blank.greeting = Some("  ".into());
        assert_eq!(blank.validate(None).unwrap().greeting, None);
        assert_eq!(config.notify, Notify::default(), "nothing unless asked for");
        let notify = |value: crate::json::Value| {
            Options::from_json(&json!({ "notify": value })).map(|o| o.notify)
        };
        assert_eq!(
            notify(json!({"title": true})),
            Ok(Some(Notify {
                title: true,
                sound: false
            }))
        );
        assert_eq!(
            notify(json!({"sound": "yes"})).unwrap_err().to_string(),
            "aida-chat: the option `notify.sound` must be true or false"
        );
        let error = Options::from_json(&json!({"botLanguage": "no"})).unwrap_err();
        assert_eq!(
            error.to_string(),
            "aida-chat: the option `botLanguage` must be true or false"
        );

        let error = Options::from_json(&json!({"open": "yes"})).unwrap_err();
        assert_eq!(error.option(), "open");
        assert_eq!(
            error.to_string(),
            "aida-chat: the option `open` must be true or false"
        );
        // Several mistakes: the first in reading order (the required options first) is named.
        let first = |value| Options::from_json(&value).unwrap_err().option();
        assert_eq!(
            first(json!({"open": "yes", "notify": {"sound": 2}, "server": 1})),
            "server"
        );
        assert_eq!(
            first(json!({"notify": {"sound": 2}, "open": "yes"})),
            "open"
        );
        let error = Options::from_json(&json!({"theme": "dark"})).unwrap_err();
        assert_eq!(
            error.to_string(),
            "aida-chat: the option `theme` must be an object"
        );
        let error = Options::from_json(&json!("wss://h/socket")).unwrap_err();
        assert_eq!(error.option(), "options");
        assert_eq!(error, ConfigError::NotAnObject);
    }

    #[test]
    fn derives_the_content_url_from_the_socket_url() {
        let config = options("wss://aida.example.org/socket")
            .validate(None)
            .unwrap();
        assert_eq!(config.content_url, "https://aida.example.org/content");
        let config = options("ws://127.0.0.1:4000/socket/")
            .validate(None)
            .unwrap();
        assert_eq!(config.server, "ws://127.0.0.1:4000/socket");
        assert_eq!(config.content_url, "http://127.0.0.1:4000/content");
    }

    #[test]
    fn resolves_a_relative_server_against_the_page() {
        let config = options("/socket")
            .validate(Some("https://shop.example"))
            .unwrap();
        assert_eq!(config.server, "wss://shop.example/socket");
        let config = options("//aida.example/socket")
            .validate(Some("http://x"))
            .unwrap();
        assert_eq!(config.server, "ws://aida.example/socket");
        assert_eq!(
            options("/socket").validate(None),
            Err(ConfigError::BadServer("/socket".into()))
        );
    }

    #[test]
    fn names_the_option_at_fault() {
        let mut o = options("wss://h/socket");
        o.bot_id = Some("not-a-uuid".into());
        assert_eq!(o.validate(None).unwrap_err().option(), "botId");
        o.bot_id = None;
        assert_eq!(o.validate(None).unwrap_err().option(), "botId");
        let mut o = options("https://h/socket");
        assert_eq!(o.validate(None).unwrap_err().option(), "server");
        o.server = Some("  ".into());
        assert_eq!(
            o.validate(None).unwrap_err(),
            ConfigError::Missing("server")
        );
        let mut o = options("wss://h/socket");
        o.access_token = None;
        assert!(
            o.validate(None)
                .unwrap_err()
                .to_string()
                .contains("accessToken")
        );
        o.access_token = Some("t".into());
        o.content_url = Some("javascript:alert(1)".into());
        assert_eq!(o.validate(None).unwrap_err().option(), "contentUrl");
    }

    #[test]
    fn picture_limits_are_positive_with_defaults() {
        let mut o = options("wss://h/socket");
        let config = o.validate(None).unwrap();
        assert_eq!(
            (config.max_image_bytes, config.max_image_dimension),
            (DEFAULT_MAX_IMAGE_BYTES, 2048.0)
        );
        o.max_image_dimension = Some(1000.7);
        assert_eq!(o.validate(None).unwrap().max_image_dimension, 1000.0);
        for bad in [0.0, -5.0, f64::NAN] {
            o.max_image_dimension = Some(bad);
            let error = o.validate(None).unwrap_err();
            assert_eq!(error.option(), "maxImageDimension");
            assert_eq!(
                error.to_string(),
                "aida-chat: the option `maxImageDimension` must be a positive number"
            );
        }
        o.max_image_dimension = None;
        o.max_image_bytes = Some(0.0);
        assert_eq!(o.validate(None).unwrap_err().option(), "maxImageBytes");
    }

    #[test]
    fn theme_position_and_strings() {
        let mut o = options("wss://h/socket");
        o.theme = json!({"accent": "#c00", "--aida-radius": "4px"})
            .as_object()
            .cloned();
        o.position = Some("left".into());
        let config = o.validate(None).unwrap();
        assert_eq!(
            config.theme,
            vec![
                ("--aida-accent".into(), "#c00".into()),
                ("--aida-radius".into(), "4px".into())
            ]
        );
        assert_eq!(config.position, Position::Left);
        o.theme = json!({"accent": "red; background: url(x)"})
            .as_object()
            .cloned();
        assert_eq!(o.validate(None).unwrap_err().option(), "theme");
        o.theme = None;
        o.position = Some("top".into());
        assert_eq!(o.validate(None).unwrap_err().option(), "position");
    }

    #[test]
    fn theme_mode_is_auto_light_or_dark_and_no_custom_property() {
        let mode = |theme: crate::json::Value| {
            let mut o = options("wss://h/socket");
            o.theme = theme.as_object().cloned();
            o.validate(None).map(|config| (config.mode, config.theme))
        };
        assert_eq!(mode(json!({})), Ok((ThemeMode::Auto, vec![])));
        assert_eq!(
            mode(json!({"mode": "dark", "accent": "#c00"})),
            Ok((
                ThemeMode::Dark,
                vec![("--aida-accent".into(), "#c00".into())]
            ))
        );
        assert_eq!(ThemeMode::Light.attribute(), Some("light"));
        assert_eq!(ThemeMode::Auto.attribute(), None);
        assert_eq!(
            mode(json!({"mode": " light "})).unwrap().0,
            ThemeMode::Light
        );
        assert_eq!(mode(json!({"mode": "auto"})).unwrap().0, ThemeMode::Auto);
        let error = mode(json!({"mode": "night"})).unwrap_err();
        assert_eq!(
            error.to_string(),
            "aida-chat: the option `theme.mode` must be \"auto\", \"light\" or \"dark\" (got \"night\")"
        );
        assert_eq!(mode(json!({"mode": 1})).unwrap_err().option(), "theme.mode");
    }
}
