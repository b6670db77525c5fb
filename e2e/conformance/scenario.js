// One scenario, run by phoenix.js and by aida-chat's client (through ours.js) against the same
// recording server. It waits on events, never on guessed delays, so both runs send the same
// frames in the same order.
export async function scenario(Socket, url) {
  const socket = new Socket(url, { params: { token: 'abc 123', nested: { a: 1 } }, heartbeatIntervalMs: 400 });
  socket.connect();
  const channel = socket.channel('room:lobby', { name: 'conformance' });
  let joins = 0;
  const waiters = [];
  channel.join().receive('ok', () => {
    joins += 1;
    waiters.splice(0).forEach((w) => w());
  });
  const joined = async (n) => {
    while (joins < n) await new Promise((resolve) => waiters.push(resolve));
  };
  const outcome = (push) =>
    new Promise((resolve) => ['ok', 'error', 'timeout'].forEach((s) => push.receive(s, (r) => resolve([s, r]))));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  await joined(1);
  const pong = await outcome(channel.push('ping', { n: 1 }));
  if (pong[0] !== 'ok' || pong[1].pong !== 1) throw new Error(`ping: ${JSON.stringify(pong)}`);
  const silent = await outcome(channel.push('noreply', { n: 2 }, 500));
  if (silent[0] !== 'timeout') throw new Error(`noreply: ${silent[0]}`);

  channel.push('crash', {}); // the server answers phx_error: rejoin after 1 s
  await joined(2);
  channel.push('drop', {}); // the server drops the TCP connection: reconnect, rejoin
  await joined(3);
  await sleep(1000); // heartbeats every 400 ms, each answered
  channel.push('mute', {}); // the server stops answering heartbeats: heartbeat timeout
  await joined(4);
  const again = await outcome(channel.push('ping', { n: 3 }));
  if (again[0] !== 'ok') throw new Error('ping after the heartbeat timeout');
  socket.disconnect();
}
