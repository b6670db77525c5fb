// The benchmark harness: the script-tag widget (dist/embed) and a plain phoenix.js page
// (bench/reference), interleaved, in headless Chromium against the dev server on loopback.
// Prints a markdown table. `--quick` runs small counts, so that the test command keeps it alive.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { watchPainted } from './painted.mjs';
import { restoreIn, widgetClient } from './restored.mjs';
import { devServer } from './server.mjs';

const quick = process.argv.includes('--quick');
// `--only messages,restore` runs only those scenarios (startup, slow, messages, restore, reconnects),
// to iterate faster; the table leaves out the rows of the others.
const onlyArg = process.argv.find((a, i) => process.argv[i - 1] === '--only');
const only = onlyArg ? new Set(onlyArg.split(',')) : null;
const runs = (scenario) => !only || only.has(scenario);
const root = path.resolve(import.meta.dirname, '..');
// The widget keeps at most this many messages in localStorage: the largest restore a returning
// visitor can have (the harness writes the 2000 of the big restore itself).
const STORED_AT_MOST = Number(/MAX_STORED_ENTRIES: usize = (\d+);/.exec(fs.readFileSync(path.join(root, 'src/aida/store.rs'), 'utf8'))[1]);
const N = quick
  ? { loads: 2, slowLoads: 1, steady: 50, burst: 100, restore: [200, 50], restores: 1, visit: 200, grow: 200, long: 1500, reconnects: 5 }
  : { loads: 10, slowLoads: 5, steady: 1000, burst: 1000, restore: [2000, STORED_AT_MOST], restores: 15, visit: 3000, grow: 5000, long: 50_000, reconnects: 100 };
// Chromium's network emulation for the slow-network rows: a fair mobile link, and a poor one.
const NETWORKS = [
  { name: '1.6 Mbit/s, 150 ms RTT', bits: 1.6e6, rtt: 150 },
  { name: '400 kbit/s, 400 ms RTT', bits: 400e3, rtt: 400 },
];
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'];

// ----- the site: dist/embed, the widget page, the reference page and phoenix.mjs -------------
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'aida-bench-'));
const copy = (from, to = path.basename(from)) => fs.copyFileSync(from, path.join(site, to));
// AIDA_BENCH_DIST measures another build (an older commit's dist/embed) with this harness.
const dist = process.env.AIDA_BENCH_DIST ?? path.join(root, 'dist', 'embed');
fs.cpSync(dist, site, { recursive: true });
copy(path.join(root, 'bench', 'pages', 'widget.html'));
copy(path.join(root, 'bench', 'reference', 'index.html'), 'reference.html');
copy(path.join(root, 'node_modules', 'phoenix', 'priv', 'static', 'phoenix.mjs'));
// Every file also as gzip -9 beside it, which the dev server sends to a browser that takes it,
// as a CDN would: what crosses the slow links is the compressed bytes.
for (const f of fs.readdirSync(site, { recursive: true })) {
  const file = path.join(site, f);
  if (/\.(html|m?js|wasm|json)$/.test(f)) fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
}

const { server, ready } = await devServer(site, ['--reply-delay-ms', '0']);
const post = (p, body = {}) =>
  fetch(`${ready.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// ----- the two clients, as the harness sees them ----------------------------------------------
const query = `?botId=${ready.bot_id}&accessToken=${ready.access_token}`;
const clients = {
  widget: { ...widgetClient(ready), launcher: 'button.launcher' },
  reference: {
    url: `${ready.url}/reference.html${query}`,
    root: 'document',
    launcher: '#launcher',
    storageKey: `reference:${ready.bot_id}`,
    stored: (session, n) => ({ session, entries: Array.from({ length: n }, (_, i) => ({ from: 'bot', text: `restored ${i}` })) }),
  },
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};

/** Records when each bot bubble "bench N" is first seen at an animation frame. A mutation
 * observer notes every bubble added to the page and the next frame stamps it: past a few hundred
 * messages the widget forgets its oldest, and in a burst a bubble can come and go between two
 * frames, which a scan of the page at each frame would miss. */
const watchBubbles = (client) => `(() => {
  window.__seen = {};
  let pending = [];
  const note = (el) => {
    if (el.nodeType !== 1) return;
    if (el.matches('[data-from="bot"]')) pending.push(el);
    else for (const b of el.querySelectorAll('[data-from="bot"]')) pending.push(b);
  };
  const frame = () => {
    const now = performance.now();
    for (const el of pending) {
      const m = /bench (\\d+)!/.exec(el.textContent);
      if (m) window.__seen[m[1]] ??= now;
    }
    pending = [];
    requestAnimationFrame(frame);
  };
  const start = () => {
    const root = ${client.root};
    if (!root) return requestAnimationFrame(start);
    new MutationObserver((records) => {
      for (const r of records) for (const el of r.addedNodes) note(el);
    }).observe(root, { childList: true, subtree: true });
    for (const b of root.querySelectorAll('[data-from="bot"]')) pending.push(b);
    frame();
  };
  start();
})()`;

/** Records when each frame "bench N" reaches the page (a WebSocket wrapper). */
const recordArrivals = () => {
  window.__arrived = {};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => {
        const m = typeof e.data === 'string' && /bench (\d+)!/.exec(e.data);
        if (m) window.__arrived[m[1]] = performance.now();
      });
    }
  };
};

async function openPage(name, beforeLoad = async () => {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('crash', () => console.error(`${name}: the page crashed`));
  page.on('pageerror', (e) => console.error(`${name}: ${e}`));
  await page.addInitScript(recordArrivals);
  await beforeLoad(page);
  await page.goto(clients[name].url);
  return { context, page };
}

/** Resolves with the ms from a click on the launcher to the first animation frame where the
 * status says Connected and the composer is visible and enabled. Clicked and watched inside the
 * page: Playwright's own click waits for the element to be stable over frames (and to be found
 * again when the widget replaces the loader's launcher), which takes longer than either client
 * needs. */
const openedIn = (client) => `new Promise((resolve) => {
  const root = ${client.root};
  const t0 = performance.now();
  root.querySelector(${JSON.stringify(client.launcher)}).click();
  const check = () => {
    const r = ${client.root};
    const status = r.querySelector('[role="status"]');
    const message = r.querySelector('textarea[aria-label="Message"]');
    status && status.textContent.trim() === 'Connected' && message && !message.disabled && message.checkVisibility()
      ? resolve(performance.now() - t0)
      : requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** Makes the next page loaded in `page` give when its launcher was painted, as `launcher` of
 * `window.__painted`. */
const watchLauncher = (page, name) =>
  watchPainted(page, clients[name].root, { launcher: `node.querySelector(${JSON.stringify(clients[name].launcher)})` }, `${name}: the launcher`);

/** Cold load: navigation to launcher painted; first open to a joined, usable composer. */
async function startup(name) {
  const client = clients[name];
  const { context, page } = await openPage(name, (page) => watchLauncher(page, name));
  const { launcher } = await page.evaluate('window.__painted');
  const open = await page.evaluate(openedIn(client));
  // The contract the in-page check stands for, as a visitor and a screen reader see it.
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.getByRole('textbox', { name: 'Message' }).waitFor({ state: 'visible' });
  await context.close();
  return { launcher, open };
}

/** A cold load over a slow link, from navigation: the launcher painted, and the bot's first
 * answer painted when the visitor clicks the launcher as soon as it shows and writes a word as
 * soon as the composer takes one (the widget's is usable before it is connected: it queues). */
async function slowLoad(name, network) {
  const client = clients[name];
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`${name}: ${e}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.rtt,
    downloadThroughput: network.bits / 8,
    uploadThroughput: network.bits / 8,
  });
  await watchLauncher(page, name);
  await page.goto(client.url, { waitUntil: 'commit' });
  const { launcher } = await page.evaluate('window.__painted');
  const answer = await page.evaluate(`new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('${name}: no answer 120 s after the launcher showed')), 120000);
    (${client.root}).querySelector(${JSON.stringify(client.launcher)}).click();
    let typed = false;
    const check = () => {
      const root = ${client.root};
      const message = root.querySelector('textarea[aria-label="Message"]');
      if (root.querySelector('[data-from="bot"]')) return requestAnimationFrame(() => resolve(performance.now()));
      if (typed) {
        // A frame after the typing, as a visitor's Enter comes after their keys.
        message.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        typed = null;
      } else if (typed === false && message && !message.disabled && message.checkVisibility()) {
        message.value = 'hello';
        message.dispatchEvent(new InputEvent('input', { bubbles: true }));
        typed = true;
      }
      requestAnimationFrame(check);
    };
    check();
  })`);
  await context.close();
  return { launcher, answer };
}

async function sessionOf(page, name) {
  await page.locator(clients[name].launcher).click();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  const key = clients[name].storageKey;
  for (let i = 0; i < 100; i++) {
    const session = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) || '{}').session, key);
    if (session) return session;
    await page.waitForTimeout(20);
  }
  throw new Error(`${name}: no session`);
}

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.AidaChat?.wasmMemory?.() ?? 0);
  await cdp.detach();
  return { js: usedSize, wasm };
}

/** Frame-to-bubble latency at a steady rate, a burst, and memory as the transcript grows. */
async function messages(name) {
  const client = clients[name];
  const { context, page } = await openPage(name);
  const session = await sessionOf(page, name);
  await page.evaluate(watchBubbles(client));
  // What the bot says, through AIDA's HTTP API; `send(i)` is the numbered message the watcher times.
  const say = (text) => post(`/api/bots/${ready.bot_id}/sessions/${session}/send_message`, { message: text });
  const send = (i) => say(`bench ${i}!`);
  // Every bubble from..to seen, or after a minute an error that says which are missing (a
  // benchmark that hangs tells nothing).
  const waitAll = async (from, to) => {
    for (const started = Date.now(); ; ) {
      const missing = await page.evaluate(([a, b]) => {
        const out = [];
        for (let i = a; i < b; i++) if (window.__seen[i] === undefined) out.push(i);
        return out;
      }, [from, to]);
      if (!missing.length) return;
      if (Date.now() - started > 60_000) {
        const state = await page.evaluate(([root, first]) => {
          const texts = [...eval(root).querySelectorAll('[data-from="bot"]')].map((b) => b.textContent);
          const at = texts.findIndex((t) => t.includes(`bench ${first}!`));
          // Whether the bubbles are in the order their frames arrived, and where they first are not.
          const shown = texts.map((t) => /bench (\d+)!/.exec(t)?.[1]).filter(Boolean);
          const arrival = Object.keys(window.__arrived).sort((x, y) => window.__arrived[x] - window.__arrived[y]);
          const disorder = shown.findIndex((n, i) => n !== arrival[i]);
          return { bubbles: texts.length, arrived: window.__arrived[first] !== undefined, at, around: texts.slice(Math.max(0, at - 3), at + 4), disorder };
        }, [client.root, missing[0]]);
        console.error(JSON.stringify(state));
        throw new Error(`${name}: ${missing.length} of bubbles ${from}..${to} never seen (first ${missing[0]}, its frame ${state.arrived ? 'arrived' : 'never arrived'}; ${state.bubbles} bot bubbles in the page)`);
      }
      await page.waitForTimeout(20);
    }
  };
  for (let i = 0; i < N.steady; i++) {
    await send(i);
    await new Promise((r) => setTimeout(r, 10));
  }
  await waitAll(0, N.steady);
  const [arrived, seen] = await page.evaluate(() => [window.__arrived, window.__seen]);
  const latencies = Object.keys(seen).filter((k) => +k < N.steady).map((k) => seen[k] - arrived[k]);
  const b0 = N.steady;
  await Promise.all(Array.from({ length: N.burst }, (_, i) => send(b0 + i)));
  await waitAll(b0, b0 + N.burst);
  const burst = await page.evaluate(([a, b]) => {
    let first = Infinity;
    let last = 0;
    for (let i = a; i < b; i++) {
      first = Math.min(first, window.__arrived[i]);
      last = Math.max(last, window.__seen[i]);
    }
    return last - first;
  }, [b0, b0 + N.burst]);
  const g0 = b0 + N.burst;
  for (let i = 0; i < N.grow; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, N.grow - i) }, (_, j) => send(g0 + i + j)));
  }
  await waitAll(g0, g0 + N.grow);
  const grown = await heap(page);
  // A page open for a day: up to N.long messages in all (not recorded one by one, which would
  // weigh on the heap measured), then a last one, which comes after all of them.
  for (let i = g0 + N.grow; i < N.long; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, N.long - i) }, (_, j) => say(`long ${i + j}`)));
  }
  await say('long end');
  await page.waitForFunction((root) => {
    const bubbles = eval(root).querySelectorAll('[data-from="bot"]');
    return bubbles[bubbles.length - 1]?.textContent.includes('long end');
  }, client.root, { timeout: 600_000, polling: 250 });
  const long = await heap(page);
  long.bubbles = await page.evaluate((root) => eval(root).querySelectorAll('[data-from="bot"]').length, client.root);
  await context.close();
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies), burst, grown, long, session };
}

/** Restoring a long transcript: navigation to every bubble painted. Cold, in a new browser
 * profile: every file fetched and compiled. With `visit` (ms), after a first visit of that long
 * in the same profile, as a returning visitor usually comes back: the files in the HTTP cache,
 * and Chromium's compiled code of the wasm cached with them once that visit ran a few seconds. */
async function restore(name, session, n, visit = 0) {
  const client = clients[name];
  const context = await browser.newContext();
  const page = await context.newPage();
  if (visit) {
    await page.goto(client.url);
    await page.waitForTimeout(visit);
  }
  const t = await restoreIn(page, client, name, session, n);
  await context.close();
  return t;
}

/** Memory after the socket was dropped `N.reconnects` times (it must not grow). */
async function reconnects(name) {
  const { context, page } = await openPage(name);
  await sessionOf(page, name);
  const connected = page.getByRole('status').filter({ hasText: 'Connected' });
  const once = async () => {
    const before = (await (await fetch(`${ready.url}/__dev/stats`)).json()).sockets_total;
    await post('/__dev/drop_sockets');
    for (const started = Date.now(); ; ) {
      if (Date.now() - started > 60_000) throw new Error(`${name}: not connected again 60 s after its socket was dropped`);
      const stats = await (await fetch(`${ready.url}/__dev/stats`)).json();
      if (stats.sockets_total > before && (await connected.count())) break;
      await page.waitForTimeout(10);
    }
  };
  await once();
  const first = await heap(page);
  for (let i = 1; i < N.reconnects; i++) await once();
  const last = await heap(page);
  await context.close();
  return { first, last };
}

// ----- run, interleaved ------------------------------------------------------------------------
const bytes = (file) => {
  const data = fs.readFileSync(file);
  return { raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length, brotli: zlib.brotliCompressSync(data).length };
};
const sizes = {
  widget: ['aida-chat.js', 'aida-chat-glue.js', 'aida-chat_bg.wasm'].map((f) => [f, bytes(path.join(site, f))]),
  reference: ['reference.html', 'phoenix.mjs'].map((f) => [f, bytes(path.join(site, f))]),
};
const total = (list) => list.reduce((a, [, b]) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** A session the server knows, for restoring without the messages scenario. */
async function newSession(name) {
  const { context, page } = await openPage(name);
  const session = await sessionOf(page, name);
  await context.close();
  return session;
}

const starts = { widget: [], reference: [] };
if (runs('startup')) for (let i = 0; i < N.loads; i++) for (const name of ['widget', 'reference']) starts[name].push(await startup(name));
const slow = NETWORKS.map(() => ({ widget: [], reference: [] }));
if (runs('slow'))
  for (const [i, network] of NETWORKS.entries())
    for (let j = 0; j < N.slowLoads; j++) for (const name of ['widget', 'reference']) slow[i][name].push(await slowLoad(name, network));
const msgs = {};
const restores = {};
const memory = {};
if (runs('messages')) for (const name of ['widget', 'reference']) msgs[name] = await messages(name);
if (runs('restore')) {
  // Several restores, interleaved, and their medians: one load alone moves by tens of ms.
  const sessions = {};
  for (const name of ['widget', 'reference']) sessions[name] = msgs[name]?.session ?? (await newSession(name));
  for (const n of N.restore) {
    const times = { widget: [], reference: [] };
    for (let i = 0; i < N.restores; i++) for (const name of ['widget', 'reference']) times[name].push(await restore(name, sessions[name], n));
    restores[n] = {};
    for (const name of ['widget', 'reference'])
      restores[n][name] = { newest: median(times[name].map((t) => t.newest)), all: median(times[name].map((t) => t.all)) };
  }
  const n = N.restore.at(-1);
  const times = { widget: [], reference: [] };
  for (let i = 0; i < N.restores; i++) for (const name of ['widget', 'reference']) times[name].push(await restore(name, sessions[name], n, N.visit));
  restores.cached = {};
  for (const name of ['widget', 'reference'])
    restores.cached[name] = { newest: median(times[name].map((t) => t.newest)), all: median(times[name].map((t) => t.all)) };
}
if (runs('reconnects')) for (const name of ['widget', 'reference']) memory[name] = await reconnects(name);
const version = browser.version();
await browser.close();
server.kill();
fs.rmSync(site, { recursive: true, force: true });

// ----- the table -------------------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const mb = (n) => `${(n / 1048576).toFixed(2)} MiB`;
const rows = [];
const row = (what, w, r, fmt, ratio = true) => rows.push(`| ${what} | ${fmt(w)} | ${fmt(r)} | ${ratio && r ? (w / r).toFixed(2) : ''} |`);
for (const [f, b] of sizes.widget) rows.push(`| ${f} (raw / gzip -9 / brotli) | ${kb(b.raw)} / ${kb(b.gzip)} / ${kb(b.brotli)} | | |`);
const tw = total(sizes.widget);
const tr = total(sizes.reference);
row('script-tag payload, gzip -9', tw.gzip, tr.gzip, kb);
row('script-tag payload, brotli', tw.brotli, tr.brotli, kb);
if (runs('startup')) {
  row(`navigation to launcher painted (median of ${N.loads})`, median(starts.widget.map((s) => s.launcher)), median(starts.reference.map((s) => s.launcher)), ms);
  row(`first open to joined, usable composer (median of ${N.loads})`, median(starts.widget.map((s) => s.open)), median(starts.reference.map((s) => s.open)), ms);
}
if (runs('slow')) {
  for (const [i, network] of NETWORKS.entries()) {
    const at = (name, key) => median(slow[i][name].map((s) => s[key]));
    row(`${network.name}, cold: navigation to launcher painted (median of ${N.slowLoads})`, at('widget', 'launcher'), at('reference', 'launcher'), ms);
    row(`${network.name}, cold: navigation to the bot's first answer, opened at once (median of ${N.slowLoads})`, at('widget', 'answer'), at('reference', 'answer'), ms);
  }
}
if (runs('messages')) {
  row(`frame to bubble, ${N.steady} steady: p50`, msgs.widget.p50, msgs.reference.p50, ms);
  row(`frame to bubble, ${N.steady} steady: p95`, msgs.widget.p95, msgs.reference.p95, ms);
  row(`frame to bubble, ${N.steady} steady: max`, msgs.widget.max, msgs.reference.max, ms);
  row(`burst of ${N.burst}: first frame to last bubble`, msgs.widget.burst, msgs.reference.burst, ms);
}
if (runs('restore')) {
  for (const n of N.restore) {
    const what = `restore ${n} messages${n === STORED_AT_MOST ? ' (the most the widget stores)' : ''}`;
    row(`${what}: navigation to the newest painted (median of ${N.restores})`, restores[n].widget.newest, restores[n].reference.newest, ms);
    row(`${what}: navigation to all painted (median of ${N.restores})`, restores[n].widget.all, restores[n].reference.all, ms);
  }
  const what = `restore ${N.restore.at(-1)} messages after a first visit of ${N.visit / 1000} s (files cached)`;
  row(`${what}: navigation to the newest painted (median of ${N.restores})`, restores.cached.widget.newest, restores.cached.reference.newest, ms);
  row(`${what}: navigation to all painted (median of ${N.restores})`, restores.cached.widget.all, restores.cached.reference.all, ms);
}
if (runs('messages')) {
  row(`JS heap after ${N.steady + N.burst + N.grow} messages`, msgs.widget.grown.js, msgs.reference.grown.js, mb);
  rows.push(`| wasm memory after ${N.steady + N.burst + N.grow} messages | ${mb(msgs.widget.grown.wasm)} | | |`);
  row(`JS heap after ${N.long + 1} messages`, msgs.widget.long.js, msgs.reference.long.js, mb);
  rows.push(`| wasm memory after ${N.long + 1} messages | ${mb(msgs.widget.long.wasm)} | | |`);
  row(`bot bubbles in the page after ${N.long + 1} messages`, msgs.widget.long.bubbles, msgs.reference.long.bubbles, String);
}
if (runs('reconnects')) {
  row(`JS heap after 1 reconnect`, memory.widget.first.js, memory.reference.first.js, mb);
  row(`JS heap after ${N.reconnects} reconnects`, memory.widget.last.js, memory.reference.last.js, mb);
  rows.push(`| wasm memory after 1 / ${N.reconnects} reconnects | ${mb(memory.widget.first.wasm)} / ${mb(memory.widget.last.wasm)} | | |`);
}

console.log(`\n### aida-chat benchmark${quick ? ' (quick mode: small counts, not for comparison)' : ''}\n`);
console.log(`Chromium ${version}, ${os.cpus().length} cores (${os.cpus()[0].model}), ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| measure | widget | reference (phoenix.js, plain DOM) | widget / reference |');
console.log('|---|---|---|---|');
console.log(rows.join('\n'));

// Bytes are not timing: they do not flake, so a budget holds them. It sits just above the
// latest table (README), so that a change that adds bytes pays for them with another that takes
// some away; lower it when the payload shrinks.
const PAYLOAD_BUDGET_GZIP = 139_800;
if (tw.gzip > PAYLOAD_BUDGET_GZIP) {
  console.error(`\nThe script-tag payload is ${tw.gzip} B gzip, over its budget of ${PAYLOAD_BUDGET_GZIP} B.`);
  process.exitCode = 1;
}
