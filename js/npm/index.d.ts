// Types of the aida-chat package. Checked by the Vite fixture's `tsc` (e2e/vite-app/) and, for
// the option and string names, against the Rust definitions (`cargo test`).

/** Options of `init`. */
export interface AidaChatOptions {
  /** The AIDA Phoenix socket, e.g. `wss://aida.example.org/socket` (or `/socket` on the same origin). */
  server: string;
  /** The bot's id (a UUID). */
  botId: string;
  /** The bot's access token. */
  accessToken: string;
  /** The image endpoints' base; by default derived from `server` (`wss://h/socket` gives `https://h/content`). */
  contentUrl?: string;
  /** The panel's title. Default `Chat`. */
  title?: string;
  /** Open the panel at start. Default `false`. */
  open?: boolean;
  /** The launcher's corner. Default `right`. */
  position?: 'right' | 'left';
  /** CSS custom properties without their `--aida-` prefix, e.g. `{ accent: '#c00' }`, and `mode`:
   * `auto` (the default: the visitor's system setting, followed live), `light` or `dark`. */
  theme?: { mode?: 'auto' | 'light' | 'dark' } & Record<string, string | number>;
  /** The interface's language, a BCP 47 tag such as `pt-BR`. Default: the page's `<html lang>`,
   * then the browser's languages, matched against the built-in translations (English when none). */
  locale?: string;
  /** Whether the bot hears the visitor's language (`language` in the session data). Default `true`. */
  botLanguage?: boolean;
  /** The bot's first word, shown by the widget above the conversation (never sent to AIDA, never
   * unread). Without it an empty conversation shows a short hint (`emptyHint`). */
  greeting?: string;
  /** For a bot message that arrives while the page is out of view or the panel closed: the unread
   * count in front of the page's title (`(2) Title`, the title restored once seen), and a short
   * tone (only once the visitor has interacted with the page, at most once every 4 s). Default: neither. */
  notify?: { title?: boolean; sound?: boolean };
  /** Replacements for the widget's texts, e.g. `{ send: 'Enviar' }`; they win over a translation. */
  strings?: Partial<AidaChatStrings>;
  /** Sent with `new_session`, as AIDA session data. */
  userData?: Record<string, unknown>;
  /** The server's limit on uploads. A larger JPEG, WebP or PNG photo is scaled down to fit it;
   * another picture is refused. Default 25 MB (AIDA's own). */
  maxImageBytes?: number;
  /** A JPEG, WebP or PNG photo longer than this on its long side (px) is scaled down before its
   * upload. Default 2048. */
  maxImageDimension?: number;
  /** Where to mount: an element or a selector. Default: a new `<aida-chat>` at the end of the body. */
  target?: Element | string;
}

/** A text with a count in it: one text for every count, or one per plural category of the
 * language (`Intl.PluralRules`); `other` serves the categories not given. */
export type AidaChatCounted = string | Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many' | 'other', string>>;

/** Every text the widget shows. `{n}`, `{reason}`, `{status}`, `{name}` and `{mb}` are filled in. */
export interface AidaChatStrings {
  openChat: string;
  closeChat: string;
  minimize: string;
  newConversation: string;
  message: string;
  conversation: string;
  placeholder: string;
  send: string;
  retry: string;
  cancel: string;
  connecting: string;
  connected: string;
  reconnecting: string;
  offline: string;
  unauthorized: string;
  refused: string;
  misconfigured: string;
  replying: string;
  earlierConversation: string;
  emptyHint: string;
  queued: string;
  sent: string;
  failed: string;
  unread: AidaChatCounted;
  uploading: string;
  picture: string;
  viewPicture: string;
  closePicture: string;
  attach: string;
  dropHere: string;
  uploadNetwork: string;
  uploadBadAnswer: string;
  uploadInvalidId: string;
  uploadTooLarge: string;
  uploadUnsupported: string;
  uploadFailed: string;
  uploadLost: string;
  uploadCancelled: string;
  notAPicture: string;
  pictureTooLarge: string;
}

/** The connection as the widget shows it. */
export type AidaChatStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized' | 'refused' | 'offline';

/** A new message in the transcript (not the restored history). */
export interface AidaChatMessage {
  from: 'user' | 'bot';
  text: string;
}

/** Events and what their listeners receive. */
export interface AidaChatEvents {
  message: AidaChatMessage;
  open: undefined;
  close: undefined;
  status: AidaChatStatus;
  /** A refused join (bad token, unknown bot) or another error the visitor sees. */
  error: Error;
}

/** A mounted widget. */
export interface AidaChatHandle {
  open(): void;
  close(): void;
  toggle(): void;
  /** Sends `text` as the visitor would. */
  send(text: string): void;
  /** Merges `data` into the session data (AIDA `put_data`). */
  putData(data: Record<string, unknown>): void;
  /** Ends this conversation and starts a new one. */
  newConversation(): void;
  /** Speaks `tag` (BCP 47) from now on; the bot hears it too, unless `botLanguage` is false. */
  setLocale(tag: string): void;
  on<E extends keyof AidaChatEvents>(event: E, listener: (detail: AidaChatEvents[E]) => void): void;
  off<E extends keyof AidaChatEvents>(event: E, listener: (detail: AidaChatEvents[E]) => void): void;
  /** Unmounts: closes the socket and removes every element, timer and listener it made. */
  destroy(): void;
}

/** Mounts a widget; resolves with its handle. Rejects (and says why in the console and in the
 * widget) when an option is wrong. */
export function init(options: AidaChatOptions): Promise<AidaChatHandle>;

/** Fetches and starts the wasm ahead of `init`. */
export function load(): Promise<void>;

/** Defines the `<aida-chat>` custom element: `<aida-chat server="wss://…/socket" bot-id="…"
 * access-token="…">`, its attributes named as the script tag's data- attributes (`open`,
 * `locale`, `title`, `position`, `greeting`, `theme`, …; JSON for the objects). It mounts when
 * connected, follows `open` and `locale` live (another change mounts it again), and destroys
 * itself when removed. Its handle, once live, is `element.handle`; a `ready` event says when. */
export function defineElement(): void;

/** The `<aida-chat>` element once `defineElement()` has run. */
export interface AidaChatElement extends HTMLElement {
  handle: AidaChatHandle | null;
}
