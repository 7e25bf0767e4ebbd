// The shop's index updates taken together per turn (issue 19, party/core/index-turn.ts):
// the pushes that arrive together are applied in one pass, in order, each caller hears
// its own outcome, one bad update fails only its own caller, and a turn never grows past
// MAX_TURN. SqlTicketIndex applies a turn in one transaction and keeps the unread total
// right when that transaction is rolled back (R14).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ticket } from '../../src/protocol/index.js';
import { IndexTurn, MAX_TURN } from '../../party/core/index-turn.js';
import { MemoryTicketIndex, type IndexChange, type Upserted } from '../../party/core/ticket-index.js';
import { SqlTicketIndex, type SqlExec } from '../../party/core/sql-ticket-index.js';

const ticket = (id: string, unread = 1): Ticket =>
  ({ id, shop: 'demo.myshopify.com', customer: { id: `c-${id}` }, status: 'open', channel: 'chat', handler: 'team', unread, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' }) as Ticket;
const change = (id: string, revision: number, unread = 1): IndexChange => ({ ticket: ticket(id, unread), revision, texts: [{ seq: revision, body: `text ${id} ${revision}` }] });

/** A turn whose timer the test fires by hand. */
function manualTurn(apply: (changes: readonly IndexChange[]) => Promise<Upserted[]>) {
  const timers: Array<() => void> = [];
  return { turn: new IndexTurn(apply, (run) => void timers.push(run)), fire: () => timers.splice(0).forEach((run) => run()) };
}

describe('index turn (issue 19)', () => {
  it('applies the pushes of one turn in one pass, in order, each caller hearing its own outcome', async () => {
    const index = new MemoryTicketIndex();
    const passes: string[][] = [];
    const { turn, fire } = manualTurn(async (changes) => (passes.push(changes.map((c) => `${c.ticket.id}@${c.revision}`)), index.applyChanges(changes)));
    const a1 = turn.add(change('a', 1));
    const b1 = turn.add(change('b', 1));
    const a2 = turn.add(change('a', 2));
    const stale = turn.add(change('a', 1));
    assert.deepEqual(passes, [], 'nothing is applied before the turn ends');
    fire();
    assert.deepEqual(await Promise.all([a1, b1, a2, stale]), [{ before: null }, { before: null }, { before: { waitingSince: undefined, assignee: undefined } }, false]);
    assert.deepEqual(passes, [['a@1', 'b@1', 'a@2', 'a@1']]);
    assert.equal((await index.get('a'))?.unread, 1);
  });

  it('fails only the caller whose update fails: the others of its turn are stored', async () => {
    const index = new MemoryTicketIndex();
    const { turn, fire } = manualTurn(async (changes) => {
      if (changes.some((c) => c.ticket.id === 'bad')) throw new Error('cannot store it');
      return index.applyChanges(changes);
    });
    const good = turn.add(change('good', 1));
    const bad = turn.add(change('bad', 1));
    const other = turn.add(change('other', 1));
    fire();
    assert.deepEqual(await good, { before: null });
    await assert.rejects(bad, /cannot store it/);
    assert.deepEqual(await other, { before: null });
    assert.deepEqual((await index.allIds()).sort(), ['good', 'other']);
  });

  it(`applies a turn at once when it reaches ${MAX_TURN} pushes, without waiting for its timer`, async () => {
    const sizes: number[] = [];
    const { turn, fire } = manualTurn(async (changes) => (sizes.push(changes.length), changes.map(() => ({ before: null }))));
    const all = Array.from({ length: MAX_TURN + 3 }, (_, i) => turn.add(change(`t${i}`, 1)));
    await Promise.all(all.slice(0, MAX_TURN));
    assert.deepEqual(sizes, [MAX_TURN]);
    fire();
    await Promise.all(all);
    assert.deepEqual(sizes, [MAX_TURN, 3]);
  });
});

describe('SQL ticket index, a turn at once (issue 19)', () => {
  /** Enough of SQLite for the upsert and the search's inserts: tickets by id, each statement counted. */
  function fakeSql() {
    const rows = new Map<string, { revision: number; status: string; handler: string; unread: number }>();
    let nextId = 1;
    const sql: SqlExec = {
      exec(query: string, ...args: unknown[]) {
        const q = query.trim();
        const out = (r: Record<string, unknown>[]) => ({ toArray: () => r });
        if (q.startsWith('SELECT COALESCE(SUM(unread)')) return out([{ n: 0 }]);
        if (q.startsWith('SELECT name FROM sqlite_master')) return out([{ name: 'ticket_texts' }]);
        if (q.startsWith('SELECT revision')) return out(rows.has(String(args[0])) ? [{ ...rows.get(String(args[0])), customer: null }] : []);
        if (q.startsWith('INSERT INTO tickets')) {
          const [id, revision, status, , handler, , , unread] = args as [string, number, string, string, string, string, unknown, number];
          rows.set(id, { revision, status, handler, unread });
        }
        if (q.includes('RETURNING id')) return out([{ id: nextId++ }]);
        return out([]);
      },
    };
    return { sql, rows };
  }

  it('runs a whole turn in one transaction, and a rolled-back one leaves the unread total as the table is', async () => {
    const { sql, rows } = fakeSql();
    let transactions = 0;
    let failNext = false;
    const index = new SqlTicketIndex(sql, Date.now, (work) => {
      transactions++;
      const saved = new Map(rows);
      try {
        const r = work();
        if (failNext) throw new Error('disk full');
        return r;
      } catch (err) {
        rows.clear();
        for (const [k, v] of saved) rows.set(k, v);
        throw err;
      }
    });
    await index.applyChanges([change('a', 1, 2), change('b', 1, 3), change('c', 1, 4)]);
    assert.equal(transactions, 1, 'three pushes, one transaction');
    assert.equal(await index.unreadTotal(), 9);
    failNext = true;
    await assert.rejects(index.applyChanges([change('a', 2, 7), change('d', 1, 5)]), /disk full/);
    assert.equal(await index.unreadTotal(), 9, 'the total follows the table, which the rollback kept');
    assert.equal(rows.get('a')?.unread, 2);
  });
});
