// Hostile text stays inert text, wherever it comes from.
import { test, expect } from './fixtures';

const payloads = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<svg onload="window.__xss=1"></svg>',
  '<a href="javascript:window.__xss=1">click</a>',
  'javascript:window.__xss=1',
  '"><iframe srcdoc="<script>parent.__xss=1</script>">',
];

test('HTML in bot messages, visitor text and the title is shown as text', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/?title=${encodeURIComponent(payloads[0])}`);
  await expect(widget.status).toHaveText('Connected');
  await expect(page.getByRole('dialog').getByRole('heading')).toHaveText(payloads[0]);
  for (const p of payloads) await widget.say(p);
  await expect(widget.bubbles('bot')).toHaveCount(payloads.length);
  for (const [i, p] of payloads.entries()) {
    await expect(widget.bubbles('user').nth(i).locator('.text')).toHaveText(p);
  }
  const bubbleMarkup = widget.log.locator('img, script, svg, iframe, a[href^="javascript"]');
  await expect(bubbleMarkup).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});
