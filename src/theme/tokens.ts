/**
 * The colour tokens the widget and the inbox share: one accent custom property, and a
 * light and a dark set (text contrast at least 4.5:1 in both).
 */
import { css } from 'lit';

export const lightTokens = css`
  --_accent: var(--customer-hub-accent, #1f5eff);
  --_on-accent: var(--customer-hub-accent-contrast, #fff);
  --_bg: #fff;
  --_fg: #1a1a1a;
  --_muted: #5c5c66;
  --_surface: #f1f2f6;
  --_line: #dcdde3;
  --_danger: #b3261e;
`;

/** Hidden on screen, read by screen readers. */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

export const darkTokens = css`
  --_bg: #17181c;
  --_fg: #f2f2f5;
  --_muted: #b4b5bf;
  --_surface: #25262d;
  --_line: #3a3b44;
  --_danger: #ffb4ab;
`;
