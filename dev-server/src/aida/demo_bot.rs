//! The demo bot's answers: enough variety to exercise a chat widget (several messages in a row,
//! newlines and a URL, images, AIDA's `##SESSION`), and an echo of everything else.

/// The answer to a text message, already trimmed. `first_name` comes from the session data.
pub fn answer(text: &str, session: &str, first_name: Option<&str>) -> Vec<String> {
    let greeting = text.trim_end_matches(['!', '.', '?']).to_lowercase();
    if text == "##SESSION" {
        // What AIDA itself answers: the end of the session id, to tell sessions apart.
        return vec![session[session.len().saturating_sub(7)..].to_owned()];
    }
    match greeting.as_str() {
        "hello" | "hi" => vec![
            match first_name {
                Some(name) => format!("Hello, {name}! I am the AIDA demo bot."),
                None => "Hello! I am the AIDA demo bot.".to_owned(),
            },
            "Send me a picture, or type link for a link.".to_owned(),
            "Type ##SESSION to see the end of your session id; anything else, I repeat.".to_owned(),
        ],
        "link" => vec![
            "AIDA is open source:\nhttps://github.com/instedd/aida\nThe widget: aida-chat."
                .to_owned(),
        ],
        _ => vec![format!("You said: {text}")],
    }
}

/// The answer to `utb_img`: `image` is the Content-Type and size of the image, or `None` when
/// the id was not an image of this bot and session, which AIDA answers as a message that
/// brought nothing.
pub fn answer_image(image: Option<(&str, usize)>) -> Vec<String> {
    match image {
        Some((content_type, size)) => {
            vec![format!(
                "Nice picture! I got your image ({content_type}, {size} bytes)."
            )]
        }
        None => vec!["I got your message.".to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: &str = "11111111-2222-4333-8444-555555555555";

    #[test]
    fn answers() {
        assert_eq!(answer("##SESSION", SESSION, None), ["5555555"]);
        assert_eq!(answer("Hello!", SESSION, None).len(), 3);
        assert!(answer("hi", SESSION, Some("Ada"))[0].starts_with("Hello, Ada!"));
        assert!(answer("link", SESSION, None)[0].contains("\nhttps://"));
        assert_eq!(answer("x <b>", SESSION, None), ["You said: x <b>"]);
        assert_eq!(answer_image(None), ["I got your message."]);
        assert!(answer_image(Some(("image/png", 70)))[0].contains("image/png, 70 bytes"));
    }
}
