/**
 * `customer-hub-ready`, the one event the launcher fires before the chat's code loads
 * (issue 19): apart from the others (events.ts re-exports it) so the first load carries
 * this class alone.
 */

/** The element knows the shop's config and the chat can open (once per element). */
export class CustomerHubReadyEvent extends Event {
  constructor() {
    super('customer-hub-ready', { bubbles: true, composed: true });
  }
}
