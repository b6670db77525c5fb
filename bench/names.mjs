// Names in the wasm that `./dev.sh size` builds with its function names kept, as the bench's
// tools print them (`bench/size.mjs`, `bench/compiled.mjs`).

/** `name` without crate hashes (`yew[e75252b2b6ae770d]`, shorter when they start with a zero),
 * which only make names longer. */
export const withoutHashes = (name) => name.replace(/\[[0-9a-f]{12,16}\]/g, '');

/** The crate an item of the wasm comes from, by its name (a path, or a trait impl on one). */
export function crateOf(name) {
  if (name.startsWith('data segment') || /^data\[/.test(name)) return '(data: texts, tables, the style sheet)';
  const crate = /^[<&\s]*(?:mut\s+|dyn\s+)*([a-z_][a-z0-9_]*)::/.exec(name);
  return crate ? crate[1] : '(glue shims and unnamed)';
}
