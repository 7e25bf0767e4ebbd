/** Registers `<customer-hub-chat>` (guarded: a second copy on the page is harmless, and so is a server render, which has no registry). */
import { CustomerHubChat } from './chat/customer-hub-chat.js';

if (globalThis.customElements && !customElements.get('customer-hub-chat')) customElements.define('customer-hub-chat', CustomerHubChat);

export { CustomerHubChat };
// Types only: brings the events' `GlobalEventHandlersEventMap` entries with this entry alone.
export type * from './chat/events.js';
