// The conversation itself: the visitor's text goes out as utb_msg, the bot's btu_msg answers come
// back as bubbles, and text stays text.
import { test, expect, startDevServer } from './fixtures';
import path from 'node:path';

const preview = path.join(process.env.CARGO_TARGET_DIR ?? path.resolve(import.meta.dirname, '..', 'target'), 'e2e', 'preview');

test('a visitor holds a conversation with the demo bot', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  await expect(widget.message).toBeFocused();

  await widget.say('  What a day  ');
  await expect(widget.bubbles('user')).toHaveText([/^What a day/]);
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'sent');
  await expect(widget.bubbles('bot').first()).toContainText('What a day');
  await expect(widget.message).toHaveValue('');

  // AIDA answers ##SESSION with the last 7 characters of the session id.
  await widget.say('##SESSION');
  await expect(widget.bubbles('bot')).toHaveCount(2);
  await expect(widget.bubbles('bot').nth(1).locator('p')).toHaveText(/^[0-9a-f]{7}$/);

  // Empty text is not sent; Shift+Enter makes a new line.
  await widget.message.fill('   ');
  await widget.message.press('Enter');
  await widget.message.fill('line one');
  await widget.message.press('Shift+Enter');
  await widget.message.pressSequentially('line two');
  await expect(widget.message).toHaveValue('line one\nline two');
  await widget.message.press('Enter');
  await expect(widget.bubbles('user')).toHaveCount(3);
  await expect(widget.bubbles('user').nth(2).locator('p')).toHaveText('line one\nline two');
});

test('several btu_msg in a row are several bubbles, and URLs are safe links', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('hello');
  await expect.poll(() => widget.bubbles('bot').count()).toBeGreaterThan(1);
  await widget.say('link');
  const link = widget.log.locator('a[href^="http"]').first();
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(link).toHaveAttribute('target', '_blank');
  // Each bubble shows its local time, the instant in its datetime, and the full local date in a
  // title made when the pointer reaches it.
  const time = widget.bubbles('user').first().locator('time');
  await expect(time).toHaveText(/^\d\d:\d\d$/);
  await expect(time).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(time).not.toHaveAttribute('title');
  await time.hover();
  await expect(time).toHaveAttribute('title', /\d{4}|\d\/\d/);
});

test('the replying indicator shows from a send until the answer', async ({ page, phoenix, widget }) => {
  // A bot that takes 1.5 s to answer.
  const slow = await startDevServer(['--phoenix', phoenix, '--static-dir', preview, '--reply-delay-ms', '1500']);
  await page.goto(slow.url);
  await expect(widget.status).toHaveText('Connected');
  const replying = page.getByText('The bot is replying…');
  await expect(replying).toHaveCount(0);
  await widget.say('anything');
  await expect(replying).toBeVisible();
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await expect(replying).toHaveCount(0);
  slow.process.kill();
});
