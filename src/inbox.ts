/**
 * `customer-hub-chat/inbox.js`: the team's inbox, `<customer-hub-inbox>`, registered
 * (guarded against double define), and its headless `InboxClient`. A separate entry
 * point: nothing of it is in the shopper's bundle.
 */
import { CustomerHubInbox } from './inbox/customer-hub-inbox.js';
import { CustomerHubInboxSettings } from './inbox/settings-view.js';
import { CustomerHubInboxTicket } from './inbox/ticket-view.js';

const define = (tag: string, ctor: CustomElementConstructor) => customElements.get(tag) || customElements.define(tag, ctor);
define('customer-hub-inbox-ticket', CustomerHubInboxTicket);
define('customer-hub-inbox-settings', CustomerHubInboxSettings);
define('customer-hub-inbox', CustomerHubInbox);

export { CustomerHubInbox, CustomerHubInboxSettings, CustomerHubInboxTicket };
export { InboxClient } from './inbox/inbox-client.js';
export type * from './inbox/inbox-client.js';
export type { Agent, AgentSession, Profile, ShopSettings } from './inbox/inbox-api.js';
export * from './inbox/events.js';
