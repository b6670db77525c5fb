// Two tabs of one site share the session, and both show the whole conversation (AIDA answers
// only the socket that sent the message).
import { test, expect, WidgetPage } from './fixtures';

test('two tabs show one conversation', async ({ context, server }) => {
  const a = new WidgetPage(await context.newPage());
  await a.page.goto(server.url);
  await a.say('from tab A');
  await expect(a.bubbles('bot')).toHaveCount(1);

  const b = new WidgetPage(await context.newPage());
  await b.page.goto(server.url);
  await expect(b.bubbles()).toHaveCount(2);
  await b.say('from tab B');
  await expect(b.bubbles('bot')).toHaveCount(2);

  await expect(a.bubbles()).toHaveCount(4);
  await expect(a.log).toContainText('from tab B');
  expect((await server.stats()).received.new_session).toBe(1);
});
