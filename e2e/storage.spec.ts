// Broken localStorage never breaks the widget: it keeps working in memory and warns once.
import { test, expect } from './fixtures';

test('works with localStorage disabled', async ({ page, server, widget }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto(server.url);
  await widget.say('no storage');
  await widget.say('still fine');
  await expect(widget.bubbles('bot')).toHaveCount(2);
  const storageWarnings = warnings.filter((w) => w.includes('localStorage'));
  expect(storageWarnings).toHaveLength(1);
});

test('a corrupt stored conversation is replaced, with a warning', async ({ page, server, widget }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.addInitScript((bot) => {
    localStorage.setItem(`aida-chat:v1:${bot}`, '{"version":1,"session":');
  }, server.botId);
  await page.goto(server.url);
  await widget.say('fresh start');
  await expect(widget.bubbles('bot')).toHaveCount(1);
  expect(warnings.some((w) => w.includes('corrupt'))).toBe(true);
});
