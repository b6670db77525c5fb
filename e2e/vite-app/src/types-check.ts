// Compile-time checks of the package's types: tsc --noEmit fails if a correct use does not
// compile, or if a wrong one (each marked as an expected error) does. Never bundled.
import { defineElement, init, load, type AidaChatElement, type AidaChatHandle, type AidaChatStatus } from 'aida-chat';

export async function uses(handle: AidaChatHandle): Promise<void> {
  await load();
  handle.on('status', (status: AidaChatStatus) => status.toUpperCase());
  handle.on('error', (error: Error) => error.message);
  handle.putData({ first_name: 'Ada' });
  await init({ server: 'wss://h/socket', botId: 'b', accessToken: 't', target: '#chat', position: 'left' });
  await init({ server: 's', botId: 'b', accessToken: 't', locale: 'pt-BR', botLanguage: false,
    strings: { unread: { one: '{n} nova', other: '{n} novas' }, send: 'Enviar' } });
  handle.setLocale('fr-CA');
  await init({ server: 's', botId: 'b', accessToken: 't', maxImageBytes: 5e6, maxImageDimension: 1600 });
  defineElement();
  document.querySelector<AidaChatElement>('aida-chat')?.handle?.open();

  // @ts-expect-error: `server`, `botId` and `accessToken` are required
  await init({ title: 'No server' });
  // @ts-expect-error: position is right or left
  await init({ server: 's', botId: 'b', accessToken: 't', position: 'top' });
  // @ts-expect-error: no such string
  await init({ server: 's', botId: 'b', accessToken: 't', strings: { sendd: 'x' } });
  // @ts-expect-error: defineElement takes nothing
  defineElement({ name: 'x' });
  // @ts-expect-error: no such event
  handle.on('messages', () => {});
  // @ts-expect-error: a message listener receives a message, not a string
  handle.on('message', (text: number) => text);
  // @ts-expect-error: no such plural category
  await init({ server: 's', botId: 'b', accessToken: 't', strings: { unread: { dual: 'x' } } });
}
