/**
 * The shop's index of its tickets (the inbox list). An interface, because the
 * Durable Object keeps it in SQL and the mock in memory.
 */
import { effectiveStatus, type Ticket, type TicketStatus } from '../../src/protocol/index.js';
import { MemoryTicketSearch, type IndexedText } from './ticket-search.js';

export interface TicketQuery {
  status?: TicketStatus;
  channel?: Ticket['channel'];
  cursor?: string | null;
  limit: number;
  /** Include tickets the AI agent still handles (hidden from the inbox by default, R10). */
  includeAi?: boolean;
  /** Only tickets whose customer or messages have these words (issue 17 search, ticket-search.ts). */
  q?: string;
}

export interface TicketPage {
  tickets: Ticket[];
  nextCursor: string | null;
}

/** What the index held of a ticket before an update: what its first reply (issue 17's reply time) is judged by. */
export type TicketBefore = Pick<Ticket, 'waitingSince' | 'assignee'>;

/**
 * A stored update, with the ticket as the index had it (`null`: a new ticket), or `false`
 * when a newer revision was already known. The shop reads the row before it only here, in
 * the statement the update needs anyway, rather than with a `get` of its own (bench/, issue 19).
 */
export type Upserted = false | { before: TicketBefore | null };

/** One ticket room's push: its ticket's newest state, its revision, and new messages' texts (for search). */
export interface IndexChange {
  ticket: Ticket;
  revision: number;
  texts: readonly IndexedText[];
}

export interface TicketIndex {
  /** Stores the ticket unless a newer revision is already known. */
  upsert(ticket: Ticket, revision: number): Promise<Upserted>;
  /** Many pushes at once, in order (index-turn.ts): each one's texts, then its ticket; in one transaction where the store has them. */
  applyChanges(changes: readonly IndexChange[]): Promise<Upserted[]>;
  get(id: string): Promise<Ticket | null>;
  list(query: TicketQuery): Promise<TicketPage>;
  /** Unread shopper messages over the inbox's open tickets (the badge, R14). */
  unreadTotal(): Promise<number>;
  /** Every ticket not closed, AI-handled ones included: where saved settings are pushed (R12). */
  openIds(): Promise<string[]>;
  /** Every ticket of a customer, by customer id or e-mail (privacy requests). */
  idsOf(customer: { id?: string; email?: string }): Promise<string[]>;
  /** Every ticket of the shop (`shop/redact`). */
  allIds(): Promise<string[]>;
  /** Indexes new messages' texts for search (once per seq). */
  addTexts(ticketId: string, texts: readonly IndexedText[]): Promise<void>;
  /** Forgets a ticket's message texts (a customer's redaction), and never again indexes one at or below `throughSeq`. */
  forgetTexts(ticketId: string, throughSeq: number): Promise<void>;
}

/** Whether an indexed ticket is the customer's: same id, or same e-mail ignoring case. */
export const isCustomers = (t: Ticket, who: { id?: string; email?: string }): boolean =>
  (who.id !== undefined && t.customer?.id === who.id) || (who.email !== undefined && t.customer?.email?.toLowerCase() === who.email.toLowerCase());

export { effectiveStatus };

/** What a ticket adds to the inbox's unread total: the team's tickets not closed (R14). */
export const unreadOf = (t: { handler?: unknown; status?: unknown; unread?: unknown }): number =>
  t.handler === 'team' && t.status !== 'closed' ? Number(t.unread) : 0;

export const encodeCursor = (t: Ticket): string => btoa(`${t.updatedAt}|${t.id}`);
export function decodeCursor(cursor: string): { updatedAt: string; id: string } | null {
  try {
    const [updatedAt, id] = atob(cursor).split('|');
    return updatedAt && id ? { updatedAt, id } : null;
  } catch {
    return null;
  }
}

/** Newest activity first; ties broken by id so paging is stable. */
const byActivity = (a: Ticket, b: Ticket): number =>
  a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1;

export class MemoryTicketIndex implements TicketIndex {
  private rows = new Map<string, { ticket: Ticket; revision: number }>();
  private search = new MemoryTicketSearch();

  constructor(private readonly now: () => number = Date.now) {}

  async upsert(ticket: Ticket, revision: number): Promise<Upserted> {
    const row = this.rows.get(ticket.id);
    if (row && row.revision >= revision) return false;
    this.rows.set(ticket.id, { ticket: structuredClone(ticket), revision });
    return { before: row ? { waitingSince: row.ticket.waitingSince, assignee: row.ticket.assignee } : null };
  }

  async applyChanges(changes: readonly IndexChange[]): Promise<Upserted[]> {
    const out: Upserted[] = [];
    for (const { ticket, revision, texts } of changes) {
      // As the SQL index: a push older than the row (sent before a redaction) brings no texts back.
      const row = this.rows.get(ticket.id);
      if (texts.length && !(row && row.revision > revision)) this.search.add(ticket.id, texts);
      out.push(await this.upsert(ticket, revision));
    }
    return out;
  }

  async get(id: string): Promise<Ticket | null> {
    const row = this.rows.get(id);
    return row ? this.view(row.ticket) : null;
  }

  async list(q: TicketQuery): Promise<TicketPage> {
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const matches = [...this.rows.values()]
      .map((r) => this.view(r.ticket))
      .filter((t) => (q.includeAi || t.handler === 'team') && (!q.status || t.status === q.status) && (!q.channel || t.channel === q.channel))
      .filter((t) => q.q === undefined || this.search.matches(t, q.q))
      .sort(byActivity)
      .filter((t) => !after || t.updatedAt < after.updatedAt || (t.updatedAt === after.updatedAt && t.id < after.id));
    const tickets = matches.slice(0, q.limit);
    return { tickets, nextCursor: matches.length > q.limit ? encodeCursor(tickets.at(-1)!) : null };
  }

  async unreadTotal(): Promise<number> {
    let total = 0;
    for (const { ticket } of this.rows.values()) total += unreadOf(ticket);
    return total;
  }

  async openIds(): Promise<string[]> {
    return [...this.rows.values()].filter((r) => r.ticket.status !== 'closed').map((r) => r.ticket.id);
  }

  async idsOf(who: { id?: string; email?: string }): Promise<string[]> {
    return [...this.rows.values()].filter((r) => isCustomers(r.ticket, who)).map((r) => r.ticket.id);
  }

  async allIds(): Promise<string[]> {
    return [...this.rows.keys()];
  }

  async addTexts(ticketId: string, texts: readonly IndexedText[]): Promise<void> {
    this.search.add(ticketId, texts);
  }

  async forgetTexts(ticketId: string, throughSeq: number): Promise<void> {
    this.search.forget(ticketId, throughSeq);
  }

  private view(t: Ticket): Ticket {
    const status = effectiveStatus(t, this.now());
    return status === t.status ? structuredClone(t) : { ...structuredClone(t), status, snoozeUntil: null };
  }
}
