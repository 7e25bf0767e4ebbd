/**
 * Keeps the shop's index up to date off a ticket's hot path: one update in flight per
 * ticket, and whatever changed meanwhile goes next as one (the newest state wins; the
 * revision keeps the shop's copy right, and the room re-sends its state after a crash).
 * New messages' texts (for the inbox search, issue 17) are never coalesced away: they
 * ride along with the next update, at most MAX_PENDING_TEXTS in one, the rest in the
 * updates after it (a burst while one update is in flight loses none of them).
 */
import type { Ticket } from '../src/protocol/index.js';
import type { IndexedText } from './core/ticket-search.js';

/** The texts one update carries at most: more go in the next ones, oldest first. */
export const MAX_PENDING_TEXTS = 100;

export interface IndexChange {
  ticket: Ticket;
  revision: number;
  texts: IndexedText[];
}

export class IndexPush {
  /** The newest change the shop has not been sent yet. */
  private pending: IndexChange | null = null;
  private sending = false;

  /**
   * `settled` resolves once the change's write is durable, when the output gate lets its
   * frames go (a Durable Object's `storage.sync()`). The shop's side of a push runs on the
   * same isolate in `wrangler dev` (and on the same machine anywhere): started before, it
   * held the message's frames back by its own work (issue 19, h34 item 2).
   */
  constructor(
    private readonly send: (change: IndexChange) => Promise<void>,
    private readonly settled: () => Promise<unknown> = () => Promise.resolve(),
  ) {}

  /** A redaction: the texts not sent yet go (their words are the customer's), the state still goes. */
  dropTexts(): void {
    if (this.pending) this.pending = { ...this.pending, texts: [] };
  }

  /** `texts`: the change's new messages (one, or a catch-up's re-sent ones). */
  async push(ticket: Ticket, revision: number, texts: readonly IndexedText[] = []): Promise<void> {
    this.pending = { ticket: structuredClone(ticket), revision, texts: [...(this.pending?.texts ?? []), ...texts] };
    if (this.sending) return;
    this.sending = true;
    try {
      // This change's frames go out first: once durable, one turn of the event loop writes them.
      await this.settled().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 0));
      while (this.pending) {
        const latest: IndexChange = this.pending;
        const rest = latest.texts.slice(MAX_PENDING_TEXTS);
        // The texts beyond one update's share wait for the next, with the newest state.
        this.pending = rest.length ? { ...latest, texts: rest } : null;
        await this.send(rest.length ? { ...latest, texts: latest.texts.slice(0, MAX_PENDING_TEXTS) } : latest);
      }
    } finally {
      this.sending = false;
    }
  }
}
