/** A ticket's updates to the shop's index (party/index-push.ts, issue 19): a lone change goes at once; a busy ticket's changes within the gap go as one, their texts kept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ticket } from '../../src/protocol/index.js';
import { IndexPush, type IndexChange } from '../../party/index-push.js';

const ticket = (n: number) => ({ id: 't1', updatedAt: String(n) }) as unknown as Ticket;

describe('IndexPush (issue 19: one RPC to the shop for a burst of changes)', () => {
  it('sends the first change at once, then the changes made during the gap as one, newest state and every text', async () => {
    const sent: IndexChange[] = [];
    let firstSent!: () => void;
    const first = new Promise<void>((r) => (firstSent = r));
    const push = new IndexPush(async (c) => void (sent.push(c), firstSent()), () => Promise.resolve(), 300);
    const done = push.push(ticket(1), 1, { seq: 1, body: 'one' });
    await first;
    // During the gap after the first update:
    await push.push(ticket(2), 2, { seq: 2, body: 'two' });
    await push.push(ticket(3), 3, { seq: 3, body: 'three' });
    await done;
    assert.deepEqual(
      sent.map((c) => [c.revision, c.texts.map((t) => t.body)]),
      [
        [1, ['one']],
        [3, ['two', 'three']],
      ],
    );
  });
});
