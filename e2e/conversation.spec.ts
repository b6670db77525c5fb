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

  // Send is offered only when there is text; what is sent is what the box holds at Enter, also
  // when a script puts the text there and presses Enter in one go.
  await expect(widget.send).toBeDisabled();
  await widget.message.fill('  ');
  await expect(widget.send).toBeDisabled();
  await widget.message.fill('ok');
  await expect(widget.send).toBeEnabled();
  await widget.message.evaluate((area: HTMLTextAreaElement) => {
    area.value = 'typed and sent at once';
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
  await expect(widget.bubbles('user').nth(3).locator('p')).toHaveText('typed and sent at once');
  await expect(widget.message).toHaveValue('');
  await expect(widget.send).toBeDisabled();
});

test('several btu_msg in a row are several bubbles, and URLs are safe links', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await widget.say('hello');
  await expect.poll(() => widget.bubbles('bot').count()).toBeGreaterThan(1);
  await widget.say('link');
  const link = widget.log.locator('a[href^="http"]').first();
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(link).toHaveAttribute('target', '_blank');
  // Each bubble shows its local time as the page's locale writes it (once the widget has its
  // clock, when the page is idle), the instant in its datetime, and the full local date in a
  // title made when the pointer reaches it.
  const time = widget.bubbles('user').first().locator('time');
  await expect(time).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const written = await time.evaluate((t) =>
    new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date(t.getAttribute('datetime')!)));
  await expect(time).toHaveText(written);
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

// Time stamps are written by the widget, not asked of a Date per bubble: they must still be what
// the visitor's own clock says, on both sides of a daylight saving change and in a zone whose
// offset is not a whole hour.
for (const [timezoneId, offset, instants] of [
  // New York springs forward at 2026-03-08T07:00Z; fractional and far times too.
  ['America/New_York', 300, ['2026-03-08T06:59:59.999Z', '2026-03-08T07:00:00.000Z', '2026-03-08T06:44:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z', '1969-12-31T23:59:59.999Z', '0001-01-01T12:00:00.000Z']],
  ['Asia/Kathmandu', -345, ['2026-12-02T18:14:59.999Z', '2026-12-02T18:15:00.000Z', '1985-12-31T18:29:00.000Z', '1986-01-01T00:00:00.000Z']],
] as const) {
  test.describe(timezoneId, () => {
    test.use({ timezoneId });
    test(`time stamps show the local time in ${timezoneId}`, async ({ page, server, widget }) => {
      await page.goto(server.url);
      await widget.say('start');
      await expect(widget.bubbles('bot')).toHaveCount(1);
      const ats = instants.map((iso, i) => Date.parse(iso) + (i === 0 ? 0.7 : 0));
      await widget.reloadWithEntries(ats.map((at, i) => ({ id: `t${i}`, from: 'bot', text: `at ${i}`, at })));
      await expect(widget.bubbles('bot')).toHaveCount(ats.length);
      const shown = () => widget.bubbles('bot').locator('time').evaluateAll((times) =>
        times.map((t) => [t.textContent, t.getAttribute('datetime')]));
      // What the page's own Date and Intl (the page is in English) say of each instant.
      const expected = await page.evaluate((ats) => ats.map((at) => {
        const date = new Date(at);
        const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(date);
        return [time, date.toISOString()];
      }), ats);
      await expect.poll(shown).toEqual(expected);
      // The page did run in that zone (its offset at the first instant, in minutes west of UTC).
      expect(await page.evaluate((at) => new Date(at).getTimezoneOffset(), ats[0])).toBe(offset);
    });
  });
}
