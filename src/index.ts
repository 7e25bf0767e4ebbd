/**
 * `customer-hub-chat`: classes, types, the headless client and the `partykit` transport.
 * No side effects: importing registers no element (see `define.js`). No server code
 * either: the in-memory backend for tests is `customer-hub-chat/testing.js`.
 */
export * from './protocol/index.js';
export { ChatClient } from './client/chat-client.js';
export type {
  ChatClientOptions,
  ChatClientEvents,
  ChatError,
  ChatErrorCode,
  ChatMessage,
  ClientConnection,
  DeliveryState,
  Side,
  View,
} from './client/chat-client.js';
export type { KeyValueStore, OutboxEntry } from './client/outbox.js';
export { TransportError } from './transports/types.js';
export type { ChatTransport, ConnectionHandlers, ConnectionState, SocketRefusal, TicketConnection, TransportErrorCode } from './transports/types.js';
export { createSocketConnection, SOCKET_REFUSALS } from './transports/socket-connection.js';
export type { SocketConnectionOptions } from './transports/socket-connection.js';
export { PartykitTransport, createPartykitTransport } from './transports/partykit.js';
export type { PartykitTransportOptions } from './transports/partykit.js';
export { CustomerHubChat } from './chat/customer-hub-chat.js';
export * from './chat/events.js';
export { resolveLocale, type Locale, type Translation } from './i18n/index.js';
// The inbox's headless core (no elements: those are in `customer-hub-chat/inbox.js`).
export { InboxClient } from './inbox/inbox-client.js';
export type { InboxClientOptions, InboxClientEvents, InboxError, ListFilter, StatusFilter, ChannelFilter, AuthState, FeedState, ProfileState } from './inbox/inbox-client.js';
export { InboxApi } from './inbox/inbox-api.js';
export type { Agent, AgentSession, Profile, ShopSettings } from './inbox/inbox-api.js';
