//! Bot and visitor text as inert text: newlines kept by CSS, web addresses made into links
//! (http and https only), nothing ever parsed as markup.

/// A piece of a message: plain text, or a link whose target is an http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits `text` into text and links. Only URLs with an http or https scheme become links, so
/// `javascript:` and `data:` stay text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some((start, end)) = next_link(rest) {
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        pieces.push(Piece::Link(&rest[start..end]));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// Where the first link in `text` starts and ends: `http://` or `https://` (in any case, not
/// inside a word), a host, and everything up to a space or a character that cannot be in a URL
/// written in text (`<`, `>`, `"`, a control character), less what ends a sentence rather than
/// the URL: trailing punctuation, and a closing bracket that the URL did not open.
fn next_link(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    // A search by bytes rather than `str::find`, whose two-way searcher is 1.5 KB of the wasm.
    while let Some(found) = bytes[from..].windows(3).position(|w| w == b"://") {
        let colon = from + found;
        from = colon + 3;
        let start = match colon.checked_sub(5) {
            Some(s) if bytes[s..colon].eq_ignore_ascii_case(b"https") => s,
            _ => match colon.checked_sub(4) {
                Some(s) if bytes[s..colon].eq_ignore_ascii_case(b"http") => s,
                _ => continue,
            },
        };
        let in_word = text[..start].chars().next_back().is_some_and(letter);
        let host = text[from..].chars().next().is_some_and(letter);
        if in_word || !host {
            continue;
        }
        let run = text[from..]
            .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
            .map_or(text.len(), |n| from + n);
        return Some((start, from + trimmed_len(&text[from..run])));
    }
    None
}

/// Whether `c` is a letter or a digit, as far as where a link starts is concerned: ASCII
/// exactly; beyond it, any character but the punctuation, spaces and symbols of the blocks
/// text puts around an address (Latin-1's «», the general punctuation's dashes, quotes and
/// ellipsis, CJK and full-width punctuation). Unicode's letter tables would be 2 KB of the
/// widget for the few scripts where this differs.
fn letter(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{bf}' | '\u{d7}' | '\u{f7}' => false,
        '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' => false,
        '\u{ff00}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}' => false,
        '\u{ff5b}'..='\u{ff65}' => false,
        _ => true,
    }
}

/// The length of `url` (after its scheme) without what ends the sentence around it.
fn trimmed_len(url: &str) -> usize {
    let mut end = url.len();
    while let Some(last) = url[..end].chars().next_back() {
        let open = match last {
            ')' => '(',
            ']' => '[',
            '}' => '{',
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' => {
                end -= 1;
                continue;
            }
            _ => break,
        };
        // Brackets are ASCII: counted as bytes.
        let count = |bracket: char| {
            url[..end]
                .bytes()
                .filter(|&b| char::from(b) == bracket)
                .count()
        };
        if count(open) >= count(last) {
            break;
        }
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use Piece::{Link, Text};

    #[test]
    fn links_only_http_and_https() {
        assert_eq!(
            pieces("see https://aida.example/x?a=1, or javascript:alert(1) and ftp://f.example"),
            vec![
                Text("see "),
                Link("https://aida.example/x?a=1"),
                Text(", or javascript:alert(1) and ftp://f.example"),
            ]
        );
        assert_eq!(pieces("<b>no</b>\nline"), vec![Text("<b>no</b>\nline")]);
        assert_eq!(pieces(""), vec![]);
    }

    #[test]
    fn a_link_ends_where_the_sentence_takes_over() {
        let links = |text| {
            pieces(text)
                .into_iter()
                .filter_map(|p| match p {
                    Link(l) => Some(l),
                    Text(_) => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(links("Go to https://a.example."), ["https://a.example"]);
        assert_eq!(links("(see https://a.example/x)"), ["https://a.example/x"]);
        assert_eq!(
            links("https://en.example/wiki/Rust_(language)!"),
            ["https://en.example/wiki/Rust_(language)"]
        );
        assert_eq!(links("'http://a.example/?q=1'"), ["http://a.example/?q=1"]);
        assert_eq!(links("<https://a.example/p>"), ["https://a.example/p"]);
        assert_eq!(links("\"https://a.example\""), ["https://a.example"]);
        assert_eq!(links("HTTPS://A.EXAMPLE/Path"), ["HTTPS://A.EXAMPLE/Path"]);
        assert_eq!(
            links("two: http://a.example http://b.example"),
            ["http://a.example", "http://b.example"]
        );
        assert_eq!(
            links("café https://ex.example/ünï ok"),
            ["https://ex.example/ünï"]
        );
        assert_eq!(
            links("https://ارشيف.example/ص"),
            ["https://ارشيف.example/ص"]
        );
    }

    #[test]
    fn no_link_without_a_host_or_inside_a_word() {
        assert_eq!(pieces("https://"), vec![Text("https://")]);
        assert_eq!(pieces("https:// x"), vec![Text("https:// x")]);
        assert_eq!(pieces("https://./x"), vec![Text("https://./x")]);
        assert_eq!(
            pieces("xhttps://a.example"),
            vec![Text("xhttps://a.example")]
        );
        assert_eq!(pieces("ahttp://a.example"), vec![Text("ahttp://a.example")]);
        assert_eq!(pieces("://a.example"), vec![Text("://a.example")]);
        assert_eq!(
            pieces("éhttps://a.example but (https://b.example"),
            vec![Text("éhttps://a.example but ("), Link("https://b.example")]
        );
        assert_eq!(
            pieces("请看https://a.example"),
            vec![Text("请看https://a.example")]
        );
        assert_eq!(pieces("https://…"), vec![Text("https://…")]);
    }

    #[test]
    fn punctuation_around_an_address_is_no_word() {
        let links = |text| {
            pieces(text)
                .into_iter()
                .filter(|p| matches!(p, Link(_)))
                .count()
        };
        for text in [
            "«https://a.example»",
            "—https://a.example",
            "“https://a.example”",
            "请看：https://a.example",
            "（https://a.example）",
            "https://例子.example",
            "https://2.example",
        ] {
            assert_eq!(links(text), 1, "{text}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn pieces_are_the_whole_text_and_links_are_http(text in "(https?://|[a-z.()/,:<> \u{e9}\u{627}]){0,40}") {
            let pieces = pieces(&text);
            let joined: String = pieces.iter().map(|p| match p { Text(t) | Link(t) => *t }).collect();
            proptest::prop_assert_eq!(joined, text.clone());
            for piece in pieces {
                if let Link(link) = piece {
                    let lower = link.to_ascii_lowercase();
                    proptest::prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"));
                    proptest::prop_assert!(!link.contains(['<', '>', '"', ' ']));
                }
            }
        }
    }
}
