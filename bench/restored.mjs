// What the bench and `bench/ab.mjs` wait for in a restore, as a script for `page.evaluate`: two
// moments from navigation, the newest message painted (what a returning visitor sees first) and
// every message of the history painted. `root` is an expression for the element to search.
export function restoredScript(root, messages, name) {
  return `new Promise((resolve, reject) => {
    let newest = 0;
    setTimeout(() => reject(new Error('${name}: a restore of ${messages} messages was not painted in 60 s')), 60000);
    const check = () => {
      const root = ${root};
      const bubbles = root ? root.querySelectorAll('[data-from="bot"]') : [];
      if (!newest && bubbles.length && bubbles[bubbles.length - 1].textContent.includes('restored ${messages - 1}')) {
        requestAnimationFrame(() => (newest = performance.now()));
      }
      bubbles.length >= ${messages} && newest
        ? requestAnimationFrame(() => resolve({ newest, all: performance.now() }))
        : requestAnimationFrame(check);
    };
    check();
  })`;
}
