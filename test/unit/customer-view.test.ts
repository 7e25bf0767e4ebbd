// The profile's past conversations (issue 17, party/core/customer-view.ts) never link the
// tickets of customers who were redacted: they all carry one id, `redacted` (review finding).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customerView } from '../../party/core/customer-view.js';
import { MemoryStorage } from '../../party/core/storage.js';
import { MemoryTicketIndex } from '../../party/core/ticket-index.js';
import type { Ticket } from '../../src/protocol/index.js';

const ticket = (id: string, customerId: string): Ticket => ({
  id,
  shop: 'demo.myshopify.com',
  channel: 'chat',
  status: 'closed',
  snoozeUntil: null,
  customer: { id: customerId },
  assignee: null,
  handler: 'team',
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
  unread: 0,
});

describe('the profile beside a ticket', () => {
  it('lists no past conversations for a redacted ticket, though other redacted tickets carry the same id', async () => {
    const index = new MemoryTicketIndex();
    await index.upsert(ticket('t1', 'redacted'), 1);
    await index.upsert(ticket('t2', 'redacted'), 1);
    await index.upsert(ticket('t3', 'c3'), 1);
    await index.upsert(ticket('t4', 'c3'), 1);
    const deps = { storage: new MemoryStorage(), index };
    assert.deepEqual((await customerView(deps, 't1'))!.tickets, []);
    // A customer's own past tickets still show.
    assert.deepEqual((await customerView(deps, 't3'))!.tickets.map((t) => t.id), ['t4']);
  });
});
