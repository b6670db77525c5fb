// Gives the wasm's imports and exports short names, in the wasm and in its wasm-bindgen glue.
//
// wasm-bindgen names every import after the browser method and a 16-digit hash
// (`__wbg_setAttribute_7c1e…`), and every closure export after its Rust types (300 characters
// and more). The names are written twice, in the wasm and in the glue, and the hashes do not
// compress: about 10 KB of the wasm and 9 KB of the glue before compression. Here each import
// becomes a name of one or two letters, its module "a", and each export but `memory` (which the
// loader reads) a short name too; the glue's import object and its `wasm.NAME` calls are
// rewritten to match, and imports whose shims have the same text share one. Every name is
// checked: a glue that still mentions an old name, or an import the glue does not define
// exactly once, stops the build.
//
// usage: node tools/short-names.mjs WASM GLUE   (both rewritten in place)
import fs from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
const wasm = fs.readFileSync(wasmPath);
let glue = fs.readFileSync(gluePath, 'utf8');

// ----- the wasm binary: sections, LEB128 integers, names -----
function readUleb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
function uleb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}
function readName(bytes, at) {
  const [length, start] = readUleb(bytes, at);
  return [bytes.toString('utf8', start, start + length), start + length];
}
const name = (text) => Buffer.concat([uleb(Buffer.byteLength(text)), Buffer.from(text)]);

// Short names: a, b, ... Z, aa, ab, ... (a reserved word such as `do` is a valid property name).
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
function* shortNames() {
  for (const a of letters) yield a;
  for (const a of letters) for (const b of letters) yield a + b;
  throw new Error('more than 2,700 names');
}

// wasm-bindgen writes a shim per imported method of each type, so `innerHTML` set on an element
// and on a shadow root are two shims with the same text. Such imports share one name and one
// shim: a module may import one function under several types.
const shims = new Map();
const importLine = /^ {8}([A-Za-z_$][\w$]*): (function\(.*)$/;
{
  const lines = glue.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = importLine.exec(lines[i]);
    if (!match) continue;
    let end = i + 1;
    while (end < lines.length && !/^ {8}\},?$/.test(lines[end])) end++;
    shims.set(match[1], { text: [match[2], ...lines.slice(i + 1, end)].join('\n'), from: i, to: end });
  }
}
const sameAs = new Map();
{
  const first = new Map();
  for (const [field, { text }] of shims) {
    if (!first.has(text)) first.set(text, field);
    sameAs.set(field, first.get(text));
  }
}
const shortOf = new Map();

const IMPORT = 2;
const EXPORT = 7;
const imports = new Map();
let importModule;
const exports = new Map();
const sections = [];
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, start] = readUleb(wasm, at + 1);
  const end = start + size;
  let body = wasm.subarray(start, end);
  if (id === IMPORT) body = rewriteImports(body);
  if (id === EXPORT) body = rewriteExports(body);
  sections.push(Buffer.from([id]), uleb(body.length), body);
  at = end;
}

// An import is (module, field, kind and type); the kind's own bytes are copied as they are.
function rewriteImports(body) {
  const names = shortNames();
  let [count, p] = readUleb(body, 0);
  const out = [uleb(count)];
  for (; count > 0; count--) {
    let module, field;
    [module, p] = readName(body, p);
    [field, p] = readName(body, p);
    if (importModule !== undefined && module !== importModule) throw new Error(`imports from two modules: ${module}`);
    importModule = module;
    const kind = body[p];
    if (kind !== 0) throw new Error(`import ${field} is not a function`);
    const [, next] = readUleb(body, p + 1);
    const canonical = sameAs.get(field) ?? field;
    if (!shortOf.has(canonical)) shortOf.set(canonical, names.next().value);
    const short = shortOf.get(canonical);
    imports.set(field, short);
    out.push(name('a'), name(short), body.subarray(p, next));
    p = next;
  }
  return Buffer.concat(out);
}

function rewriteExports(body) {
  const names = shortNames();
  let [count, p] = readUleb(body, 0);
  const out = [uleb(count)];
  for (; count > 0; count--) {
    let field;
    [field, p] = readName(body, p);
    const [, next] = readUleb(body, p + 1);
    const short = field === 'memory' ? field : names.next().value;
    exports.set(field, short);
    out.push(name(short), body.subarray(p, next));
    p = next;
  }
  return Buffer.concat(out);
}

// ----- the glue -----
// The shims that another with the same text stands for go; the lines are cut from the last up.
const fields = [...imports.keys()];
const shared = fields.filter((field) => sameAs.get(field) !== field);
{
  const lines = glue.split('\n');
  for (const field of [...shared].sort((a, b) => shims.get(b).from - shims.get(a).from)) {
    const { from, to } = shims.get(field);
    lines.splice(from, to - from + 1);
  }
  glue = lines.join('\n');
}
const escape = (text) => text.replace(/[$]/g, '\\$');
for (const [old, short] of imports) {
  if (shared.includes(old)) continue;
  const key = new RegExp(`(^|[\\s{,])${escape(old)}:`, 'g');
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) throw new Error(`the glue defines the import ${old} ${found} times`);
  glue = glue.replace(key, `$1${short}:`);
}
const moduleKey = `"${importModule}": import0`;
if (glue.split(moduleKey).length !== 2) throw new Error('the glue does not name the import module once');
glue = glue.replace(moduleKey, '"a": import0');
for (const [old, short] of exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(old)}\\b`, 'g'), `wasm.${short}`);
}
for (const old of fields) {
  if (new RegExp(`\\b${escape(old)}\\b`).test(glue)) throw new Error(`the glue still names the import ${old}`);
}
for (const old of exports.keys()) {
  if (old !== 'memory' && new RegExp(`\\bwasm\\.${escape(old)}\\b`).test(glue)) {
    throw new Error(`the glue still calls the export ${old}`);
  }
}
if (/\bwasm\[/.test(glue)) throw new Error('the glue reads an export by a computed name');

fs.writeFileSync(wasmPath, Buffer.concat([wasm.subarray(0, 8), ...sections]));
fs.writeFileSync(gluePath, glue);
console.log(`short names: ${fields.length} imports (${shared.length} sharing a shim), ${exports.size} exports`);
