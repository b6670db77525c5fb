// The session and what a returning visitor sees: kept in localStorage, checked with put_data,
// replaced when the server no longer knows it.
import { redPng, test, expect, WidgetPage } from './fixtures';

test('a reload restores the session and the transcript without a second new_session', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('remember me');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await page.reload();
  await expect(widget.bubbles()).toHaveCount(2);
  await expect(widget.status).toHaveText('Connected');
  await widget.say('##SESSION');
  await expect(widget.bubbles('bot')).toHaveCount(2);
  const stats = await server.stats();
  expect(stats.received.new_session).toBe(1);
  expect(stats.received.put_data).toBe(1);
});

test('a long history is drawn newest first, then all of it, with the newest message in view', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('start');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  // What each animation frame shows after the reload: bubbles, the newest one, aria-busy.
  await page.addInitScript(() => {
    const seen: [number, string, string | null][] = ((window as any).seen = []);
    const tick = () => {
      const root = document.querySelector('#aida-chat')?.shadowRoot;
      const bubbles = root?.querySelectorAll('[data-from="bot"]') ?? [];
      if (bubbles.length) {
        const log = root!.querySelector('[role="log"]')!;
        seen.push([bubbles.length, bubbles[bubbles.length - 1].textContent ?? '', log.getAttribute('aria-busy')]);
      }
      if (bubbles.length < 600) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const at = Date.now();
  await widget.reloadWithEntries(Array.from({ length: 600 }, (_, i) => ({ id: `h${i}`, from: 'bot', text: `old ${i}`, at })));
  await expect(widget.bubbles('bot')).toHaveCount(600);
  const seen: [number, string, string][] = await page.evaluate(() => (window as any).seen);
  // The first frame with bubbles shows the newest and not all: the rest came in later frames,
  // with the log busy meanwhile so that screen readers do not read history as news.
  expect(seen[0][0]).toBeLessThan(600);
  expect(seen[0][1]).toContain('old 599');
  expect(seen[0][2]).toBe('true');
  await expect(widget.log).toHaveAttribute('aria-busy', 'false');
  await expect(widget.bubbles('bot').first()).toHaveText(/old 0/);
  await expect(widget.bubbles('bot').last()).toBeInViewport();
  await expect(widget.bubbles('bot').first()).not.toBeInViewport();
});

test('a restored conversation is in the log from the moment the log is in the page, on a slow CPU too', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('start');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  // On a slow CPU the widget's first render takes more than 16 ms, after which Yew hands the
  // thread back to the browser before it runs any effect.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 30 });
  // Whether the log had bubbles when it was first seen in the widget's shadow root: mutation
  // records come at the end of the script that made them, before the browser can paint.
  await page.addInitScript(() => {
    const seen: boolean[] = ((window as any).seen = []);
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      new MutationObserver(() => {
        const log = root.querySelector('[role="log"]');
        if (log && !seen.length) seen.push(log.querySelectorAll('[data-from]').length > 0);
      }).observe(root, { childList: true, subtree: true });
      return root;
    };
  });
  await page.reload();
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(await page.evaluate(() => (window as any).seen)).toEqual([true]);
});

test('a stale session is replaced, keeping the old transcript above a divider', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('before');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await server.fault('forget_sessions');
  await page.reload();
  await expect(page.getByRole('separator')).toHaveText('Earlier conversation');
  await expect(widget.bubbles()).toHaveCount(2);
  await widget.say('after');
  await expect(widget.bubbles('bot')).toHaveCount(2);
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'sent');
  expect((await server.stats()).received.new_session).toBe(2);
});

test('bot broadcasts are shown for our session only', async ({ browser, page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('##SESSION');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  const session = await widget.storedSession();
  // Another visitor of the same bot, in a browser context of their own (AIDA's send_message
  // fails for a session that does not exist, so theirs must be real).
  const elsewhere = await browser.newContext();
  const other = new WidgetPage(await elsewhere.newPage());
  await other.page.goto(server.url);
  await expect.poll(() => other.storedSession().catch(() => undefined)).toBeTruthy();
  await server.botSays(await other.storedSession(), 'for another visitor');
  await expect(other.bubbles('bot').locator('p')).toHaveText(['for another visitor']);
  await elsewhere.close();
  await server.botSays(session, 'for you');
  await expect(widget.bubbles('bot')).toHaveCount(2);
  await expect(widget.bubbles('bot').nth(1)).toContainText('for you');
  await expect(widget.log).not.toContainText('for another visitor');
});

test('New conversation deletes the session and clears the transcript', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('first');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await page.getByRole('button', { name: 'New conversation' }).click();
  await expect(widget.bubbles()).toHaveCount(0);
  await widget.say('second');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  const stats = await server.stats();
  expect(stats.received.delete_session).toBe(1);
  expect(stats.received.new_session).toBe(2);
});

test('a page that receives thousands of messages keeps the newest few hundred, and a failed one', async ({ page, server, widget }) => {
  let refusals = 1;
  await page.route('**/content/image/*/*', (route) => (refusals-- > 0 ? route.fulfill({ status: 500, body: '{}' }) : route.continue()));
  await page.goto(server.url);
  await widget.say('start');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  const session = await widget.storedSession();
  // A picture whose upload failed: it waits for Retry however much comes after it.
  await page.locator('input[type=file][accept="image/*"]').setInputFiles(redPng);
  const failed = widget.bubbles('user').filter({ has: page.locator('img') });
  await expect(failed).toHaveAttribute('data-status', 'failed');
  for (let i = 0; i < 1200; i += 100) {
    await Promise.all(Array.from({ length: 100 }, (_, j) => server.botSays(session, `long ${i + j}`)));
  }
  // Within a hundred, the server may answer in any order; this one comes after all of them.
  await server.botSays(session, 'the newest');
  await expect(widget.bubbles('bot').last()).toContainText('the newest', { timeout: 20_000 });
  // 513 to 544 entries (past 544, 32 go at once): the failed picture, and the newest of the others.
  const count = await widget.bubbles().count();
  expect(count).toBeGreaterThanOrEqual(513);
  expect(count).toBeLessThanOrEqual(544);
  await expect(widget.bubbles().first()).toHaveAttribute('data-status', 'failed');
  await expect(widget.bubbles('user').filter({ hasText: 'start' }), 'delivered and old').toHaveCount(0);
  await expect(widget.bubbles('bot').last()).toBeInViewport();
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(failed).toHaveAttribute('data-status', 'sent');
});
