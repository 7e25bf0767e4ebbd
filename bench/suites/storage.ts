/** Suite `storage`: the storage operations one message costs at message 10, 1,000 and 10,000 of a thread. */
import { MemoryStorage } from '../../party/core/storage.js';
import { TicketRoom } from '../../party/core/ticket-room.js';
import { results, row } from '../report.js';

export async function storageOps() {
  const storage = new MemoryStorage();
  const room = new TicketRoom(storage, { now: Date.now, newId: () => crypto.randomUUID(), peers: () => [], sendBudget: { burst: 1e9, perSecond: 1 } });
  await room.create({ id: 't', shop: 's', customer: { id: 'c' }, handler: 'team', first: { clientId: 'c0', body: 'first' } });
  const p = { id: 'p', role: 'shopper' as const, userId: 'c', send: () => {} };
  const costs: Record<number, { reads: number; writes: number; lists: number }> = {};
  for (let i = 2; i <= 10_000; i++) {
    const before = { ...storage.ops };
    await room.receive(p, JSON.stringify({ type: 'send', clientId: `c${i}`, body: `message ${i}` }));
    if (i === 10 || i === 1000 || i === 10_000) costs[i] = { reads: storage.ops.reads - before.reads, writes: storage.ops.writes - before.writes, lists: storage.ops.lists - before.lists };
  }
  for (const n of [10, 1000, 10_000]) row(`storage: operations for message ${n} (reads / writes / lists)`, `${costs[n]!.reads} / ${costs[n]!.writes} / ${costs[n]!.lists}`);
  results.storage = costs;
}
