/** The inbox's design tokens and shared controls: one accent, light and dark, visible focus. */
import { css } from 'lit';
import { darkTokens, lightTokens, visuallyHidden } from '../theme/tokens.js';

/** The dark theme's values: the system's choice under `theme="auto"`, or `theme="dark"` (as the chat does). */
const dark = css`
  ${darkTokens}
  --_accent: var(--customer-hub-accent, #8fb0ff);
  --_on-accent: var(--customer-hub-accent-contrast, #0b1020);
  --_raised: #2c2d35;
  --_warn-bg: #4a3800;
  --_warn-fg: #ffe08a;
  --_late-bg: #5c1a14;
  --_late-fg: #ffdad5;
  --_selected: #26335a;
`;

export const tokens = css`
  :host {
    ${lightTokens}
    --_raised: #fff;
    --_warn-bg: #fff1cc;
    --_warn-fg: #6b4a00;
    --_late-bg: #fde2df;
    --_late-fg: #8c1d18;
    --_selected: #e6edff;
    font-family: var(--customer-hub-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.45;
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .btn {
    border: 1px solid var(--_line);
    background: var(--_raised);
    border-radius: 8px;
    padding: 6px 12px;
    min-height: 32px;
  }
  .btn:hover:not(:disabled) {
    border-color: var(--_accent);
  }
  .btn.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .btn.danger {
    color: var(--_danger);
  }
  .icon-btn {
    border: 0;
    background: transparent;
    border-radius: 8px;
    width: 32px;
    height: 32px;
    display: inline-grid;
    place-items: center;
    padding: 0;
  }
  .icon-btn:hover:not(:disabled) {
    background: var(--_surface);
  }
  /* Every icon of icons.ts: a line drawing in the text's colour (sized apart where it differs). */
  .icon {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  input[type='text'],
  input[type='password'],
  input[type='url'],
  input[type='number'],
  input[type='time'],
  input[type='datetime-local'],
  input[type='search'],
  select,
  textarea {
    border: 1px solid var(--_line);
    background: var(--_bg);
    border-radius: 8px;
    padding: 6px 10px;
    min-height: 32px;
  }
  .muted {
    color: var(--_muted);
  }
  .sr-only {
    ${visuallyHidden}
  }
  /* Menus and pickers: placed by each view. */
  .popover {
    position: absolute;
    background: var(--_raised);
    border: 1px solid var(--_line);
    border-radius: 10px;
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
  }
`;
