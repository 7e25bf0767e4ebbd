/**
 * The colour tokens the widget and the inbox share, as Lit CSS: one accent custom
 * property, and a light and a dark set. The text itself is in token-text.ts (the
 * widget's first load uses it without Lit).
 */
import { unsafeCSS } from 'lit';
import { accentTokenText } from './accent-text.js';
import { darkTokenText, lightTokenText, visuallyHiddenText } from './token-text.js';

export const lightTokens = unsafeCSS(accentTokenText + lightTokenText);

/** Hidden on screen, read by screen readers. */
export const visuallyHidden = unsafeCSS(visuallyHiddenText);

export const darkTokens = unsafeCSS(darkTokenText);
