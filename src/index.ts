/**
 * `customer-hub-chat`: classes, types, the headless client and the transports.
 * No side effects: importing registers no element (see `define.js`).
 */
export * from './protocol/index.js';
export { ChatClient } from './client/chat-client.js';
export type {
  ChatClientOptions,
  ChatClientEvents,
  ChatError,
  ChatMessage,
  ClientConnection,
  DeliveryState,
  Side,
  View,
} from './client/chat-client.js';
export type { KeyValueStore, OutboxEntry } from './client/outbox.js';
export { TransportError } from './transports/types.js';
export type { ChatTransport, ConnectionHandlers, ConnectionState, TicketConnection } from './transports/types.js';
export { PartykitTransport, createPartykitTransport, serverOrigin } from './transports/partykit.js';
export type { PartykitTransportOptions } from './transports/partykit.js';
export { MemoryTransport, createMemoryTransport } from './transports/memory.js';
export type { MemoryTransportOptions, MemoryTicketConnection } from './transports/memory.js';
export { MemoryBackend } from '../party/core/memory.js';
export { CustomerHubChat } from './chat/customer-hub-chat.js';
export * from './chat/events.js';
export { resolveLocale, type Locale, type Translation } from './i18n/index.js';
// The inbox's headless core (no elements: those are in `customer-hub-chat/inbox.js`).
export { InboxClient } from './inbox/inbox-client.js';
export type { InboxClientOptions, InboxClientEvents, ListFilter, StatusFilter, ChannelFilter, AuthState, FeedState, ProfileState } from './inbox/inbox-client.js';
export { InboxApi } from './inbox/inbox-api.js';
export type { Agent, AgentSession, Profile, ShopSettings } from './inbox/inbox-api.js';
