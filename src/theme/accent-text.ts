/**
 * The accent colour tokens as plain CSS text, apart from the other tokens (token-text.ts):
 * the launcher's first load (issue 19) needs these two alone, the same in light and dark.
 */

// Named `css` so the build squeezes the literal as it does Lit's (scripts/minify-css-literals.mjs).
const css = String.raw;

export const accentTokenText = css`
  --_accent: var(--customer-hub-accent, #1f5eff);
  --_on-accent: var(--customer-hub-accent-contrast, #fff);
`;
