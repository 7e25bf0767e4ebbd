/**
 * The inbox search (issue 17, `GET tickets?q=`): the words of each ticket in the shop's
 * SQLite, as an FTS5 table fed by the index updates the shop room already receives
 * (the customer's name, e-mail and phone from the ticket; each new message's text beside
 * it), and the same reading in memory for the mock. Internal notes are never indexed:
 * the shop room never receives them (ticket-notes.ts).
 *
 * Tables (SqlTicketSearch):
 *   ticket_texts (id, ticket_id, seq)  one row per text: seq 0 the customer, n message n
 *   ticket_fts   (body)                 FTS5, rowid = ticket_texts.id
 *   ticket_forgotten (ticket_id, through_seq)  a redaction's mark: no text at or below it is indexed again
 */
import { MAX_BODY_CHARS, type Ticket } from '../../src/protocol/index.js';
import { customerText, searchTerms, textsMatch } from '../../src/protocol/search.js';
import type { SqlExec } from './sql-ticket-index.js';

/** A new message's text, as a ticket room hands it to the shop's index. */
export interface IndexedText {
  seq: number;
  body: string;
}

/**
 * One term as an FTS5 string: letters and digits only (searchTerms), in double quotes,
 * so no operator, column filter or `NEAR` of the agent's can reach the query; the last
 * term matches as a prefix.
 */
const ftsTerm = (term: string, last: boolean): string => `"${term.replace(/"/g, '')}"${last ? '*' : ''}`;

/** The ticket ids the query's terms are all found in (each term in any of the ticket's texts), as SQL and its bindings. */
export function matchingIds(q: string): { sql: string; args: string[] } | null {
  const terms = searchTerms(q);
  if (!terms.length) return null;
  const one = 'SELECT x.ticket_id FROM ticket_fts f JOIN ticket_texts x ON x.id = f.rowid WHERE ticket_fts MATCH ?';
  // Each further word nests as `IN (...)`, not `INTERSECT`: workerd's SQLite refuses a compound
  // SELECT of more than 5 terms (a search of 6 words answered 500).
  const sql = terms.slice(1).reduce((query) => `${query} AND x.ticket_id IN (${one})`, one);
  return { sql, args: terms.map((t, i) => ftsTerm(t, i === terms.length - 1)) };
}

export class SqlTicketSearch {
  /** Whether any ticket was redacted: until one is, adding texts reads no mark (the shop's hot path, issue 19). */
  private anyForgotten = false;

  constructor(private readonly sql: SqlExec) {}

  /** Creates the tables; the first time, indexes what the shop already has (customers and last messages). */
  init(): void {
    const existed = this.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ticket_texts'").toArray().length > 0;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS ticket_texts (
      id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, seq INTEGER NOT NULL, UNIQUE (ticket_id, seq))`);
    this.sql.exec("CREATE VIRTUAL TABLE IF NOT EXISTS ticket_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    this.sql.exec('CREATE TABLE IF NOT EXISTS ticket_forgotten (ticket_id TEXT PRIMARY KEY, through_seq INTEGER NOT NULL)');
    this.anyForgotten = this.sql.exec('SELECT 1 FROM ticket_forgotten LIMIT 1').toArray().length > 0;
    if (existed) return;
    // A shop from before search: its tickets' customers and last messages (older texts
    // were never sent to this room; each new message is indexed from now on).
    for (const row of this.sql.exec('SELECT data FROM tickets').toArray()) {
      const t = JSON.parse(String(row.data)) as Ticket;
      this.customer(t);
      if (t.lastMessage) this.add(t.id, [{ seq: t.lastMessage.seq, body: t.lastMessage.body }]);
    }
  }

  /** Keeps the ticket's customer row in step with the ticket (a redaction replaces it). */
  customer(t: Ticket): void {
    const body = customerText(t);
    const row = this.sql.exec('SELECT x.id, f.body FROM ticket_texts x LEFT JOIN ticket_fts f ON f.rowid = x.id WHERE x.ticket_id = ? AND x.seq = 0', t.id).toArray()[0];
    if (row && String(row.body ?? '') === body) return;
    if (row) this.sql.exec('DELETE FROM ticket_fts WHERE rowid = ?', row.id);
    const id = row ? row.id : this.sql.exec('INSERT INTO ticket_texts (ticket_id, seq) VALUES (?, 0) RETURNING id', t.id).toArray()[0]?.id;
    if (id === undefined) return;
    this.sql.exec('INSERT INTO ticket_fts (rowid, body) VALUES (?, ?)', id, body);
  }

  /** Indexes message texts once each (a re-sent push changes nothing). */
  add(ticketId: string, texts: readonly IndexedText[]): void {
    this.addAll([{ ticketId, texts }]);
  }

  /**
   * A turn's message texts in two statements whatever their number (index-turn.ts): their
   * rows, then their words. Each statement costs workerd a fixed price (prepare, bind, the
   * call into SQLite), and two a text was most of what a push cost the shop's index beside
   * FTS5's own work (issue 19). A text already indexed (a re-sent push, twice in one turn)
   * gets no row back, so its words are not added again.
   */
  addAll(batch: readonly { ticketId: string; texts: readonly IndexedText[] }[]): void {
    const fresh = new Map<string, string>();
    for (const { ticketId, texts } of batch) {
      const forgotten = this.anyForgotten ? Number(this.sql.exec('SELECT through_seq AS n FROM ticket_forgotten WHERE ticket_id = ?', ticketId).toArray()[0]?.n ?? 0) : 0;
      for (const { seq, body } of texts) {
        const key = JSON.stringify([ticketId, seq]);
        if (seq >= 1 && seq > forgotten && body && !fresh.has(key)) fresh.set(key, body.slice(0, MAX_BODY_CHARS));
      }
    }
    if (!fresh.size) return;
    // `WHERE true`: SQLite's grammar reads an upsert's ON after a bare SELECT as a join's.
    const rows = this.sql
      .exec(
        'INSERT INTO ticket_texts (ticket_id, seq) SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true ON CONFLICT DO NOTHING RETURNING id, ticket_id, seq',
        `[${[...fresh.keys()].join(',')}]`,
      )
      .toArray();
    if (!rows.length) return;
    const words = rows.map((r) => [r.id, fresh.get(JSON.stringify([r.ticket_id, r.seq]))]);
    this.sql.exec('INSERT INTO ticket_fts (rowid, body) SELECT value ->> 0, value ->> 1 FROM json_each(?)', JSON.stringify(words));
  }

  /**
   * Forgets a ticket's message texts (a customer's redaction): its customer row follows the
   * ticket. The mark stays, so a push already on its way with older texts (sent before the
   * redaction, landing after it) never indexes them again (r2 finding 1).
   */
  forget(ticketId: string, throughSeq: number): void {
    const ids = this.sql.exec('SELECT id FROM ticket_texts WHERE ticket_id = ? AND seq > 0', ticketId).toArray();
    for (const { id } of ids) this.sql.exec('DELETE FROM ticket_fts WHERE rowid = ?', id);
    this.sql.exec('DELETE FROM ticket_texts WHERE ticket_id = ? AND seq > 0', ticketId);
    this.sql.exec(
      'INSERT INTO ticket_forgotten (ticket_id, through_seq) VALUES (?, ?) ON CONFLICT(ticket_id) DO UPDATE SET through_seq = MAX(through_seq, excluded.through_seq)',
      ticketId,
      throughSeq,
    );
    this.anyForgotten = true;
  }
}

/** The mock's search: the same terms over the same texts, in memory. */
export class MemoryTicketSearch {
  private texts = new Map<string, Map<number, string>>();
  private forgotten = new Map<string, number>();

  add(ticketId: string, texts: readonly IndexedText[]): void {
    let mine = this.texts.get(ticketId);
    if (!mine) this.texts.set(ticketId, (mine = new Map()));
    const through = this.forgotten.get(ticketId) ?? 0;
    for (const { seq, body } of texts) if (seq >= 1 && seq > through && body && !mine.has(seq)) mine.set(seq, body.slice(0, MAX_BODY_CHARS));
  }

  forget(ticketId: string, throughSeq: number): void {
    this.texts.delete(ticketId);
    this.forgotten.set(ticketId, Math.max(throughSeq, this.forgotten.get(ticketId) ?? 0));
  }

  matches(t: Ticket, q: string): boolean {
    return textsMatch([customerText(t), ...(this.texts.get(t.id)?.values() ?? [])], searchTerms(q));
  }
}
