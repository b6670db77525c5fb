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
  cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser --features conformance -- -D warnings
  log "native tests (cargo test)"
  cargo test --workspace
  log "wasm tests in headless Chromium (wasm-bindgen-test)"
  cargo test --target wasm32-unknown-unknown --test browser
  log "the official phoenix.js client against the dev server (node --test)"
  node --test dev-server/js-tests/
  log "building the preview page for the browser tests (trunk build)"
  trunk build --dist target/e2e/preview
  log "building the bare Phoenix client for the conformance test"
  cargo build --lib --target wasm32-unknown-unknown --features conformance
  wasm-bindgen --target web --out-dir target/e2e/conformance \
    target/wasm32-unknown-unknown/debug/aida_chat.wasm
  build_dist
  log "browser tests (Playwright in Debian's Chromium)"
  npx playwright test
  log "the benchmarks, in quick mode, so that they cannot rot (./dev.sh bench for real numbers)"
  node bench/run.mjs --quick
  log "all tests passed in $((SECONDS - started)) s"
}

# dist/embed/: the script-tag embed (loader, glue, wasm) from a release build, wasm-opt -Oz.
build_dist() {
  log "release build of the widget"
  cargo build --release --lib --target wasm32-unknown-unknown
  local out=dist/embed
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name aida-chat \
    target/wasm32-unknown-unknown/release/aida_chat.wasm
  mv "$out/aida-chat.js" "$out/aida-chat-glue.js"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/aida-chat_bg.wasm" -o "$out/aida-chat_bg.wasm"
  cp js/aida-chat.js "$out/aida-chat.js"
  for f in "$out"/*; do
    printf '%-28s %8d bytes, %7d gzip\n' "$(basename "$f")" "$(stat -c%s "$f")" "$(gzip -9c "$f" | wc -c)"
  done
}

run_preview() {
  local port=4000
  log "building the dev server"
  cargo build -p aida-dev-server
  log "starting the AIDA dev server on 127.0.0.1:$port"
  target/debug/aida-dev-server --port "$port" &
  local server=$!
  trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM
  log "starting trunk serve: open http://127.0.0.1:8080/ (Ctrl-C stops both)"
  trunk serve
}

case "${1:-}" in
  test) ensure_tools; run_tests ;;
  preview) ensure_tools; run_preview ;;
  setup) ensure_tools ;;
  dist) ensure_tools; build_dist ;;
  bench) ensure_tools; cargo build -p aida-dev-server; build_dist; node bench/run.mjs ;;
  *) echo "usage: ./dev.sh preview | test | bench | dist | setup" >&2; exit 2 ;;
esac
