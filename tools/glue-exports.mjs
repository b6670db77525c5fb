// Drops `initSync` from the exports of the wasm-bindgen glue, so that the minifier drops the
// function: the loader and the npm module load the wasm asynchronously, never with it. Stops the
// build if the glue does not export exactly what is expected.
//
// usage: node tools/glue-exports.mjs GLUE   (rewritten in place)
import fs from 'node:fs';

const path = process.argv[2];
const glue = fs.readFileSync(path, 'utf8');
const expected = 'export { initSync, __wbg_init as default };';
if (glue.split(expected).length !== 2) throw new Error(`the glue does not end with ${expected}`);
fs.writeFileSync(path, glue.replace(expected, 'export { __wbg_init as default };'));
