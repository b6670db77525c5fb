//! Bot and visitor text as inert text: newlines kept by CSS, URLs made into links (http and https
//! only) with linkify, nothing ever parsed as markup.

use linkify::{LinkFinder, LinkKind};

/// A piece of a message: plain text, or a link whose target is an http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits `text` into text and links. Only URLs with an http or https scheme become links, so
/// `javascript:` and `data:` stay text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(true);
    finder
        .spans(text)
        .map(|span| {
            let s = span.as_str();
            let is_http = span.kind() == Some(&LinkKind::Url)
                && (starts_with_ignore_case(s, "http://")
                    || starts_with_ignore_case(s, "https://"));
            if is_http {
                Piece::Link(s)
            } else {
                Piece::Text(s)
            }
        })
        .collect()
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_only_http_and_https() {
        assert_eq!(
            pieces("see https://aida.example/x?a=1, or javascript:alert(1) and ftp://f.example"),
            vec![
                Piece::Text("see "),
                Piece::Link("https://aida.example/x?a=1"),
                Piece::Text(", or javascript:alert(1) and "),
                Piece::Text("ftp://f.example"),
            ]
        );
        assert_eq!(
            pieces("<b>no</b>\nline"),
            vec![Piece::Text("<b>no</b>\nline")]
        );
    }
}
