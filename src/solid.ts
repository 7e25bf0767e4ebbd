/**
 * `customer-hub-chat/solid`: registers `<customer-hub-chat>` and types both elements in
 * Solid's JSX (from custom-elements.json): properties, attributes and `on:customer-hub-…`
 * events with their classes, with no declaration written by the app.
 */
import './define.js';
import type { CustomElements } from './frameworks/solid-types.js';

declare module 'solid-js' {
  namespace JSX {
    // An interface that only extends: how JSX intrinsic elements are added.
    interface IntrinsicElements extends CustomElements {}
  }
}
