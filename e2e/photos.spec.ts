// Phone photos: scaled down in the browser before their upload (in a worker, or in the page
// where there is none), with a progress bar, Cancel and Retry.
import { test, expect, photo, redPng, type WidgetPage } from './fixtures';
import type { Page, Request } from '@playwright/test';

// Making a 12-megapixel photo in the page takes a few seconds of its own.
test.describe.configure({ timeout: 60_000 });

/** `jpeg` with an EXIF block saying "rotate 90° clockwise to show" (orientation 6), as a phone
 * held upright writes it. */
function rotatedByExif(jpeg: Buffer): Buffer {
  const tiff = Buffer.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, first IFD at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation = 6
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

async function attach(widget: WidgetPage, name: string, buffer: Buffer, mimeType = 'image/jpeg') {
  await widget.page.locator('input[type=file][accept="image/*"]').setInputFiles({ name, mimeType, buffer });
}

/** The file part of a multipart upload's body. */
function filePart(request: Request): Buffer {
  const body = request.postDataBuffer()!;
  const start = body.indexOf('\r\n\r\n') + 4;
  const end = body.lastIndexOf('\r\n--');
  return body.subarray(start, end);
}

/** Width and height of a picture, decoded by the browser. */
async function dimensions(page: Page, bytes: Buffer): Promise<number[]> {
  return page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data]));
    return [bitmap.width, bitmap.height];
  }, bytes.toString('base64'));
}

/** The uploads the page makes, from now on. They pass through a route: a request seen only as
 * an event has no body when it is a file. */
async function uploads(page: Page, held?: Promise<void>): Promise<Request[]> {
  const seen: Request[] = [];
  await page.route('**/content/image/*/*', async (route) => {
    if (route.request().method() === 'POST') seen.push(route.request());
    await held;
    return route.continue();
  });
  return seen;
}

/** The bytes the server keeps of the picture a bubble shows. */
async function stored(widget: WidgetPage, n = 0): Promise<Buffer> {
  const src = await widget.bubbles('user').nth(n).locator('img').getAttribute('src');
  const response = await fetch(src!);
  return Buffer.from(await response.arrayBuffer());
}

test('a 4000x3000 photo of 5 MB is sent at 2048 px and under 1 MB, scaled in a worker, its preview shown at once', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // The upload waits until the preview is checked.
  let release = () => {};
  const sent = await uploads(page, new Promise<void>((resolve) => (release = resolve)));
  const original = await photo(page);
  expect(original.length).toBeGreaterThan(4_500_000);
  await attach(widget, 'IMG_0001.jpg', original);

  const bubble = widget.bubbles('user').first();
  await expect(bubble.locator('img')).toHaveAttribute('src', /^blob:/);
  await expect(bubble.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect.poll(() => sent.length).toBe(1);
  release();
  await expect(bubble).toHaveAttribute('data-status', 'sent');

  const file = filePart(sent[0]);
  expect(file.length).toBeLessThanOrEqual(1024 * 1024);
  expect(file.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8])); // a JPEG
  expect(await dimensions(page, file)).toEqual([2048, 1536]);
  expect(sent[0].postDataBuffer()!.toString('latin1')).toContain('filename="IMG_0001.jpg"');
  expect(workers.some((url) => url.endsWith('aida-chat-photo.js')), workers.join(', ')).toBe(true);
  await expect.poll(async () => (await server.stats()).received.utb_img).toBe(1);
  expect(await stored(widget), 'what the server keeps is what was sent').toEqual(file);
});

test('a photo turned by its EXIF orientation is sent upright; without workers the page scales it', async ({ page, server, widget }) => {
  await page.addInitScript(() => {
    // A page that cannot start workers (an old browser, or a strict Content-Security-Policy).
    (window as any).Worker = function () {
      throw new DOMException('no workers here', 'SecurityError');
    };
  });
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  const sent = await uploads(page);
  const upright = rotatedByExif(await photo(page, 3000, 2000));
  await attach(widget, 'portrait.jpg', upright);
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'sent');
  const file = filePart(sent[0]);
  expect(await dimensions(page, file)).toEqual([1365, 2048]);
});

test('a small picture is sent as it is, and a large one over maxImageBytes is made to fit it', async ({ page, server, widget }) => {
  await page.goto(`${server.url}/?maxImageBytes=400000`);
  await expect(widget.status).toHaveText('Connected');
  const sent = await uploads(page);
  await attach(widget, redPng.name, redPng.buffer, redPng.mimeType);
  await expect(widget.bubbles('user').first()).toHaveAttribute('data-status', 'sent');
  expect(filePart(sent[0])).toEqual(redPng.buffer);
  await attach(widget, 'large.jpg', await photo(page, 2000, 1500));
  await expect(widget.bubbles('user').nth(1)).toHaveAttribute('data-status', 'sent');
  const file = filePart(sent[1]);
  expect(file.length).toBeLessThanOrEqual(400000);
  expect((await dimensions(page, file))[0]).toBeLessThanOrEqual(2000);
});

test('on a slow network the progress bar moves, Cancel stops the upload, Retry sends it', async ({ page, server, widget }) => {
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  // Not routed: the browser's own network stack, throttled, reports the progress.
  const sent: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().includes('/content/image/') && sent.push(r.url()));
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // About 3 Mbit/s up: the ~700 KB photo takes a couple of seconds.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 100,
    downloadThroughput: 400_000,
    uploadThroughput: 400_000,
  });
  await attach(widget, 'slow.jpg', await photo(page));
  const bubble = widget.bubbles('user').first();
  const progress = bubble.getByRole('progressbar', { name: 'Uploading…' });
  const seen = new Set<number>();
  await expect
    .poll(async () => {
      const value = Number(await progress.getAttribute('value', { timeout: 1000 }).catch(() => NaN));
      if (value > 0 && value < 100) seen.add(value);
      return seen.size;
    }, { intervals: [50] })
    .toBeGreaterThanOrEqual(2);
  await bubble.getByRole('button', { name: 'Cancel' }).click();
  await expect(bubble).toHaveAttribute('data-status', 'failed');
  await expect(bubble.getByRole('alert')).toHaveText('The upload was cancelled.');
  await expect(progress).toHaveCount(0);
  await expect.poll(() => failed.filter((url) => url.includes('/content/image/')).length).toBe(1);
  expect((await server.stats()).received.utb_img ?? 0).toBe(0);

  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await bubble.getByRole('button', { name: 'Retry' }).click();
  await expect(bubble).toHaveAttribute('data-status', 'sent');
  expect(sent).toHaveLength(2);
  await expect.poll(async () => (await server.stats()).received.utb_img).toBe(1);
  expect(await dimensions(page, await stored(widget))).toEqual([2048, 1536]);
});
