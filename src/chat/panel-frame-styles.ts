/**
 * Styles of the panel's frame, with its code (panel-frame.ts), before Lit and the views
 * arrive: the theme's colours on the host, the floating dialog (full screen on phones) or
 * the inline region, the skeleton, and the launcher's hover. Plain CSS text, as the launcher's.
 */
import { darkTokenText, lightTokenText, visuallyHiddenText } from '../theme/token-text.js';
import { sheetOf } from './customer-hub-chat-styles.js';

// Named `css` so the build squeezes the literal as it does Lit's (scripts/minify-css-literals.mjs).
const css = String.raw;

const text = css`
  :host {
    ${lightTokenText}
    --_radius: var(--customer-hub-radius, 16px);
    color: var(--_fg);
    /* Not in the first load: the closed launcher has no text. */
    font-family: var(--customer-hub-font, inherit);
    font-size: 15px;
    line-height: 1.45;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokenText}
    }
  }
  :host([theme='dark']) {
    ${darkTokenText}
  }
  * {
    box-sizing: border-box;
  }
  .panel:focus {
    outline: none;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .panel {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: calc(var(--customer-hub-offset-bottom, 20px) + 72px);
    inset-inline-end: var(--customer-hub-offset-side, 20px);
    width: var(--customer-hub-panel-width, 380px);
    height: min(var(--customer-hub-panel-height, 640px), calc(100vh - 120px));
    background: var(--_bg);
    border-radius: var(--_radius);
    box-shadow: 0 12px 48px rgb(0 0 0 / 0.25);
    display: flex;
    flex-direction: column;
    overflow: hidden;
    animation: rise 0.18s ease-out;
  }
  :host([launcher='none']) .panel {
    inset-block-end: var(--customer-hub-offset-bottom, 20px);
  }
  :host([mode='inline']) .panel {
    position: relative;
    inset: auto;
    width: 100%;
    height: 100%;
    box-shadow: none;
    border-radius: 0;
    animation: none;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  @media (max-width: 480px) {
    :host(:not([mode='inline'])) .panel {
      inset: 0;
      width: 100%;
      height: var(--_vvh, 100dvh);
      border-radius: 0;
    }
    :host([open]:not([mode='inline'])) .launcher {
      display: none;
    }
  }
  /* The launcher grows under the pointer once the frame is in: the first hover loads it (issue 19). */
  .launcher:hover {
    transform: scale(1.05);
  }
  @media (prefers-reduced-motion: no-preference) {
    .launcher {
      transition: transform 0.15s;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel {
      animation: none;
    }
  }
  /* The header, the body and the buttons the frame draws before the chat is in (views/loading.ts), the panel's too. */
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    padding: 12px 16px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .title {
    flex: 1;
    margin: 0;
    font-size: 16px;
    font-weight: 650;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .icon-button,
  .text-button {
    background: transparent;
    border: 0;
    border-radius: 8px;
    padding: 6px 8px;
    min-height: 32px;
  }
  .icon-button {
    min-width: 32px;
    font-size: 16px;
  }
  .text-button {
    font-size: 13px;
    text-decoration: underline;
    white-space: nowrap;
  }
  .header :focus-visible {
    outline-color: var(--_on-accent);
  }
  .body {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 16px;
  }
  .center {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    text-align: center;
    gap: 8px;
  }
  .primary,
  .secondary {
    display: inline-block;
    border-radius: 999px;
    padding: 9px 16px;
    font-weight: 600;
    font-size: 14px;
    text-decoration: none;
    border: 1px solid var(--_accent);
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  /* The skeleton while the chat's code loads (views/loading.ts): the thread's bubbles, the team's and the shopper's, or the FAQ home's title, search and questions. */
  .skeleton {
    padding: 20px;
    display: grid;
    gap: 12px;
    align-content: start;
  }
  /* Grid items: blockified without a display of their own. */
  .skeleton span {
    width: 60%;
    height: 40px;
    border-radius: 16px;
    background: var(--_surface);
  }
  .skeleton .short {
    justify-self: end;
  }
  .home span {
    width: auto;
    border-radius: 8px;
  }
  .home .short {
    justify-self: start;
    width: 45%;
    height: 18px;
  }
  .visually-hidden {
    ${visuallyHiddenText}
  }
`;

/** The frame's stylesheet. */
export const panelFrameSheet = sheetOf(text);
