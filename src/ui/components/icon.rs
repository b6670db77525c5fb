//! The interface's icons: a 24 px path each, hidden from assistive technology (its button
//! carries the name). Static markup that the browser parses, rather than elements Yew builds:
//! an icon never changes, and code that builds an SVG element is larger than its text.

use yew::prelude::*;

/// An icon's markup from its path.
macro_rules! icon_markup {
    ($path:literal) => {
        concat!(
            "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"",
            $path,
            "\"/></svg>"
        )
    };
}

pub const ATTACH: &str = icon_markup!(
    "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z"
);
pub const SEND: &str = icon_markup!("M3 20.5 21 12 3 3.5 3 10l12 2-12 2z");
pub const PLUS: &str = icon_markup!("M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z");
/// Drawn as strokes (the style sheet selects it by its path).
pub const CLOSE: &str = icon_markup!("M6 6l12 12M18 6 6 18");
pub const CHAT: &str = icon_markup!("M4 5h16v11H9l-5 4z");

/// The icon `markup` (one of the constants above), as Yew shows markup it does not build.
pub fn icon(markup: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(markup))
}
