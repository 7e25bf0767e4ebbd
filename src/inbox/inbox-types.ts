/** The inbox client's public shapes: its options, list filter, states and events. */
import type { ChatError, ChatErrorCode } from '../client/errors.js';
import type { KeyValueStore } from '../client/outbox.js';
import type { Ticket, TicketStatus } from '../protocol/index.js';
import type { CustomerView, Profile } from './inbox-api.js';

export type StatusFilter = TicketStatus;
export type ChannelFilter = 'all' | Ticket['channel'];
export interface ListFilter {
  status: StatusFilter;
  channel: ChannelFilter;
}

export type AuthState = 'signed-out' | 'signing-in' | 'signed-in';
export type FeedState = 'idle' | 'connecting' | 'open' | 'closed';
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface ProfileState {
  state: 'idle' | 'loading' | 'ready' | 'missing' | 'error';
  profile?: Profile;
  /** The customer's other tickets, newest first, and their orders (`ready` and `missing`). */
  tickets?: CustomerView['tickets'];
  orders?: CustomerView['orders'];
}

export interface InboxClientEvents {
  /** A ticket reached the team's inbox (created, or handed off by the AI agent). */
  'new-ticket': Ticket;
  error: InboxError;
}

/** A failure the inbox reports: the client's codes, `offline` (a ticket not connected) and `expired` (the agent's session). */
export interface InboxError extends Omit<ChatError, 'code'> {
  code: ChatErrorCode | 'offline' | 'expired';
}

export interface InboxClientOptions {
  host: string;
  shop: string;
  /** A ready agent token (from `agents/session`); otherwise `signIn` with a key. */
  token?: string;
  /** Where the session and unsent replies persist; default `localStorage` (null: memory only). */
  storage?: KeyValueStore | null;
  fetch?: typeof fetch;
  /** A WebSocket class, for runtimes without a global one. */
  WebSocket?: unknown;
  reconnect?: { minDelay: number; maxDelay: number };
}
