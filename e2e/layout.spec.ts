// Layout: host CSS cannot reach in, phones get a full-screen panel with 16 px inputs, bubbles
// lay out their text, time stamp, state and Retry.
import { test, expect, redPng } from './fixtures';

test('host page CSS does not leak into the widget', async ({ page, server, widget }) => {
  await page.goto(server.url);
  // The preview page styles every button and textarea red, uppercase, Comic Sans.
  const style = await widget.message.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, transform: s.textTransform, font: s.fontFamily };
  });
  expect(style.color).not.toBe('rgb(255, 0, 0)');
  expect(style.transform).toBe('none');
  expect(style.font).not.toContain('Comic');
});

test('on a phone the open panel fills the screen and inputs use 16 px', async ({ browser, server }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(server.url);
  const panel = page.getByRole('dialog');
  await expect(panel).toBeVisible();
  // Once its entrance (160 ms, from 8 px lower) is over: a slow frame can show where it starts.
  await expect.poll(() => panel.boundingBox()).toMatchObject({ x: 0, y: 0, width: 375, height: 667 });
  const fontSize = await page.getByRole('textbox', { name: 'Message' }).evaluate((el) => getComputedStyle(el).fontSize);
  expect(fontSize).toBe('16px');
  await page.getByRole('button', { name: 'Minimize chat' }).click();
  await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible();
  await context.close();
});

test('a bubble shows its text, then its time, state and Retry on one line inside it', async ({ page, server, widget }) => {
  let refusals = 1;
  await page.route('**/content/image/*/*', (route) => (refusals-- > 0 ? route.fulfill({ status: 413, body: '{}' }) : route.continue()));
  await page.goto(server.url);
  await widget.say('hello');
  await expect(widget.bubbles('bot').first()).toBeVisible();
  await page.locator('input[type=file]').setInputFiles(redPng);
  const failed = widget.bubbles('user').nth(1);
  await expect(failed).toHaveAttribute('data-status', 'failed');
  const boxes = async (bubble: typeof failed, selectors: string[]) =>
    Promise.all(selectors.map(async (s) => (await bubble.locator(s).boundingBox())!));
  // Time stamp, delivery state and Retry: one line, in that order, under the error, inside the bubble.
  const outer = (await failed.boundingBox())!;
  const [error, time, state, retry] = await boxes(failed, ['.error', 'time', '.delivery', '.retry']);
  const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
  expect(Math.abs(middle(time) - middle(state))).toBeLessThanOrEqual(2);
  expect(Math.abs(middle(time) - middle(retry))).toBeLessThanOrEqual(2);
  expect(time.y).toBeGreaterThanOrEqual(error.y + error.height);
  expect(state.x).toBeGreaterThanOrEqual(time.x + time.width + 4);
  expect(retry.x).toBeGreaterThanOrEqual(state.x + state.width + 4);
  for (const b of [error, time, state, retry]) {
    expect(b.x).toBeGreaterThanOrEqual(outer.x);
    expect(b.x + b.width).toBeLessThanOrEqual(outer.x + outer.width);
    expect(b.y + b.height).toBeLessThanOrEqual(outer.y + outer.height);
  }
  // A bot bubble: 14 px text, an 11 px stamp under it; bot bubbles on the left, the visitor's on the right.
  const bot = widget.bubbles('bot').first();
  const botBox = (await bot.boundingBox())!;
  const [text, stamp] = await boxes(bot, ['p', 'time']);
  expect(stamp.y).toBeGreaterThanOrEqual(text.y + text.height);
  expect(await bot.locator('p').evaluate((p) => getComputedStyle(p).fontSize)).toBe('14px');
  expect(await bot.locator('time').evaluate((t) => getComputedStyle(t).fontSize)).toBe('11px');
  const userBox = (await widget.bubbles('user').first().boundingBox())!;
  const log = (await widget.log.boundingBox())!;
  expect(botBox.x - log.x).toBeLessThan(log.x + log.width - (botBox.x + botBox.width));
  expect(log.x + log.width - (userBox.x + userBox.width)).toBeLessThan(userBox.x - log.x);
});
