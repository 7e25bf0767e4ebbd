// hello and typing pacing in the ticket room core (issue 12), which the Durable Object
// and the mock both run; the real server's figures are in test/server/abuse.test.ts.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { roomHarness } from './room-harness.js';

describe('ticket room pacing', () => {
  it('hellos beyond a burst of 10 are held and merged: the latest one is answered, none refused', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const h = roomHarness();
      await h.create();
      const shopper = h.join('shopper', 'c1');
      for (let i = 0; i < 14; i++) await shopper.say({ type: 'hello', lastSeq: 0 });
      await shopper.say({ type: 'hello', lastSeq: 1 });
      assert.equal(shopper.of('sync').length, 10);
      mock.timers.tick(500);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(shopper.of('sync').map((f) => f.messages.length), [...Array(10).fill(1), 0], 'one more sync, for the last lastSeq');
      assert.equal(shopper.of('error').length, 0);
    } finally {
      mock.timers.reset();
    }
  });

  it('typing fans out at most once a second per connection, and the last state wins', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const h = roomHarness();
      await h.create();
      const shopper = h.join('shopper', 'c1', 'Ada');
      const agent = h.join('agent', 'a1');
      for (let i = 0; i < 100; i++) await shopper.say({ type: 'typing', active: i % 2 === 0 });
      assert.deepEqual(agent.of('typing').map((f) => f.active), [true], 'the first at once');
      h.advance(1000);
      mock.timers.tick(1000);
      assert.deepEqual(agent.of('typing').map((f) => f.active), [true, false], 'the last state at the end of the second');
      h.advance(5000);
      await shopper.say({ type: 'typing', active: false });
      assert.equal(agent.of('typing').length, 3, 'a repeat after the interval still goes (a keep-alive)');
      await shopper.say({ type: 'typing', active: false });
      assert.equal(agent.of('typing').length, 3, 'a repeat within it does not');
    } finally {
      mock.timers.reset();
    }
  });
});
