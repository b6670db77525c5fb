// The <aida-chat> element, the reading of data- attributes and the handle's events, shared by
// the loader (dev.sh writes this file into js/aida-chat.js, without the `export`s) and the npm
// module (which imports it). Written for the loader's ES5 readers, but for the class.

// data-server, data-bot-id, data-access-token, data-title, data-open, data-load, data-locale, …
export function optionsFromDataset(dataset) {
  var options = {};
  Object.keys(dataset).forEach(function (key) {
    var value = dataset[key];
    if (key === 'open' || key === 'botLanguage') value = value !== 'false';
    else if (key === 'maxImageBytes' || key === 'maxImageDimension') value = Number(value);
    else if (/^(userData|strings|theme|notify)$/.test(key)) {
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

export function reportOnly(error) {
  // init's own errors are already in the console; a page that asked for nothing gets nothing thrown.
  if (error && !/^aida-chat:/.test(error.message)) console.error(error);
}

var ATTRIBUTES = ['server', 'bot-id', 'access-token', 'content-url', 'title', 'open', 'load', 'position',
  'locale', 'bot-language', 'greeting', 'notify', 'theme', 'strings', 'user-data', 'max-image-bytes',
  'max-image-dimension'];

// <aida-chat server="wss://…/socket" bot-id="…" access-token="…">: a widget declared in markup,
// with the data- attributes' names, mounted by `init(options)`. It mounts when it is connected,
// follows `open` and `locale` live (any other change mounts it again with the new options), and
// destroys itself, socket, timers and listeners, when it is removed. `element.handle` is its
// handle once it is live (and a `ready` event says so). A host made by init() has no bot-id and
// stays a plain host. Defined once per page: a second call keeps the first definition.
export function defineElement(init) {
  if (!window.customElements || customElements.get('aida-chat')) return;
  customElements.define('aida-chat', class extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }
    connectedCallback() {
      this.mount();
    }
    disconnectedCallback() {
      this.unmount();
    }
    attributeChangedCallback(name, before, value) {
      // Before it is connected, mount() reads every attribute anyway.
      if (!this.mounting || before === value) return;
      if (name === 'open' && this.handle) value === null || value === 'false' ? this.handle.close() : this.handle.open();
      else if (name === 'locale' && this.handle && value) this.handle.setLocale(value);
      else {
        this.unmount();
        this.mount();
      }
    }
    mount() {
      if (this.mounting || !this.isConnected || !this.hasAttribute('bot-id')) return;
      var element = this, dataset = {};
      ATTRIBUTES.forEach(function (name) {
        if (element.hasAttribute(name)) dataset[name.replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); })] = element.getAttribute(name);
      });
      var options = optionsFromDataset(dataset);
      options.target = this;
      var mounting = (this.mounting = {});
      init(options).then(function (handle) {
        if (element.mounting !== mounting) return handle.destroy();
        element.handle = handle;
        element.dispatchEvent(new CustomEvent('ready', { detail: handle }));
      }, reportOnly);
    }
    unmount() {
      this.mounting = null;
      if (this.handle) this.handle.destroy();
      this.handle = null;
      if (this.shadowRoot) this.shadowRoot.replaceChildren();
    }
  });
}

// `options.target` (an element or a selector), or a new <aida-chat> at the end of the body.
export function hostFor(target) {
  if (target instanceof Element) return target;
  if (typeof target === 'string') {
    var found = document.querySelector(target);
    if (!found) throw new Error('aida-chat: the option `target` matches no element: ' + JSON.stringify(target));
    return found;
  }
  if (target != null) throw new Error('aida-chat: the option `target` must be an element or a selector');
  if (!document.body) throw new Error('aida-chat: the page has no body yet');
  return document.body.appendChild(document.createElement('aida-chat'));
}

// A widget mounted by the glue's `init` in `options.target` (an element), with its handle's
// `on(event, listener)` and `off`: the widget tells what happens through `emit(name, a, b)`, and
// the page's listeners are kept and called here (which costs the wasm nothing). A listener that
// throws is the page's bug: it is reported, and the others still hear the event. `destroy`
// removes the host when it was made for the widget (`owned`), or else empties it.
export function mountWithEvents(mount, options, owned, translation, shrinkPhoto) {
  var listeners = [];
  var handle = mount(options, translation, shrinkPhoto, function (name, a, b) {
    var detail = name === 'message' ? { from: a, text: b } : name === 'error' ? new Error(a) : a;
    listeners.forEach(function (listener) {
      if (listener[0] !== name) return;
      try {
        listener[1](detail);
      } catch (error) {
        console.error('aida-chat: an event listener threw', error);
      }
    });
  });
  handle.on = function (event, listener) {
    listeners = listeners.concat([[event, listener]]);
  };
  handle.off = function (event, listener) {
    listeners = listeners.filter(function (l) {
      return l[0] !== event || l[1] !== listener;
    });
  };
  var destroy = handle.destroy;
  handle.destroy = function () {
    listeners = [];
    destroy.call(handle);
    if (owned) options.target.remove();
    else if (options.target.shadowRoot) options.target.shadowRoot.replaceChildren();
  };
  return handle;
}
