/** The contract of a ticket thread (`ticket-thread.ts`): what it is given and what it tells. */
import type { Message, Ticket, TicketContext } from '../protocol/index.js';
import type { ChatTransport, ConnectionState } from '../transports/types.js';
import type { ChatError } from './errors.js';
import type { Side } from './message-list.js';

export type ClientConnection = 'idle' | ConnectionState;

export interface TicketThreadEvents {
  /** A message from the other side, new to this page (live or replayed). */
  message: Message;
  /** The ticket is closed; `was` is what this thread held before. */
  closed: { ticket: Ticket; was: Ticket | null };
  error: ChatError;
}

export interface TicketThreadOptions {
  side: Side;
  connect: ChatTransport['connect'];
  /** On a socket refused for its credentials: renew them; the thread reconnects once after. */
  reauthorize: () => Promise<void>;
  /** The name on our own messages while they are pending. */
  authorName: () => string | undefined;
  /** The page's context to send on each sync (`setContext`), if the page set one. */
  context?: () => TicketContext | undefined;
  ackTimeoutMs: number;
  resendIntervalMs: number;
  initialWindow: number;
}
