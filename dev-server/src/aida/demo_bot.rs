//! The demo bot's answers: enough variety to exercise a chat widget (several messages in a row,
//! newlines and a URL, images, AIDA's `##SESSION`), an echo of everything else, in English or
//! Spanish as the session's `language` says, by AIDA 1.3's rule (`docs/aida-api.md`, section 8):
//! a language the bot does not have is dropped; with none, a message naming a language sets it,
//! and any other is answered with the question of which language; a message naming a language
//! switches to it at any time.

/// The bot's languages, as a manifest lists them.
pub const LANGUAGES: &[&str] = &["en", "es"];

/// What the bot answers a text message (already trimmed), and the session's language after it.
/// `first_name` and `language` come from the session data.
pub struct Answer {
    pub texts: Vec<String>,
    pub language: Option<&'static str>,
}

pub fn answer(
    text: &str,
    session: &str,
    first_name: Option<&str>,
    language: Option<&str>,
) -> Answer {
    // `reset_language_if_invalid`: only a language of the bot counts.
    let language = LANGUAGES.iter().copied().find(|l| Some(*l) == language);
    if text == "##SESSION" {
        // What AIDA itself answers: the end of the session id, to tell sessions apart.
        let texts = vec![session[session.len().saturating_sub(7)..].to_owned()];
        return Answer { texts, language };
    }
    let words = text.trim_end_matches(['!', '.', '?']).to_lowercase();
    if let Some(named) = named_language(&words) {
        return Answer {
            texts: greeting(named, first_name),
            language: Some(named),
        };
    }
    let Some(language) = language else {
        let question =
            "To chat in English, write English. Para hablar en español, escribe Español.";
        return Answer {
            texts: vec![question.to_owned()],
            language: None,
        };
    };
    let texts = match (words.as_str(), language) {
        ("hello" | "hi", "en") | ("hola", "es") => greeting(language, first_name),
        ("link" | "enlace", "es") => vec![
            "AIDA es de código abierto:\nhttps://github.com/instedd/aida\nEl widget: aida-chat."
                .to_owned(),
        ],
        ("link", _) => vec![
            "AIDA is open source:\nhttps://github.com/instedd/aida\nThe widget: aida-chat."
                .to_owned(),
        ],
        (_, "es") => vec![format!("Dijiste: {text}")],
        _ => vec![format!("You said: {text}")],
    };
    Answer {
        texts,
        language: Some(language),
    }
}

/// A one-word message that names a language of the bot.
fn named_language(words: &str) -> Option<&'static str> {
    match words {
        "english" | "inglés" | "ingles" => Some("en"),
        "español" | "espanol" | "spanish" => Some("es"),
        _ => None,
    }
}

fn greeting(language: &str, first_name: Option<&str>) -> Vec<String> {
    if language == "es" {
        vec![
            match first_name {
                Some(name) => format!("¡Hola, {name}! Soy el bot de demostración de AIDA."),
                None => "¡Hola! Soy el bot de demostración de AIDA.".to_owned(),
            },
            "Envíame una foto, o escribe enlace para recibir un enlace.".to_owned(),
            "Escribe ##SESSION para ver el final de tu sesión; lo demás, lo repito.".to_owned(),
        ]
    } else {
        vec![
            match first_name {
                Some(name) => format!("Hello, {name}! I am the AIDA demo bot."),
                None => "Hello! I am the AIDA demo bot.".to_owned(),
            },
            "Send me a picture, or type link for a link.".to_owned(),
            "Type ##SESSION to see the end of your session id; anything else, I repeat.".to_owned(),
        ]
    }
}

/// The answer to `utb_img`: `image` is the Content-Type and size of the image, or `None` when
/// the id was not an image of this bot and session, which AIDA answers as a message that
/// brought nothing.
pub fn answer_image(image: Option<(&str, usize)>, language: Option<&str>) -> Vec<String> {
    let spanish = language == Some("es");
    match (image, spanish) {
        (Some((content_type, size)), false) => {
            vec![format!(
                "Nice picture! I got your image ({content_type}, {size} bytes)."
            )]
        }
        (Some((content_type, size)), true) => {
            vec![format!(
                "¡Bonita foto! Recibí tu imagen ({content_type}, {size} bytes)."
            )]
        }
        (None, false) => vec!["I got your message.".to_owned()],
        (None, true) => vec!["Recibí tu mensaje.".to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: &str = "11111111-2222-4333-8444-555555555555";

    fn texts(text: &str, first_name: Option<&str>, language: Option<&str>) -> Vec<String> {
        answer(text, SESSION, first_name, language).texts
    }

    #[test]
    fn answers_in_the_session_s_language() {
        let en = Some("en");
        assert_eq!(texts("##SESSION", None, en), ["5555555"]);
        assert_eq!(texts("Hello!", None, en).len(), 3);
        assert!(texts("hi", Some("Ada"), en)[0].starts_with("Hello, Ada!"));
        assert!(texts("link", None, en)[0].contains("\nhttps://"));
        assert_eq!(texts("x <b>", None, en), ["You said: x <b>"]);
        assert_eq!(
            texts("hola", None, Some("es"))[0],
            "¡Hola! Soy el bot de demostración de AIDA."
        );
        assert_eq!(texts("x", None, Some("es")), ["Dijiste: x"]);
        assert_eq!(answer_image(None, en), ["I got your message."]);
        assert!(answer_image(Some(("image/png", 70)), en)[0].contains("image/png, 70 bytes"));
        assert!(answer_image(Some(("image/png", 70)), Some("es"))[0].starts_with("¡Bonita foto!"));
    }

    #[test]
    fn follows_aida_s_rule_for_the_language() {
        // No language, or one the bot does not have (reset): the question, the language unset.
        for language in [None, Some("fr"), Some("ES")] {
            let answer = answer("hello", SESSION, None, language);
            assert!(
                answer.texts[0].starts_with("To chat in English"),
                "{language:?}"
            );
            assert_eq!(answer.language, None);
        }
        // A message naming a language sets it, and is greeted in it.
        let answer = answer("Español", SESSION, None, None);
        assert_eq!(answer.language, Some("es"));
        assert!(answer.texts[0].starts_with("¡Hola!"));
        // And switches from another one.
        assert_eq!(
            super::answer("english", SESSION, None, Some("es")).language,
            Some("en")
        );
        assert_eq!(
            super::answer("x", SESSION, None, Some("es")).language,
            Some("es")
        );
    }
}
