// The script-tag embed from dist/embed/, on host pages served by the dev server.
import { test as base, expect, photo, redPng, startDevServer, WidgetPage, type DevServer } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const root = path.resolve(import.meta.dirname, '..');
const SUPPORT_BOT = '11111111-2222-4333-8444-555555555555';

/** A site with the embed files and the host pages, served with a second bot. */
const test = base.extend<{ site: DevServer }>({
  site: async ({ phoenix }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aida-embed-'));
    for (const from of [path.join(root, 'dist', 'embed'), path.join(root, 'e2e', 'hosts'), path.join(root, 'static', 'demo')]) {
      fs.cpSync(from, dir, { recursive: true });
    }
    const bots = path.join(dir, 'bots.json');
    fs.writeFileSync(bots, JSON.stringify([{ id: SUPPORT_BOT, token: 'support-token' }]));
    const server = await startDevServer(['--phoenix', phoenix, '--static-dir', dir, '--bots', bots]);
    await use(server);
    server.process.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

test('one script tag with data attributes mounts a working widget', async ({ page, site }) => {
  const widget = new WidgetPage(page);
  await page.goto(`${site.url}/script-tag.html`);
  await widget.launcher.click();
  await expect(page.getByRole('dialog', { name: 'Shop assistant' })).toBeVisible();
  await widget.say('from the embed');
  await expect(widget.bubbles('bot')).toHaveText([/You said: from the embed/]);
});

test('the demo website of the preview (static/demo) shows the embed the way a site would', async ({ page, site }) => {
  const widget = new WidgetPage(page);
  await page.goto(`${site.url}/`);
  await expect(page.getByRole('heading', { name: 'Care close to home' })).toBeVisible();
  await widget.launcher.click();
  await expect(page.getByRole('dialog', { name: 'Clinic assistant' })).toBeVisible();
  await widget.say('opening hours?');
  await expect(widget.bubbles('bot')).toHaveText([/You said: opening hours\?/]);
  await expect(widget.send).toHaveCSS('background-color', 'rgb(11, 110, 79)');
});

test('two widgets for two bots, one queued before the loader, share nothing', async ({ page, site }) => {
  await page.goto(`${site.url}/two-bots.html`);
  await page.waitForFunction(() => (window as any).handles.sales && (window as any).handles.support);
  const sales = page.locator('#sales');
  const support = page.locator('#support');
  await sales.getByRole('button', { name: 'Open chat' }).click();
  await support.getByRole('button', { name: 'Open chat' }).click();
  await expect(support.getByRole('button', { name: 'Enviar' })).toBeAttached();
  await sales.getByRole('textbox', { name: 'Message' }).fill('to sales');
  await sales.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(sales.locator('[data-from="bot"]')).toHaveCount(1);
  await expect(support.locator('[data-from]')).toHaveCount(0);
  // Each bot keeps its own conversation under its own key (written at most once per frame, so
  // the store may trail the bubble a little).
  const stored = () =>
    page.evaluate(() =>
      Object.fromEntries(Object.keys(localStorage).map((k) => [k, JSON.parse(localStorage.getItem(k)!).entries.length])),
    );
  await expect.poll(stored).toEqual({ [`aida-chat:v1:${site.botId}`]: 2, [`aida-chat:v1:${SUPPORT_BOT}`]: 0 });
  // Theme and position went to the support widget only.
  const accent = await support.evaluate((el) => getComputedStyle(el).getPropertyValue('--aida-accent').trim());
  expect(accent).toBe('#0a7d32');
  await expect(support).toHaveAttribute('data-position', 'left');
});

test('the JS API: send, events, putData, open and close, destroy', async ({ page, site }) => {
  const thrown: string[] = [];
  page.on('console', (m) => m.type() === 'error' && thrown.push(m.text()));
  await page.goto(`${site.url}/two-bots.html`);
  await page.waitForFunction(() => (window as any).handles.sales);
  const events = await page.evaluate(async () => {
    const h = (window as any).handles.sales;
    const seen: string[] = [];
    // A listener that throws is reported; the others still hear the event.
    h.on('open', () => {
      throw new Error('a page bug');
    });
    h.on('open', () => seen.push('open'));
    h.on('close', () => seen.push('close'));
    const removed = () => seen.push('heard after off');
    h.on('close', removed);
    h.off('close', removed);
    const answered = new Promise((resolve) => h.on('message', (m: any) => m.from === 'bot' && resolve(m.text)));
    h.open();
    h.send('api hello');
    const text = await answered;
    h.putData({ first_name: 'Ada' });
    try {
      h.putData(['not', 'an', 'object']);
      seen.push('putData took an array');
    } catch (e) {
      seen.push((e as Error).message);
    }
    h.close();
    await new Promise((r) => setTimeout(r, 300));
    return { seen, text };
  });
  expect(events.text).toBe('You said: api hello');
  expect(events.seen).toContain('open');
  expect(events.seen).toContain('close');
  expect(events.seen).not.toContain('heard after off');
  expect(thrown.join('\n')).toContain('aida-chat: an event listener threw');
  expect(events.seen).toContain('aida-chat: putData takes a plain object');
  await page.evaluate(() => {
    (window as any).statuses = [];
    (window as any).handles.sales.on('status', (s: string) => (window as any).statuses.push(s));
  });
  await site.fault('drop_sockets');
  await expect.poll(() => page.evaluate(() => (window as any).statuses.at(-1))).toBe('connected');
  expect(await page.evaluate(() => (window as any).statuses[0])).toBe('reconnecting');
  expect((await site.stats()).received.put_data).toBe(1);

  expect((await site.stats()).sockets_open).toBe(2);
  await page.evaluate(() => {
    (window as any).handles.sales.destroy();
    (window as any).handles.support.destroy();
  });
  await expect(page.locator('#sales button, #support button')).toHaveCount(0);
  expect(await page.locator('#sales').evaluate((el) => el.shadowRoot?.childElementCount ?? 0)).toBe(0);
  await expect.poll(async () => (await site.stats()).sockets_open).toBe(0);
});

test('a refused join reaches the page as an error event carrying an Error, and the status unauthorized', async ({ page, site }) => {
  await page.goto(`${site.url}/script-tag.html`);
  const heard = await page.evaluate(async () => {
    const h = await (window as any).AidaChat.init({
      server: '/socket', botId: '99999999-2222-4333-8444-555555555555', accessToken: 'nobody', load: 'eager',
    });
    const statuses: string[] = [];
    h.on('status', (s: string) => statuses.push(s));
    const error: Error = await new Promise((resolve) => h.on('error', resolve));
    return { isError: error instanceof Error, message: error.message, statuses };
  });
  expect(heard.isError).toBe(true);
  expect(heard.message).toMatch(/\S/);
  expect(heard.statuses).toContain('unauthorized');
});

test('a bad option is named in the console, shown in the widget, and rejects init, with nothing thrown', async ({ page, site }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const uncaught: string[] = [];
  page.on('pageerror', (e) => uncaught.push(String(e)));
  await page.goto(`${site.url}/script-tag.html`);
  const rejection = await page.evaluate(() =>
    (window as any).AidaChat.init({ server: 'https://wrong/socket', botId: 'x', accessToken: 't', title: 'Broken', load: 'eager' }).then(
      () => 'resolved',
      (e: Error) => e.message,
    ),
  );
  expect(rejection).toContain('`server`');
  expect(errors.join('\n')).toContain('`server`');
  // The visitor sees an unavailable chat, not nothing; the integrator sees which option.
  const broken = page.locator('aida-chat').nth(1);
  await broken.getByRole('button', { name: 'Open chat' }).click();
  await expect(broken.getByRole('dialog', { name: 'Broken' })).toBeVisible();
  await expect(broken.getByRole('alert')).toHaveText('This chat is unavailable: it is not set up correctly.');
  await expect(broken.getByRole('dialog')).toContainText('`server` must be a ws:// or wss:// URL');
  // An option of the wrong type is named with the type it must have.
  const mistyped = await page.evaluate(() =>
    (window as any).AidaChat.init({ server: '/socket', botId: '2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c', accessToken: 't', open: 'yes', load: 'eager' }).catch(
      (e: Error) => e.message,
    ),
  );
  expect(mistyped).toBe('aida-chat: the option `open` must be true or false');
  // The loader's own options are checked too.
  const target = await page.evaluate(() =>
    (window as any).AidaChat.init({ server: '/socket', botId: 'b', accessToken: 't', target: '#nowhere' }).catch((e: Error) => e.message),
  );
  expect(target).toBe('aida-chat: the option `target` matches no element: "#nowhere"');
  await page.evaluate(() => (window as any).AidaChat.init({ server: '/socket', botId: 'b', accessToken: 't', load: 'lazy' }).catch(() => {}));
  expect(errors.join('\n')).toContain('the option `load` must be "idle", "open" or "eager" (got "lazy")');
  expect(uncaught).toEqual([]);
});

test('the loader paints the launcher before the wasm arrives, and the widget takes over without a move', async ({ page, site }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/aida-chat_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${site.url}/script-tag.html`);
  const launcher = page.getByRole('button', { name: 'Open chat' });
  // Painted by the loader alone: the page went idle, so the wasm is on its way, and held.
  await expect(launcher).toHaveAttribute('aria-busy', 'true');
  const look = () =>
    launcher.evaluate((b) => {
      const r = b.getBoundingClientRect();
      const s = getComputedStyle(b);
      return { x: r.x, y: r.y, width: r.width, height: r.height, background: s.backgroundColor, radius: s.borderRadius, shadow: s.boxShadow };
    });
  const painted = await look();
  expect(painted.width).toBe(56);
  expect(await page.evaluate(() => (window as any).AidaChat.widget)).toBeUndefined();
  release();
  await page.waitForFunction(() => (window as any).AidaChat.widget);
  await expect(launcher).not.toHaveAttribute('aria-busy');
  expect(await look()).toEqual(painted);
});

/** Holds the glue back until `release()`: what the loader asks for meanwhile, it asks beside it. */
async function holdGlue(page: import('@playwright/test').Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/aida-chat-glue.js', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('a Spanish page: the loader fetches its translation beside the wasm, and the widget speaks it', async ({ page, site }) => {
  await page.route('**/script-tag.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace('<html lang="en">', '<html lang="es">') });
  });
  const release = await holdGlue(page);
  const translation = page.waitForRequest('**/locales/es.json');
  await page.goto(`${site.url}/script-tag.html`);
  await translation;
  release();
  await page.waitForFunction(() => (window as any).AidaChat.widget);
  await expect(page.locator('.launcher')).toHaveAccessibleName('Abrir chat');
});

test('setLocale relabels without a reload and puts the language to the live session', async ({ page, site }) => {
  const widget = new WidgetPage(page);
  await page.goto(`${site.url}/script-tag.html`);
  await widget.launcher.click();
  await widget.say('hello');
  await expect(widget.bubbles('bot')).toHaveCount(3);
  await page.evaluate(() => (window as any).AidaChat.widget.setLocale('fr-CA'));
  await expect(page.locator('button.send')).toHaveAccessibleName('Envoyer');
  await expect(page.locator('.aida-chat')).toHaveAttribute('lang', 'fr-CA');
  await expect
    .poll(async () => (await site.received('put_data')).map((payload) => payload.data))
    .toContainEqual({ language: 'fr' });
  expect(await widget.bubbles().count(), 'nothing reloaded: the transcript is still there').toBe(4);
});

test('data-notify counts unseen answers in the title, and destroy() gives the site its title back', async ({ page, site }) => {
  const widget = new WidgetPage(page);
  await page.goto(`${site.url}/notify.html`);
  await page.waitForFunction(() => (window as any).AidaChat.widget);
  await expect.poll(() => widget.storedSession().catch(() => undefined)).toBeTruthy();
  await site.botSays(await widget.storedSession(), 'a reply while the panel is closed');
  await expect(page).toHaveTitle('(1) Clinic');
  await page.evaluate(() => (window as any).AidaChat.widget.destroy());
  await expect(page).toHaveTitle('Clinic');
  await expect(page.locator('aida-chat')).toHaveCount(0);
});

test('an <aida-chat> element mounts, follows its attributes, and leaves no socket, timer or listener when removed', async ({ page, site }) => {
  // Timers still to run, counted as the page sets, clears and runs them.
  await page.addInitScript(() => {
    const live = new Set<number>();
    const [setT, clearT, setI, clearI] = [setTimeout, clearTimeout, setInterval, clearInterval];
    (window as any).setTimeout = (f: any, ms?: number, ...args: any[]) => {
      const id: number = setT(() => (live.delete(id), typeof f === 'function' && f(...args)), ms);
      return live.add(id), id;
    };
    (window as any).clearTimeout = (id: number) => (live.delete(id), clearT(id));
    (window as any).setInterval = (f: any, ms?: number, ...args: any[]) => {
      const id: number = setI(f, ms, ...args);
      return live.add(id), id;
    };
    (window as any).clearInterval = (id: number) => (live.delete(id), clearI(id));
    (window as any).liveTimers = () => live.size;
  });
  await page.goto(`${site.url}/element.html`);
  await page.waitForFunction(() => (window as any).AidaChat);
  const cdp = await page.context().newCDPSession(page);
  const listeners = async () => {
    let count = 0;
    for (const target of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: target });
      count += (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! })).listeners.length;
    }
    return count;
  };
  const sockets = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'WebSocket.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: result.objectId! });
    const { result: open } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId!,
      functionDeclaration: 'function () { return this.filter((s) => s.readyState < 2).length; }',
      returnByValue: true,
    });
    return open.value as number;
  };
  const before = { listeners: await listeners(), timers: await page.evaluate(() => (window as any).liveTimers()) };

  await page.evaluate(({ bot, token }) => {
    const element = document.createElement('aida-chat');
    for (const [name, value] of Object.entries({ server: '/socket', 'bot-id': bot, 'access-token': token, title: 'Element chat' })) {
      element.setAttribute(name, value);
    }
    document.body.append(element);
  }, { bot: site.botId, token: site.accessToken });
  const widget = new WidgetPage(page);
  await widget.launcher.click();
  await expect(page.getByRole('dialog', { name: 'Element chat' })).toBeVisible();
  await page.waitForFunction(() => (document.querySelector('aida-chat') as any).handle);
  await widget.say('from the element');
  await expect(widget.bubbles('bot')).toHaveText([/You said: from the element/]);
  expect(await sockets()).toBe(1);

  // Live: open and locale; anything else mounts it again.
  const launcherState = page.locator('aida-chat .launcher');
  await page.evaluate(() => document.querySelector('aida-chat')!.setAttribute('open', 'false'));
  await expect(launcherState).toHaveAttribute('aria-expanded', 'false');
  await page.evaluate(() => document.querySelector('aida-chat')!.setAttribute('open', ''));
  await expect(launcherState).toHaveAttribute('aria-expanded', 'true');
  await page.evaluate(() => document.querySelector('aida-chat')!.setAttribute('locale', 'es'));
  await expect(page.getByRole('button', { name: 'Enviar' })).toBeVisible();
  await page.evaluate(() => document.querySelector('aida-chat')!.setAttribute('title', 'Clinic assistant'));
  await expect(page.getByRole('dialog', { name: 'Clinic assistant' })).toBeVisible();
  await expect(widget.bubbles(), 'the same conversation, mounted again').toHaveCount(2);
  await expect.poll(sockets, 'the first mount closed its socket').toBe(1);

  await page.evaluate(() => document.querySelector('aida-chat')!.remove());
  await page.waitForTimeout(1000);
  expect(await sockets()).toBe(0);
  expect(await listeners()).toBe(before.listeners);
  expect(await page.evaluate(() => (window as any).liveTimers())).toBe(before.timers);
});

test('the loader asks for the wasm beside the glue, not after it', async ({ page, site }) => {
  const release = await holdGlue(page);
  const wasm = page.waitForRequest('**/aida-chat_bg.wasm');
  await page.goto(`${site.url}/script-tag.html`);
  // Requested while the glue is still held back: one round trip, not two.
  await wasm;
  release();
  await page.waitForFunction(() => (window as any).AidaChat.widget);
  const widget = new WidgetPage(page);
  await widget.launcher.click();
  await widget.say('beside');
  await expect(widget.bubbles('bot')).toHaveText([/You said: beside/]);
});

test('with data-load="open", nothing is fetched until the launcher is clicked; then it opens', async ({ page, site }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${site.url}/lazy.html`);
  const widget = new WidgetPage(page);
  await expect(widget.launcher).toBeVisible();
  await page.waitForTimeout(1000); // well past the page going idle
  expect(fetched.filter((p) => p.includes('aida-chat-glue') || p.endsWith('.wasm'))).toEqual([]);
  expect((await site.stats()).sockets_open).toBe(0);
  await widget.launcher.click();
  await expect(page.getByRole('dialog', { name: 'Shop assistant' })).toBeVisible();
  await expect(widget.message).toBeFocused();
  await widget.say('lazy hello');
  await expect(widget.bubbles('bot')).toHaveText([/You said: lazy hello/]);
  // The loader made the host element: destroy() takes it away with the socket.
  await page.evaluate(() => (window as any).AidaChat.widget.destroy());
  await expect(page.locator('aida-chat')).toHaveCount(0);
  await expect.poll(async () => (await site.stats()).sockets_open).toBe(0);
});

test('a visitor back to a conversation gets it at once; a new one waits for the page to be idle', async ({ page, site }) => {
  // A page that never goes idle.
  await page.addInitScript(() => (window.requestIdleCallback = () => 0));
  const wasm: string[] = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
  await page.goto(`${site.url}/script-tag.html`);
  const widget = new WidgetPage(page);
  await expect(widget.launcher).toBeVisible();
  await page.waitForTimeout(1000);
  expect(wasm).toEqual([]);
  // The same page for a visitor with a conversation stored for its bot.
  await page.evaluate(() => {
    const entry = { id: 'e1', from: 'bot', text: 'Welcome back', at: Date.now() };
    localStorage.setItem('aida-chat:v1:2f1a6c3e-8b4d-4e7a-9c1f-5d3b2a1e0f9c', JSON.stringify({ version: 1, session: null, entries: [entry] }));
  });
  await page.reload();
  await page.waitForFunction(() => (window as any).AidaChat.widget);
  await widget.launcher.click();
  await expect(widget.bubbles('bot').first()).toHaveText(/Welcome back/);
});

test('a press on the launcher while the widget goes live opens it when released', async ({ page, site }) => {
  const release = await holdGlue(page);
  await page.goto(`${site.url}/lazy.html`);
  const widget = new WidgetPage(page);
  const box = (await widget.launcher.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // The widget replaces the painted launcher under the pointer: the release makes no click.
  release();
  await page.waitForFunction(() => (window as any).AidaChat.widget);
  await page.mouse.up();
  await expect(page.getByRole('dialog', { name: 'Shop assistant' })).toBeVisible();
  await expect(widget.launcher).toHaveAttribute('aria-expanded', 'true');
});

/** The host pages and the embed, from an origin of their own (not AIDA's), every HTML page with
 * a strict Content Security Policy that allows AIDA's origin for the socket and the pictures. */
async function strictSite(aida: DevServer): Promise<{ url: string; close(): void }> {
  const dirs = [path.join(root, 'dist', 'embed'), path.join(root, 'e2e', 'hosts')];
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
  const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${aida.url.replace('http', 'ws')} ${aida.url}; img-src 'self' blob: ${aida.url}`;
  const server = http.createServer((req, res) => {
    const name = path.basename(new URL(req.url!, 'http://x').pathname);
    const file = dirs.map((d) => path.join(d, name)).find((f) => fs.existsSync(f));
    if (!file) return res.writeHead(404).end();
    let body: Buffer | string = fs.readFileSync(file);
    const headers: Record<string, string> = { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' };
    if (file.endsWith('.html')) {
      headers['content-security-policy'] = csp;
      body = body.toString().replace('wss://aida.example.org/socket', aida.socket);
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

test('under a strict Content Security Policy it chats and shows pictures, with no violation', async ({ page, site }) => {
  const strict = await strictSite(site);
  const refused: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && refused.push(m.text()));
  await page.goto(`${strict.url}/csp.html`);
  const widget = new WidgetPage(page);
  await widget.launcher.click();
  await expect(page.getByRole('dialog', { name: 'Strict assistant' })).toBeVisible();
  await widget.say('strict hello');
  await expect(widget.bubbles('bot')).toHaveText([/You said: strict hello/]);
  // The theme reached the widget as a custom property, not as an inline style attribute.
  await expect(widget.send).toHaveCSS('background-color', 'rgb(122, 31, 162)');
  await page.locator('input[type=file][accept="image/*"]').setInputFiles(redPng);
  const img = widget.bubbles('user').nth(1).locator('img');
  await expect(img).toHaveAttribute('src', new RegExp(`^${site.url}/content/image/`));
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(2);
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
  expect(refused).toEqual([]);
  strict.close();
});

/** A server on 127.0.0.1, at a port of its own (an origin of its own). */
async function serve(handler: http.RequestListener): Promise<{ url: string; close(): void }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** The embed files from a CDN: an origin of their own, with CORS, as module scripts need. */
function cdn(): Promise<{ url: string; close(): void }> {
  const dir = path.join(root, 'dist', 'embed');
  return serve((req, res) => {
    const file = path.join(dir, path.normalize(new URL(req.url!, 'http://x').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.json') ? 'application/json' : 'text/javascript';
    res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' }).end(fs.readFileSync(file));
  });
}

test('from a CDN on another origin, a large photo is scaled in a worker before its upload', async ({ page, site }) => {
  const files = await cdn();
  const host = await serve((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<!doctype html><title>CDN</title><script src="${files.url}/aida-chat.js" data-server="${site.socket}"
        data-bot-id="${site.botId}" data-access-token="${site.accessToken}" data-open="true"></script>`,
    ),
  );
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const bodies: number[] = [];
  await page.route('**/content/image/*/*', (route) => {
    bodies.push(route.request().postDataBuffer()!.length);
    return route.continue();
  });
  await page.goto(host.url);
  const widget = new WidgetPage(page);
  await expect(widget.status).toHaveText('Connected');
  const original = await photo(page, 3000, 2000);
  await page.locator('input[type=file][accept="image/*"]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: original });
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'sent');
  // Workers must come from the page's origin: this one started from a blob importing the CDN's file.
  expect(workers.filter((url) => url.startsWith('blob:')), workers.join(', ')).toHaveLength(1);
  expect(bodies).toHaveLength(1);
  expect(bodies[0]).toBeLessThan(original.length);
  const src = await widget.bubbles('user').first().locator('img').getAttribute('src');
  const size = await page.evaluate(async (url) => {
    const bitmap = await createImageBitmap(await (await fetch(url!)).blob());
    return [bitmap.width, bitmap.height];
  }, src);
  expect(size).toEqual([2048, 1365]);
  files.close();
  host.close();
});

test('every new message reaches the page, also once a long-open page forgets its oldest entries', async ({ page, site }) => {
  const widget = new WidgetPage(page);
  await page.goto(`${site.url}/script-tag.html`);
  await page.waitForFunction(() => (window as any).AidaChat.widget);
  await page.evaluate(() => {
    (window as any).heard = [];
    (window as any).AidaChat.widget.on('message', (m: { text: string }) => (window as any).heard.push(m.text));
  });
  await expect.poll(() => widget.storedSession().catch(() => undefined)).toBeTruthy();
  const session = await widget.storedSession();
  // Past the 544 entries a page keeps (KEPT_ENTRIES in src/aida/transcript.rs), 32 forgotten at a time.
  const said = Array.from({ length: 600 }, (_, i) => `news ${i}`);
  for (const text of said) await site.botSays(session, text);
  await expect.poll(() => page.evaluate(() => (window as any).heard.at(-1)), { timeout: 30_000 }).toBe(said.at(-1));
  expect(await page.evaluate(() => (window as any).heard)).toEqual(said);
});
