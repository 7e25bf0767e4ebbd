/**
 * `customer-hub-chat/svelte`: registers `<customer-hub-chat>` and types both elements in
 * Svelte's templates (svelte-check and the editor read `svelte/elements`): properties,
 * attributes and `oncustomer-hub-…` events with their classes, from the same generated
 * props as React's JSX (custom-elements.json), with no declaration written by the app.
 * (The manifest's own Svelte plugin declares a global `JSX` namespace, which Svelte 5 does not read.)
 */
import './define.js';
import type { HTMLAttributes as SvelteAttributes } from 'svelte/elements';
import type { CustomerHubChatProps, CustomerHubInboxProps } from './frameworks/jsx-types.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'customer-hub-chat': Omit<SvelteAttributes<HTMLElement>, keyof CustomerHubChatProps> & CustomerHubChatProps;
    'customer-hub-inbox': Omit<SvelteAttributes<HTMLElement>, keyof CustomerHubInboxProps> & CustomerHubInboxProps;
  }
}
