// Reconnects leak nothing, counted in what the browser itself holds: after a forced garbage
// collection, the live WebSocket objects and JavaScript functions of the page (DevTools
// protocol, `Runtime.queryObjects`). A closure the widget forgot to drop stays reachable from
// the wasm glue, so each leaked one is a function more.
import { test, expect } from './fixtures';
import type { CDPSession } from '@playwright/test';

/** How many objects of the page have `prototype` (an expression) in their prototype chain. */
async function live(cdp: CDPSession, prototype: string): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { result } = await cdp.send('Runtime.evaluate', { expression: prototype, objectGroup: 'leaks' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: result.objectId!, objectGroup: 'leaks' });
  const { result: length } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId!,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'leaks' });
  return length.value as number;
}

test('100 reconnects leave the browser holding no more sockets or functions than one', async ({ page, server, widget }) => {
  test.setTimeout(120_000);
  await page.goto(server.url);
  await expect(widget.status).toHaveText('Connected');
  const cdp = await page.context().newCDPSession(page);
  const reconnects = async (from: number, to: number) => {
    for (let i = from; i <= to; i++) {
      await server.fault('drop_sockets');
      await expect.poll(async () => (await server.stats()).joins, { timeout: 10_000 }).toBe(i + 1);
    }
    await expect(widget.status).toHaveText('Connected');
    // The drain checks and the reply to the rejoin come and go.
    await page.waitForTimeout(300);
  };
  await reconnects(1, 1);
  const sockets = await live(cdp, 'WebSocket.prototype');
  const functions = await live(cdp, 'Function.prototype');
  await reconnects(2, 100);
  const socketsAfter = await live(cdp, 'WebSocket.prototype');
  const functionsAfter = await live(cdp, 'Function.prototype');
  console.log(`live after 1 and 100 reconnects: sockets ${sockets} -> ${socketsAfter}, functions ${functions} -> ${functionsAfter}`);
  expect(sockets).toBe(1);
  expect(socketsAfter).toBe(1);
  // A closure leaked per reconnect would be 99 more; the page's own code may vary by a few.
  expect(functionsAfter - functions).toBeLessThan(20);
  await widget.say('still here');
  await expect(widget.bubbles('bot')).toHaveCount(1);
});
