/**
 * The English strings of the panel's frame (panel-frame.ts), in its chunk: the launcher's
 * names once the chat is opened or has news, what the panel shows before the chat's code
 * is there (its Close button) or when that code failed to load. The closed launcher's name
 * (en-launcher.ts) stays in the first load; the rest is in en.ts.
 */
import { enLauncher } from './en-launcher.js';

export const enFrame = {
  ...enLauncher,
  launcherClose: 'Close chat',
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  panelTitle: 'Chat with us',
  loading: 'Loading the chat…',
  close: 'Close',
  loadError: "The chat couldn't load. Check your connection and try again.",
  tryAgain: 'Try again',
};

export type FrameTranslation = typeof enFrame;
