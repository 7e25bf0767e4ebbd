/** The shop room's index updates, applied a turn at a time (issue 19, party/turn-batch.ts): one call for a turn's items, each caller its own outcome. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TurnBatch } from '../../party/turn-batch.js';

describe('TurnBatch (issue 19: one SQLite commit for the index updates of a turn)', () => {
  it('applies the items added in one turn together, in order, and the next turn on its own', async () => {
    const calls: number[][] = [];
    const batch = new TurnBatch<number>(async (items) => void calls.push(items));
    await Promise.all([batch.add(1), batch.add(2), batch.add(3)]);
    await batch.add(4);
    assert.deepEqual(calls, [[1, 2, 3], [4]]);
  });

  it('fails only the item that failed; a batch that throws fails every item of it', async () => {
    const batch = new TurnBatch<string>(async (items, failed) => {
      if (items.includes('all')) throw new Error('down');
      items.forEach((item, i) => item === 'bad' && failed(i, new Error(`refused ${item}`)));
    });
    const outcomes = await Promise.allSettled([batch.add('good'), batch.add('bad'), batch.add('fine')]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /refused bad/);
    const down = await Promise.allSettled([batch.add('all'), batch.add('other')]);
    assert.deepEqual(down.map((o) => o.status), ['rejected', 'rejected']);
  });
});
