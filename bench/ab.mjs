// Two builds restoring one conversation, interleaved in one browser:
//
//   node bench/ab.mjs DIST_A DIST_B [messages=500] [runs=15]
//
// prints each build's median time from navigation to the newest bubble painted and to all of
// them. `bench/run.mjs` holds the widget against the plain page; this holds two widgets against
// each other (an older commit's `dist/embed` and this one's), which separate runs of the bench
// cannot do on a machine whose timings move by tens of ms from run to run.
import { chromium } from '@playwright/test';
import { restoreWidget, serveWidget } from './restored.mjs';

const [a, b] = process.argv.slice(2, 4);
const messages = Number(process.argv[4] ?? 500);
const runs = Number(process.argv[5] ?? 15);
if (!a || !b) {
  console.error('usage: node bench/ab.mjs DIST_A DIST_B [messages] [runs]');
  process.exit(2);
}

const builds = { A: await serveWidget(a), B: await serveWidget(b) };
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});

/** One restore: navigation to the newest bubble painted, and to every bubble painted. */
async function restore({ ready }) {
  const context = await browser.newContext();
  const times = await restoreWidget(await context.newPage(), ready, messages);
  await context.close();
  return times;
}

const times = { A: [], B: [] };
// In turns, each build first every other time: the second of two restores in a row is not
// measured under the same conditions as the first.
for (let i = 0; i < runs; i++) {
  for (const name of i % 2 ? ['B', 'A'] : ['A', 'B']) times[name].push(await restore(builds[name]));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
for (const name of ['A', 'B']) {
  const newest = median(times[name].map((t) => t.newest)).toFixed(1);
  const all = median(times[name].map((t) => t.all)).toFixed(1);
  console.log(`${name} (${name === 'A' ? a : b}): restore ${messages}, newest painted ${newest} ms, all painted ${all} ms`);
}
await browser.close();
for (const { stop } of Object.values(builds)) stop();
