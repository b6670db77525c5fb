// aida-chat for web apps: `import { init } from 'aida-chat'`. The wasm is found through
// `new URL(…, import.meta.url)`, which Vite, webpack 5 and Rollup bundle without a plugin.
import start, { init as mount } from './aida-chat-glue.js';

let loading = null;

/** Fetches and starts the widget's wasm once (init does it too: call this to fetch early). */
export function load() {
  if (!loading) {
    loading = start({ module_or_path: new URL('./aida-chat_bg.wasm', import.meta.url) }).then(
      () => undefined,
      (error) => {
        loading = null;
        console.error(`aida-chat: cannot load the widget: ${error}`);
        throw error;
      },
    );
  }
  return loading;
}

/** Mounts a widget and resolves with its handle. A bad option is named in the console, shown
 * in the widget, and rejects. */
export async function init(options) {
  await load();
  return mount(options);
}
