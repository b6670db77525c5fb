//! The widget's style sheet without its comments and indentation: it ships inside the wasm, and
//! the comments are for whoever edits `src/ui/style.css`, not for every visitor's download. The
//! dark palette is written once there and applied twice here.

use std::{env, fs, path::Path};

fn main() {
    let source = "src/ui/style.css";
    println!("cargo::rerun-if-changed={source}");
    let css = fs::read_to_string(source).expect("src/ui/style.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("style.css");
    fs::write(out, with_system_dark(&minify(&css))).expect("write the style sheet");
}

/// Drops `/* … */` comments and each line's indentation, and joins the lines: without a space
/// after `{`, `}`, `;` and `,`, where CSS needs none, with one elsewhere. Within a line, only the
/// space before a rule's `{` and after a declaration's first `:` go, so no selector or value can
/// change its meaning (the style sheet writes one declaration per line).
fn minify(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        let end = rest[start..]
            .find("*/")
            .map_or(rest.len(), |e| start + e + 2);
        rest = &rest[end..];
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let joined = out.ends_with(['{', '}', ';', ',']) || out.is_empty();
        if !joined {
            out.push(' ');
        }
        match (line.strip_suffix(" {"), line.ends_with(';')) {
            (Some(rule), _) => {
                out.push_str(rule);
                out.push('{');
            }
            (None, true) => out.push_str(&line.replacen(": ", ":", 1)),
            (None, false) => out.push_str(line),
        }
    }
    out
}

/// The block of `:host([data-mode="dark"])` also under `prefers-color-scheme: dark` for a host
/// not fixed to light, placed before it: one palette for both ways of asking for dark colours.
fn with_system_dark(css: &str) -> String {
    const FIXED: &str = ":host([data-mode=\"dark\"]){";
    let start = css
        .find(FIXED)
        .expect("style.css has a data-mode=\"dark\" block");
    let body = &css[start + FIXED.len()..];
    let body = &body[..=body.find('}').expect("the dark block ends")];
    format!(
        "{}@media (prefers-color-scheme: dark){{:host(:not([data-mode=\"light\"])){{{body}}}{}",
        &css[..start],
        &css[start..]
    )
}
