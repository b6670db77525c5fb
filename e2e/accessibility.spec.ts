// Accessibility: axe-core finds nothing, open or closed, and the widget works from the keyboard.
import { test, expect } from './fixtures';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function axeViolations(page: import('@playwright/test').Page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

test('axe-core reports no violation, closed or open', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/?open=false`);
  await expect(widget.launcher).toHaveAccessibleName('Open chat');
  expect(await axeViolations(page)).toEqual([]);
  await widget.launcher.click();
  await widget.say('hello');
  await expect.poll(() => widget.bubbles('bot').count()).toBeGreaterThan(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('keyboard only: Tab to the launcher, open, write, Esc closes and returns focus', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/?open=false`);
  // The widget is there (a hidden status alone is also what a page without it has).
  await expect(widget.launcher).toBeVisible();
  await expect(widget.status).toBeHidden();
  await page.keyboard.press('Tab');
  await expect(widget.launcher).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget.launcher).toHaveAccessibleName('Close chat');
  await expect(widget.message).toBeFocused();
  await page.keyboard.type('typed with keys');
  await page.keyboard.press('Enter');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(widget.launcher).toHaveAccessibleName('Open chat');
  await expect(widget.launcher).toBeFocused();
  await expect(widget.message).toBeHidden();
});

test('a closed widget never takes focus, and counts unread bot messages', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/?open=false`);
  await widget.launcher.click();
  await widget.say('##SESSION');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  const session = await widget.storedSession();
  await page.keyboard.press('Escape');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const text of ['one', 'two']) await server.botSays(session, text);
  await expect(widget.launcher.locator('.badge')).toHaveText('2');
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await widget.launcher.click();
  await expect(widget.launcher.locator('.badge')).toHaveCount(0);
});
