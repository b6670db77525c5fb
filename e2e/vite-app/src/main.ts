// How a web app uses the package: import, init with its options, listen, drive it from its own UI.
import { defineElement, init, type AidaChatHandle, type AidaChatMessage } from 'aida-chat';

const params = new URLSearchParams(location.search);

if (params.has('element')) {
  // Declared as an element instead, the way a framework's template would write it.
  defineElement();
  const element = document.createElement('aida-chat');
  element.setAttribute('server', params.get('server') ?? '/socket');
  element.setAttribute('bot-id', params.get('botId') ?? '');
  element.setAttribute('access-token', params.get('accessToken') ?? '');
  element.setAttribute('title', 'Element assistant');
  document.body.append(element);
} else {
  start();
}

/** The app's own chat, driven from its button. */
function start() {
  init({
    server: params.get('server') ?? '/socket',
    botId: params.get('botId') ?? '',
    accessToken: params.get('accessToken') ?? '',
    title: 'App assistant',
    locale: params.get('locale') ?? undefined,
    strings: { send: 'Send it' },
  }).then((chat: AidaChatHandle) => {
    chat.on('message', (message: AidaChatMessage) => {
      const item = document.createElement('li');
      item.textContent = `${message.from}: ${message.text}`;
      document.getElementById('heard')!.append(item);
    });
    document.getElementById('ask')!.addEventListener('click', () => {
      chat.open();
      chat.send('from the app');
    });
    (window as unknown as { chat: AidaChatHandle }).chat = chat;
  });
}
