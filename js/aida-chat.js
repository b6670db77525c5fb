/*! aida-chat loader */
// window.AidaChat, and a widget for every <script data-bot-id> tag. It paints the launcher at
// once and fetches the widget (wasm and glue, found next to this file, so the three files move
// together) when the page is idle, on first open, or at once.
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL('.', script && script.src ? script.src : location.href);
  var existing = window.AidaChat;
  var loading = null;

  // The launcher as src/ui/style.css draws it, painted before the widget arrives; the widget's
  // own stylesheet replaces this one (e2e/embed.spec.ts checks that nothing moves).
  var LAUNCHER_CSS =
    ':host{--aida-accent:#2457c5;--aida-accent-text:#fff;--aida-z:2147483000;all:initial}' +
    '.aida-chat{position:fixed;inset:auto 20px 20px auto;z-index:var(--aida-z);display:flex;' +
    'flex-direction:column;align-items:flex-end;gap:12px;font:14px/1.45 system-ui,sans-serif}' +
    ':host([data-position="left"]) .aida-chat{inset:auto auto 20px 20px;align-items:flex-start}' +
    '.launcher{position:relative;width:56px;height:56px;border:0;border-radius:50%;' +
    'background:var(--aida-accent);color:var(--aida-accent-text);box-shadow:0 6px 20px rgb(0 0 0/.25);' +
    'display:grid;place-items:center;font:inherit;cursor:pointer}' +
    '.launcher[aria-busy="true"]{cursor:progress;opacity:.8}' +
    'svg{width:24px;height:24px;fill:currentColor}' +
    ':focus-visible{outline:3px solid var(--aida-accent);outline-offset:2px}';

  /** Fetches and starts the widget's wasm once; later calls share it. The wasm is requested
   * beside the glue, not after it, which saves a round trip. A failed fetch is reported and
   * forgotten, so that the next open tries again. */
  function load() {
    if (!loading) {
      var wasmResponse = fetch(new URL('aida-chat_bg.wasm', base));
      // Handled where the glue awaits it; this only keeps an early failure from being reported
      // twice as an unhandled rejection.
      wasmResponse.catch(function () {});
      loading = import(new URL('aida-chat-glue.js', base).href)
        .then(function (glue) {
          return glue.default({ module_or_path: wasmResponse }).then(function (wasm) {
            // For diagnostics and the benchmarks: the size of the widget's wasm memory.
            api.wasmMemory = function () {
              return wasm.memory.buffer.byteLength;
            };
            return glue;
          });
        })
        .catch(function (error) {
          loading = null;
          console.error('aida-chat: cannot load the widget from ' + base.href + ': ' + error);
          throw error;
        });
    }
    return loading;
  }

  // The built-in translations, `locales/<file>.json` beside this file (English is in the widget).
  var LOCALES = ['ar', 'es', 'fr', 'hi', 'id', 'km', 'pt', 'ru', 'sw', 'vi', 'zh-Hans'];
  var translations = {};

  /** A translation's texts, fetched once; undefined when it cannot be had. */
  function translation(file) {
    if (!translations[file]) {
      translations[file] = fetch(new URL('locales/' + file + '.json', base))
        .then(function (response) {
          return response.ok ? response.json() : undefined;
        })
        .catch(function () {
          return undefined;
        });
    }
    return translations[file];
  }

  /** The translation the widget will most likely ask for, by the language of the first of the
   * visitor's tags that one serves (the widget decides, by language and script), so that it can
   * be fetched beside the wasm; null for English. */
  function likelyTranslation(options) {
    var tags = [options.locale, document.documentElement.lang].concat(navigator.languages || []);
    for (var i = 0; i < tags.length; i++) {
      var language = String(tags[i] || '').toLowerCase().split(/[-_]/)[0];
      if (language === 'en') return null;
      for (var j = 0; j < LOCALES.length; j++) {
        if (LOCALES[j].split('-')[0] === language) return LOCALES[j];
      }
    }
    return null;
  }

  var photos = null;

  /** A large photo scaled down before its upload by `aida-chat-photo.js` beside this file,
   * fetched the first time the visitor attaches one; null: upload the file as it is. */
  function shrinkPhoto(file, maxDimension, maxBytes) {
    if (!photos) {
      photos = import(new URL('aida-chat-photo.js', base).href);
      photos.catch(function () {
        photos = null;
      });
    }
    return photos
      .then(function (module) {
        return module.shrinkPhoto(file, maxDimension, maxBytes);
      })
      .catch(function () {
        return null;
      });
  }

  /** The launcher, themed and placed as the options say, before any wasm. */
  function paintLauncher(host, options) {
    var theme = options.theme || {};
    Object.keys(theme).forEach(function (key) {
      if (key !== 'mode' && typeof theme[key] === 'string') host.style.setProperty('--aida-' + key.replace(/^--(aida-)?/, ''), theme[key]);
    });
    if (options.position === 'left') host.setAttribute('data-position', 'left');
    var shadow = host.shadowRoot || host.attachShadow({ mode: 'open' });
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(LAUNCHER_CSS);
    shadow.adoptedStyleSheets = [sheet];
    var frame = shadow.appendChild(document.createElement('div'));
    frame.className = 'aida-chat';
    // Fixed markup; the one text from the page, the label, is set as an attribute.
    frame.innerHTML =
      '<button type="button" class="launcher" aria-expanded="false">' +
      '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z"/></svg></button>';
    frame.firstChild.setAttribute('aria-label', (options.strings && options.strings.openChat) || 'Open chat');
    return frame;
  }

  /** Mounts a widget and resolves with its handle (open, close, toggle, send, putData,
   * newConversation, on, off, destroy) once it is live: at once with `load: 'eager'` or
   * `open: true`, when the page is idle (the default, `'idle'`: at once for a visitor who has
   * a conversation with this bot stored), or on the first open
   * (`'open'`). Until then the launcher is painted and a click on it loads and opens. A bad
   * option is named in the console, shown in the widget, and rejects. */
  function init(options) {
    options = Object.assign({}, options);
    var mode = options.load || (options.open ? 'eager' : 'idle');
    if (!/^(idle|open|eager)$/.test(mode)) {
      console.error('aida-chat: the option `load` must be "idle", "open" or "eager" (got ' + JSON.stringify(mode) + '); loading when idle');
      mode = 'idle';
    }
    delete options.load;
    return whenBody().then(function () {
      var owned = options.target == null;
      var host;
      try {
        host = hostFor(options.target);
      } catch (error) {
        console.error(error.message);
        throw error;
      }
      options.target = host;
      var frame = paintLauncher(host, options);
      var button = frame.firstChild;
      return new Promise(function (resolve, reject) {
        var started = false;
        var openWhenLive = false;
        // A press on the launcher not yet released: if the widget goes live meanwhile, the
        // release lands on the widget's own launcher and makes no click, so the press opens it
        // (a pointer's primary button, or Space, which clicks a button when released).
        var pressed = false;
        function start() {
          if (started) return;
          started = true;
          button.setAttribute('aria-busy', 'true');
          var likely = likelyTranslation(options);
          if (likely) {
            translation(likely).then(function (texts) {
              var label = (options.strings && options.strings.openChat) || (texts && texts.openChat);
              if (label && frame.isConnected) button.setAttribute('aria-label', label);
            });
          }
          load().then(
            function (glue) {
              var hadFocus = host.shadowRoot.activeElement === button;
              var open = openWhenLive || pressed;
              release();
              frame.remove();
              var handle;
              try {
                handle = mountWithEvents(glue.init, options, owned, translation, shrinkPhoto);
              } catch (error) {
                return reject(error);
              }
              if (open) handle.open();
              else if (hadFocus) requestAnimationFrame(function () {
                var launcher = host.shadowRoot.querySelector('.launcher');
                if (launcher) launcher.focus();
              });
              resolve(handle);
            },
            function () {
              // Reported by load(); the launcher stays, and the next click tries again.
              started = false;
              button.removeAttribute('aria-busy');
            },
          );
        }
        button.addEventListener('click', function () {
          openWhenLive = true;
          start();
        });
        var RELEASES = ['pointerup', 'pointercancel', 'keyup'];
        function press(event) {
          if (event.type === 'pointerdown' ? event.button : event.key !== ' ') return;
          pressed = true;
          RELEASES.forEach(function (type) {
            window.addEventListener(type, release, true);
          });
          start();
        }
        function release() {
          pressed = false;
          RELEASES.forEach(function (type) {
            window.removeEventListener(type, release, true);
          });
        }
        button.addEventListener('pointerdown', press);
        button.addEventListener('keydown', press);
        // A pointer on its way to the launcher, or focus on it, is a good time to fetch.
        button.addEventListener('pointerenter', start);
        button.addEventListener('focus', start);
        if (mode === 'eager' || (mode === 'idle' && returning(options.botId))) start();
        else if (mode !== 'open') {
          if (window.requestIdleCallback) requestIdleCallback(start, { timeout: 3000 });
          else setTimeout(start, 200);
        }
      });
    });
  }

  /** Whether this browser keeps a conversation with `botId` (the key as `store_key` in
   * src/aida/store.rs writes it). Such a visitor is back to it: the widget starts at once, to
   * show it and hear the bot's answers that came meanwhile, and its files are most likely in the
   * HTTP cache, so it costs the page little. */
  function returning(botId) {
    try {
      // Asked by name: the stored conversation itself is not read (the widget reads it once).
      return 'aida-chat:v1:' + botId in localStorage;
    } catch (error) {
      return false;
    }
  }

  /** Resolves once document.body exists (the loader may run in <head>). */
  function whenBody() {
    if (document.body) return Promise.resolve();
    return new Promise(function (resolve) {
      document.addEventListener('DOMContentLoaded', function () {
        resolve();
      });
    });
  }

  // optionsFromDataset, reportOnly, defineElement, hostFor and mountWithEvents: js/element.js,
  // written in here by dev.sh.
  /* js/element.js */
  defineElement(init);

  var api = { init: init, load: load };
  window.AidaChat = api;

  // Calls queued by a stub snippet before this script ran: `AidaChat.q.push(['init', options, resolve])`.
  var queued = existing && existing.q ? existing.q : [];
  queued.forEach(function (call) {
    var result = api[call[0]].apply(null, [call[1]]);
    if (typeof call[2] === 'function') result.then(call[2], reportOnly);
    else result.catch(reportOnly);
  });

  if (script && script.dataset.botId) {
    init(optionsFromDataset(script.dataset)).then(function (handle) {
      api.widget = handle;
      window.dispatchEvent(new CustomEvent('aida-chat:ready', { detail: handle }));
    }, reportOnly);
  }
})();
