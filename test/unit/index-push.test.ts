// The ticket's pushes to the shop's index (party/index-push.ts): one update in flight, the
// newest state wins, and no message's text for the inbox search is ever dropped, however
// many arrive while an update is in flight (a review found a burst of 160 lost 44: R14, issue 17 E).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IndexPush, MAX_PENDING_TEXTS, type IndexChange } from '../../party/index-push.js';
import type { Ticket } from '../../src/protocol/index.js';

const ticket = (seq: number) => ({ id: 't1', lastMessage: { seq } }) as unknown as Ticket;

describe('index push', () => {
  it('keeps every text of a burst that arrives while an update is in flight, and ends on the newest state', async () => {
    const sent: IndexChange[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const push = new IndexPush(async (change) => {
      sent.push(change);
      if (sent.length === 1) await held;
    });
    const first = push.push(ticket(1), 1, [{ seq: 1, body: 'word1' }]);
    await new Promise((r) => setTimeout(r, 5));
    const burst = MAX_PENDING_TEXTS * 2 + 50;
    for (let i = 2; i <= burst + 1; i++) void push.push(ticket(i), i, [{ seq: i, body: `word${i}` }]);
    release();
    await first;
    const texts = sent.flatMap((c) => c.texts.map((t) => t.body));
    assert.deepEqual(texts, Array.from({ length: burst + 1 }, (_, i) => `word${i + 1}`));
    assert.ok(sent.every((c) => c.texts.length <= MAX_PENDING_TEXTS));
    assert.equal(sent.at(-1)!.revision, burst + 1);
  });
});

describe('index push after the write is durable (issue 19, h34 item 2)', () => {
  it("waits until the change's write is durable (its frames out) before the shop's work starts, and loses nothing meanwhile", async () => {
    const sent: IndexChange[] = [];
    let durable!: () => void;
    const settled = new Promise<void>((r) => (durable = r));
    const push = new IndexPush(async (change) => void sent.push(change), () => settled);
    const first = push.push(ticket(1), 1, [{ seq: 1, body: 'first' }]);
    await new Promise((r) => setTimeout(r, 20));
    void push.push(ticket(2), 2, [{ seq: 2, body: 'second' }]);
    assert.equal(sent.length, 0, 'nothing goes to the shop before the write is durable');
    durable();
    await first;
    assert.deepEqual(
      sent.map((c) => ({ revision: c.revision, texts: c.texts.map((t) => t.body) })),
      [{ revision: 2, texts: ['first', 'second'] }],
    );
  });
});
