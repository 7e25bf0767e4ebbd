/** The inbox's events (DESIGN §3): typed, `bubbles` and `composed`. */
import type { Ticket } from '../protocol/index.js';

const init = { bubbles: true, composed: true };

/** The agent opened a ticket. */
export class CustomerHubInboxTicketOpenEvent extends Event {
  constructor(readonly ticket: Ticket) {
    super('customer-hub-inbox-ticket-open', init);
  }
}

/** The unread total of the inbox changed (R14). */
export class CustomerHubInboxUnreadChangeEvent extends Event {
  constructor(readonly unread: number) {
    super('customer-hub-inbox-unread-change', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'customer-hub-inbox-ticket-open': CustomerHubInboxTicketOpenEvent;
    'customer-hub-inbox-unread-change': CustomerHubInboxUnreadChangeEvent;
  }
}
