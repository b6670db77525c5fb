// The dev server as the bench runs it: its debug build, serving a site on a port chosen at run time.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';

/** Where cargo builds (the dev server, and `./dev.sh size`'s wasm with its names). */
export const target = process.env.CARGO_TARGET_DIR ?? path.join(import.meta.dirname, '..', 'target');

/** Starts the dev server on `site` with `args` besides, and resolves once it listens: `ready` is
 * what it announces (its URL, a bot and its token), `server` the process. Its warnings reach the
 * bench's standard error. */
export async function devServer(site, args = []) {
  const server = spawn(path.join(target, 'debug', 'aida-dev-server'), ['--port', '0', '--static-dir', site, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  const ready = await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`dev server exited with ${code}`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      if (line.startsWith('AIDA_DEV_SERVER_READY ')) resolve(JSON.parse(line.slice(22)));
    });
  });
  return { server, ready };
}
