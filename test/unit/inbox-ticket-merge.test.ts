// The inbox's choice between two copies of one ticket (issue 14 item 2, issue 13 #10, R14):
// the open thread's copy from before a read races with the feed's copy after it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ticket } from '../../src/protocol/index.js';
import { mergeTicket } from '../../src/inbox/ticket-merge.js';

const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-26T10:05:00.000Z';
const ticket = (patch: Partial<Ticket> = {}): Ticket => ({ id: 't1', shop: 's', channel: 'chat', status: 'open', customer: { id: 'c1' }, handler: 'team', createdAt: at, updatedAt: at, unread: 1, ...patch });

describe('mergeTicket', () => {
  it('a copy from before a read (same updatedAt, more unread) does not make the read ticket unread again', () => {
    const read = ticket({ unread: 0 });
    const merged = mergeTicket(read, ticket({ unread: 1 })) ?? read;
    assert.equal(merged.unread, 0);
  });

  it('keeps the other news of a same-time copy while keeping the read', () => {
    const merged = mergeTicket(ticket({ unread: 0 }), ticket({ unread: 1, assignee: { id: 'a1', name: 'Alex' } }));
    assert.deepEqual(merged, ticket({ unread: 0, assignee: { id: 'a1', name: 'Alex' } }));
  });

  it('a read (same updatedAt, fewer unread) is taken', () => {
    assert.equal(mergeTicket(ticket({ unread: 2 }), ticket({ unread: 0 }))?.unread, 0);
  });

  it('new activity raises unread; an older copy is dropped; an equal one changes nothing', () => {
    assert.equal(mergeTicket(ticket({ unread: 0 }), ticket({ updatedAt: later, unread: 1 }))?.unread, 1);
    assert.equal(mergeTicket(ticket({ updatedAt: later, unread: 0 }), ticket({ unread: 1 })), null);
    assert.equal(mergeTicket(ticket(), ticket()), null);
    assert.deepEqual(mergeTicket(undefined, ticket()), ticket());
  });

  it('orders copies by revision where updatedAt does not move: a page answered before a rating does not take it back', () => {
    const rating = { score: 4, at: later };
    const rated = ticket({ status: 'closed', unread: 0, rating, revision: 7 });
    assert.equal(mergeTicket(rated, ticket({ status: 'closed', unread: 0, revision: 6 })), null, 'the older copy is dropped');
    assert.deepEqual(mergeTicket(ticket({ status: 'closed', unread: 0, revision: 6 }), rated), rated, 'the newer copy is taken');
    // A copy from a server that sends no revision falls back to updatedAt.
    assert.equal(mergeTicket(ticket({ updatedAt: later, revision: 3 }), ticket({ unread: 5 })), null);
  });
});
