/**
 * Styles of the panel's frame, with its code (panel-frame.ts), before Lit and the views
 * arrive: the theme's colours on the host, the floating dialog (full screen on phones) or
 * the inline region, and the skeleton. Plain CSS text, as the launcher's.
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
    color: var(--_fg);
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
  @media (prefers-reduced-motion: reduce) {
    .panel {
      animation: none;
    }
  }
  /* The skeleton while the chat's code loads (views/loading.ts): the thread's bubbles, the team's and the shopper's, or the FAQ home's title, search and questions. */
  .skeleton {
    padding: 20px;
    display: grid;
    gap: 12px;
    align-content: start;
  }
  .skeleton span {
    display: block;
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
