// Refused joins and bad configuration: a clear message, never a blank or broken widget.
import { test, expect, startDevServer } from './fixtures';
import path from 'node:path';

test('an unknown bot or token is refused with a plain message, and not retried', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/?accessToken=wrong-token`);
  await expect(page.getByRole('alert')).toContainText('refused the bot id or access token');
  await widget.say('hello?');
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'failed');
  const joins = (await server.stats()).received.phx_join;
  await page.waitForTimeout(2500); // phoenix.js would have rejoined at +1 s and +2 s
  expect((await server.stats()).received.phx_join).toBe(joins);
});

test('a bot that is starting for 6 s is joined once it is ready', async ({ page, server, widget }) => {
  await server.fault('starting', { ms: 6000 });
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connecting…');
  await widget.say('are you there?');
  await expect(widget.status).toHaveText('Connected', { timeout: 15_000 });
  await expect(widget.bubbles('bot').first()).toContainText('are you there?');
});

test('a bad option names itself in the console and throws nothing into the page', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/?botId=not-a-uuid`);
  await expect.poll(() => errors.join('\n')).toContain('`botId` must be a UUID');
  // Not a blank corner: the launcher is there, and says what is wrong.
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(page.getByRole('alert')).toHaveText('This chat is unavailable: it is not set up correctly.');
  await expect(page.getByRole('dialog', { name: 'AIDA demo bot' })).toContainText('"not-a-uuid"');
  await page.getByRole('button', { name: 'Close chat' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
});

for (const [query, named] of [
  ['server=', 'the option `server` is required'],
  ['server=http://aida.example.org/socket', 'the option `server` must be a ws:// or wss:// URL'],
  ['botId=', 'the option `botId` is required'],
  ['botId=12345', 'the option `botId` must be a UUID'],
  ['accessToken=', 'the option `accessToken` is required'],
]) {
  test(`bad configuration (${query}) is named in the console and the widget says it is unavailable`, async ({ page, server }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const uncaught: string[] = [];
    page.on('pageerror', (e) => uncaught.push(String(e)));
    await page.goto(`${server.url}/?${query}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('alert')).toHaveText('This chat is unavailable: it is not set up correctly.');
    await expect(page.getByRole('dialog')).toContainText(named);
    expect(errors.join('\n')).toContain(named);
    expect(uncaught).toEqual([]);
    expect((await server.stats()).sockets_open).toBe(0);
  });
}
