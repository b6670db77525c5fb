// What visitors expect of a chat widget beyond the protocol: colours that follow the system's
// dark mode, a greeting (or a hint) instead of an empty panel. On the preview page, which takes
// options from its query string.
import { test, expect, redPng, type WidgetPage } from './fixtures';
import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const background = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);

const DARK = 'rgb(27, 30, 36)';
const LIGHT = 'rgb(255, 255, 255)';

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

test('the colours follow the system live, and theme.mode fixes them either way', async ({ page, server }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.url}/`);
  await expect.poll(() => background(page, 'section.panel')).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page, 'section.panel'), 'switched without a reload').toBe(LIGHT);

  const mode = (m: string) => encodeURIComponent(JSON.stringify({ mode: m }));
  await page.goto(`${server.url}/?theme=${mode('dark')}`);
  await expect.poll(() => background(page, 'section.panel')).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.url}/?theme=${mode('light')}`);
  await expect.poll(() => background(page, 'section.panel')).toBe(LIGHT);
  await expect(page.locator('textarea')).toHaveCSS('color-scheme', 'light');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe-core reports no violation in ${scheme} colours, with bubbles, a link, a failed message and an upload`, async ({
    page,
    server,
    widget,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}/?greeting=${encodeURIComponent('Hello! Ask me about clinics near you.')}`);
    await widget.say('hello');
    await expect(widget.bubbles('bot'), 'the greeting and the three answers').toHaveCount(4);
    await server.botSays(await widget.storedSession(), 'Opening hours: https://example.org/hours');
    await expect(widget.page.locator('[data-from="bot"] a')).toHaveCount(1);
    // For the README (docs/screenshots/).
    await page.locator('.aida-chat').screenshot({ path: `target/e2e/results/widget-${scheme}.png` });
    await showFailed(widget);
    await showUploading(widget);
    expect(await background(page, 'section.panel')).toBe(scheme === 'dark' ? DARK : LIGHT);
    expect(await axeViolations(page)).toEqual([]);
  });
}

/** A picture the server refuses: its bubble shows as failed, with its error and Retry. */
async function showFailed(widget: WidgetPage) {
  await widget.page.route('**/content/image/*/*', (route) => route.fulfill({ status: 413, body: '{}' }));
  await widget.page.locator('input[type=file]').setInputFiles(redPng);
  await expect(widget.page.locator('[data-status="failed"] .retry')).toBeVisible();
}

test('a greeting is the first bubble, local: no session for it, none unread, kept after a reload', async ({
  page,
  server,
  widget,
}) => {
  const greeting = 'Hello! Ask me about clinics near you.';
  await page.goto(`${server.url}/?open=false&greeting=${encodeURIComponent(greeting)}`);
  await expect.poll(async () => (await server.received('phx_join')).length).toBe(1);
  await widget.launcher.click();
  const first = page.locator('.transcript li').first();
  await expect(first).toHaveText(greeting);
  await expect(first).toHaveAttribute('data-from', 'bot');
  await expect(first).toHaveAttribute('data-local', '');
  await expect(first.locator('time')).toHaveCount(0);
  await expect(page.locator('.hint'), 'the greeting stands for the hint').toHaveCount(0);
  await page.reload();
  await expect(page.locator('.transcript li').first()).toHaveText(greeting);
  await expect.poll(async () => (await server.received('phx_join')).length).toBe(2);
  // Long enough for a reply to a new_session that went out with the join.
  await page.waitForTimeout(300);
  expect(await server.received('new_session'), 'nobody wrote: AIDA hears nothing').toEqual([]);
  await expect(page.locator('.launcher .badge')).toHaveCount(0);

  await widget.launcher.click();
  await widget.say('hello');
  await expect(widget.bubbles('bot'), 'the greeting and the three answers').toHaveCount(4);
  expect(await server.received('new_session')).toHaveLength(1);
  await page.reload();
  await expect(widget.bubbles()).toHaveCount(5);
  await expect(page.locator('.transcript li').first()).toHaveText(greeting);
  await expect(widget.bubbles('user')).toHaveText(/hello/);
});

test('without a greeting, an empty conversation says what the visitor can do', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/`);
  const hint = page.locator('.transcript .hint');
  await expect(hint).toHaveText('Write a message or send a picture to start.');
  await widget.say('hello');
  await expect(hint).toHaveCount(0);
  await page.goto(`${server.url}/?locale=es`);
  await page.getByRole('button', { name: 'Nueva conversación' }).click();
  await expect(hint).toHaveText('Escriba un mensaje o envíe una imagen para empezar.');
});

/** A picture on its way: the server takes its body and does not answer, so it shows its progress
 * and Cancel. */
async function showUploading(widget: WidgetPage) {
  await widget.page.route('**/content/image/*/*', () => {});
  await widget.page.locator('input[type=file]').setInputFiles(redPng);
  const bubble = widget.page.locator('[data-status="queued"]').filter({ has: widget.page.locator('img') });
  await expect(bubble.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(bubble.getByRole('progressbar')).toBeVisible();
}
