// The dev server against a peer no one here wrote: the official phoenix.js 1.8.16 client, in
// both Phoenix modes of the server. Node 20 has no global WebSocket, so the client gets `ws` as
// its transport and an absolute URL (without them it would silently fall back to long-polling).
//
// Run from the repository root: `node --test dev-server/js-tests/`. The server binary is
// $AIDA_DEV_SERVER_BIN, else $CARGO_TARGET_DIR/debug/aida-dev-server (target/ by default);
// build it first with `cargo build -p aida-dev-server`.
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { Socket } from 'phoenix';
import WebSocket from 'ws';

const root = path.resolve(import.meta.dirname, '..', '..');
const bin =
  process.env.AIDA_DEV_SERVER_BIN ||
  path.resolve(root, process.env.CARGO_TARGET_DIR || 'target', 'debug', 'aida-dev-server');

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Starts the binary and resolves with the READY line's JSON and the process. */
async function startServer(args = []) {
  const child = spawn(bin, ['--port', '0', '--reply-delay-ms', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY line from ${bin} in 10 s`)), 10_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${bin} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const match = /^AIDA_DEV_SERVER_READY (\{.*\})$/.exec(line);
      if (match) resolve(JSON.parse(match[1]));
      else reject(new Error(`the first line is not the READY line: ${line}`));
    });
  });
  return { child, ...ready };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` every 20 ms; fails after `ms`. */
async function until(predicate, what, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) assert.fail(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

/** Resolves with [status, response] of a push or join ('ok', 'error' or 'timeout'). */
function outcome(push, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no outcome at all')), ms);
    for (const status of ['ok', 'error', 'timeout']) {
      push.receive(status, (response) => {
        clearTimeout(timer);
        resolve([status, response]);
      });
    }
  });
}

/** The payload of the next `event` on `channel`. */
function next(channel, event, ms = 3000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} in ${ms} ms`)), ms);
    const ref = channel.on(event, (payload) => {
      clearTimeout(timer);
      channel.off(event, ref);
      resolve(payload);
    });
  });
}

for (const phoenix of ['1.3', '1.8']) {
  describe(`phoenix.js against the dev server speaking Phoenix ${phoenix}`, () => {
    let server;
    const sockets = [];

    before(async () => {
      server = await startServer(['--phoenix', phoenix]);
      assert.equal(server.phoenix, phoenix);
    });
    after(() => server.child.kill());
    afterEach(() => {
      while (sockets.length) sockets.pop().disconnect();
    });

    function connect(opts = {}) {
      const socket = new Socket(server.socket, { transport: WebSocket, ...opts });
      assert.equal(socket.transport, WebSocket);
      socket.connect();
      sockets.push(socket);
      return socket;
    }

    function botChannel(socket, token = server.access_token) {
      return socket.channel(`bot:${server.bot_id}`, { access_token: token });
    }

    async function joined(opts) {
      const socket = connect(opts);
      const channel = botChannel(socket);
      assert.deepEqual(await outcome(channel.join()), ['ok', {}]);
      return { socket, channel };
    }

    async function newSession(channel) {
      const [status, response] = await outcome(channel.push('new_session', { data: { language: 'en' } }));
      assert.equal(status, 'ok');
      assert.match(response.session, UUID_V4);
      return response.session;
    }

    const post = (p, body = {}) =>
      fetch(`${server.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const stats = async () => (await fetch(`${server.url}/__dev/stats`)).json();

    test('join: ok with the token; unauthorized otherwise; starting, then the client rejoins', async () => {
      await joined();
      const socket = connect();
      for (const channel of [
        botChannel(socket, 'wrong-token'),
        socket.channel(`bot:${UNKNOWN}`, { access_token: server.access_token }),
      ]) {
        assert.deepEqual(await outcome(channel.join()), ['error', { reason: 'unauthorized' }]);
        channel.leave(); // or phoenix.js retries forever
      }
      assert.equal((await post('/__dev/starting', { ms: 500 })).status, 200);
      const starting = botChannel(socket);
      const joinsBefore = (await stats()).received.phx_join;
      assert.deepEqual(await outcome(starting.join()), ['error', { reason: 'starting', retry: true }]);
      // phoenix.js rejoins by itself after 1 s; by then the bot is ready.
      await until(() => starting.state === 'joined', 'joined after starting');
      assert.equal((await stats()).received.phx_join, joinsBefore + 2);
    });

    test('every AIDA event: new_session, put_data, delete_session replied; utb_msg, utb_img silent', async () => {
      const { channel } = await joined();
      const session = await newSession(channel);
      const put = channel.push('put_data', { session, data: { first_name: 'Ada' } });
      assert.deepEqual(await outcome(put), ['ok', {}]);

      // utb_msg: the bot's answer comes as btu_msg while the push itself times out.
      const answer = next(channel, 'btu_msg');
      const message = channel.push('utb_msg', { session, text: '  the message  ' }, 600);
      assert.deepEqual(await answer, { text: 'You said: the message', session });
      assert.deepEqual(await outcome(message), ['timeout', {}]);

      // Several btu_msg in a row, in order.
      const texts = [];
      channel.on('btu_msg', (payload) => texts.push(payload.text));
      channel.push('utb_msg', { session, text: 'hello' }, 600); // no reply: a short timeout
      await until(() => texts.length === 3, 'three answers to hello', 2000);
      assert.match(texts[0], /^Hello, Ada!/);

      // utb_img after an upload: the image is acknowledged, the push is not.
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'a.png');
      const upload = await fetch(`${server.url}/content/image/${server.bot_id}/${session}`, {
        method: 'POST',
        body: form,
      });
      assert.equal(upload.status, 200);
      const { id } = await upload.json();
      const picture = next(channel, 'btu_msg');
      const image = channel.push('utb_img', { session, image: id }, 600);
      assert.match((await picture).text, /^Nice picture!/);
      assert.deepEqual(await outcome(image), ['timeout', {}]);
      assert.equal((await fetch(`${server.url}/content/image/${id}`)).headers.get('content-type'), 'image/png');

      assert.deepEqual(await outcome(channel.push('delete_session', { session })), ['ok', {}]);
      assert.equal((await fetch(`${server.url}/content/image/${id}`)).status, 404);
    });

    test(`btu_msg frames carry the join_ref of Phoenix ${phoenix}, and phoenix.js delivers them`, async () => {
      const { socket, channel } = await joined();
      const session = await newSession(channel);
      const frames = [];
      socket.onMessage((message) => frames.push(message));
      const answer = next(channel, 'btu_msg');
      channel.push('utb_msg', { session, text: 'x' }, 600); // no reply: a short timeout
      assert.deepEqual(await answer, { text: 'You said: x', session });
      const frame = frames.find((m) => m.event === 'btu_msg');
      assert.equal(frame.join_ref, phoenix === '1.3' ? null : channel.joinRef());
      assert.equal(frame.ref, null);
    });

    test('send_message reaches every socket on the bot topic; clients filter by session', async () => {
      const a = await joined();
      const b = await joined();
      const session = await newSession(a.channel);
      const toA = next(a.channel, 'btu_msg');
      const toB = next(b.channel, 'btu_msg');
      const response = await post(`/api/bots/${server.bot_id}/sessions/${session}/send_message`, {
        message: 'Survey time',
      });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '', 'AIDA answers 200 with no body');
      assert.deepEqual(await toA, { text: 'Survey time', session });
      assert.deepEqual(await toB, { text: 'Survey time', session }, 'b must drop it itself');
    });

    test('an unknown session crashes the channel: phx_error, then phoenix.js rejoins', async () => {
      const { channel } = await joined();
      const firstJoinRef = channel.joinRef();
      const errored = new Promise((resolve) => channel.onError(resolve));
      const probe = channel.push('put_data', { session: UNKNOWN, data: {} }, 1500);
      const reason = await errored;
      assert.deepEqual(reason, phoenix === '1.3' ? {} : { reason: 'channel_crash' });
      assert.equal(channel.state, 'errored');
      await until(() => channel.state === 'joined', 'rejoined after the crash');
      assert.notEqual(channel.joinRef(), firstJoinRef);
      assert.equal((await outcome(probe))[0], 'timeout', 'a crashed push never gets a reply');
      await newSession(channel);
    });

    test('/__dev/crash_channels: phx_error on every channel, and each client rejoins', async () => {
      const a = await joined();
      const b = await joined();
      const errors = [a, b].map(({ channel }) => new Promise((resolve) => channel.onError(resolve)));
      assert.equal((await post('/__dev/crash_channels')).status, 200);
      await Promise.all(errors);
      for (const { socket, channel } of [a, b]) {
        assert.ok(socket.isConnected(), 'the socket stays up');
        await until(() => channel.state === 'joined', 'rejoined after crash_channels');
      }
      await newSession(a.channel);
    });

    test('/__dev/drop_sockets: the client sees 1006, reconnects and rejoins', async () => {
      const { socket, channel } = await joined();
      const firstJoinRef = channel.joinRef();
      const closed = new Promise((resolve) => socket.onClose(resolve));
      assert.equal((await post('/__dev/drop_sockets')).status, 200);
      assert.equal((await closed).code, 1006, 'no close frame');
      await until(() => socket.isConnected() && channel.state === 'joined', 'reconnected and rejoined');
      assert.notEqual(channel.joinRef(), firstJoinRef);
      await newSession(channel);
    });

    test('an unmatched topic is refused with a null join_ref; the upgrade needs vsn=2.0.0', async () => {
      const socket = connect();
      const frames = [];
      socket.onMessage((message) => frames.push(message));
      const channel = socket.channel('room:lobby', {});
      assert.deepEqual(await outcome(channel.join()), ['error', { reason: 'unmatched topic' }]);
      channel.leave();
      const reply = frames.find((m) => m.topic === 'room:lobby' && m.event === 'phx_reply');
      assert.equal(reply.join_ref, null);

      for (const url of [`${server.socket}/websocket`, `${server.socket}/websocket?vsn=1.0.0`]) {
        const status = await new Promise((resolve) => {
          const ws = new WebSocket(url);
          ws.on('unexpected-response', (_request, response) => resolve(response.statusCode));
          ws.on('open', () => {
            ws.close();
            resolve('opened');
          });
          ws.on('error', () => {});
        });
        assert.equal(status, 403, url);
      }
    });
  });
}

describe('heartbeats and the idle timeout', () => {
  let server;
  before(async () => {
    server = await startServer(['--idle-timeout-ms', '400']);
  });
  after(() => server.child.kill());

  /** Connects with `heartbeatIntervalMs`, waits `ms`, and counts the socket's closes. */
  async function closesWithin(heartbeatIntervalMs, ms) {
    const socket = new Socket(server.socket, { transport: WebSocket, heartbeatIntervalMs });
    const codes = [];
    socket.onClose((event) => codes.push(event.code));
    socket.connect();
    await until(() => socket.isConnected(), 'connected');
    await sleep(ms);
    socket.disconnect();
    return codes;
  }

  test('heartbeats every 100 ms keep a socket open past a 400 ms idle timeout', async () => {
    const before = (await (await fetch(`${server.url}/__dev/stats`)).json()).received.heartbeat ?? 0;
    assert.deepEqual(await closesWithin(100, 1200), []);
    const after = (await (await fetch(`${server.url}/__dev/stats`)).json()).received.heartbeat;
    assert.ok(after - before >= 8, `heartbeats answered: ${after - before}`);
  });

  test('without heartbeats in time the server closes the idle socket (code 1000)', async () => {
    assert.deepEqual((await closesWithin(30_000, 700)).slice(0, 1), [1000]);
  });
});
