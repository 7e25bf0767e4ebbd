/**
 * The colour tokens as plain CSS text: the panel's frame (a plain stylesheet, issue 19)
 * reads them here; `tokens.ts` wraps the same text for Lit's stylesheets (the panel, the
 * inbox). One light and one dark set, text contrast at least 4.5:1 in both.
 */

// Named `css` so the build squeezes these literals as it does Lit's (scripts/minify-css-literals.mjs).
const css = String.raw;

/** The light set, the accent aside (accent-text.ts: the launcher's first load needs it alone). */
export const lightTokenText = css`
  --_bg: #fff;
  --_fg: #1a1a1a;
  --_muted: #5c5c66;
  --_surface: #f1f2f6;
  --_line: #dcdde3;
  --_danger: #b3261e;
`;

/** Hidden on screen, read by screen readers. */
export const visuallyHiddenText = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

export const darkTokenText = css`
  --_bg: #17181c;
  --_fg: #f2f2f5;
  --_muted: #b4b5bf;
  --_surface: #25262d;
  --_line: #3a3b44;
  --_danger: #ffb4ab;
`;
