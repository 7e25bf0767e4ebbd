/**
 * Keeps the shop's index up to date off a ticket's hot path: one update in flight per
 * ticket, and whatever changed meanwhile goes next as one (the newest state wins; the
 * revision keeps the shop's copy right, and the room re-sends its state after a crash).
 */
import type { Ticket } from '../src/protocol/index.js';

export interface IndexChange {
  ticket: Ticket;
  revision: number;
}

export class IndexPush {
  /** The newest change the shop has not been sent yet. */
  private pending: IndexChange | null = null;
  private sending = false;

  constructor(private readonly send: (change: IndexChange) => Promise<void>) {}

  async push(ticket: Ticket, revision: number): Promise<void> {
    this.pending = { ticket: structuredClone(ticket), revision };
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
