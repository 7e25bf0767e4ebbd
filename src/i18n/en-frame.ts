/**
 * The English strings of the panel's frame (panel-frame.ts), in its chunk: what the panel
 * shows before the chat's code is there (its Close button) or when that code failed to
 * load. The launcher's (en-launcher.ts) stay in the first load; the rest is in en.ts.
 */
import { enLauncher } from './en-launcher.js';

export const enFrame = {
  ...enLauncher,
  close: 'Close',
  loadError: "The chat couldn't load. Check your connection and try again.",
  tryAgain: 'Try again',
};

export type FrameTranslation = typeof enFrame;
