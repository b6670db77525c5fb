// The script-tag embed from dist/embed/, on host pages served by the dev server.
import { test as base, expect, startDevServer, WidgetPage, type DevServer } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const SUPPORT_BOT = '11111111-2222-4333-8444-555555555555';

/** A site with the embed files and the host pages, served with a second bot. */
const test = base.extend<{ site: DevServer }>({
  site: async ({ phoenix }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aida-embed-'));
    for (const from of [path.join(root, 'dist', 'embed'), path.join(root, 'e2e', 'hosts')]) {
      for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(dir, f));
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
  await page.goto(`${site.url}/two-bots.html`);
  await page.waitForFunction(() => (window as any).handles.sales);
  const events = await page.evaluate(async () => {
    const h = (window as any).handles.sales;
    const seen: string[] = [];
    h.on('open', () => seen.push('open'));
    h.on('close', () => seen.push('close'));
    const answered = new Promise((resolve) => h.on('message', (m: any) => m.from === 'bot' && resolve(m.text)));
    h.open();
    h.send('api hello');
    const text = await answered;
    h.putData({ first_name: 'Ada' });
    h.close();
    await new Promise((r) => setTimeout(r, 300));
    return { seen, text };
  });
  expect(events.text).toBe('You said: api hello');
  expect(events.seen).toContain('open');
  expect(events.seen).toContain('close');
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

test('a bad option is named in the console and rejects init, with nothing thrown into the page', async ({ page, site }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const uncaught: string[] = [];
  page.on('pageerror', (e) => uncaught.push(String(e)));
  await page.goto(`${site.url}/script-tag.html`);
  const rejection = await page.evaluate(() =>
    (window as any).AidaChat.init({ server: 'https://wrong/socket', botId: 'x', accessToken: 't' }).then(
      () => 'resolved',
      (e: Error) => e.message,
    ),
  );
  expect(rejection).toContain('`server`');
  expect(errors.join('\n')).toContain('`server`');
  expect(uncaught).toEqual([]);
});
