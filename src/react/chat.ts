/**
 * `customer-hub-chat/react`: `<CustomerHubChat>`, the shopper's chat as a React component
 * (made by `@lit/react`): every property a typed prop, every event an `on…` prop with
 * its event class, `ref` to the element. Importing it registers `<customer-hub-chat>`.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { CustomerHubChat as CustomerHubChatElement } from '../define.js';
import type {
  CustomerHubAvailabilityChangeEvent,
  CustomerHubChatEndedEvent,
  CustomerHubCloseEvent,
  CustomerHubConnectionChangeEvent,
  CustomerHubErrorEvent,
  CustomerHubMessageEvent,
  CustomerHubOpenEvent,
  CustomerHubReadyEvent,
  CustomerHubTicketCreatedEvent,
  CustomerHubUnreadChangeEvent,
} from '../chat/events.js';

export const CustomerHubChat = createComponent({
  react: React,
  tagName: 'customer-hub-chat',
  elementClass: CustomerHubChatElement,
  displayName: 'CustomerHubChat',
  events: {
    onCustomerHubReady: 'customer-hub-ready' as EventName<CustomerHubReadyEvent>,
    onCustomerHubOpen: 'customer-hub-open' as EventName<CustomerHubOpenEvent>,
    onCustomerHubClose: 'customer-hub-close' as EventName<CustomerHubCloseEvent>,
    onCustomerHubTicketCreated: 'customer-hub-ticket-created' as EventName<CustomerHubTicketCreatedEvent>,
    onCustomerHubMessage: 'customer-hub-message' as EventName<CustomerHubMessageEvent>,
    onCustomerHubChatEnded: 'customer-hub-chat-ended' as EventName<CustomerHubChatEndedEvent>,
    onCustomerHubUnreadChange: 'customer-hub-unread-change' as EventName<CustomerHubUnreadChangeEvent>,
    onCustomerHubConnectionChange: 'customer-hub-connection-change' as EventName<CustomerHubConnectionChangeEvent>,
    onCustomerHubAvailabilityChange: 'customer-hub-availability-change' as EventName<CustomerHubAvailabilityChangeEvent>,
    onCustomerHubError: 'customer-hub-error' as EventName<CustomerHubErrorEvent>,
  },
});
