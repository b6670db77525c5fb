// A scripted Phoenix V2 server that records every frame and connection event, for the
// side-by-side conformance test. It answers as the Phoenix server does
// (docs/phoenix-channels.md, part G) and takes its cues from the scenario's events.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { WebSocketServer } from 'ws';

const here = import.meta.dirname;
const root = path.resolve(here, '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const files = {
  '/phoenix.html': path.join(here, 'phoenix.html'),
  '/ours.html': path.join(here, 'ours.html'),
  '/scenario.js': path.join(here, 'scenario.js'),
  '/ours.js': path.join(here, 'ours.js'),
  '/phoenix.mjs': path.join(root, 'node_modules', 'phoenix', 'priv', 'static', 'phoenix.mjs'),
};
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

export async function startRecordingServer() {
  const start = Date.now();
  let log = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = url.pathname.startsWith('/pkg/')
      ? path.join(targetDir, 'e2e', 'conformance', path.basename(url.pathname))
      : files[url.pathname];
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  const wss = new WebSocketServer({ server, path: '/socket/websocket' });
  wss.on('connection', (ws, req) => {
    const conn = ++connections;
    let muted = false;
    const t = () => Date.now() - start;
    const record = (entry) => log.push({ conn, t: t(), ...entry });
    record({ kind: 'open', query: new URL(req.url, 'http://x').search });
    const send = (frame) => ws.send(JSON.stringify(frame));
    ws.on('message', (data) => {
      const text = data.toString();
      record({ kind: 'frame', text });
      const [jr, ref, topic, event, payload] = JSON.parse(text);
      const reply = (status, response) => send([jr, ref, topic, 'phx_reply', { status, response }]);
      if (event === 'heartbeat') {
        if (!muted) reply('ok', {});
      } else if (event === 'phx_join' || event === 'phx_leave') {
        reply('ok', {});
      } else if (event === 'ping') {
        reply('ok', { pong: payload.n });
      } else if (event === 'crash') {
        send([jr, jr, topic, 'phx_error', { reason: 'channel_crash' }]);
        record({ kind: 'phx_error' });
      } else if (event === 'drop') {
        record({ kind: 'server_drop' });
        ws.terminate();
      } else if (event === 'mute') {
        muted = true;
      }
    });
    ws.on('close', (code, reason) => record({ kind: 'close', code, reason: reason.toString() }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    socket: `ws://127.0.0.1:${port}/socket`,
    take() {
      const taken = log;
      log = [];
      return taken;
    },
    close: () => new Promise((resolve) => {
      wss.clients.forEach((c) => c.terminate());
      server.close(resolve);
      // A connection Chromium opened ahead of a request it never made is not idle to Node, and
      // close() would wait for it until the headers timeout (a minute): end them all.
      server.closeAllConnections();
    }),
  };
}

/** The recording with refs renamed by order of first appearance, heartbeats apart. */
export function normalise(log) {
  const names = new Map();
  const name = (r) => (r === null ? null : (names.has(r) || names.set(r, `r${names.size + 1}`), names.get(r)));
  const conns = new Map();
  const conn = (c) => (conns.has(c) || conns.set(c, conns.size + 1), `c${conns.get(c)}`);
  const lines = [];
  for (const entry of log) {
    if (entry.kind === 'frame') {
      const [jr, ref, topic, event, payload] = JSON.parse(entry.text);
      // Heartbeats are left out, refs and all: how many fall between two events is a matter of
      // a few ms either way (their spacing is compared by `timings`).
      if (event === 'heartbeat') continue;
      lines.push(`${conn(entry.conn)} ${JSON.stringify([name(jr), name(ref), topic, event, payload])}`);
    } else if (entry.kind === 'open') {
      lines.push(`${conn(entry.conn)} open ${entry.query}`);
    } else if (entry.kind === 'close') {
      lines.push(`${conn(entry.conn)} close ${entry.code} ${entry.reason}`.trim());
    }
  }
  return lines;
}

/** Timings that the protocol fixes: heartbeat spacing, heartbeat timeout, backoffs. */
export function timings(log) {
  const frames = log.filter((e) => e.kind === 'frame');
  const heartbeats = frames.filter((e) => JSON.parse(e.text)[3] === 'heartbeat');
  const gaps = [];
  for (let i = 1; i < heartbeats.length; i++) {
    if (heartbeats[i].conn === heartbeats[i - 1].conn) gaps.push(heartbeats[i].t - heartbeats[i - 1].t);
  }
  const at = (pred, from = 0) => log.find((e) => e.t >= from && pred(e));
  const crash = at((e) => e.kind === 'phx_error');
  const rejoin = at((e) => e.kind === 'frame' && JSON.parse(e.text)[3] === 'phx_join', crash.t + 1);
  const drop = at((e) => e.kind === 'server_drop');
  const reopen = at((e) => e.kind === 'open' && e.conn > drop.conn);
  const timeoutClose = at((e) => e.kind === 'close' && e.reason === 'heartbeat timeout');
  const lastHeartbeat = heartbeats.filter((h) => h.conn === timeoutClose.conn && h.t <= timeoutClose.t).pop();
  const afterTimeout = at((e) => e.kind === 'open' && e.conn > timeoutClose.conn);
  return {
    heartbeatGaps: gaps,
    rejoinAfterCrash: rejoin.t - crash.t,
    reconnectAfterDrop: reopen.t - drop.t,
    heartbeatTimeout: timeoutClose.t - lastHeartbeat.t,
    reconnectAfterHeartbeatTimeout: afterTimeout.t - timeoutClose.t,
  };
}
