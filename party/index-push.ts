/**
 * Keeps the shop's index up to date off a ticket's hot path: one update in flight per
 * ticket, and whatever changed meanwhile goes next as one (the newest state wins; the
 * revision keeps the shop's copy right, and the room re-sends its state after a crash).
 * New messages' texts (for the inbox search, issue 17) are not coalesced away: they
 * ride along with the next update, at most MAX_PENDING_TEXTS of them.
 */
import type { Ticket } from '../src/protocol/index.js';
import type { IndexedText } from './core/ticket-search.js';

/** The texts one update carries at most: a burst beyond it keeps its newest (the index is best effort, the thread is the truth). */
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

  constructor(private readonly send: (change: IndexChange) => Promise<void>) {}

  async push(ticket: Ticket, revision: number, text?: IndexedText): Promise<void> {
    const texts = [...(this.pending?.texts ?? []), ...(text ? [text] : [])].slice(-MAX_PENDING_TEXTS);
    this.pending = { ticket: structuredClone(ticket), revision, texts };
    if (this.sending) return;
    this.sending = true;
    try {
      // This change's frames go out first.
      await new Promise((r) => setTimeout(r, 0));
      while (this.pending) {
        const latest: IndexChange = this.pending;
        this.pending = null;
        await this.send(latest);
      }
    } finally {
      this.sending = false;
    }
  }
}
