// Hostile text stays inert text, wherever it comes from.
import { test, expect } from './fixtures';
import { payloads } from './xss-payloads';

test(`${payloads.length} XSS payloads as visitor text, bot messages and the title stay text`, async ({ page, server, widget }) => {
  test.setTimeout(90_000);
  expect(payloads.length).toBeGreaterThanOrEqual(50);
  await page.goto(`${server.url}/?title=${encodeURIComponent(payloads[2])}`);
  await expect(widget.status).toHaveText('Connected');
  await expect(page.getByRole('dialog').getByRole('heading')).toHaveText(payloads[2]);
  // As visitor text: the echo bot sends each back as a btu_msg, so both directions are covered.
  for (const p of payloads) {
    await widget.message.fill(p);
    await widget.message.press('Enter');
  }
  await expect(widget.bubbles('bot')).toHaveCount(payloads.length, { timeout: 30_000 });
  const users = await widget.bubbles('user').locator('p').allTextContents();
  expect(users).toEqual(payloads.map((p) => p.trim()));
  const bots = await widget.bubbles('bot').locator('p').allTextContents();
  expect(bots).toEqual(payloads.map((p) => `You said: ${p.trim()}`));
  // Unprompted bot messages (broadcasts) too.
  const session = await widget.storedSession();
  for (const text of payloads.slice(0, 10)) await server.botSays(session, text);
  await expect(widget.bubbles('bot')).toHaveCount(payloads.length + 10);
  // No markup but the widget's own: no element from any payload, links only http(s).
  const foreign = widget.log.locator('script, iframe, object, embed, svg:not([aria-hidden]), style, meta, link, form, input, video, audio, details, marquee, math, table, body, frameset');
  await expect(foreign).toHaveCount(0);
  const hrefs = await widget.log.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  await expect(widget.log.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('a hostile image id never becomes an image URL', async ({ page, server, widget }) => {
  await page.route('**/content/image/*/*', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ id: '//evil.example/x.png' }) }),
  );
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url);
  await page.locator('input[type=file]').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('x') });
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'failed');
  expect(requests.filter((u) => u.includes('evil.example'))).toEqual([]);
  expect((await server.stats()).received.utb_img ?? 0).toBe(0);
});

test('the access token appears in no console output and in no URL but the socket\'s', async ({ page, server, widget }) => {
  const logged: string[] = [];
  page.on('console', (m) => logged.push(m.text()));
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (ws) => urls.push(ws.url()));
  await page.goto(server.url);
  await widget.say('hello');
  await page.locator('input[type=file]').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('x') });
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'sent');
  await server.fault('malformed_frame');
  await page.goto(`${server.url}/?botId=nope`);
  expect(logged.join('\n')).not.toContain(server.accessToken);
  // The token goes in the join payload, not even in the socket URL.
  expect(urls.filter((u) => u.includes(server.accessToken))).toEqual([]);
});
