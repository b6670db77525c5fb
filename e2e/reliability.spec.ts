// Faults, with nothing lost or duplicated and a truthful status (the dev server's /__dev/
// controls). Each test counts the utb_msg frames the server received.
import { test, expect, startDevServer, WidgetPage } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const preview = path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'e2e', 'preview');

test('the server forgetting every session mid-conversation loses no message', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('before');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await server.fault('forget_sessions');
  await widget.say('after');
  await expect(widget.bubbles('bot').nth(1)).toContainText('You said: after', { timeout: 15_000 });
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'sent');
  await expect(page.getByRole('separator')).toHaveText('Earlier conversation');
  const stats = await server.stats();
  expect(stats.received.new_session).toBe(2);
});

test('a channel crash mid-conversation: rejoined, nothing lost, nothing twice', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('one');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await server.fault('crash_channels');
  await widget.say('two');
  await expect(widget.bubbles('bot')).toHaveCount(2, { timeout: 15_000 });
  await expect(widget.bubbles('bot').nth(1)).toContainText('two');
  expect((await server.stats()).received.utb_msg).toBe(2);
});

test('malformed frames and unknown events are ignored with a warning', async ({ page, server, widget }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  await server.fault('malformed_frame', { text: '[1,2' });
  await expect.poll(() => warnings.join('\n')).toContain('malformed frame');
  await widget.say('still here');
  await expect(widget.bubbles('bot')).toHaveCount(1);
});

test('every reply 3 s late: the session is kept and messages go through', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('first');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await server.fault('delay_replies', { ms: 3000 });
  await page.reload();
  await widget.say('slow');
  await expect(widget.bubbles('bot')).toHaveCount(2, { timeout: 15_000 });
  const stats = await server.stats();
  expect(stats.received.new_session).toBe(1);
  expect(stats.received.utb_msg).toBe(2);
});

test('the server killed and restarted keeps the session; messages typed meanwhile are sent', async ({ page }) => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'aida-data-'));
  const args = ['--static-dir', preview, '--data-dir', data];
  let server = await startDevServer(args);
  const port = new URL(server.url).port;
  const widget = new WidgetPage(page);
  await page.goto(server.url);
  await widget.say('before the crash');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  server.process.kill('SIGKILL');
  await expect(widget.status).toHaveText(/Reconnecting in \d+ s/);
  await widget.say('while it was down');
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'queued');
  server = await startDevServer([...args, '--port', port]);
  await expect(widget.bubbles('bot').nth(1)).toContainText('while it was down', { timeout: 15_000 });
  const stats = await server.stats();
  expect(stats.received.new_session ?? 0).toBe(0);
  expect(stats.received.utb_msg).toBe(1);
  server.process.kill();
  fs.rmSync(data, { recursive: true, force: true });
});

test('after a long outage, the page becoming visible reconnects at once', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  // Refused long enough for the backoff to reach 5 s, as after a laptop's sleep: the waits
  // before it add up to 4.26 s, so the next attempt is 9.26 s or more after the drop.
  const dropped = Date.now();
  await server.fault('refuse_upgrades', { ms: 6000 });
  await server.fault('drop_sockets');
  await expect(widget.status).toHaveText(/Reconnecting in [45] s/, { timeout: 10_000 });
  // The refusal is over, and the scheduled attempt still seconds away.
  await page.waitForTimeout(Math.max(0, dropped + 6500 - Date.now()));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(widget.status).toHaveText('Connected', { timeout: 1500 });
});

test('in a hidden page a dropped socket still reconnects, and an answer that comes meanwhile shows', async ({ page, server, widget }) => {
  // phoenix.js waits for the page to be visible before it reconnects; the widget must not: an
  // operator or a scheduled message can answer while the visitor is in another tab, and AIDA
  // does not replay what a closed socket missed.
  await page.goto(server.url);
  await widget.say('before I switch tabs');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  const session = await widget.storedSession();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const joins = (await server.stats()).joins;
  await server.fault('drop_sockets');
  await expect.poll(async () => (await server.stats()).joins, { timeout: 5000 }).toBe(joins + 1);
  await server.botSays(session, 'an answer while you were away');
  await expect(widget.bubbles('bot').nth(1)).toHaveText(/an answer while you were away/);
});

test('offline is told, and coming back online reconnects at once', async ({ page, context, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  await server.fault('refuse_upgrades', { ms: 4500 });
  await context.setOffline(true);
  await server.fault('drop_sockets');
  await expect(widget.status).toHaveText(/^Offline/);
  await widget.say('typed offline');
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'queued');
  await page.waitForTimeout(5000); // the backoff reaches 5 s meanwhile; the refusal is over
  await context.setOffline(false);
  await expect(widget.status).toHaveText('Connected', { timeout: 1500 });
  await expect(widget.bubbles('bot').first()).toContainText('typed offline');
});

test('upgrades refused for 20 s: the backoff is shown, then it recovers and sends what was typed, once', async ({ page, server, widget }) => {
  test.setTimeout(60_000);
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  await server.fault('refuse_upgrades', { ms: 20_000 });
  await server.fault('drop_sockets');
  await widget.say('during the outage');
  // The countdown grows with phoenix.js's backoff, up to its 5 s ceiling.
  const seen = new Set<string>();
  const deadline = Date.now() + 17_000;
  while (Date.now() < deadline) {
    seen.add((await widget.status.textContent()) ?? '');
    await page.waitForTimeout(250);
  }
  expect([...seen].filter((s) => /^Reconnecting in \d+ s$/.test(s))).toEqual(
    expect.arrayContaining(['Reconnecting in 1 s', 'Reconnecting in 2 s', 'Reconnecting in 5 s']),
  );
  expect(seen.has('Connected')).toBe(false);
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'queued');
  // Refused until 20 s; the next try is at most 5 s later.
  await expect(widget.status).toHaveText('Connected', { timeout: 10_000 });
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'sent');
  await expect(widget.bubbles('bot').first()).toContainText('during the outage');
  expect((await server.stats()).received.utb_msg).toBe(1);
});

test('a sleep (page hidden, its JavaScript frozen, the idle socket closed) reconnects at once when visible', async ({ page, phoenix }) => {
  const server = await startDevServer(['--phoenix', phoenix, '--static-dir', preview, '--idle-timeout-ms', '3000']);
  try {
    const widget = new WidgetPage(page);
    await page.goto(server.url);
    await expect(widget.status).toHaveText('Connected');
    await widget.say('before the sleep');
    await expect(widget.bubbles('bot')).toHaveCount(1);
    const visibility = (state: 'hidden' | 'visible') =>
      page.evaluate((state) => {
        Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
        Object.defineProperty(document, 'hidden', { value: state === 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await visibility('hidden');
    // Frozen as in a sleep: no timer, no event handler runs until the debugger resumes
    // (Page.setWebLifecycleState does not stop timers in headless Chromium).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    // No heartbeat leaves the page: the server closes the socket as idle after 3 s, and
    // nothing reconnects while the page sleeps.
    await expect.poll(async () => (await server.stats()).sockets_open, { timeout: 10_000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await server.stats()).sockets_total).toBe(1);
    await cdp.send('Debugger.resume');
    await cdp.send('Debugger.disable');
    await visibility('visible');
    // Awake: the server sees a new socket at once (not after a heartbeat's 30 s).
    await expect.poll(async () => (await server.stats()).sockets_open, { timeout: 3000 }).toBe(1);
    await expect(widget.status).toHaveText('Connected');
    await widget.say('after the sleep');
    await expect(widget.bubbles('bot')).toHaveCount(2);
    const stats = await server.stats();
    expect(stats.received.utb_msg).toBe(2);
    expect(stats.received.new_session).toBe(1); // the same session before and after
  } finally {
    server.process.kill();
  }
});
