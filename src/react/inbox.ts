/**
 * `<CustomerHubInbox>`, the team's inbox as a React component (made by `@lit/react`).
 * Importing it registers the inbox's elements; a page that uses only the chat never
 * loads it (this module has no side effect of its own, so bundlers drop it unused).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { CustomerHubInbox as CustomerHubInboxElement } from '../inbox.js';
import type { CustomerHubInboxTicketOpenEvent, CustomerHubInboxUnreadChangeEvent } from '../inbox/events.js';

export const CustomerHubInbox = createComponent({
  react: React,
  tagName: 'customer-hub-inbox',
  elementClass: CustomerHubInboxElement,
  displayName: 'CustomerHubInbox',
  events: {
    onCustomerHubInboxTicketOpen: 'customer-hub-inbox-ticket-open' as EventName<CustomerHubInboxTicketOpenEvent>,
    onCustomerHubInboxUnreadChange: 'customer-hub-inbox-unread-change' as EventName<CustomerHubInboxUnreadChangeEvent>,
  },
});
