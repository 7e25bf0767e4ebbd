/**
 * The shop's ticket index in the Durable Object's SQLite (DESIGN §1): the inbox list,
 * paged by activity, with lazy snooze expiry applied in the query.
 */
import type { Ticket } from '../../src/protocol/index.js';
import { SqlTicketSearch, matchingIds, type IndexedText } from './ticket-search.js';
import { decodeCursor, effectiveStatus, encodeCursor, unreadOf, type IndexChange, type TicketIndex, type TicketBefore, type TicketPage, type TicketQuery, type Upserted } from './ticket-index.js';

/** The part of `SqlStorage` this index uses. */
export interface SqlExec {
  exec(query: string, ...bindings: unknown[]): { toArray(): Record<string, unknown>[] };
}

/** Runs `work` as one transaction (the Durable Object's `transactionSync`): rolled back whole if it throws. */
export type SqlTransaction = <T>(work: () => T) => T;

/**
 * What the upsert reads of a ticket's row before writing it: the revision (stale pushes are
 * dropped), what it added to the unread total, the customer (re-indexed for search when it
 * changed) and what a first reply is judged by (Upserted).
 */
interface SeenRow extends TicketBefore {
  revision: number;
  handler: string;
  status: string;
  unread: number;
  /** The customer as JSON, as `json_extract` gives it. */
  customer: string;
}

/**
 * Rows remembered as written, so a busy ticket's next push skips the read (and the JSON
 * parsing of its row's data three times over): the shop's hot path (issue 19). The table
 * stays the truth: a ticket not remembered is read from it.
 */
const MAX_SEEN = 2_000;

export class SqlTicketIndex implements TicketIndex {
  private ready = false;
  private readonly seen = new Map<string, SeenRow>();
  /**
   * The inbox's unread total, summed once when the object wakes and then kept by every
   * upsert: every feed frame carries it, and a sum over all tickets per change made one
   * shop's cost per message grow with its ticket count (bench/).
   */
  private total = 0;
  private readonly search: SqlTicketSearch;

  constructor(
    private readonly sql: SqlExec,
    private readonly now: () => number = Date.now,
    private readonly transaction: SqlTransaction = (work) => work(),
  ) {
    this.search = new SqlTicketSearch(sql);
  }

  private init(): void {
    if (this.ready) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS tickets (
      id TEXT PRIMARY KEY, revision INTEGER NOT NULL, status TEXT NOT NULL, channel TEXT NOT NULL,
      handler TEXT NOT NULL, updated_at TEXT NOT NULL, snooze_until TEXT, unread INTEGER NOT NULL, data TEXT NOT NULL)`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS tickets_activity ON tickets (updated_at DESC, id DESC)');
    const row = this.sql.exec("SELECT COALESCE(SUM(unread), 0) AS n FROM tickets WHERE handler = 'team' AND status != 'closed'").toArray()[0];
    this.total = Number(row?.n ?? 0);
    this.search.init();
    this.ready = true;
  }

  async upsert(t: Ticket, revision: number): Promise<Upserted> {
    return (await this.applyChanges([{ ticket: t, revision, texts: [] }]))[0]!;
  }

  /**
   * A turn's pushes in one transaction (index-turn.ts): SQLite commits once and FTS5 writes
   * one segment for all of them, rather than one each. The unread total moves only once the
   * transaction held, so a rolled-back turn leaves it as the table is.
   */
  async applyChanges(changes: readonly IndexChange[]): Promise<Upserted[]> {
    this.init();
    let delta = 0;
    let out: Upserted[];
    try {
      out = this.transaction(() => {
        const words: { ticketId: string; texts: readonly IndexedText[] }[] = [];
        const stored = changes.map(({ ticket, revision, texts }) => {
          const done = this.upsertRow(ticket, revision);
          // A push older than the row (sent before a redaction, landing after it) brings no
          // texts back (issue 17, r2 finding 1).
          if (texts.length && !done.newer) words.push({ ticketId: ticket.id, texts });
          delta += done.delta;
          return done.stored;
        });
        // The turn's texts together (ticket-search.ts), in the same transaction as their rows,
        // so once the feed tells the inbox of a change a search finds it.
        this.search.addAll(words);
        return stored;
      });
    } catch (err) {
      // Rolled back: what was remembered of its rows may not be in the table.
      this.seen.clear();
      throw err;
    }
    this.total += delta;
    return out;
  }

  /** `newer`: the row holds a later revision than this push (an equal one is a re-sent push, its texts still welcome). */
  private upsertRow(t: Ticket, revision: number): { stored: Upserted; delta: number; newer?: boolean } {
    const row = this.rowOf(t.id);
    if (row && row.revision >= revision) return { stored: false, delta: 0, newer: row.revision > revision };
    this.sql.exec(
      `INSERT INTO tickets (id, revision, status, channel, handler, updated_at, snooze_until, unread, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, status = excluded.status, channel = excluded.channel,
         handler = excluded.handler, updated_at = excluded.updated_at, snooze_until = excluded.snooze_until,
         unread = excluded.unread, data = excluded.data`,
      t.id, revision, t.status, t.channel, t.handler, t.updatedAt, t.snoozeUntil ?? null, t.unread, JSON.stringify(t),
    );
    const customer = JSON.stringify(t.customer ?? null);
    this.remember(t.id, { revision, handler: t.handler, status: t.status, unread: t.unread, customer, waitingSince: t.waitingSince ?? null, assignee: t.assignee ?? null });
    const delta = unreadOf(t) - (row ? unreadOf(row) : 0);
    // The customer's words are indexed again only when they changed (a new ticket, a redaction).
    if (!row || row.customer !== customer) this.search.customer(t);
    return { stored: { before: row ? { waitingSince: row.waitingSince, assignee: row.assignee } : null }, delta };
  }

  /** What the upsert needs of a ticket's row: as this index last wrote it, else read from the table. */
  private rowOf(id: string): SeenRow | null {
    const kept = this.seen.get(id);
    if (kept) return kept;
    const row = this.sql
      .exec(
        "SELECT revision, handler, status, unread, json_extract(data, '$.customer') AS customer, json_extract(data, '$.waitingSince') AS waiting, json_extract(data, '$.assignee') AS assignee FROM tickets WHERE id = ?",
        id,
      )
      .toArray()[0];
    if (!row) return null;
    return {
      revision: Number(row.revision),
      handler: String(row.handler),
      status: String(row.status),
      unread: Number(row.unread),
      customer: typeof row.customer === 'string' ? row.customer : 'null',
      waitingSince: typeof row.waiting === 'string' ? row.waiting : null,
      assignee: typeof row.assignee === 'string' ? (JSON.parse(row.assignee) as Ticket['assignee']) : null,
    };
  }

  /** Keeps the row as written, the most recently changed tickets only (MAX_SEEN). */
  private remember(id: string, row: SeenRow): void {
    this.seen.delete(id);
    this.seen.set(id, row);
    if (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.keys().next().value!);
  }

  async get(id: string): Promise<Ticket | null> {
    this.init();
    const row = this.sql.exec('SELECT data FROM tickets WHERE id = ?', id).toArray()[0];
    return row ? this.view(JSON.parse(String(row.data)) as Ticket) : null;
  }

  async list(q: TicketQuery): Promise<TicketPage> {
    this.init();
    const now = new Date(this.now()).toISOString();
    const where: string[] = [];
    const args: unknown[] = [];
    if (!q.includeAi) where.push("handler = 'team'");
    if (q.status === 'open') {
      where.push("(status = 'open' OR (status = 'snoozed' AND snooze_until IS NOT NULL AND snooze_until <= ?))");
      args.push(now);
    } else if (q.status === 'snoozed') {
      where.push("status = 'snoozed' AND (snooze_until IS NULL OR snooze_until > ?)");
      args.push(now);
    } else if (q.status === 'closed') {
      where.push("status = 'closed'");
    }
    if (q.channel) {
      where.push('channel = ?');
      args.push(q.channel);
    }
    if (q.q !== undefined) {
      // Words only (ticket-search.ts): a query without any matches nothing.
      const match = matchingIds(q.q);
      if (!match) return { tickets: [], nextCursor: null };
      where.push(`id IN (${match.sql})`);
      args.push(...match.args);
    }
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    if (after) {
      where.push('(updated_at < ? OR (updated_at = ? AND id < ?))');
      args.push(after.updatedAt, after.updatedAt, after.id);
    }
    const rows = this.sql
      .exec(
        `SELECT data FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC LIMIT ?`,
        ...args,
        q.limit + 1,
      )
      .toArray();
    const tickets = rows.slice(0, q.limit).map((r) => this.view(JSON.parse(String(r.data)) as Ticket));
    return { tickets, nextCursor: rows.length > q.limit ? encodeCursor(tickets.at(-1)!) : null };
  }

  async openIds(): Promise<string[]> {
    this.init();
    return this.sql.exec("SELECT id FROM tickets WHERE status != 'closed'").toArray().map((r) => String(r.id));
  }

  async idsOf(who: { id?: string; email?: string }): Promise<string[]> {
    this.init();
    const rows = this.sql
      .exec(
        "SELECT id FROM tickets WHERE json_extract(data, '$.customer.id') = ? OR lower(json_extract(data, '$.customer.email')) = lower(?)",
        who.id ?? null,
        who.email ?? null,
      )
      .toArray();
    return rows.map((r) => String(r.id));
  }

  async allIds(): Promise<string[]> {
    this.init();
    return this.sql.exec('SELECT id FROM tickets').toArray().map((r) => String(r.id));
  }

  async addTexts(ticketId: string, texts: readonly IndexedText[]): Promise<void> {
    this.init();
    this.search.add(ticketId, texts);
  }

  async forgetTexts(ticketId: string, throughSeq: number): Promise<void> {
    this.init();
    this.search.forget(ticketId, throughSeq);
  }

  async unreadTotal(): Promise<number> {
    this.init();
    return this.total;
  }

  private view(t: Ticket): Ticket {
    const status = effectiveStatus(t, this.now());
    return status === t.status ? t : { ...t, status, snoozeUntil: null };
  }
}
