// Attention when away (`notify`): a bot message the visitor does not see puts the unread count in
// front of the page's title and sounds a short tone, only after the visitor has interacted with
// the page and once per burst; nothing of it without `notify`. On the preview page.
import { test, expect, type WidgetPage } from './fixtures';
import type { Page } from '@playwright/test';

/** Counts the page's audio contexts (and whether a real pointer or key press had come before
 * each was made) and the notes started on them, reported through the console. */
async function listenForAudio(page: Page) {
  const heard = { contexts: [] as boolean[], notes: 0 };
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('audio-context ')) heard.contexts.push(text.endsWith('true'));
    if (text === 'audio-note') heard.notes++;
  });
  await page.addInitScript(() => {
    const w = window as any;
    w.gestured = false;
    for (const kind of ['pointerdown', 'keydown']) {
      addEventListener(kind, (e) => (w.gestured ||= e.isTrusted), { capture: true });
    }
    const Real = w.AudioContext;
    w.AudioContext = class extends Real {
      constructor(...args: any[]) {
        super(...args);
        console.log(`audio-context after-gesture=${w.gestured}`);
      }
    };
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: any[]) {
      console.log('audio-note');
      return start.apply(this, args as any);
    };
  });
  return heard;
}

/** The page leaves view or comes back, as a tab switch makes it. */
async function setVisible(page: Page, visible: boolean) {
  await page.evaluate((visible) => {
    Object.defineProperty(document, 'visibilityState', { value: visible ? 'visible' : 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: !visible, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

/** Opens `url` in a page titled "Clinic" and resolves with the widget's session. */
async function ready(widget: WidgetPage, url: string): Promise<string> {
  await widget.page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => (document.title = 'Clinic')));
  await widget.page.goto(url);
  const session = async () => {
    const { origins } = await widget.page.context().storageState();
    const stored = origins.flatMap((o) => o.localStorage).find((item) => item.name.startsWith('aida-chat:'));
    return stored && JSON.parse(stored.value).session;
  };
  await expect.poll(session).toBeTruthy();
  return session();
}

const NOTIFY = encodeURIComponent(JSON.stringify({ title: true, sound: true }));

test('a closed panel: the count in the title, a tone only after a gesture and once per burst', async ({ page, server, widget }) => {
  const heard = await listenForAudio(page);
  const session = await ready(widget, `${server.url}/?open=false&notify=${NOTIFY}`);
  await server.botSays(session, 'one');
  await expect(page).toHaveTitle('(1) Clinic');
  await page.waitForTimeout(300);
  expect(heard, 'no audio before the visitor did anything').toEqual({ contexts: [], notes: 0 });

  // The visitor opens the panel (seeing "one") and closes it again: gestures.
  await widget.launcher.click();
  await expect(page).toHaveTitle('Clinic');
  await widget.launcher.click();
  await server.botSays(session, 'two');
  await server.botSays(session, 'three');
  await expect(page).toHaveTitle('(2) Clinic');
  await page.waitForTimeout(300);
  expect(heard, 'one chime of two notes, after a gesture').toEqual({ contexts: [true], notes: 2 });

  await widget.launcher.click();
  await expect(page).toHaveTitle('Clinic');
  await widget.say('thanks');
  await expect(widget.bubbles('bot')).toHaveCount(4);
  await expect(page, 'an answer the visitor sees counts for nothing').toHaveTitle('Clinic');

  // A restored history is no news.
  await widget.launcher.click();
  await page.reload();
  await expect(widget.bubbles('bot')).toHaveCount(4);
  await page.waitForTimeout(300);
  await expect(page).toHaveTitle('Clinic');
  expect(heard.notes, 'no tone since the chime').toBe(2);
});

test('an open panel in a hidden page counts too; a title the site changed meanwhile is kept', async ({ page, server, widget }) => {
  const session = await ready(widget, `${server.url}/?notify=${NOTIFY}`);
  await expect(widget.launcher).toHaveAccessibleName('Close chat');
  await setVisible(page, false);
  await server.botSays(session, 'while away');
  await expect(page).toHaveTitle('(1) Clinic');
  await setVisible(page, true);
  await expect(page).toHaveTitle('Clinic');

  await setVisible(page, false);
  await server.botSays(session, 'again');
  await expect(page).toHaveTitle('(1) Clinic');
  await page.evaluate(() => (document.title = 'Opening hours'));
  await setVisible(page, true);
  await page.waitForTimeout(200);
  await expect(page, "the site's own title stays").toHaveTitle('Opening hours');
});

test('without notify, the title and the speakers are left alone', async ({ page, server, widget }) => {
  const heard = await listenForAudio(page);
  const session = await ready(widget, `${server.url}/?open=false`);
  await widget.launcher.click();
  await widget.launcher.click();
  await setVisible(page, false);
  await server.botSays(session, 'hello');
  await expect(page.locator('.launcher .badge')).toHaveText('1');
  await page.waitForTimeout(300);
  await expect(page).toHaveTitle('Clinic');
  expect(heard).toEqual({ contexts: [], notes: 0 });
});
