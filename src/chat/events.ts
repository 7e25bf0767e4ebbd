/**
 * The element's events (DESIGN §3): one class each, all `bubbles` and `composed`,
 * with typed fields, registered in `GlobalEventHandlersEventMap`.
 */
import type { ChatError, ClientConnection } from '../client/chat-client.js';
import type { Message, Ticket } from '../protocol/index.js';
import type { CustomerHubReadyEvent } from './ready-event.js';

const init = { bubbles: true, composed: true };

/** The panel opened. */
export class CustomerHubOpenEvent extends Event {
  constructor() {
    super('customer-hub-open', init);
  }
}

// In the first load, which fires it before the chat's code is in (this module is not).
export { CustomerHubReadyEvent } from './ready-event.js';

/** The panel closed. */
export class CustomerHubCloseEvent extends Event {
  constructor() {
    super('customer-hub-close', init);
  }
}

/** The shopper's first message created a ticket (R6). */
export class CustomerHubTicketCreatedEvent extends Event {
  constructor(readonly ticket: Ticket) {
    super('customer-hub-ticket-created', init);
  }
}

/** A message from the team, the AI agent or the system arrived. */
export class CustomerHubMessageEvent extends Event {
  constructor(readonly message: Message) {
    super('customer-hub-message', init);
  }
}

/** The chat ended (R8), by the shopper or the team. */
export class CustomerHubChatEndedEvent extends Event {
  constructor(readonly ticket: Ticket) {
    super('customer-hub-chat-ended', init);
  }
}

/** The number of unread messages changed. */
export class CustomerHubUnreadChangeEvent extends Event {
  constructor(readonly unread: number) {
    super('customer-hub-unread-change', init);
  }
}

/** The live connection's state changed. */
export class CustomerHubConnectionChangeEvent extends Event {
  constructor(readonly state: ClientConnection) {
    super('customer-hub-connection-change', init);
  }
}

/**
 * Whether this visitor may use the chat changed (R2, live with the shop's settings):
 * `available` is false when the element hides itself (chat off, or `logged-in` only and
 * the visitor is anonymous), true when it shows again. A host drawer hides or shows its
 * Chat tab on it.
 */
export class CustomerHubAvailabilityChangeEvent extends Event {
  constructor(readonly available: boolean) {
    super('customer-hub-availability-change', init);
  }
}

/** Something failed that the shopper or the integrator can act on. */
export class CustomerHubErrorEvent extends Event {
  constructor(readonly error: ChatError) {
    super('customer-hub-error', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'customer-hub-ready': CustomerHubReadyEvent;
    'customer-hub-open': CustomerHubOpenEvent;
    'customer-hub-close': CustomerHubCloseEvent;
    'customer-hub-ticket-created': CustomerHubTicketCreatedEvent;
    'customer-hub-message': CustomerHubMessageEvent;
    'customer-hub-chat-ended': CustomerHubChatEndedEvent;
    'customer-hub-unread-change': CustomerHubUnreadChangeEvent;
    'customer-hub-connection-change': CustomerHubConnectionChangeEvent;
    'customer-hub-availability-change': CustomerHubAvailabilityChangeEvent;
    'customer-hub-error': CustomerHubErrorEvent;
  }
}
