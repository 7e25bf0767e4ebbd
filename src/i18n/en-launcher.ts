/**
 * The English string of the first load: the name of the launcher nobody opened yet. Its
 * other names (open, with unread messages) and the panel's frame's come with the frame
 * (en-frame.ts); everything else is in en.ts, in the panel's chunk, so each page view
 * that never opens the chat downloads none of it.
 */
export const enLauncher = {
  launcherOpen: 'Open chat',
};

export type LauncherTranslation = typeof enLauncher;
