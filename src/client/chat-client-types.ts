/** The shopper client's public shapes: its options, views and events (README "The headless client"). */
import type { Message, Ticket } from '../protocol/index.js';
import type { ChatTransport } from '../transports/types.js';
import type { ChatError } from './errors.js';
import type { Side } from './message-list.js';
import type { KeyValueStore } from './outbox.js';

export type View = 'loading' | 'hidden' | 'login' | 'faq' | 'welcome' | 'thread' | 'ended' | 'error';

export interface ChatClientEvents {
  message: Message;
  'ticket-created': Ticket;
  'chat-ended': Ticket;
  error: ChatError;
}

export interface ChatClientOptions {
  transport: ChatTransport;
  /**
   * Where the outbox and the draft persist; default `localStorage`. `sessionStorage`
   * until the page allows more (cookie consent), or null for memory only.
   */
  storage?: KeyValueStore | null;
  /** Namespace of the persisted keys; use one per shop. Everything under it is kept per customer. */
  storageKey?: string;
  /** Declare a sent message failed when no ack came within this time. */
  ackTimeoutMs?: number;
  /** Spacing of outbox resends after a sync (DESIGN §7: at most 10 per second). */
  resendIntervalMs?: number;
  /** How many recent messages to load when a chat is restored; older ones come with `loadOlder`. */
  initialWindow?: number;
  /**
   * Whose side of the ticket this client is on: the shopper's (the widget), or the
   * team's (an agent's token on the same delivery core; `InboxClient` uses the thread itself).
   */
  side?: Side;
}
