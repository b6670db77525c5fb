// Layout: host CSS cannot reach in, phones get a full-screen panel with 16 px inputs.
import { test, expect } from './fixtures';

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
  const box = await panel.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 667 });
  const fontSize = await page.getByRole('textbox', { name: 'Message' }).evaluate((el) => getComputedStyle(el).fontSize);
  expect(fontSize).toBe('16px');
  await page.getByRole('button', { name: 'Minimize chat' }).click();
  await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible();
  await context.close();
});
