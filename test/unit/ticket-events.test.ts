// Who did what (issue 17 part F): the events `changeEvents` derives from a ticket's
// change, the ones no frame of ours causes included (the AI agent's handoff, a rating
// engineer C's `rate` frame sets), and the bounded ring they are stored in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage } from '../../party/core/storage.js';
import { MAX_EVENTS, changeEvents, storedEvents } from '../../party/core/ticket-events.js';
import { newMeta } from '../../party/core/ticket-state.js';

const NOW = 1_800_000_000_000;
const fresh = (handler: 'ai' | 'team' = 'team') => {
  const meta = newMeta({ id: 't1', shop: 'demo.myshopify.com', customer: { id: 'c1', name: 'Ada Lovelace' }, handler, first: { clientId: 'f', body: 'Hi' } }, NOW);
  let n = 0;
  const log = (by: Parameters<typeof changeEvents>[1] = null) => changeEvents(meta, by, NOW, () => `e${++n}`);
  log(); // the first write starts the log
  return { meta, log };
};

describe('ticket events (issue 17)', () => {
  it('records the AI agent\u2019s handoff as by the AI, whoever\u2019s message caused it', () => {
    const { meta, log } = fresh('ai');
    meta.ticket.handler = 'team';
    const { events } = log({ role: 'shopper', id: 'c1', name: 'Ada Lovelace' });
    assert.deepEqual(events.map((e) => [e.kind, e.by]), [['handed_off', { role: 'ai', name: 'AI' }]]);
  });

  it('records a rating once the ticket carries one, and names a shopper by role only', () => {
    const { meta, log } = fresh();
    meta.ticket.status = 'closed';
    assert.deepEqual(log({ role: 'shopper', id: 'c1', name: 'Ada Lovelace' }).events.map((e) => [e.kind, e.by]), [['closed', { role: 'shopper' }]]);
    meta.ticket.rating = { score: 4, at: new Date(0).toISOString() };
    const rated = log({ role: 'shopper', id: 'c1', name: 'Ada Lovelace' }).events;
    assert.deepEqual(rated.map((e) => [e.kind, e.score]), [['rated', 4]]);
    assert.ok(!JSON.stringify(rated).includes('Ada'), 'no customer name in a stored event');
    assert.deepEqual(log().events, [], 'a write that changes nothing records nothing');
  });

  it('keeps the newest events in a ring of MAX_EVENTS keys, oldest first', async () => {
    const storage = new MemoryStorage();
    const { meta, log } = fresh();
    for (let i = 0; i < MAX_EVENTS + 5; i++) {
      meta.ticket.assignee = i % 2 ? null : { id: 'agent-sam', name: 'Sam' };
      await storage.put(log({ role: 'agent', id: 'agent-dev', name: 'Alex' }).entries);
    }
    const kept = await storedEvents(storage);
    assert.equal(kept.length, MAX_EVENTS);
    assert.equal(storage.size, MAX_EVENTS);
    assert.deepEqual(kept.map((e) => e.id), Array.from({ length: MAX_EVENTS }, (_, i) => `e${i + 6}`));
  });
});
