/**
 * Styles of the launcher, the whole of the first load's CSS (issue 19): the accent on
 * the host, the round button as it is first drawn, and the inline host's box (so an inline
 * chat takes its place before its code is in). Its growing on hover comes with the frame
 * (panel-frame-styles.ts), which the first hover loads, and so does the font: the closed
 * launcher has no text to set in it. Its unread badge shows only once the chat's code is in,
 * and its styles come with it (launcher-face.ts). Plain CSS text in one constructable stylesheet
 * (no Lit in the first load; a strict CSP allows it). The panel's frame and skeleton
 * bring theirs (panel-frame-styles.ts), the panel's views theirs (panel-styles.ts).
 */
import { accentTokenText } from '../theme/accent-text.js';

// Named `css` so the build squeezes the literal as it does Lit's (scripts/minify-css-literals.mjs).
const css = String.raw;

/** A constructable stylesheet of `text`, made on first use and shared by every widget on the page. */
export function sheetOf(text: string): () => CSSStyleSheet {
  let sheet: CSSStyleSheet | undefined;
  return () => {
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(text);
    return sheet;
  };
}

const text = css`
  :host {
    ${accentTokenText}
    --_z: var(--customer-hub-z-index, 2147483000);
    display: contents;
  }
  :host([hidden]) {
    display: none;
  }
  :host([mode='inline']) {
    display: block;
    height: 100%;
    min-height: 420px;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .launcher {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: var(--customer-hub-offset-bottom, 20px);
    inset-inline-end: var(--customer-hub-offset-side, 20px);
    width: 58px;
    height: 58px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
    display: grid;
    place-items: center;
    cursor: pointer;
  }
  .launcher svg {
    width: 28px;
    height: 28px;
    fill: currentColor;
  }
`;

/** The launcher's stylesheet. */
export const customerHubChatSheet = sheetOf(text);
