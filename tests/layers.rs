//! The layers import only downward (`docs/architecture.md`): no file of a layer names a layer
//! above it, and the sans-IO layers name no browser crate.

use std::fs;
use std::path::{Path, PathBuf};

/// What the sans-IO layers must never name: a browser binding or the interface.
const BROWSER: &[&str] = &["web_sys", "js_sys", "wasm_bindgen", "gloo", "yew"];

/// A layer, the paths it is made of, the layers above it, and what else it must not name.
type Rule = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const RULES: &[Rule] = &[
    (
        "json",
        &["src/json"],
        &["phoenix", "aida", "browser", "ui", "embed"],
        BROWSER,
    ),
    (
        "phoenix",
        &["src/phoenix"],
        &["aida", "browser", "ui", "embed"],
        BROWSER,
    ),
    ("aida", &["src/aida"], &["browser", "ui", "embed"], BROWSER),
    ("browser", &["src/browser"], &["ui", "embed"], &["yew::"]),
    ("ui", &["src/ui"], &["embed"], &[]),
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}

/// The code of a file without its comments, which may name anything.
fn code(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_layer_imports_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = Vec::new();
    for (layer, paths, above, also) in RULES {
        let mut never: Vec<String> = above.iter().map(|l| format!("crate::{l}")).collect();
        never.extend(also.iter().map(|name| name.to_string()));
        let mut files = Vec::new();
        for path in *paths {
            rust_files(&root.join(path), &mut files);
        }
        assert!(!files.is_empty(), "the {layer} layer has files");
        for file in files {
            let code = code(&fs::read_to_string(&file).unwrap());
            for name in &never {
                if code.contains(name.as_str()) {
                    let file = file.strip_prefix(root).unwrap().display();
                    broken.push(format!("{file} ({layer}) names {name}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layers broken:\n{}", broken.join("\n"));
}
