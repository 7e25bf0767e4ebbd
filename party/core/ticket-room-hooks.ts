/**
 * What a ticket room needs from the runtime that drives it (the Durable Object, the
 * memory backend): the clock, the live peers, ids, and the ways out (index, shop, fetch).
 */
import type { AgentRef, Ticket } from '../../src/protocol/index.js';
import type { IndexedText } from './ticket-search.js';
import type { AiSettings, Responder } from './ai/responder.js';
import type { EmailTimings } from './email/notifier.js';
import type { StoredOrder } from './orders/order-store.js';
import type { Participant } from './participant.js';
import type { Budget } from './rate-limit.js';

export interface TicketRoomHooks {
  now(): number;
  /** Every live participant of this ticket, the sender included. */
  peers(): Iterable<Participant>;
  newId(): string;
  /** The shop's team, whom an `assign` may name (ticket-assign.ts `teamOf`); none without it. */
  team?(shop: string): AgentRef[] | Promise<AgentRef[]>;
  /** Called after every stored change of the ticket (for the shop's index), with the text of a new message (for its search, issue 17). */
  changed?(ticket: Ticket, revision: number, text?: IndexedText): void;
  /** Whether the shop takes images from shoppers now (`chat.attachments`, issue 17 B1); left out, it does. */
  shopperAttachments?(shop: string): Promise<boolean>;
  /** The shopper's own orders from the shop's Shopify webhooks, for the AI agent's order answers (issue 18). */
  orders?(shop: string, customerId: string): Promise<StoredOrder[]>;
  /** The AI agent to use; the default retrieval responder otherwise. */
  responder?(settings: AiSettings): Responder;
  /** How outbound requests go out (handoffs, notifications); global fetch otherwise. */
  fetch?: typeof fetch;
  /** Asks the runtime to call `wake()` at this time (a Durable Object alarm, a timer). */
  schedule?(at: number): void;
  deliveryTimeoutMs?: number;
  /** The send budget per participant per ticket (rate-limit.ts); benchmarks raise it. */
  sendBudget?: Budget;
  /** E-mail coalescing and wait-reminder delays (email/notifier.ts); a minute and 5 minutes otherwise. */
  emailTimings?: EmailTimings;
}
