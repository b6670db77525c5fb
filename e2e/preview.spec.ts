// The preview command itself: `./dev.sh preview` (the dev server and `trunk serve` with its
// proxy), on ports chosen at run time, chatting and showing a picture in Chromium.
import { test, expect, redPng, WidgetPage } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function servedWithin(url: string, ms: number, preview: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (preview.exitCode !== null) throw new Error(`./dev.sh preview exited with ${preview.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not served within ${ms} ms`);
}

test('./dev.sh preview serves the widget through trunk, proxying the socket and the pictures', async ({ page }) => {
  test.setTimeout(300_000);
  const [devPort, webPort] = [await freePort(), await freePort()];
  const output: string[] = [];
  const preview = spawn('./dev.sh', ['preview'], {
    cwd: root,
    detached: true, // its own process group, so that the dev server and trunk stop with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AIDA_DEV_PORT: String(devPort), AIDA_PREVIEW_PORT: String(webPort), AIDA_PREVIEW_DEMO: '0' },
  });
  preview.stdout!.on('data', (d) => output.push(String(d)));
  preview.stderr!.on('data', (d) => output.push(String(d)));
  try {
    await servedWithin(`http://127.0.0.1:${webPort}/`, 240_000, preview).catch((e) => {
      throw new Error(`${e.message}\n${output.join('').slice(-3000)}`);
    });
    await page.goto(`http://127.0.0.1:${webPort}/`);
    const widget = new WidgetPage(page);
    // The preview opens its demo bot at once, on the page's own origin.
    await expect(page.getByRole('dialog', { name: 'AIDA demo bot' })).toBeVisible();
    await expect(widget.status).toHaveText('Connected');
    await widget.say('hello');
    await expect(widget.bubbles('bot').first()).toBeVisible();
    await page.locator('input[type=file][accept="image/*"]').setInputFiles(redPng);
    const img = widget.bubbles('user').nth(1).locator('img');
    await expect(img).toHaveAttribute('src', new RegExp(`^http://127\\.0\\.0\\.1:${webPort}/content/image/`));
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(2);
  } finally {
    process.kill(-preview.pid!, 'SIGTERM');
  }
});
