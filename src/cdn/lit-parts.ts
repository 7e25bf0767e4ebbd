/**
 * What `lit` is in the shopper's script-tag build (rollup.config.mjs points `lit` here):
 * the templates and the stylesheets, without LitElement and ReactiveElement, which the
 * widget no longer uses (its element is plain, issue 19). A widget module importing
 * anything else from `lit` fails that build, loudly.
 */
export { html, nothing, render, svg } from 'lit-html';
export { adoptStyles, css, unsafeCSS } from '@lit/reactive-element/css-tag.js';
