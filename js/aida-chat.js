/*! aida-chat loader: window.AidaChat, and a widget for every <script data-bot-id> tag.
 * It finds the wasm and its glue next to itself, so the three files move together. */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL('.', script && script.src ? script.src : location.href);
  var existing = window.AidaChat;
  var loading = null;

  function load() {
    if (!loading) {
      loading = import(new URL('aida-chat-glue.js', base).href).then(function (glue) {
        return glue.default({ module_or_path: new URL('aida-chat_bg.wasm', base) }).then(function (wasm) {
          // For diagnostics and the benchmarks: the size of the widget's wasm memory.
          api.wasmMemory = function () {
            return wasm.memory.buffer.byteLength;
          };
          return glue;
        });
      });
    }
    return loading;
  }

  /** Mounts a widget; resolves with its handle (open, close, toggle, send, putData,
   * newConversation, on, off, destroy). Rejects, and logs, when an option is wrong. */
  function init(options) {
    return load().then(function (glue) {
      return glue.init(options || {});
    });
  }

  // data-server, data-bot-id, data-access-token, data-title, data-open, data-position, …
  function optionsFromDataset(dataset) {
    var options = {};
    Object.keys(dataset).forEach(function (key) {
      var value = dataset[key];
      if (key === 'open') value = value !== 'false';
      else if (key === 'maxImageBytes') value = Number(value);
      else if (key === 'userData' || key === 'strings' || key === 'theme') {
        try {
          value = JSON.parse(value);
        } catch (e) {
          console.error('aida-chat: the attribute data-' + key.replace(/[A-Z]/g, '-$&').toLowerCase() + ' must be JSON');
          return;
        }
      }
      options[key] = value;
    });
    return options;
  }

  var api = { init: init, load: load };
  window.AidaChat = api;

  // Calls queued by a stub snippet before this script ran: `AidaChat.q.push(['init', options, resolve])`.
  var queued = existing && existing.q ? existing.q : [];
  queued.forEach(function (call) {
    var result = api[call[0]].apply(null, [call[1]]);
    if (typeof call[2] === 'function') result.then(call[2], function () {});
  });

  if (script && script.dataset.botId) {
    init(optionsFromDataset(script.dataset)).then(
      function (handle) {
        api.widget = handle;
        window.dispatchEvent(new CustomEvent('aida-chat:ready', { detail: handle }));
      },
      function () {
        /* already reported in the console, naming the option */
      },
    );
  }
})();
