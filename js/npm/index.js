// aida-chat for web apps: `import { init } from 'aida-chat'`. The wasm is found through
// `new URL(…, import.meta.url)`, which Vite, webpack 5 and Rollup bundle without a plugin.
import start, { init as mount } from './aida-chat-glue.js';
import { defineElement as define, hostFor, mountWithEvents } from './element.js';

let loading = null;

// The built-in translations, each a module of its own: bundlers (Vite, webpack 5, Rollup) make
// each one a chunk, loaded only by a page that needs it. English is in the widget.
const LOCALES = {
  ar: () => import('./locales/ar.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  hi: () => import('./locales/hi.js'),
  id: () => import('./locales/id.js'),
  km: () => import('./locales/km.js'),
  pt: () => import('./locales/pt.js'),
  ru: () => import('./locales/ru.js'),
  sw: () => import('./locales/sw.js'),
  vi: () => import('./locales/vi.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
};
const translations = new Map();

/** A translation's texts, fetched once; undefined when it cannot be had. */
function translation(file) {
  if (!translations.has(file)) {
    const module = LOCALES[file];
    const texts = module
      ? module().then((m) => m.default).catch(() => undefined)
      : Promise.resolve(undefined);
    translations.set(file, texts);
  }
  return translations.get(file);
}

/** The translation the widget will most likely ask for (it decides, by language and script),
 * fetched beside the wasm; null for English. */
function likelyTranslation(options) {
  const tags = [options?.locale, globalThis.document?.documentElement.lang, ...(globalThis.navigator?.languages ?? [])];
  for (const tag of tags) {
    const language = String(tag ?? '').toLowerCase().split(/[-_]/)[0];
    if (language === 'en') return null;
    const file = Object.keys(LOCALES).find((f) => f.split('-')[0] === language);
    if (file) return file;
  }
  return null;
}

/** A large photo scaled down before its upload, by a chunk loaded the first time the visitor
 * attaches one; null: upload the file as it is. */
function shrinkPhoto(file, maxDimension, maxBytes) {
  return import('./aida-chat-photo.js')
    .then((m) => m.shrinkPhoto(file, maxDimension, maxBytes))
    .catch(() => null);
}

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
  const likely = likelyTranslation(options);
  if (likely) translation(likely);
  await load();
  const owned = options?.target == null;
  let target;
  try {
    target = hostFor(options?.target);
  } catch (error) {
    console.error(error.message);
    throw error;
  }
  return mountWithEvents(mount, { ...options, target }, owned, translation, shrinkPhoto);
}

/** Defines the `<aida-chat>` element (attributes named as the script tag's data- attributes:
 * `server`, `bot-id`, `access-token`, `open`, `locale`, …), each one mounted by `init`. */
export function defineElement() {
  define(init);
}
