//! Markup written as text, for the parts of the interface that are not Yew's: the bubbles, and
//! the "chat unavailable" view. Every value goes through [`escape`], so that text is only ever
//! text: nothing a bot, a visitor or an integrator writes can become markup.

/// Writes `text` escaped for an element's content or a double-quoted attribute value.
pub fn escape(text: &str, out: &mut String) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        // The bytes replaced are ASCII, so `i` is a character boundary.
        out.push_str(text.get(start..i).unwrap_or_default());
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

/// Markup around escaped values: `parts` alternate between markup written as it is and values
/// escaped, starting with markup (`["<p class=\"", class, "\">"]`).
pub fn write(out: &mut String, parts: &[&str]) {
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else {
            escape(part, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape(text, &mut out);
        out
    }

    #[test]
    fn markup_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escaped(r#"<img src=x onerror="alert(1)"> & é 😀"#),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; é 😀"
        );
        assert_eq!(escaped("&amp;"), "&amp;amp;");
        assert_eq!(escaped(""), "");
        let mut out = String::new();
        write(&mut out, &["<p title=\"", "\"x\"", "\">", "<b>", "</p>"]);
        assert_eq!(out, "<p title=\"&quot;x&quot;\">&lt;b&gt;</p>");
    }

    proptest::proptest! {
        /// Whatever the text, the escaped form has no character that could start a tag, end an
        /// attribute or begin an entity of the text's own.
        #[test]
        fn escaped_text_holds_no_markup(text in ".*") {
            let out = escaped(&text);
            proptest::prop_assert!(!out.contains(['<', '>', '"']));
            proptest::prop_assert_eq!(
                out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"),
                text
            );
        }
    }
}
