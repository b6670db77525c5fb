// The dev server against a peer no one here wrote: the official phoenix.js 1.8.16 client.
// Node 20 has no global WebSocket, so the client gets `ws` as its transport (without it, it
// would silently fall back to long-polling).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { Socket } from 'phoenix';
import WebSocket from 'ws';

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(process.env.CARGO_TARGET_DIR || path.join(root, 'target'), 'debug', 'aida-dev-server');

let server;
let ready;

before(async () => {
  server = spawn(bin, ['--port', '0', '--reply-delay-ms', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no READY line in 10 s')), 10_000);
    createInterface({ input: server.stdout }).on('line', (line) => {
      const m = /^AIDA_DEV_SERVER_READY (.*)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]));
      }
    });
  });
});

after(() => server.kill());

const sockets = [];
function connect(opts = {}) {
  const socket = new Socket(ready.socket, { transport: WebSocket, ...opts });
  socket.connect();
  sockets.push(socket);
  return socket;
}
test.afterEach(() => {
  while (sockets.length) sockets.pop().disconnect();
});

/** Resolves with [status, response] of a push or join, or rejects after `ms`. */
function outcome(push, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no outcome')), ms);
    for (const status of ['ok', 'error', 'timeout']) {
      push.receive(status, (response) => {
        clearTimeout(timer);
        resolve([status, response]);
      });
    }
  });
}

function nextEvent(channel, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event}`)), ms);
    const ref = channel.on(event, (payload) => {
      clearTimeout(timer);
      channel.off(event, ref);
      resolve(payload);
    });
  });
}

const post = (p, body = {}) =>
  fetch(`${ready.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function joined() {
  const socket = connect();
  const channel = socket.channel(`bot:${ready.bot_id}`, { access_token: ready.access_token });
  assert.deepEqual(await outcome(channel.join()), ['ok', {}]);
  return { socket, channel };
}

async function session(channel) {
  const [status, response] = await outcome(channel.push('new_session', {}));
  assert.equal(status, 'ok');
  assert.match(response.session, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  return response.session;
}

test('join: ok with the token, unauthorized without, starting while the bot loads', async () => {
  await joined();
  const socket = connect();
  const wrong = socket.channel(`bot:${ready.bot_id}`, { access_token: 'nope' });
  assert.deepEqual(await outcome(wrong.join()), ['error', { reason: 'unauthorized' }]);
  wrong.leave();
  const unknown = socket.channel('bot:00000000-0000-4000-8000-000000000000', { access_token: ready.access_token });
  assert.deepEqual(await outcome(unknown.join()), ['error', { reason: 'unauthorized' }]);
  unknown.leave();
  await post('/__dev/starting', { ms: 1500 });
  const starting = socket.channel(`bot:${ready.bot_id}`, { access_token: ready.access_token });
  assert.deepEqual(await outcome(starting.join()), ['error', { reason: 'starting', retry: true }]);
  // phoenix.js rejoins by itself (after 1 s, then 2 s): the bot is ready by then.
  await new Promise((resolve) => starting.joinPush.receive('ok', resolve));
  assert.equal(starting.state, 'joined');
});

test('every AIDA event: its reply, or its silence', async () => {
  const { channel } = await joined();
  const s = await session(channel);
  assert.deepEqual(await outcome(channel.push('put_data', { session: s, data: { first_name: 'Ada' } })), ['ok', {}]);

  const answer = nextEvent(channel, 'btu_msg');
  const silent = outcome(channel.push('utb_msg', { session: s, text: '  hi there  ' }, 800));
  assert.deepEqual(await answer, { text: 'You said: hi there', session: s });
  assert.equal((await silent)[0], 'timeout', 'utb_msg gets no reply');

  const image = nextEvent(channel, 'btu_msg');
  const silentImg = outcome(channel.push('utb_img', { session: s, image: '00000000-0000-4000-8000-000000000000' }, 800));
  assert.deepEqual(await image, { text: 'I got your message.', session: s });
  assert.equal((await silentImg)[0], 'timeout');

  const several = [];
  channel.on('btu_msg', (p) => several.push(p.text));
  channel.push('utb_msg', { session: s, text: 'hello' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(several.length, 3, 'an answer can be several btu_msg in a row');

  assert.deepEqual(await outcome(channel.push('delete_session', { session: s })), ['ok', {}]);
});

test('an unknown session crashes the channel: phx_error, then phoenix.js rejoins', async () => {
  const { channel } = await joined();
  const firstJoinRef = channel.joinRef();
  const errored = new Promise((resolve) => channel.onError(resolve));
  channel.push('put_data', { session: '00000000-0000-4000-8000-000000000000', data: {} });
  await errored;
  assert.equal(channel.state, 'errored');
  await new Promise((resolve) => channel.joinPush.receive('ok', resolve));
  await new Promise((r) => setTimeout(r, 1300));
  assert.equal(channel.state, 'joined');
  assert.notEqual(channel.joinRef(), firstJoinRef);
});

test('/__dev/crash_channels: phx_error, and the client rejoins', async () => {
  const { channel } = await joined();
  const errored = new Promise((resolve) => channel.onError(resolve));
  await post('/__dev/crash_channels');
  await errored;
  const start = Date.now();
  while (channel.state !== 'joined' && Date.now() - start < 4000) await new Promise((r) => setTimeout(r, 50));
  assert.equal(channel.state, 'joined');
});

test('send_message broadcasts btu_msg to every socket on the bot topic', async () => {
  const a = await joined();
  const b = await joined();
  const s = await session(a.channel);
  const gotA = nextEvent(a.channel, 'btu_msg');
  const gotB = nextEvent(b.channel, 'btu_msg');
  await post(`/api/bots/${ready.bot_id}/sessions/${s}/send_message`, { text: 'survey time' });
  assert.deepEqual(await gotA, { text: 'survey time', session: s });
  assert.deepEqual(await gotB, { text: 'survey time', session: s });
});

test('heartbeats with a short interval keep the socket open', async () => {
  const socket = connect({ heartbeatIntervalMs: 100 });
  let closed = false;
  socket.onClose(() => (closed = true));
  const channel = socket.channel(`bot:${ready.bot_id}`, { access_token: ready.access_token });
  await outcome(channel.join());
  const before = (await (await fetch(`${ready.url}/__dev/stats`)).json()).received.heartbeat ?? 0;
  await new Promise((r) => setTimeout(r, 650));
  const afterCount = (await (await fetch(`${ready.url}/__dev/stats`)).json()).received.heartbeat;
  assert.ok(afterCount - before >= 4, `heartbeats sent: ${afterCount - before}`);
  assert.equal(closed, false, 'every heartbeat was answered in time');
});

test('after /__dev/drop_sockets phoenix.js reconnects and rejoins', async () => {
  const { socket, channel } = await joined();
  const closed = new Promise((resolve) => socket.onClose(resolve));
  await post('/__dev/drop_sockets');
  const event = await closed;
  assert.equal(event.code, 1006, 'dropped without a close frame');
  const start = Date.now();
  while (!(socket.isConnected() && channel.state === 'joined') && Date.now() - start < 4000) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(channel.state, 'joined');
  await session(channel);
});

test('an unmatched topic is refused with a null join_ref, and the upgrade needs vsn', async () => {
  const socket = connect();
  const frames = [];
  socket.onMessage((m) => frames.push(m));
  const channel = socket.channel('room:lobby', {});
  assert.deepEqual(await outcome(channel.join()), ['error', { reason: 'unmatched topic' }]);
  const reply = frames.find((m) => m.topic === 'room:lobby' && m.event === 'phx_reply');
  assert.equal(reply.join_ref, null);
  channel.leave();

  // A client that forgot vsn=2.0.0 is refused with 403 (real AIDA would fall back to V1).
  for (const url of [`${ready.socket}/websocket`, `${ready.socket}/websocket?vsn=1.0.0`]) {
    const refusal = await new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('open', () => resolve('opened'));
      ws.on('error', () => {});
    });
    assert.equal(refusal, 403, url);
  }
});
