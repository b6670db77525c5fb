// What the release wasm is made of: `./dev.sh size` builds it with its function names kept and
// prints the bytes (after wasm-opt, before compression) by crate and the largest functions, so
// that a change sees what it costs where it is decided. Reads twiggy's CSV from standard input.
import { createInterface } from 'node:readline';
import { crateOf, withoutHashes } from './names.mjs';

const rows = [];
for await (const line of createInterface({ input: process.stdin })) {
  const match = /^"?(.*?)"?,(\d+),/.exec(line);
  const name = match && withoutHashes(match[1].replaceAll('""', '"'));
  if (match && !line.startsWith('Name,')) rows.push({ name, bytes: Number(match[2]) });
}
const items = rows.filter((r) => !/function names|data names|subsection/.test(r.name));
const byCrate = new Map();
for (const { name, bytes } of items) byCrate.set(crateOf(name), (byCrate.get(crateOf(name)) ?? 0) + bytes);
const total = items.reduce((sum, r) => sum + r.bytes, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`| crate | bytes | share |\n|---|---|---|`);
for (const [crate, bytes] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`| ${crate} | ${kb(bytes)} | ${((100 * bytes) / total).toFixed(1)} % |`);
}
console.log(`| all | ${kb(total)} | |\n\n| function | bytes |\n|---|---|`);
for (const { name, bytes } of items.sort((a, b) => b.bytes - a.bytes).slice(0, 30)) {
  const short = name.length > 140 ? `${name.slice(0, 137)}…` : name;
  console.log(`| \`${short.replaceAll('|', '\\|')}\` | ${bytes} |`);
}
