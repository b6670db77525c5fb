// aida-chat's Phoenix client behind the slice of the phoenix.js API that scenario.js uses.
import init, { TestSocket } from './pkg/aida_chat_conformance.js';

await init();

class Push {
  constructor() {
    this.hooks = [];
  }
  receive(status, callback) {
    this.hooks.push([status, callback]);
    return this;
  }
  fire(status, response) {
    for (const [s, callback] of this.hooks) if (s === status) callback(response);
  }
}

class Channel {
  constructor(socket, index) {
    this.socket = socket;
    this.index = index;
    this.joinPush = new Push();
  }
  join() {
    this.socket.inner.join(this.index);
    return this.joinPush;
  }
  push(event, payload = {}, timeout = 0) {
    const push = new Push();
    this.socket.pushes.set(this.socket.inner.push(this.index, event, JSON.stringify(payload), timeout), push);
    return push;
  }
  leave() {
    this.socket.inner.leave(this.index);
  }
}

export class Socket {
  constructor(endPoint, opts = {}) {
    this.channels = [];
    this.pushes = new Map();
    // Events are handled in a microtask: callbacks may call back into the client.
    const onEvent = (text) => queueMicrotask(() => this.dispatch(JSON.parse(text)));
    this.inner = new TestSocket(endPoint, JSON.stringify(opts.params ?? {}), opts.heartbeatIntervalMs ?? 30000, onEvent);
  }
  connect() {
    this.inner.connect();
  }
  disconnect() {
    this.inner.disconnect();
  }
  channel(topic, params = {}) {
    const channel = new Channel(this, this.inner.channel(topic, JSON.stringify(params)));
    this.channels[channel.index] = channel;
    return channel;
  }
  dispatch(event) {
    const channel = this.channels[event.channel];
    switch (event.type) {
      case 'joined':
        return channel?.joinPush.fire('ok', event.response);
      case 'join_error':
        return channel?.joinPush.fire('error', event.response);
      case 'join_timeout':
        return channel?.joinPush.fire('timeout', {});
      case 'reply':
        return this.pushes.get(event.push)?.fire(event.status, event.response);
      case 'timeout':
        return this.pushes.get(event.push)?.fire('timeout', {});
    }
  }
}

