// Fixtures shared by the browser tests: a fresh AIDA dev server per test (its Phoenix mode from
// the project), and a page object for the widget's public contract.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');

export interface DevServer {
  url: string;
  socket: string;
  botId: string;
  accessToken: string;
  /** POST to a fault control under /__dev/. */
  fault(name: string, body?: object): Promise<void>;
  /** The bot sends `text` to a session unprompted, as AIDA's send_message endpoint does. */
  botSays(session: string, text: string): Promise<void>;
  stats(): Promise<any>;
  /** The payloads of the frames the server received with `event`, oldest first. */
  received(event: string): Promise<any[]>;
  process: ChildProcess;
}

export async function startDevServer(args: string[] = []): Promise<DevServer> {
  const bin = path.join(targetDir, 'debug', 'aida-dev-server');
  const port = args.includes('--port') ? [] : ['--port', '0'];
  const delay = args.includes('--reply-delay-ms') ? [] : ['--reply-delay-ms', '0'];
  const child = spawn(bin, [...port, ...delay, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<any>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dev server did not start in 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`dev server exited with ${code}`)));
    lines.on('line', (line) => {
      const match = /^AIDA_DEV_SERVER_READY (.*)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(JSON.parse(match[1]));
      }
    });
  });
  const server: DevServer = {
    url: ready.url,
    socket: ready.socket,
    botId: ready.bot_id,
    accessToken: ready.access_token,
    process: child,
    async fault(name, body = {}) {
      const res = await fetch(`${ready.url}/__dev/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.ok, `fault ${name}`).toBeTruthy();
    },
    async botSays(session, text) {
      const res = await fetch(`${ready.url}/api/bots/${ready.bot_id}/sessions/${session}/send_message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: text }),
      });
      expect(res.ok, 'send_message').toBeTruthy();
    },
    async stats() {
      return (await fetch(`${ready.url}/__dev/stats`)).json();
    },
    async received(event) {
      const frames: { dir: string; text: string }[] = await (await fetch(`${ready.url}/__dev/frames`)).json();
      return frames
        .filter((f) => f.dir === 'in')
        .map((f) => JSON.parse(f.text))
        .filter((f) => f[3] === event)
        .map((f) => f[4]);
    },
  };
  return server;
}

/** A 2x2 red PNG, for the picture tests. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
);
export const redPng = { name: 'red.png', mimeType: 'image/png', buffer: PNG };

/** A photo-like JPEG made in the page: a gradient under fine noise, as a camera's sensor gives,
 * which keeps JPEG from compressing it to nothing (4000x3000 comes out at about 5 MB). */
export async function photo(page: Page, width = 4000, height = 3000): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w, h);
      const g = canvas.getContext('2d')!;
      const gradient = g.createLinearGradient(0, 0, w, h);
      gradient.addColorStop(0, '#358');
      gradient.addColorStop(1, '#fc6');
      g.fillStyle = gradient;
      g.fillRect(0, 0, w, h);
      const pixels = g.getImageData(0, 0, w, h);
      let seed = 1;
      for (let i = 0; i < pixels.data.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const noise = ((seed >> 16) % 60) - 30;
        pixels.data[i] += noise;
        pixels.data[i + 1] += noise;
        pixels.data[i + 2] += noise;
      }
      g.putImageData(pixels, 0, 0);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    },
    [width, height],
  );
  return Buffer.from(base64, 'base64');
}

/** The widget as a visitor and a screen reader see it (the public contract in the README). */
export class WidgetPage {
  constructor(readonly page: Page) {}
  get launcher(): Locator {
    return this.page.getByRole('button', { name: /^(Open|Close) chat$/ });
  }
  get message(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }
  get send(): Locator {
    return this.page.getByRole('button', { name: 'Send' });
  }
  get log(): Locator {
    return this.page.getByRole('log');
  }
  get status(): Locator {
    return this.page.getByRole('status');
  }
  bubbles(from?: 'user' | 'bot'): Locator {
    return this.page.locator(from ? `[data-from="${from}"]` : '[data-from]');
  }
  async say(text: string) {
    await this.message.fill(text);
    await this.message.press('Enter');
  }
  /** Reloads with the stored conversation's entries replaced by `entries` (its session kept).
   * The replacement is made by the next document before the widget starts: written from here,
   * it could be overwritten by a save the widget still had waiting, which it does on pagehide. */
  async reloadWithEntries(entries: object[]) {
    // Once: the script stays for later documents of the page, so each call marks its own.
    const mark = `test:entries-replaced:${Math.random()}`;
    await this.page.addInitScript(([mark, entries]) => {
      if (sessionStorage.getItem(mark)) return;
      sessionStorage.setItem(mark, '1');
      const key = Object.keys(localStorage).find((k) => k.startsWith('aida-chat:'))!;
      const stored = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...stored, entries }));
    }, [mark, entries] as const);
    await this.page.reload();
  }
  /** The session id the widget stored. */
  async storedSession(): Promise<string> {
    return this.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('aida-chat:'))!;
      return JSON.parse(localStorage.getItem(key)!).session as string;
    });
  }
}

type Fixtures = { server: DevServer; widget: WidgetPage; phoenix: string };

export const test = base.extend<Fixtures>({
  phoenix: ['1.3', { option: true }],
  server: async ({ phoenix }, use) => {
    const staticDir = path.join(targetDir, 'e2e', 'preview');
    const server = await startDevServer(['--phoenix', phoenix, '--static-dir', staticDir]);
    await use(server);
    server.process.kill();
  },
  widget: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await use(new WidgetPage(page));
    expect(errors, 'uncaught exceptions in the page').toEqual([]);
  },
});

export { expect };
