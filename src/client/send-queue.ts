/**
 * The outbox pump of a ticket thread (DESIGN §7): one message in flight at a time,
 * resends after a sync spaced by `resendIntervalMs`, a doubling pause after a rate
 * limit, and a deadline for each ack. A rate limit may refuse any message of a
 * pipelined burst and let a later one through; one message in flight keeps the stored
 * order equal to the send order, whatever the limit's shape.
 */
import type { ReadableAtom } from 'nanostores';
import type { ClientFrame, Ticket } from '../protocol/index.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { Timers } from './timers.js';

/** The pause after a rate limit; doubled while the first send after a pause is refused too. */
const RATE_LIMIT_PAUSE_MS = 2000;
const RATE_LIMIT_PAUSE_MAX_MS = 16_000;

/**
 * What the queue needs of its thread (the thread itself: no adapter object to ship).
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export interface SendQueueHost {
  readonly outbox: Outbox | null;
  readonly failed: ReadonlySet<string>;
  /** Synced on an open connection: sends may go. */
  readonly synced: boolean;
  readonly $ticket: ReadableAtom<Ticket | null>;
  /** Sends on the open, synced connection; false when there is none. */
  sendNow(frame: ClientFrame): boolean;
  /** No ack came in time. */
  ackTimedOut(clientId: string): void;
}

/**
 * The pump of one thread's outbox.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class SendQueue {
  /** What waits to be sent, in outbox order. */
  #queue: string[] = [];
  /** The one message sent and not yet answered: the next waits for its ack (or its refusal). */
  #inFlight: string | null = null;
  #waiting = false;
  #pausedUntil = 0;
  #pauseMs = 0;
  #lastTransmitAt = -Infinity;
  /** A resend after a sync is under way: it is spaced by `resendIntervalMs`. */
  #resending = false;
  #ackTimers = new Map<string, ReturnType<typeof setTimeout>>();

  readonly #host: SendQueueHost;
  readonly #timers: Timers;
  readonly #ackTimeoutMs: number;
  readonly #resendIntervalMs: number;

  constructor(host: SendQueueHost, timers: Timers, ackTimeoutMs: number, resendIntervalMs: number) {
    this.#host = host;
    this.#timers = timers;
    this.#ackTimeoutMs = ackTimeoutMs;
    this.#resendIntervalMs = resendIntervalMs;
  }

  isInFlight(clientId: string): boolean {
    return this.#inFlight === clientId;
  }

  /** Queues a message behind the others, so order holds. */
  enqueue(entry: OutboxEntry): void {
    if (!this.#queue.includes(entry.clientId)) this.#queue.push(entry.clientId);
    this.pump();
  }

  /** After every sync: resend what is still unacked for this ticket, in order and paced. Returns the ids queued. */
  resendAll(): readonly string[] {
    const ticketId = this.#host.$ticket.get()?.id;
    this.#queue = (this.#host.outbox?.all() ?? []).filter((e) => e.ticketId === ticketId).map((e) => e.clientId);
    this.#inFlight = null;
    this.#resending = this.#queue.length > 0;
    return this.#queue;
  }

  /** The connection changed: whatever was in flight is answered on the old socket or never. */
  lost(): void {
    this.#inFlight = null;
  }

  /** The connection is gone for this ticket: nothing waits any more. */
  drop(): void {
    this.#queue = [];
    this.#inFlight = null;
  }

  /** A message to send again from scratch: it is not in flight any more. */
  release(clientId: string): void {
    if (this.#inFlight === clientId) this.#inFlight = null;
  }

  /** The server took a message: it takes messages again. */
  acked(clientId: string): void {
    this.clearAckTimer(clientId);
    this.#pauseMs = 0;
    this.settle(clientId);
  }

  /** Refused by a rate limit: back off, then send it again before any later one. */
  limited(clientId: string): void {
    this.#pauseMs = Math.min(RATE_LIMIT_PAUSE_MAX_MS, this.#pauseMs ? this.#pauseMs * 2 : RATE_LIMIT_PAUSE_MS);
    this.#pausedUntil = Date.now() + this.#pauseMs;
    if (!this.#queue.includes(clientId)) this.#queue.unshift(clientId);
    this.settle(clientId);
  }

  /** The message in flight was answered (stored, acked, refused or timed out): the next may go. */
  settle(clientId: string): void {
    if (this.#inFlight !== clientId) return;
    this.#inFlight = null;
    this.pump();
  }

  /** Sends the next queued message once the one in flight is answered. */
  pump(): void {
    if (this.#inFlight || this.#waiting || !this.#host.synced) return;
    if (!this.#queue.length) this.#resending = false;
    const spacing = this.#resending ? this.#resendIntervalMs : 0;
    const wait = Math.max(this.#pausedUntil, this.#lastTransmitAt + spacing) - Date.now();
    if (wait > 0 && this.#queue.length) {
      this.#waiting = true;
      this.#timers.later(() => {
        this.#waiting = false;
        this.pump();
      }, wait);
      return;
    }
    const ticketId = this.#host.$ticket.get()?.id;
    for (let id = this.#queue.shift(); id !== undefined; id = this.#queue.shift()) {
      const entry = this.#host.outbox?.get(id);
      if (!entry || entry.ticketId !== ticketId || this.#host.failed.has(id)) continue;
      this.#transmit(entry);
      return;
    }
  }

  clearAckTimer(clientId: string): void {
    const t = this.#ackTimers.get(clientId);
    if (t) clearTimeout(t);
    this.#ackTimers.delete(clientId);
  }

  clearAckTimers(): void {
    for (const t of this.#ackTimers.values()) clearTimeout(t);
    this.#ackTimers.clear();
  }

  /** Only `pump` sends, and only an entry of the ticket held. */
  #transmit(entry: OutboxEntry): void {
    // In flight before it goes: a transport may answer within `send` itself.
    this.#inFlight = entry.clientId;
    this.#lastTransmitAt = Date.now();
    // Not sent (no synced connection): nothing is in flight.
    if (!this.#host.sendNow({ type: 'send', clientId: entry.clientId, body: entry.body, ...(entry.attachments ? { attachments: entry.attachments } : {}) })) return void (this.#inFlight = null);
    this.clearAckTimer(entry.clientId);
    const timer = setTimeout(() => {
      this.#ackTimers.delete(entry.clientId);
      if (this.#host.outbox?.get(entry.clientId)) this.#host.ackTimedOut(entry.clientId);
    }, this.#ackTimeoutMs);
    this.#ackTimers.set(entry.clientId, timer);
  }
}
