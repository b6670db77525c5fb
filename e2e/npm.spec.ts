// The npm package: `npm pack` of dist/npm/, installed into the Vite app of e2e/vite-app/, type
// checked with tsc, built with Vite (no plugin), and chatting in Chromium.
import { test, expect, startDevServer, WidgetPage } from './fixtures';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

/** Runs a command; its failure carries what it printed (tsc reports on stdout). */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (e: any) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

interface Packed {
  files: { path: string }[];
  filename: string;
}

let work: string;
let packed: Packed;

test.beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'aida-npm-'));
  packed = JSON.parse(run('npm', ['pack', path.join(root, 'dist', 'npm'), '--pack-destination', work, '--json'], root))[0];
  const app = path.join(work, 'app');
  fs.cpSync(path.join(root, 'e2e', 'vite-app'), app, { recursive: true });
  // The tarball has no dependencies: nothing is fetched.
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], app);
  run(bin('tsc'), ['-p', 'tsconfig.json'], app);
  run(bin('vite'), ['build', '--logLevel', 'warn'], app);
});

test.afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the package holds the module, its types, the glue and the wasm, and declares them', () => {
  expect(packed.files.map((f) => f.path).sort()).toEqual([
    'README.md',
    'aida-chat-glue.js',
    'aida-chat-photo.js',
    'aida-chat_bg.wasm',
    'element.js',
    'index.d.ts',
    'index.js',
    ...['ar', 'es', 'fr', 'hi', 'id', 'km', 'pt', 'ru', 'sw', 'vi', 'zh-Hans'].map((l) => `locales/${l}.js`),
    'package.json',
  ]);
  const manifest = JSON.parse(fs.readFileSync(path.join(work, 'app', 'node_modules', 'aida-chat', 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({
    name: 'aida-chat',
    type: 'module',
    types: './index.d.ts',
    sideEffects: false,
    exports: { '.': { types: './index.d.ts', default: './index.js' } },
  });
});

test('a Vite app built from the packed tarball chats in Chromium', async ({ page, phoenix }) => {
  const assets = fs.readdirSync(path.join(work, 'app', 'dist', 'assets'));
  expect(assets.some((f) => /^aida-chat_bg-.+\.wasm$/.test(f)), `Vite emitted the wasm: ${assets}`).toBe(true);
  // Each translation a chunk of its own, loaded only by a page that speaks it.
  const chunks = assets.filter((f) => /^(ar|es|fr|hi|id|km|pt|ru|sw|vi|zh-Hans)-[\w-]+\.js$/.test(f));
  expect(chunks.length, `Vite split the translations: ${assets}`).toBe(11);
  const server = await startDevServer(['--phoenix', phoenix, '--static-dir', path.join(work, 'app', 'dist')]);
  try {
    const wasm = page.waitForResponse((r) => /\/assets\/aida-chat_bg-.+\.wasm$/.test(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/?botId=${server.botId}&accessToken=${server.accessToken}`);
    expect((await wasm).status()).toBe(200);
    await page.waitForFunction(() => 'chat' in window);
    await page.getByRole('button', { name: 'Ask the bot' }).click();
    const widget = new WidgetPage(page);
    await expect(page.getByRole('dialog', { name: 'App assistant' })).toBeVisible();
    await expect(widget.bubbles('bot')).toHaveText([/You said: from the app/]);
    await expect(page.locator('#heard li')).toHaveText(['user: from the app', 'bot: You said: from the app']);
    // Options reach the widget: the translated send button.
    await expect(page.getByRole('button', { name: 'Send it' })).toBeVisible();
    await page.evaluate(() => (window as any).chat.destroy());
    await expect(page.locator('aida-chat')).toHaveCount(0);
    await expect.poll(async () => (await server.stats()).sockets_open).toBe(0);
    // The package's translations: a Spanish app, its translation a chunk loaded for it.
    await page.goto(`${server.url}/?botId=${server.botId}&accessToken=${server.accessToken}&locale=es`);
    await page.waitForFunction(() => 'chat' in window);
    await expect(page.locator('.launcher')).toHaveAccessibleName('Abrir chat');
    await expect(page.locator('textarea')).toHaveAttribute('aria-label', 'Mensaje');
    expect(errors).toEqual([]);
  } finally {
    server.process.kill();
  }
});

test('in the Vite app, an <aida-chat> element chats, follows `open`, and leaves nothing when removed; photos are scaled in a worker chunk', async ({ page, phoenix }) => {
  const server = await startDevServer(['--phoenix', phoenix, '--static-dir', path.join(work, 'app', 'dist')]);
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(`${server.url}/?element&botId=${server.botId}&accessToken=${server.accessToken}`);
    const element = page.locator('aida-chat');
    await page.waitForFunction(() => (document.querySelector('aida-chat') as any)?.handle);
    const widget = new WidgetPage(page);
    await element.evaluate((e) => e.setAttribute('open', ''));
    await expect(page.getByRole('dialog', { name: 'Element assistant' })).toBeVisible();
    await widget.say('from the element');
    await expect(widget.bubbles('bot')).toHaveText([/You said: from the element/]);
    await element.evaluate((e) => e.setAttribute('open', 'false'));
    await expect(page.getByRole('dialog', { name: 'Element assistant' })).toBeHidden();

    await element.evaluate((e) => e.setAttribute('open', ''));
    const photo = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(2600, 1300);
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#3a7';
      g.fillRect(0, 0, 2600, 1300);
      return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer()));
    });
    await page.locator('input[type=file][accept="image/*"]').setInputFiles({ name: 'wide.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
    const img = widget.bubbles('user').nth(1).locator('img');
    await expect(img).toHaveAttribute('src', /\/content\/image\//);
    expect(await img.evaluate(async (i: HTMLImageElement) => (await i.decode(), [i.naturalWidth, i.naturalHeight]))).toEqual([2048, 1024]);
    // Vite made the photo module a chunk of its own, and the worker starts from it.
    expect(workers.some((url) => /\/assets\/aida-chat-photo-.+\.js$/.test(url)), workers.join(', ')).toBe(true);

    await element.evaluate((e) => e.remove());
    await expect.poll(async () => (await server.stats()).sockets_open).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    server.process.kill();
  }
});
