// The search's writes for a turn of index pushes (issue 19 goal 5; R13): a turn's message
// texts cost two SQL statements whatever their number, where each text cost two before
// (workerd charges a fixed price per statement), and a text repeated in the turn is
// indexed once. What SQLite makes of the statements is proved against the real server in
// test/server/search-turn.test.ts; here a small stand-in records what the search asks of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlTicketSearch } from '../../party/core/ticket-search.js';
import type { SqlExec } from '../../party/core/sql-ticket-index.js';

/** Answers the two inserts as SQLite would: a row id for each (ticket, seq) not stored yet. */
function fakeSql() {
  const texts = new Map<string, number>();
  const words = new Map<number, string>();
  const statements: string[] = [];
  /** The (ticket, seq) pairs each rows statement carried. */
  const sent: unknown[][] = [];
  const sql: SqlExec = {
    exec(query: string, ...args: unknown[]) {
      statements.push(query);
      const out = (r: Record<string, unknown>[]) => ({ toArray: () => r });
      if (query.startsWith('INSERT INTO ticket_texts')) {
        const added: Record<string, unknown>[] = [];
        const pairs = JSON.parse(String(args[0])) as [string, number][];
        sent.push(pairs);
        for (const [ticketId, seq] of pairs) {
          const key = `${ticketId}/${seq}`;
          if (texts.has(key)) continue;
          texts.set(key, texts.size + 1);
          added.push({ id: texts.size, ticket_id: ticketId, seq });
        }
        return out(added);
      }
      if (query.startsWith('INSERT INTO ticket_fts')) for (const [id, body] of JSON.parse(String(args[0])) as [number, string][]) words.set(id, body);
      return out([]);
    },
  };
  return { sql, statements, words, sent };
}

const turn = (tickets: number, from = 1) =>
  Array.from({ length: tickets }, (_, i) => ({ ticketId: `t${i}`, texts: [{ seq: from, body: `text ${i} ${from}` }] }));

describe('search writes of a turn (issue 19)', () => {
  it('costs two statements for a turn of 1 text and of 150', () => {
    for (const n of [1, 150]) {
      const { sql, statements, words } = fakeSql();
      new SqlTicketSearch(sql).addAll(turn(n));
      assert.equal(statements.length, 2, `${n} texts`);
      assert.equal(words.size, n);
    }
  });

  it('indexes a text once when the turn holds it twice or it was indexed before, and skips empty texts and seq 0', () => {
    const { sql, statements, words, sent } = fakeSql();
    const search = new SqlTicketSearch(sql);
    search.addAll([...turn(3), ...turn(3), { ticketId: 'x', texts: [{ seq: 1, body: '' }, { seq: 0, body: 'the customer row is not a message' }] }]);
    assert.equal(words.size, 3);
    assert.equal(sent[0]?.length, 3, 'the repeated texts asked for once');
    const before = statements.length;
    search.addAll(turn(3));
    assert.equal(statements.length - before, 1, 'no words statement when every text was indexed already');
    assert.equal(words.size, 3);
  });
});
