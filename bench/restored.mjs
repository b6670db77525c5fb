// What the bench's restores share: `bench/run.mjs`, `bench/ab.mjs` and `bench/compiled.mjs`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const target = process.env.CARGO_TARGET_DIR ?? path.join(import.meta.dirname, '..', 'target');

/** The dev server (its debug build) serving a copy of `dist` with the bench's widget page, and
 * `files` in place of some of the copy's (`{ 'aida-chat_bg.wasm': path }`). `stop()` ends it and
 * removes the copy. */
export async function serveWidget(dist, files = {}) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'aida-restore-'));
  fs.cpSync(dist, site, { recursive: true });
  fs.copyFileSync(path.join(import.meta.dirname, 'pages', 'widget.html'), path.join(site, 'widget.html'));
  for (const [name, source] of Object.entries(files)) fs.copyFileSync(source, path.join(site, name));
  const server = spawn(path.join(target, 'debug', 'aida-dev-server'), ['--port', '0', '--static-dir', site], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const ready = await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`dev server exited with ${code}`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      if (line.startsWith('AIDA_DEV_SERVER_READY ')) resolve(JSON.parse(line.slice(22)));
    });
  });
  const stop = () => {
    server.kill();
    fs.rmSync(site, { recursive: true, force: true });
  };
  return { ready, stop };
}

/** One restore of `messages` bot messages in `page`, a page of a new browser profile: the
 * conversation stored as the widget stores it, then the widget's page loaded from `ready` (a
 * server of [`serveWidget`]). `beforeLoad` runs just before (to start a trace). Gives the
 * moments of [`watchRestore`]. */
export async function restoreWidget(page, ready, messages, beforeLoad = async () => {}) {
  const stored = {
    version: 1,
    session: null,
    entries: Array.from({ length: messages }, (_, i) => ({ id: `r${i}`, from: 'bot', text: `restored ${i}`, at: Date.now() })),
  };
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [`aida-chat:v1:${ready.bot_id}`, JSON.stringify(stored)]);
  await watchRestore(page, "document.querySelector('aida-chat')?.shadowRoot", messages, 'widget');
  await beforeLoad();
  await page.goto(`${ready.url}/widget.html?botId=${ready.bot_id}&accessToken=${ready.access_token}`);
  return page.evaluate('window.__restored');
}

/** Makes the next page loaded in `page` note two moments from navigation, the newest message
 * painted (what a returning visitor sees first) and every message of the history painted, and
 * give them as the promise `window.__restored`. `root` is an expression for the element to
 * search (a shadow root is watched once it is there).
 *
 * Each moment is the start of the frame after the one that painted the messages. A mutation
 * observer sees them arrive: messages added in an animation frame callback are painted by that
 * frame, any others by the next. The start of a frame is taken by an animation frame loop whose
 * callback is always the first of its frame, so that the page's own callbacks (the widget draws
 * a restore's older bubbles in one) are not counted in it, whichever asked for a frame first.
 *
 * The watch runs before the page's own scripts. One started by `page.evaluate` once `goto`
 * returns begins after the load event, and the plain page paints its history before that, so it
 * was counted when the evaluation came: in one run where both watches timed the same 15 cold
 * restores of 500, up to 15 ms late (median 113 against 101 ms), and the widget up to 7 ms. */
export function watchRestore(page, root, messages, name) {
  return page.addInitScript(`window.__restored = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('${name}: a restore of ${messages} messages was not painted in 60 s')), 60000);
    // Frames begun, whether a callback of the page's is running in one, and the frame at whose
    // start each moment is taken.
    let frames = 0, inFrame = false;
    const due = {}, at = {};
    const request = window.requestAnimationFrame.bind(window);
    const frame = () => {
      request(frame);
      frames += 1;
      for (const moment of ['newest', 'all']) if (due[moment] === frames) at[moment] = performance.now();
      if (at.newest && at.all) resolve(at);
    };
    request(frame);
    const watched = new Set();
    const check = () => {
      const node = ${root};
      if (node && !watched.has(node)) {
        watched.add(node);
        observer.observe(node, { childList: true, subtree: true, characterData: true });
      }
      const bubbles = node ? node.querySelectorAll('[data-from="bot"]') : [];
      const newest = bubbles.length && bubbles[bubbles.length - 1].textContent.includes('restored ${messages - 1}');
      const painting = inFrame ? frames : frames + 1;
      if (newest && !due.newest) due.newest = painting + 1;
      if (newest && bubbles.length >= ${messages} && !due.all) due.all = painting + 1;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
    // What a callback of the page's changes is seen before it returns, while its frame is known.
    window.requestAnimationFrame = (callback) =>
      request((time) => {
        inFrame = true;
        try {
          callback(time);
        } finally {
          if (observer.takeRecords().length) check();
          inFrame = false;
        }
      });
  });`);
}
