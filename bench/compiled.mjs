// What a cold restore compiles before its newest bubble is painted:
//
//   ./dev.sh size && node bench/compiled.mjs [messages=500] [--all]
//
// V8 compiles a function of the wasm the first time it is called (lazy compilation), on the
// page's main thread, so every function the start calls costs time before the first paint. This
// restores one conversation in a new browser profile with the wasm that `./dev.sh size` left
// with its function names (target/size), records Chromium's trace of those compilations up to
// the newest bubble painted, and prints them by crate (`--all`: every function, in call order).
// Tracing makes each compilation slower: read the times against each other, not the bench's.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { crateOf, withoutHashes } from './names.mjs';
import { restoreWidget, serveWidget } from './restored.mjs';
import { target } from './server.mjs';

const messages = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 500);
const all = process.argv.includes('--all');
const root = path.join(import.meta.dirname, '..');
const named = path.join(target, 'size');
if (!fs.existsSync(path.join(named, 'named.wasm'))) {
  console.error('no wasm with names: run ./dev.sh size first');
  process.exit(2);
}

/** Each function's name and body size, by its index (imported functions come first). */
function functionsOf(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; at < bytes.length; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Error('the wasm ends inside a number');
  };
  /** Reads a length and gives the offset that far past it. */
  const past = () => {
    const length = leb();
    return at + length;
  };
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    const end = past();
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        at = past(); // the module's name
        at = past(); // the item's name
        const kind = bytes[at++];
        // What is imported: a function (its type), a table (its element type and limits), a
        // memory (its limits: flags, the minimum, and the maximum when the flags say so), a
        // global (type and mutability) or a tag.
        if (kind === 0) {
          imported++;
          leb();
        } else if (kind === 1 || kind === 2) {
          if (kind === 1) at++;
          if (leb() & 1) leb();
          leb();
        } else if (kind === 3) {
          at += 2;
        } else {
          at++;
          leb();
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        sizes.push(size);
        at += size;
      }
    } else if (id === 0 && bytes.toString('utf8', at + 1, at + 1 + bytes[at]) === 'name') {
      at += 1 + bytes[at];
      while (at < end) {
        const kind = bytes[at++];
        const next = past();
        // The function names' subsection.
        if (kind === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const length = leb();
            names.set(index, withoutHashes(bytes.toString('utf8', at, at + length)));
            at += length;
          }
        }
        at = next;
      }
    }
    at = end;
  }
  return (index) => ({ name: names.get(index) ?? `function ${index}`, size: sizes[index - imported] ?? 0 });
}

const { ready, stop } = await serveWidget(path.join(root, 'dist', 'embed'), {
  'aida-chat_bg.wasm': path.join(named, 'named.wasm'),
  'aida-chat-glue.js': path.join(named, 'named.js'),
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const painted = await restoreWidget(page, ready, messages, () =>
  browser.startTracing(page, { categories: ['blink.user_timing', 'v8.wasm'] }),
);
const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
await browser.close();
stop();

// Times from the renderer's navigation start, as the page's own clock counts them.
const start = traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes('/widget.html'));
const until = start.ts + painted.newest * 1000;
const describe = functionsOf(fs.readFileSync(path.join(named, 'named.wasm')));
const compiled = traceEvents
  .filter((e) => e.name === 'wasm.CompileLazy' && e.pid === start.pid && e.ts <= until)
  .sort((a, b) => a.ts - b.ts)
  .map((e) => ({ at: (e.ts - start.ts) / 1000, ms: e.dur / 1000, ...describe(e.args.func_index) }));
const byCrate = new Map();
for (const f of compiled) {
  const crate = byCrate.get(crateOf(f.name)) ?? { count: 0, size: 0 };
  byCrate.set(crateOf(f.name), { count: crate.count + 1, size: crate.size + f.size });
}
const sum = (key) => compiled.reduce((total, f) => total + f[key], 0);
console.log(
  `restore of ${messages}: newest painted at ${painted.newest.toFixed(0)} ms (traced); ${compiled.length} functions, ` +
    `${(sum('size') / 1024).toFixed(1)} KiB of code, compiled lazily before it in ${sum('ms').toFixed(1)} ms\n`,
);
console.log('| crate | functions | code |\n|---|---|---|');
for (const [crate, { count, size }] of [...byCrate].sort((a, b) => b[1].size - a[1].size)) {
  console.log(`| ${crate} | ${count} | ${(size / 1024).toFixed(1)} KiB |`);
}
if (all) {
  console.log('\n| at (ms) | bytes | function |\n|---|---|---|');
  for (const f of compiled) console.log(`| ${f.at.toFixed(1)} | ${f.size} | \`${f.name.replaceAll('|', '\\|')}\` |`);
}
