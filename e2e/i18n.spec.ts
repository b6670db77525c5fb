// Every visitor in their own language: the page's language picks a built-in translation, the
// bot hears it, Arabic mirrors the panel, clocks and counts follow the locale, and setLocale
// switches without a reload. On the preview page, which takes options from its query string
// (`htmlLang` sets the page's <html lang>).
import { test, expect, type DevServer } from './fixtures';
import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The payload of the first frame the widget sent with this event. */
async function sent(server: DevServer, event: string): Promise<any> {
  return (await server.received(event))[0];
}

const launcher = (page: Page) => page.locator('.launcher');
const send = (page: Page) => page.locator('button.send');
const message = (page: Page) => page.locator('textarea');

async function say(page: Page, text: string) {
  await message(page).fill(text);
  await message(page).press('Enter');
}

test('a Spanish page gets Spanish labels, and the bot hears "es" and answers in Spanish', async ({ page, server }) => {
  await page.goto(`${server.url}/?htmlLang=es&title=Chat`);
  await expect(launcher(page)).toHaveAccessibleName('Cerrar chat');
  await expect(message(page)).toHaveAccessibleName('Mensaje');
  await expect(send(page)).toHaveAccessibleName('Enviar');
  await expect(page.locator('section.panel')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('.aida-chat')).toHaveAttribute('lang', 'es');
  await expect.poll(() => sent(server, 'new_session')).toEqual({ data: { language: 'es' } });
  await say(page, 'hola');
  await expect(page.locator('[data-from="bot"]').first()).toHaveText(/¡Hola! Soy el bot de demostración de AIDA/);
  await expect(page.locator('[data-from="user"]').first()).toHaveAttribute('data-status', 'sent');
});

test('botLanguage=false sends no language; a language in userData wins', async ({ page, server }) => {
  await page.goto(`${server.url}/?htmlLang=es&botLanguage=false`);
  await expect(send(page)).toHaveAccessibleName('Enviar');
  await expect.poll(() => sent(server, 'new_session')).toEqual({});
  // Without a language, the bilingual bot asks which one.
  await say(page, 'hello');
  await expect(page.locator('[data-from="bot"]').first()).toHaveText(/To chat in English, write English/);

  await fetch(`${server.url}/__dev/frames`, { method: 'DELETE' });
  // A new visitor: storage cleared once the widget's page is gone (leaving, it writes what it
  // has not written yet, which may come after a clear made while it is still there).
  await page.goto(`${server.url}/__dev/stats`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${server.url}/?htmlLang=es&userData=${encodeURIComponent('{"language":"fr"}')}`);
  await expect.poll(() => sent(server, 'new_session')).toEqual({ data: { language: 'fr' } });
});

test('the integrator locale beats the page, region matches by language, strings override per text', async ({ page, server }) => {
  const strings = encodeURIComponent(JSON.stringify({ send: 'Mandar' }));
  await page.goto(`${server.url}/?htmlLang=es&locale=pt-BR&strings=${strings}`);
  await expect(message(page)).toHaveAccessibleName('Mensagem');
  await expect(send(page)).toHaveAccessibleName('Mandar');
  await expect(page.locator('.aida-chat')).toHaveAttribute('lang', 'pt-BR');
  await expect.poll(() => sent(server, 'new_session')).toEqual({ data: { language: 'pt' } });
});

test('Arabic mirrors the panel: the visitor on the left, Send at the left end; an English reply reads left to right', async ({ page, server }) => {
  await page.goto(`${server.url}/?htmlLang=ar`);
  await expect(launcher(page)).toHaveAccessibleName('إغلاق الدردشة');
  await expect(page.locator('section.panel')).toHaveAttribute('dir', 'rtl');
  await say(page, 'english');
  const bot = page.locator('[data-from="bot"]').first();
  await expect(bot).toHaveText(/Hello! I am the AIDA demo bot/);
  const user = page.locator('[data-from="user"]').first();
  const [userBox, botBox, panelBox] = await Promise.all([user.boundingBox(), bot.boundingBox(), page.locator('section.panel').boundingBox()]);
  expect(userBox!.x - panelBox!.x, 'the visitor bubble at the left').toBeLessThan(40);
  expect(panelBox!.x + panelBox!.width - (botBox!.x + botBox!.width), 'the bot bubble at the right').toBeLessThan(40);
  const [sendBox, textBox] = await Promise.all([send(page).boundingBox(), message(page).boundingBox()]);
  expect(sendBox!.x, 'Send left of the text box').toBeLessThan(textBox!.x);
  // The bubble's own text decides its direction.
  expect(await bot.locator('p').evaluate((p) => getComputedStyle(p).direction)).toBe('ltr');
  // The launcher stays where the integrator put it (right).
  const launcherBox = await launcher(page).boundingBox();
  expect(launcherBox!.x).toBeGreaterThan(page.viewportSize()!.width / 2);
});

for (const [locale, pattern] of [
  ['en-US', /^\d{1,2}:\d{2}\s?(AM|PM)$/],
  // A 24-hour clock; Chromium's ICU writes 2:05 rather than 02:05 for both.
  ['en-GB', /^\d{1,2}:\d{2}$/],
  ['fr', /^\d{1,2}:\d{2}$/],
] as const) {
  test(`time stamps in ${locale} are written as Intl writes them`, async ({ page, server }) => {
    await page.goto(`${server.url}/?locale=${locale}`);
    await say(page, 'what time is it');
    const stamp = page.locator('[data-from="bot"] time').first();
    const datetime = await stamp.getAttribute('datetime');
    const intl = await page.evaluate(
      ([tag, iso]) => new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso!)),
      [locale, datetime] as const,
    );
    // Until the page has been idle the stamp is HH:MM; the locale's clock comes within 2 s.
    await expect(stamp).toHaveText(intl);
    expect(intl).toMatch(pattern);
  });
}

test('the clock waits for a long idle period (its ICU start-up would delay a frame), two seconds at most', async ({ page, server }) => {
  // Idle periods of 5 ms, as between the frames of a page that animates all the time; the first
  // Intl.DateTimeFormat (the clock's) noted with its time from navigation.
  await page.addInitScript(() => {
    const w = window as any;
    const request = window.requestIdleCallback.bind(window);
    window.requestIdleCallback = (callback, options) =>
      request((deadline) => callback({ didTimeout: deadline.didTimeout, timeRemaining: () => Math.min(5, deadline.timeRemaining()) }), options);
    const Format = Intl.DateTimeFormat;
    (Intl as any).DateTimeFormat = function (...args: any[]) {
      w.clockAt ??= performance.now();
      return new (Format as any)(...args);
    };
  });
  await page.goto(`${server.url}/?locale=en-US`);
  await say(page, 'what time is it');
  // Until the clock comes, a 24-hour time, which en-US does not write; then the clock's.
  const stamp = page.locator('[data-from="user"] time').first();
  await expect(stamp).toHaveText(/^\d{1,2}:\d{2}\s?(AM|PM)$/, { timeout: 10_000 });
  expect(await page.evaluate(() => (window as any).clockAt)).toBeGreaterThanOrEqual(2000);
});

test('the unread badge counts in the plural of Russian and Arabic', async ({ page, server }) => {
  for (const [tag, expected] of [
    ['ru', { 1: '1 непрочитанное сообщение', 3: '3 непрочитанных сообщения', 5: '5 непрочитанных сообщений' }],
    ['ar', { 1: '1 رسالة غير مقروءة', 2: '2 رسالتان غير مقروءتين', 3: '3 رسائل غير مقروءة' }],
  ] as const) {
    await page.evaluate(() => localStorage.clear()).catch(() => {});
    await page.goto(`${server.url}/?locale=${tag}&open=false`);
    await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
    await expect.poll(async () => {
      return page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('aida-chat:'));
        return key && JSON.parse(localStorage.getItem(key)!).session;
      });
    }).toBeTruthy();
    const session = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('aida-chat:'))!;
      return JSON.parse(localStorage.getItem(key)!).session as string;
    });
    let count = 0;
    for (const [n, label] of Object.entries(expected)) {
      while (count < Number(n)) {
        await server.botSays(session, `message ${++count}`);
      }
      await expect(page.locator('.launcher .badge')).toHaveAttribute('aria-label', label);
    }
  }
});

for (const tag of ['ar', 'km']) {
  test(`axe-core reports no violation in ${tag}, and the accessible names are in ${tag}`, async ({ page, server }) => {
    await page.goto(`${server.url}/?locale=${tag}`);
    const names = JSON.parse((await import('node:fs')).readFileSync(`locales/${tag}.json`, 'utf8'));
    await expect(send(page)).toHaveAccessibleName(names.send);
    await expect(launcher(page)).toHaveAccessibleName(names.closeChat);
    await say(page, 'english');
    await expect.poll(() => page.locator('[data-from="bot"]').count()).toBeGreaterThan(0);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    // For the README (docs/screenshots/): the widget alone.
    await page.locator('.aida-chat').screenshot({ path: `target/e2e/results/widget-${tag}.png` });
  });
}
