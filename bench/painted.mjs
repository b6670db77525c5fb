// When a page first painted something, watched from its first script on.

/** Makes the next page loaded in `page` note, for each of `moments` (a name and a JavaScript
 * condition on `node`, the element that `root`, an expression, gives), the moment from
 * navigation when what the condition asks for was painted, and give them all as the promise
 * `window.__painted` (rejected, naming `what`, if they are not there within 60 s). A shadow root
 * is watched once it is there.
 *
 * Each moment is the start of the frame after the one that painted it. A mutation observer sees
 * the page change: a change made in an animation frame callback is painted by that frame, any
 * other by the next. The start of a frame is taken by an animation frame loop whose callback is
 * always the first of its frame, so that the page's own callbacks (the widget draws a restore's
 * older bubbles in one) are not counted in it, whichever asked for a frame first.
 *
 * The watch runs before the page's own scripts. One started by `page.evaluate` once `goto`
 * returns begins after the load event, and a page can paint before that: the plain page's
 * launcher and restored history were counted when the evaluation came, not when they were
 * painted (in one run where both watches timed the same 15 cold restores of 500, up to 15 ms
 * late, median 113 against 101 ms, and the widget's up to 7 ms). */
export function watchPainted(page, root, moments, what) {
  const conditions = Object.entries(moments)
    .map(([name, condition]) => `if (!due[${JSON.stringify(name)}] && (${condition})) due[${JSON.stringify(name)}] = painting + 1;`)
    .join('\n      ');
  const count = Object.keys(moments).length;
  return page.addInitScript(`window.__painted = new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(${JSON.stringify(`${what}: not painted in 60 s`)})), 60000);
    // Frames begun, whether a callback of the page's is running in one, and the frame at whose
    // start each moment is taken.
    let frames = 0, inFrame = false;
    const due = {}, at = {};
    const original = window.requestAnimationFrame;
    const request = original.bind(window);
    const frame = () => {
      frames += 1;
      for (const name in due) if (due[name] === frames) at[name] = performance.now();
      if (Object.keys(at).length < ${count}) return request(frame);
      // Done: the page goes on as if it had never been watched (what a test does next is its own).
      observer.disconnect();
      window.requestAnimationFrame = original;
      clearTimeout(timeout);
      resolve(at);
    };
    request(frame);
    const watched = new Set();
    const check = () => {
      const node = ${root};
      if (!node) return;
      if (!watched.has(node)) {
        watched.add(node);
        observer.observe(node, { childList: true, subtree: true, characterData: true });
      }
      const painting = inFrame ? frames : frames + 1;
      ${conditions}
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
    // What a callback of the page's changes is seen before it returns, while its frame is known.
    window.requestAnimationFrame = (callback) =>
      request((time) => {
        inFrame = true;
        try {
          callback(time);
        } finally {
          if (observer.takeRecords().length) check();
          inFrame = false;
        }
      });
  });`);
}
