// Side by side: the same scenario with the official phoenix.js 1.8.16 client and with
// aida-chat's, both in Chromium, against one recording server. The frames must be the same
// once refs are normalised, and the timings the protocol fixes must match.
import { test, expect } from '@playwright/test';
import { startRecordingServer, normalise, timings } from './conformance/recording-server.mjs';

// Timings are compared: nothing else runs beside these (see playwright.config.ts).
test.describe.configure({ mode: 'serial' });

test('aida-chat sends what phoenix.js sends, when it sends it', async ({ page }) => {
  test.setTimeout(60_000);
  const server = await startRecordingServer();
  const run = async (client: string) => {
    await page.goto(`${server.url}/${client}.html?socket=${encodeURIComponent(server.socket)}`);
    await page.waitForFunction(() => (window as any).__done || (window as any).__error, null, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as any).__error)).toBeUndefined();
    await page.waitForTimeout(300); // the final close reaches the server
    return server.take();
  };
  const theirs = await run('phoenix');
  const ours = await run('ours');
  await server.close();

  const expected = normalise(theirs);
  expect(expected.some((l) => l.includes('phx_error') || l.includes('"crash"'))).toBe(true);
  expect(normalise(ours)).toEqual(expected);

  const t = timings(theirs);
  const o = timings(ours);
  console.log(`timings (ms): ${JSON.stringify({ phoenix: t, ours: o })}`);
  // One interval after each ack, in both clients.
  for (const gap of [...t.heartbeatGaps, ...o.heartbeatGaps]) {
    expect(gap).toBeGreaterThanOrEqual(395);
    expect(gap).toBeLessThan(450);
  }
  for (const key of ['rejoinAfterCrash', 'reconnectAfterDrop', 'heartbeatTimeout', 'reconnectAfterHeartbeatTimeout'] as const) {
    expect(Math.abs(o[key] - t[key]), `${key}: ours ${o[key]} ms, phoenix.js ${t[key]} ms`).toBeLessThan(100);
  }
  // How many heartbeats fit in a connection depends on a few ms either way (its events are not
  // on the heartbeat's beat): one more or one less is the same behaviour.
  expect(Math.abs(o.heartbeatGaps.length - t.heartbeatGaps.length)).toBeLessThanOrEqual(1);
});
