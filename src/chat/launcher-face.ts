/**
 * The launcher once the panel's frame is in (issue 19): the first load draws only the closed
 * button a visitor has not touched; opening the chat or news from it (an unread count) needs
 * the frame's code anyway, so what the button then shows comes with it: the Close icon and
 * name while the chat is open, the unread badge and its count in the name, and the badge's styles.
 */
import type { FrameTranslation } from '../i18n/en-frame.js';
import { CHAT_ICON } from './customer-hub-chat.js';
import { sheetOf } from './customer-hub-chat-styles.js';

// Named `css` so the build squeezes the literal as it does Lit's (scripts/minify-css-literals.mjs).
const css = String.raw;

/** The unread badge's styles. */
export const launcherFaceSheet = sheetOf(css`
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #c4001a;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 22px;
    text-align: center;
    border: 2px solid #fff;
    box-sizing: border-box;
  }
`);

const CLOSE_ICON = 'M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z';

/** Draws the launcher `button` for the chat open or closed with `unread` replies not yet read. */
export function drawLauncher(button: HTMLButtonElement, open: boolean, unread: number, t: FrameTranslation): void {
  // No badge while the thread is in view: it is being read (and the button's name is then "Close chat").
  const count = open ? 0 : unread;
  button.ariaExpanded = `${open}`;
  button.ariaLabel = open ? t.launcherClose : count ? `${t.launcherOpen}, ${t.unread(count)}` : t.launcherOpen;
  button.querySelector('path')!.setAttribute('d', open ? CLOSE_ICON : CHAT_ICON);
  let badge = button.querySelector('span');
  if (!count) return badge?.remove();
  if (!badge) {
    badge = button.appendChild(document.createElement('span'));
    badge.className = badge.part.value = 'badge';
    badge.ariaHidden = 'true';
  }
  badge.textContent = count > 99 ? '99+' : `${count}`;
}
