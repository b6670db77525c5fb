// What the bench's restores share: `bench/run.mjs`, `bench/ab.mjs` and `bench/compiled.mjs`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchPainted } from './painted.mjs';
import { devServer } from './server.mjs';

/** The dev server serving a copy of `dist` with the bench's widget page, and `files` in place
 * of some of the copy's (`{ 'aida-chat_bg.wasm': path }`). `stop()` ends it and removes the copy. */
export async function serveWidget(dist, files = {}) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'aida-restore-'));
  fs.cpSync(dist, site, { recursive: true });
  fs.copyFileSync(path.join(import.meta.dirname, 'pages', 'widget.html'), path.join(site, 'widget.html'));
  for (const [name, source] of Object.entries(files)) fs.copyFileSync(source, path.join(site, name));
  const { server, ready } = await devServer(site);
  const stop = () => {
    server.kill();
    fs.rmSync(site, { recursive: true, force: true });
  };
  return { ready, stop };
}

/** The widget on the dev server `ready`, as the bench's restores see it: its page, the element
 * its bubbles are in, and the conversation as it stores it. */
export const widgetClient = (ready) => ({
  url: `${ready.url}/widget.html?botId=${ready.bot_id}&accessToken=${ready.access_token}`,
  root: "document.querySelector('aida-chat')?.shadowRoot",
  storageKey: `aida-chat:v1:${ready.bot_id}`,
  stored: (session, n) => ({
    version: 1,
    session,
    entries: Array.from({ length: n }, (_, i) => ({ id: `r${i}`, from: 'bot', text: `restored ${i}`, at: Date.now() })),
  }),
});

/** One restore of `messages` bot messages in `page`: `client`'s conversation stored before any
 * script of its page runs, and so is the watch; then its page loaded. `beforeLoad` runs just
 * before (to start a trace). Gives the moments of [`watchRestore`]. */
export async function restoreIn(page, client, name, session, messages, beforeLoad = async () => {}) {
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [client.storageKey, JSON.stringify(client.stored(session, messages))]);
  await watchRestore(page, client.root, messages, name);
  await beforeLoad();
  await page.goto(client.url);
  return page.evaluate('window.__painted');
}

/** A restore of the widget served by [`serveWidget`], in `page` of a new browser profile. */
export const restoreWidget = (page, ready, messages, beforeLoad) =>
  restoreIn(page, widgetClient(ready), 'widget', null, messages, beforeLoad);

/** Makes the next page loaded in `page` note two moments from navigation (see
 * [`watchPainted`]), the newest message painted (what a returning visitor sees first) and every
 * message of the history painted, and give them as the promise `window.__painted`. `root` is an
 * expression for the element to search. */
export function watchRestore(page, root, messages, name) {
  const bubbles = "node.querySelectorAll('[data-from=\"bot\"]')";
  const newest = `((b) => b.length > 0 && b[b.length - 1].textContent.includes('restored ${messages - 1}'))(${bubbles})`;
  return watchPainted(page, root, { newest, all: `${newest} && ${bubbles}.length >= ${messages}` }, `${name}: a restore of ${messages} messages`);
}
