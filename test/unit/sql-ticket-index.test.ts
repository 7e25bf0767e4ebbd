// The shop's ticket index in SQLite (DESIGN §1; R14): the inbox's unread total is kept
// as tickets change, so a change costs the same statements in a shop of 10 tickets and
// one of 2,000. SQLite itself is not available to Node 20 here: a small table stands in
// for it, answering the four statements the index uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ticket } from '../../src/protocol/index.js';
import { SqlTicketIndex, type SqlExec } from '../../party/core/sql-ticket-index.js';

type Row = { revision: number; status: string; handler: string; unread: number };

function fakeSql(stored = new Map<string, Row>()): SqlExec & { statements: number; reads: number; stored: Map<string, Row> } {
  const result = (rows: Record<string, unknown>[]) => ({ toArray: () => rows });
  const sql = {
    statements: 0,
    reads: 0,
    stored,
    exec(query: string, ...args: unknown[]) {
      sql.statements++;
      const q = query.trim();
      if (q.startsWith('SELECT revision')) sql.reads++;
      if (q.startsWith('SELECT COALESCE(SUM(unread)')) {
        let n = 0;
        for (const r of stored.values()) if (r.handler === 'team' && r.status !== 'closed') n += r.unread;
        return result([{ n }]);
      }
      if (q.startsWith('SELECT revision')) return result(stored.has(String(args[0])) ? [{ ...stored.get(String(args[0])) }] : []);
      if (q.startsWith('INSERT INTO tickets')) {
        const [id, revision, status, , handler, , , unread] = args as [string, number, string, string, string, string, string | null, number];
        stored.set(id, { revision, status, handler, unread });
      }
      return result([]);
    },
  };
  return sql;
}

const ticket = (id: string, unread: number, over: Partial<Ticket> = {}): Ticket =>
  ({
    id,
    shop: 'demo.myshopify.com',
    customer: { id: `c-${id}` },
    status: 'open',
    channel: 'chat',
    handler: 'team',
    unread,
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
    ...over,
  }) as Ticket;

describe('SQL ticket index', () => {
  it('keeps the unread total through new tickets, reads, closes, AI tickets and stale revisions', async () => {
    const sql = fakeSql();
    const index = new SqlTicketIndex(sql);
    await index.upsert(ticket('a', 2), 1);
    await index.upsert(ticket('b', 3), 1);
    await index.upsert(ticket('ai', 5, { handler: 'ai' }), 1);
    assert.equal(await index.unreadTotal(), 5, 'AI-handled tickets are not the team\u2019s');
    await index.upsert(ticket('a', 0), 2);
    assert.equal(await index.unreadTotal(), 3, 'a was read');
    assert.equal(await index.upsert(ticket('a', 9), 1), false, 'an older revision changes nothing');
    assert.equal(await index.unreadTotal(), 3);
    await index.upsert(ticket('b', 4, { status: 'closed' }), 2);
    assert.equal(await index.unreadTotal(), 0, 'closed tickets leave the total');
    await index.upsert(ticket('ai', 5, { handler: 'team' }), 2);
    assert.equal(await index.unreadTotal(), 5, 'a handoff brings its unread to the team');
    await index.upsert(ticket('s', 1, { status: 'snoozed', snoozeUntil: '2026-11-27T09:00:00.000Z' }), 1);
    assert.equal(await index.unreadTotal(), 6, 'snoozed tickets still count');

    // A fresh index on the same table (the shop room woke) starts from the stored sum.
    assert.equal(await new SqlTicketIndex(fakeSql(sql.stored)).unreadTotal(), 6);
  });

  it('costs the same statements per change with 10 tickets and with 2,000', async () => {
    const sql = fakeSql();
    const index = new SqlTicketIndex(sql);
    await index.unreadTotal();
    const cost: Record<number, number> = {};
    let expected = 0;
    for (let i = 1; i <= 2000; i++) {
      const before = sql.statements;
      await index.upsert(ticket(`t${i}`, i % 4), 1);
      assert.equal(await index.unreadTotal(), (expected += i % 4));
      if (i === 10 || i === 2000) cost[i] = sql.statements - before;
    }
    // One read of the old row, one write; a new ticket's customer is indexed for search (issue 17):
    // a read of its search row and an insert (this fake answers no id, so no FTS write follows).
    assert.equal(cost[10], 4);
    assert.equal(cost[2000], cost[10]);
  });

  it("reads a busy ticket's row once: its next pushes skip the read, and a rolled-back turn reads the table again (issue 19)", async () => {
    const sql = fakeSql();
    const selects = () => sql.reads;
    let fail = false;
    const index = new SqlTicketIndex(sql, Date.now, (work) => {
      const r = work();
      if (fail) throw new Error('rolled back');
      return r;
    });
    await index.upsert(ticket('a', 1), 1);
    const after1 = selects();
    const before2 = await index.upsert(ticket('a', 2, { waitingSince: '2026-11-26T10:01:00.000Z' }), 2);
    assert.deepEqual(before2, { before: { waitingSince: null, assignee: null } }, 'what the first push wrote');
    const before3 = await index.upsert(ticket('a', 3, { waitingSince: null, assignee: { id: 'agent-1', name: 'Sam' } }), 3);
    assert.deepEqual(before3, { before: { waitingSince: '2026-11-26T10:01:00.000Z', assignee: null } });
    assert.equal(await index.upsert(ticket('a', 9), 2), false, 'a stale push is still refused');
    assert.equal(selects(), after1, 'no read of the row after the first');
    assert.equal(await index.unreadTotal(), 3);

    fail = true;
    await assert.rejects(index.upsert(ticket('a', 5), 4));
    fail = false;
    await index.upsert(ticket('a', 4), 5);
    assert.equal(selects(), after1 + 1, 'after a rollback the row is read from the table');
  });
});
