// Two tabs of one site share the session, and both show the whole conversation (AIDA answers
// only the socket that sent the message).
import { test, expect, WidgetPage } from './fixtures';
import type { BrowserContext } from '@playwright/test';

/** A new tab of the site whose visitor said `text`, once the bot has answered it. */
async function tabThatSaid(context: BrowserContext, url: string, text: string): Promise<WidgetPage> {
  const tab = new WidgetPage(await context.newPage());
  await tab.page.goto(url);
  await tab.say(text);
  await expect(tab.bubbles('bot')).toHaveCount(1);
  return tab;
}

test('two tabs show one conversation', async ({ context, server }) => {
  const a = await tabThatSaid(context, server.url, 'from tab A');

  const b = new WidgetPage(await context.newPage());
  await b.page.goto(server.url);
  await expect(b.bubbles()).toHaveCount(2);
  await b.say('from tab B');
  await expect(b.bubbles('bot')).toHaveCount(2);

  await expect(a.bubbles()).toHaveCount(4);
  await expect(a.log).toContainText('from tab B');
  expect((await server.stats()).received.new_session).toBe(1);
});

test('a tab takes what another tab wrote before it listened to the other tabs', async ({ context, server }) => {
  const a = await tabThatSaid(context, server.url, 'from tab A');

  // Tab B follows the other tabs from its first idle period on; here that waits for the test.
  const b = new WidgetPage(await context.newPage());
  await b.page.addInitScript(() => {
    const waiting: Array<() => void> = [];
    (window as any).requestIdleCallback = (f: (deadline: object) => void) =>
      waiting.push(() => f({ timeRemaining: () => 50, didTimeout: false }));
    (window as any).goIdle = () => waiting.splice(0).forEach((f) => f());
  });
  await b.page.goto(server.url);
  await expect(b.bubbles()).toHaveCount(2);
  await a.say('while tab B was starting');
  await expect(a.bubbles('bot')).toHaveCount(2);
  await expect.poll(() => b.page.evaluate(() => Object.values(localStorage).join())).toContain('while tab B was starting');
  await b.page.evaluate(() => (window as any).goIdle());
  await expect(b.log).toContainText('You said: while tab B was starting');
  await expect(b.bubbles()).toHaveCount(4);
});
