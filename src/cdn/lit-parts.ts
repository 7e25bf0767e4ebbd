/**
 * What `lit` is in the shopper's script-tag build (rollup.config.mjs points `lit` here):
 * the templates only, without LitElement, ReactiveElement and Lit's `css` tag, which the
 * widget no longer uses (its element is plain, issue 19; its stylesheets are plain CSS
 * text, `sheetOf`). A widget module importing anything else from `lit` fails that build,
 * loudly.
 */
export { html, nothing, render, svg } from 'lit-html';
