/**
 * `customer-hub-chat/inbox.js`: the team's inbox, `<customer-hub-inbox>`, registered
 * (guarded against double define), and its headless `InboxClient`. A separate entry
 * point: nothing of it is in the shopper's bundle.
 */
import { CustomerHubInbox } from './inbox/customer-hub-inbox.js';
import { CustomerHubInboxComposer } from './inbox/inbox-composer.js';
import { CustomerHubInboxSettings } from './inbox/inbox-settings.js';
import { CustomerHubInboxTicket } from './inbox/inbox-ticket.js';

// Literal calls, so the analyzer lists each tag in custom-elements.json.
if (!customElements.get('customer-hub-inbox-composer')) customElements.define('customer-hub-inbox-composer', CustomerHubInboxComposer);
if (!customElements.get('customer-hub-inbox-ticket')) customElements.define('customer-hub-inbox-ticket', CustomerHubInboxTicket);
if (!customElements.get('customer-hub-inbox-settings')) customElements.define('customer-hub-inbox-settings', CustomerHubInboxSettings);
if (!customElements.get('customer-hub-inbox')) customElements.define('customer-hub-inbox', CustomerHubInbox);

export { CustomerHubInbox, CustomerHubInboxSettings, CustomerHubInboxTicket };
export { InboxClient } from './inbox/inbox-client.js';
export type * from './inbox/inbox-client.js';
export type { AgentThread } from './inbox/agent-thread.js';
export type { Agent, AgentSession, Profile, ShopSettings } from './inbox/inbox-api.js';
export * from './inbox/events.js';
