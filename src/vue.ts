/**
 * `customer-hub-chat/vue`: registers `<customer-hub-chat>` and types both elements in
 * Vue's `GlobalComponents` (from custom-elements.json), so templates check their
 * attributes with no declaration written by the app. Tell Vue's compiler the tags are
 * custom elements (`compilerOptions.isCustomElement`), as for any web component.
 */
import './define.js';

export type * from './frameworks/vue-types.js';
