#!/usr/bin/env bash
# The project's two commands (see README.md):
#   ./dev.sh preview   the AIDA dev server and the widget under `trunk serve`, demo bot built in
#   ./dev.sh test      every test: fmt, clippy, native cargo tests, wasm tests and Playwright in Chromium
# Both first install whatever is missing on a fresh Debian machine (and skip what is there), from the
# package registries only: nothing downloads a prebuilt binary from anywhere else.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

TRUNK_VERSION=0.21.14
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

log() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The wasm-bindgen version Cargo.lock pins; the CLI must be exactly this one.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # The release embed rebuilds the standard library for size (see build_dist).
  if ! rustup component list --installed | grep -qx rust-src; then
    log "installing the rust-src component"
    rustup component add rust-src
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    log "installing trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  local wbg
  wbg="$(locked_wasm_bindgen)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    log "installing wasm-bindgen-cli $wbg (the version in Cargo.lock)"
    # No --locked: one of its locked dependency versions is not served by the registry here.
    cargo install wasm-bindgen-cli --version "=$wbg"
  fi
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Chromium and its driver from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver
  fi
  # npm ci only when package-lock.json changed since the last install.
  local stamp="node_modules/.aida-lock-sha256" sum
  sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund
    echo "$sum" >"$stamp"
  fi
}

run_tests() {
  local started=$SECONDS
  log "cargo fmt --check"
  cargo fmt --all --check
  log "clippy (native and wasm32)"
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser -- -D warnings
  cargo clippy --target wasm32-unknown-unknown -p aida-chat-conformance -- -D warnings
  log "native tests (cargo test)"
  cargo test --workspace
  log "wasm tests in headless Chromium (wasm-bindgen-test)"
  cargo test --target wasm32-unknown-unknown --test browser
  log "the official phoenix.js client against the dev server (node --test)"
  node --test dev-server/js-tests/
  log "building the preview page for the browser tests (trunk build)"
  trunk build --dist target/e2e/preview
  log "building the bare Phoenix client for the conformance test"
  cargo build -p aida-chat-conformance --lib --target wasm32-unknown-unknown
  wasm-bindgen --target web --out-dir target/e2e/conformance \
    target/wasm32-unknown-unknown/debug/aida_chat_conformance.wasm
  build_dist
  log "browser tests (Playwright in Debian's Chromium)"
  npx playwright test
  log "the benchmarks, in quick mode, so that they cannot rot (./dev.sh bench for real numbers)"
  node bench/run.mjs --quick
  log "all tests passed in $((SECONDS - started)) s"
}

# dist/embed/ (the script-tag embed: loader, glue, wasm) and dist/npm/ (the npm package), from a
# release build with wasm-opt -Oz.
#
# The standard library is rebuilt with the release profile (opt-level "z") and the
# `immediate-abort` panic strategy, so that no panic message, location or formatting machinery
# is linked, and with its `optimize_for_size` feature, which picks the smaller of two ways where
# the standard library has both (sorting, formatting); `{:?}` formats nothing (`-Zfmt-debug=none`:
# no message of the widget uses it). The
# README's Benchmarks section has the bytes. A panic traps either way (the widget has no panic
# hook; `panic = "abort"` already made it a trap). These are unstable options of the pinned
# stable toolchain, which RUSTC_BOOTSTRAP=1 unlocks for this one build, in its own target
# directory so that it never mixes with the other builds' artefacts.
build_dist() {
  log "release build of the widget (standard library rebuilt for size)"
  local target_dir="${CARGO_TARGET_DIR:-target}/dist"
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
    cargo build --release --lib --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size --target-dir "$target_dir"
  local out=dist/embed
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name aida-chat \
    "$target_dir/wasm32-unknown-unknown/release/aida_chat.wasm"
  mv "$out/aida-chat.js" "$out/aida-chat-glue.js"
  # --low-memory-unused: addresses below 1024 are never used (the stack grows down to 0 from
  # 1 MiB, and the widget never nests 1023 KB deep), so offsets fold into loads and stores.
  wasm-opt -Oz --converge --low-memory-unused --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/aida-chat_bg.wasm" -o "$out/aida-chat_bg.wasm"
  # Imports and exports renamed to a letter or two, in the wasm and the glue alike.
  node tools/short-names.mjs "$out/aida-chat_bg.wasm" "$out/aida-chat-glue.js"
  # The glue and the loader minified (npm terser): what a visitor downloads is code, not comments.
  # The glue's `initSync` goes (neither the loader nor the npm module loads synchronously), and
  # so do the names of the properties only the glue itself reads (`__wbg_ptr` on a handle, and
  # what Yew keeps on DOM nodes). Function expressions that use neither `this` nor `arguments`
  # become arrows (`unsafe_arrows`: an arrow cannot be called with `new`, which nothing does to
  # the glue's import shims); ES2017, which every browser with WebAssembly reads.
  node tools/glue-exports.mjs "$out/aida-chat-glue.js"
  terser "$out/aida-chat-glue.js" --module --ecma 2017 --compress unsafe_arrows=true --mangle \
    --mangle-props 'regex=/^_(_wbg_ptr|_destroy_into_raw|_wrap|wbg_cb_unref|_yew_\w+)$/' -o "$out/aida-chat-glue.js"
  # The loader, with js/element.js written in where it says so (without its `export`s).
  awk '/\/\* js\/element\.js \*\// { while ((getline line < "js/element.js") > 0) { sub(/^export /, "", line); print line }; next } { print }' \
    js/aida-chat.js >"$out/aida-chat.full.js"
  terser "$out/aida-chat.full.js" --compress --mangle --ecma 5 -o "$out/aida-chat.js"
  rm "$out/aida-chat.full.js"
  terser js/aida-chat-photo.js --module --compress --mangle -o "$out/aida-chat-photo.js"
  mkdir -p "$out/locales" && cp locales/*.json "$out/locales/"
  build_npm "$out"
  for f in "$out"/*.* dist/npm/*.*; do
    printf '%-32s %8d bytes, %7d gzip\n' "$f" "$(stat -c%s "$f")" "$(gzip -9c "$f" | wc -c)"
  done
}

# dist/npm/: the npm package `aida-chat` (ESM with types), the same glue and wasm as the embed.
build_npm() {
  local from=$1 out=dist/npm version
  version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
  rm -rf "$out" && mkdir -p "$out"
  cp js/npm/index.js js/npm/index.d.ts js/npm/README.md "$from/aida-chat-glue.js" "$from/aida-chat_bg.wasm" \
    "$from/aida-chat-photo.js" js/element.js "$out/"
  # Each translation as a module, which bundlers split into a chunk of its own.
  mkdir -p "$out/locales"
  for f in "$from"/locales/*.json; do
    printf 'export default %s;\n' "$(cat "$f")" >"$out/locales/$(basename "$f" .json).js"
  done
  cat >"$out/package.json" <<JSON
{
  "name": "aida-chat",
  "version": "$version",
  "description": "Web chat widget for AIDA chatbots (Rust, WebAssembly)",
  "license": "MIT",
  "type": "module",
  "main": "./index.js",
  "module": "./index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": { "types": "./index.d.ts", "default": "./index.js" },
    "./aida-chat_bg.wasm": "./aida-chat_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["index.js", "index.d.ts", "aida-chat-glue.js", "aida-chat_bg.wasm", "aida-chat-photo.js", "element.js", "locales", "README.md"],
  "sideEffects": false
}
JSON
}

# The preview: the dev server, and `trunk serve` proxying /socket and /content to it. Ports from
# AIDA_DEV_PORT (4000) and AIDA_PREVIEW_PORT (8080); the Trunk config is Trunk.toml with them.
# AIDA_PREVIEW_DEMO=0 skips the script-tag demo site (a release build, made in the background).
run_preview() {
  local port=${AIDA_DEV_PORT:-4000} web=${AIDA_PREVIEW_PORT:-8080} site=target/demo-site
  log "building the dev server"
  cargo build -p aida-dev-server
  rm -rf "$site" && mkdir -p "$site" && cp static/demo/* "$site/"
  log "starting the AIDA dev server on 127.0.0.1:$port"
  target/debug/aida-dev-server --port "$port" --static-dir "$site" &
  local pids=$!
  trap 'kill $pids 2>/dev/null || true' EXIT INT TERM
  if [ "${AIDA_PREVIEW_DEMO:-1}" != 0 ]; then
    (build_dist >target/demo-site.log 2>&1 && cp dist/embed/* "$site/" &&
      log "the script-tag embed on a demo website: http://127.0.0.1:$port/ (build log: target/demo-site.log)") &
    pids="$pids $!"
  fi
  sed -e "s/127\.0\.0\.1:4000/127.0.0.1:$port/" -e "s/^port = 8080/port = $web/" \
    -e 's|^target = "index.html"|target = "../index.html"|' -e 's|^dist = "target/preview"|dist = "preview"|' \
    Trunk.toml >target/Trunk.preview.toml
  log "starting trunk serve: open http://127.0.0.1:$web/ (Ctrl-C stops everything)"
  trunk serve --config target/Trunk.preview.toml
}

# What the release wasm is made of, by crate and function (bench/size.mjs): the release build
# with its names kept through wasm-bindgen and wasm-opt, read by twiggy (installed from crates.io
# the first time).
run_size() {
  if ! command -v twiggy >/dev/null; then
    log "installing twiggy (the first time only)"
    cargo install --locked twiggy
  fi
  build_dist
  local out="${CARGO_TARGET_DIR:-target}/size"
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$out" --out-name named \
    "${CARGO_TARGET_DIR:-target}/dist/wasm32-unknown-unknown/release/aida_chat.wasm"
  wasm-opt -Oz -g --converge --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/named_bg.wasm" -o "$out/named.wasm"
  node tools/short-names.mjs "$out/named.wasm" "$out/named.js" >/dev/null
  twiggy top "$out/named.wasm" -n 1000000 --format csv | node bench/size.mjs
}

case "${1:-}" in
  test) ensure_tools; run_tests ;;
  preview) ensure_tools; run_preview ;;
  setup) ensure_tools ;;
  dist) ensure_tools; build_dist ;;
  bench) ensure_tools; cargo build -p aida-dev-server; build_dist; node bench/run.mjs ;;
  size) ensure_tools; run_size ;;
  *) echo "usage: ./dev.sh preview | test | bench | size | dist | setup" >&2; exit 2 ;;
esac
