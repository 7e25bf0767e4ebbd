/**
 * The English strings of the first load: what the launcher and the panel's frame show
 * before the chat's code is there. Everything else is in en.ts, in the panel's chunk, so
 * each page view that never opens the chat downloads none of it.
 */
export const enLauncher = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  panelTitle: 'Chat with us',
  loading: 'Loading the chat…',
};

export type LauncherTranslation = typeof enLauncher;
