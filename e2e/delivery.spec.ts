// Nothing the visitor typed is lost: queued while the server is away, sent when it is back,
// across reloads too.
import { test, expect } from './fixtures';

test('messages typed while the server is down are queued, then sent in order', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  await server.fault('refuse_upgrades', { ms: 3000 });
  await server.fault('drop_sockets');
  await expect(widget.status).toHaveText(/Reconnecting in \d+ s/);
  await widget.say('one');
  await widget.say('two');
  await expect(widget.bubbles('user').nth(0)).toHaveAttribute('data-status', 'queued');
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'queued');
  await expect(widget.status).toHaveText('Connected', { timeout: 15_000 });
  await expect(widget.bubbles('user').nth(0)).toHaveAttribute('data-status', 'sent');
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'sent');
  await expect(widget.bubbles('bot')).toHaveCount(2);
  await expect(widget.bubbles('bot').nth(0)).toContainText('one');
  await expect(widget.bubbles('bot').nth(1)).toContainText('two');
  expect((await server.stats()).received.utb_msg).toBe(2);
});

test('a queued message survives a reload and is sent afterwards', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  await server.fault('refuse_upgrades', { ms: 4000 });
  await server.fault('drop_sockets');
  await widget.say('typed offline');
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'queued');
  await page.reload();
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'queued');
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'sent', { timeout: 15_000 });
  await expect(widget.bubbles('bot').first()).toContainText('typed offline');
  expect((await server.stats()).received.utb_msg).toBe(1);
});
