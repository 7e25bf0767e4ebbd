// The ticket room's domain rules (DESIGN §6–8; R6, R7, R8, R15, R17, R18, R19).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roomHarness } from './room-harness.js';

describe('ticket room', () => {
  it('R6: creating the ticket stores the first message as seq 1, once', async () => {
    const h = roomHarness();
    const a = await h.create();
    const b = await h.create();
    assert.equal(a.message.seq, 1);
    assert.equal(a.ticket.status, 'open');
    assert.equal(a.ticket.unread, 1);
    assert.deepEqual(b.message, a.message);
    const shopper = h.join('shopper', 'c1', 'Ada');
    await shopper.say({ type: 'hello', lastSeq: 0 });
    assert.equal(shopper.of('sync')[0]!.messages.length, 1);
  });

  it('R7: assigns seqs in order, acks the sender, broadcasts to everyone, dedupes clientIds', async () => {
    const h = roomHarness();
    await h.create();
    const shopper = h.join('shopper', 'c1', 'Ada');
    const agent = h.join('agent', 'a1', 'Alex');
    await Promise.all([
      shopper.say({ type: 'send', clientId: 's1', body: 'one' }),
      agent.say({ type: 'send', clientId: 'g1', body: 'two' }),
      shopper.say({ type: 'send', clientId: 's2', body: 'three' }),
      shopper.say({ type: 'send', clientId: 's1', body: 'one again' }),
    ]);
    assert.deepEqual(shopper.of('message').map((f) => [f.message.seq, f.message.body]), [[2, 'one'], [3, 'two'], [4, 'three']]);
    assert.deepEqual(agent.of('message').map((f) => f.message.seq), [2, 3, 4]);
    assert.deepEqual(shopper.of('ack').map((f) => [f.clientId, f.seq]), [['s1', 2], ['s2', 4], ['s1', 2]]);
    assert.equal(agent.of('message')[1]!.message.author.role, 'agent');
  });

  it('resumes: hello {lastSeq} replays exactly what came after, in pages of 100', async () => {
    const h = roomHarness();
    await h.create();
    const shopper = h.join('shopper', 'c1');
    for (let i = 0; i < 150; i++) {
      h.advance(500); // one token refills every 500 ms
      await shopper.say({ type: 'send', clientId: `m${i}`, body: `m${i}` });
    }
    const late = h.join('agent', 'a1');
    await late.say({ type: 'hello', lastSeq: 20 });
    const first = late.of('sync')[0]!;
    assert.equal(first.messages[0]!.seq, 21);
    assert.equal(first.messages.length, 100);
    assert.equal(first.hasMore, true);
    await late.say({ type: 'hello', lastSeq: 120 });
    const second = late.of('sync')[1]!;
    assert.deepEqual([second.messages[0]!.seq, second.messages.at(-1)!.seq, second.hasMore], [121, 151, false]);
  });

  it('pages history backwards', async () => {
    const h = roomHarness();
    await h.create();
    const agent = h.join('agent', 'a1');
    for (let i = 0; i < 30; i++) await agent.say({ type: 'send', clientId: `g${i}`, body: `${i}` });
    await agent.say({ type: 'history', beforeSeq: 31, limit: 10 });
    await agent.say({ type: 'history', beforeSeq: 5, limit: 10 });
    const [a, b] = agent.of('history');
    assert.deepEqual([a!.messages.map((m) => m.seq), a!.hasMore], [[21, 22, 23, 24, 25, 26, 27, 28, 29, 30], true]);
    assert.deepEqual([b!.messages.map((m) => m.seq), b!.hasMore], [[1, 2, 3, 4], false]);
  });

  it('R18, R19: the first agent reply assigns the ticket and clears waitingSince', async () => {
    const h = roomHarness();
    const { ticket } = await h.create();
    assert.ok(ticket.waitingSince);
    assert.equal(ticket.assignee, null);
    const shopper = h.join('shopper', 'c1');
    const alex = h.join('agent', 'a1', 'Alex');
    const sam = h.join('agent', 'a2', 'Sam');
    h.advance(60_000);
    await shopper.say({ type: 'send', clientId: 's1', body: 'anyone?' });
    assert.equal((await h.room.ticket())!.waitingSince, ticket.waitingSince, 'waiting since the oldest unanswered message');
    await alex.say({ type: 'send', clientId: 'g1', body: 'Hi, Alex here' });
    await sam.say({ type: 'send', clientId: 'g2', body: 'Sam too' });
    const now = (await h.room.ticket())!;
    assert.deepEqual(now.assignee, { id: 'a1', name: 'Alex' });
    assert.equal(now.waitingSince, null);
    assert.equal(shopper.of('ticket').length, 1, 'one ticket frame for the assignment');
  });

  it('R17: read receipts reach the other side; agent reads clear unread', async () => {
    const h = roomHarness();
    await h.create();
    const shopper = h.join('shopper', 'c1');
    const agent = h.join('agent', 'a1');
    await shopper.say({ type: 'send', clientId: 's1', body: 'two' });
    assert.equal((await h.room.ticket())!.unread, 2);
    await agent.say({ type: 'read', seq: 1 });
    assert.equal((await h.room.ticket())!.unread, 1);
    await agent.say({ type: 'read', seq: 99 });
    assert.equal((await h.room.ticket())!.unread, 0);
    assert.deepEqual(shopper.of('receipt'), [{ type: 'receipt', role: 'agent', seq: 1 }, { type: 'receipt', role: 'agent', seq: 2 }]);
    await agent.say({ type: 'read', seq: 1 });
    assert.equal(shopper.of('receipt').length, 2, 'an older read is not announced again');
  });

  it('R8: end closes the chat for good; sends then get ticket_closed, a stored clientId is still acked', async () => {
    const h = roomHarness();
    await h.create();
    const shopper = h.join('shopper', 'c1');
    const agent = h.join('agent', 'a1');
    await shopper.say({ type: 'send', clientId: 's1', body: 'bye' });
    await agent.say({ type: 'end' });
    assert.equal(agent.of('error')[0]!.code, 'forbidden');
    await shopper.say({ type: 'end' });
    assert.equal(agent.of('ticket').at(-1)!.ticket.status, 'closed');
    await shopper.say({ type: 'send', clientId: 's2', body: 'wait' });
    assert.deepEqual(shopper.of('error').at(-1), {
      type: 'error',
      code: 'ticket_closed',
      message: 'This chat has ended. Start a new one to write again.',
      clientId: 's2',
    });
    await shopper.say({ type: 'send', clientId: 's1', body: 'bye' });
    assert.equal(shopper.of('ack').at(-1)!.seq, 2);
    await agent.say({ type: 'status', status: 'open' });
    assert.equal(agent.of('error').at(-1)!.code, 'ticket_closed');
    await shopper.say({ type: 'end' });
    assert.equal(shopper.of('error').at(-1)!.code, 'ticket_closed');
  });

  it('R15: snoozed returns to open at snoozeUntil or when the shopper writes', async () => {
    const h = roomHarness();
    await h.create();
    const shopper = h.join('shopper', 'c1');
    const agent = h.join('agent', 'a1');
    const until = new Date(1_800_000_000_000 + 60_000).toISOString();
    await agent.say({ type: 'status', status: 'snoozed', snoozeUntil: until });
    assert.equal((await h.room.ticket())!.status, 'snoozed');
    assert.equal(await h.room.wake(), Date.parse(until));
    h.advance(61_000);
    assert.equal((await h.room.ticket())!.status, 'open', 'expiry applied lazily');
    assert.equal(await h.room.wake(), null);
    assert.equal(shopper.of('ticket').at(-1)!.ticket.status, 'open', 'the alarm tells live sockets');

    await agent.say({ type: 'status', status: 'snoozed' });
    await shopper.say({ type: 'send', clientId: 's1', body: 'hello again' });
    assert.equal((await h.room.ticket())!.status, 'open');
    assert.equal(agent.of('status' as never).length, 0);
    await shopper.say({ type: 'status', status: 'closed' });
    assert.equal(shopper.of('error').at(-1)!.code, 'forbidden');
  });

  it('rate-limits with a token bucket: burst 40, then rate_limited; hello and typing have budgets of their own', async () => {
    const h = roomHarness();
    await h.create();
    const shopper = h.join('shopper', 'c1');
    const other = h.join('agent', 'a1');
    for (let i = 0; i < 45; i++) await shopper.say({ type: 'send', clientId: `f${i}`, body: 'flood' });
    assert.equal(shopper.of('ack').length, 40);
    assert.deepEqual(shopper.of('error').map((e) => e.code), Array(5).fill('rate_limited'));
    await shopper.say({ type: 'hello', lastSeq: 41 });
    await shopper.say({ type: 'typing', active: true });
    assert.equal(shopper.of('sync').length, 1);
    assert.equal(other.of('typing').length, 1);
    await other.say({ type: 'send', clientId: 'g', body: 'others are served' });
    assert.equal(other.of('ack').length, 1);
    h.advance(1000);
    await shopper.say({ type: 'send', clientId: 'after', body: 'refilled' });
    assert.equal(shopper.of('ack').at(-1)!.clientId, 'after');
  });

  it('survives malformed frames with typed errors and keeps its messages', async () => {
    const h = roomHarness();
    await h.create();
    const shopper = h.join('shopper', 'c1');
    for (const raw of ['{', '{"type":"send"}', 'x'.repeat(20_000), '{"type":"history","beforeSeq":0,"limit":1}', JSON.stringify({ type: 'send', clientId: 'x', body: 'y'.repeat(4001) })]) {
      await shopper.say(raw);
    }
    assert.deepEqual(shopper.of('error').map((e) => e.code), ['bad_frame', 'bad_frame', 'too_large', 'bad_frame', 'too_large']);
    await shopper.say({ type: 'hello', lastSeq: 0 });
    assert.equal(shopper.of('sync')[0]!.messages.length, 1);
  });

  it('tells the shop index every change with a rising revision', async () => {
    const h = roomHarness();
    await h.create();
    const agent = h.join('agent', 'a1', 'Alex');
    await agent.say({ type: 'send', clientId: 'g', body: 'hi' });
    await agent.say({ type: 'status', status: 'closed' });
    const revisions = h.changes.map((c) => c.revision);
    assert.deepEqual(revisions, [...revisions].sort((a, b) => a - b));
    assert.equal(h.changes.at(-1)!.ticket.status, 'closed');
    assert.equal(h.changes.at(-1)!.ticket.lastMessage!.body, 'hi');
  });

  it('R9: outside office hours, one away reply per away period', async () => {
    // 1_800_000_000_000 is Friday 2027-01-15 08:00 UTC; the team works 09:00-17:00 UTC on weekdays.
    const weekday = [['09:00', '17:00']];
    const hours = { timezone: 'UTC', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] }, holidays: [] };
    const h = roomHarness();
    await h.room.create({
      id: 't1', shop: 's', customer: { id: 'c1' }, handler: 'team',
      first: { clientId: 'f', body: 'Early question' },
      away: { hours, message: 'We are closed. Leave a message!' },
    });
    const shopper = h.join('shopper', 'c1');
    await shopper.say({ type: 'send', clientId: 'a', body: 'Still there?' });
    h.advance(2 * 3600_000); // 10:00: open
    await shopper.say({ type: 'send', clientId: 'b', body: 'Now?' });
    h.advance(9 * 3600_000); // 19:00: away again
    await shopper.say({ type: 'send', clientId: 'c', body: 'Evening question' });
    await shopper.say({ type: 'hello', lastSeq: 0 });
    const thread = shopper.of('sync')[0]!.messages.map((m) => `${m.author.role}:${m.body}`);
    assert.deepEqual(thread, [
      'shopper:Early question',
      'system:We are closed. Leave a message!',
      'shopper:Still there?',
      'shopper:Now?',
      'shopper:Evening question',
      'system:We are closed. Leave a message!',
    ]);
  });

  it('costs the same storage operations for message 10 and message 5,000', async () => {
    // A budget that never runs out: this counts storage, not the rate limit.
    const h = roomHarness({ sendBudget: { burst: 1e9, perSecond: 1 } });
    await h.create();
    const shopper = h.join('shopper', 'c1');
    const agent = h.join('agent', 'a1');
    const costOf = async (i: number) => {
      const before = { ...h.storage.ops };
      await (i % 2 ? agent : shopper).say({ type: 'send', clientId: `k${i}`, body: `message ${i}` });
      const o = h.storage.ops;
      return { reads: o.reads - before.reads, writes: o.writes - before.writes, lists: o.lists - before.lists };
    };
    const costs = new Map<number, object>();
    for (let i = 2; i <= 5000; i++) {
      const c = await costOf(i);
      if (i === 10 || i === 5000) costs.set(i, c);
    }
    assert.deepEqual(costs.get(5000), costs.get(10));
    assert.deepEqual(costs.get(10), { reads: 1, writes: 1, lists: 0 });
  });
});
