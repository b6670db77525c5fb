// Pictures: attach, drag-and-drop and paste; checked before upload; shown inline from the
// server; a lightbox; failed uploads with Retry.
import { test, expect, PNG, redPng as png, type WidgetPage } from './fixtures';

async function attach(widget: WidgetPage, file = png) {
  await widget.page.locator('input[type=file][accept="image/*"]').setInputFiles(file);
}

const uuidImage = /\/content\/image\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('an attached picture is uploaded, sent as utb_img and shown inline; the lightbox opens and closes', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  await attach(widget);
  const bubble = widget.bubbles('user').first();
  await expect(bubble).toHaveAttribute('data-status', 'sent');
  const img = bubble.locator('img');
  await expect(img).toHaveAttribute('src', uuidImage);
  await expect(img).toHaveAttribute('loading', 'lazy');
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(2);
  await expect(widget.bubbles('bot').first()).toBeVisible();
  expect((await server.stats()).received.utb_img).toBe(1);

  const thumbnail = bubble.getByRole('button', { name: 'View picture' });
  await thumbnail.click();
  const lightbox = page.getByRole('dialog', { name: 'View picture' });
  await expect(lightbox.locator('img')).toHaveAttribute('src', uuidImage);
  await page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);
  await expect(thumbnail).toBeFocused();
  await expect(widget.message).toBeVisible(); // Esc closed the lightbox, not the panel
  await thumbnail.click();
  await page.getByRole('button', { name: 'Close picture' }).click();
  await expect(lightbox).toHaveCount(0);
  await expect(thumbnail).toBeFocused();
});

test('a picture dropped on the panel or pasted is sent', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  const base64 = PNG.toString('base64');
  await page.getByRole('dialog').evaluate((panel, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
    panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    panel.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
  }, base64);
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'sent');
  await widget.message.evaluate((area, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  }, base64);
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'sent');
  await expect(widget.bubbles('user').nth(1).locator('img')).toHaveAttribute('src', uuidImage);
  // "Sent" means the frame left the browser, not that the server has read it yet.
  await expect.poll(async () => (await server.stats()).received.utb_img).toBe(2);
});

test('files that are not pictures, or too large, are refused before upload', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/?maxImageBytes=50`);
  await attach(widget, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toContainText('is not a picture');
  // A GIF is not scaled down (its animation would be lost): over the limit, it is refused.
  await attach(widget, { name: 'big.gif', mimeType: 'image/gif', buffer: Buffer.alloc(100) });
  await expect(page.getByRole('alert')).toContainText('“big.gif” is larger than 0 MB');
  await expect(widget.bubbles()).toHaveCount(0);
});

for (const [status, message] of [
  [413, 'too large'],
  [415, 'does not accept'],
  [500, 'could not store'],
] as const) {
  test(`an upload answered ${status} fails visibly, and Retry sends it`, async ({ page, server, widget }) => {
    let refusals = 1;
    await page.route('**/content/image/*/*', (route) =>
      refusals-- > 0 ? route.fulfill({ status, body: '{}' }) : route.continue(),
    );
    await page.goto(server.url);
    await attach(widget);
    const bubble = widget.bubbles('user').first();
    await expect(bubble).toHaveAttribute('data-status', 'failed');
    await expect(bubble.getByRole('alert')).toContainText(message);
    await bubble.getByRole('button', { name: 'Retry' }).click();
    await expect(bubble).toHaveAttribute('data-status', 'sent');
    await expect(bubble.locator('img')).toHaveAttribute('src', uuidImage);
  });
}

test('an upload cut by a network error fails visibly, and Retry sends it', async ({ page, server, widget }) => {
  let aborts = 1;
  await page.route('**/content/image/*/*', (route) => (aborts-- > 0 ? route.abort('failed') : route.continue()));
  await page.goto(server.url);
  await attach(widget);
  const bubble = widget.bubbles('user').first();
  await expect(bubble).toHaveAttribute('data-status', 'failed');
  await expect(bubble.getByRole('alert')).toContainText('network error');
  await bubble.getByRole('button', { name: 'Retry' }).click();
  await expect(bubble).toHaveAttribute('data-status', 'sent');
});
