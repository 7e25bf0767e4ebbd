// A ticket room's broadcast is serialised once, not once per socket (issue 19, h34 item 2:
// the path from the shopper's frame to the agent's). Every socket still gets the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerFrame } from '../../src/protocol/index.js';
import { roomHarness } from './room-harness.js';

describe('ticket room broadcast', () => {
  it('stringifies a message frame once for all its sockets, and each socket gets it whole', async () => {
    const h = roomHarness();
    await h.create();
    // Sockets as the Durable Object's are: they take the serialised frame.
    const texts = new Map<string, string[]>();
    for (const [role, id] of [['shopper', 'c1'], ['agent', 'a1'], ['agent', 'a2']] as const) {
      const peer = h.join(role, id);
      texts.set(peer.id, []);
      peer.sendText = (json) => texts.get(peer.id)!.push(json);
    }
    const stringify = JSON.stringify;
    let messageFrames = 0;
    JSON.stringify = ((value: unknown, ...rest: never[]) => {
      if ((value as ServerFrame | null)?.type === 'message') messageFrames++;
      return stringify(value, ...rest);
    }) as typeof JSON.stringify;
    const shopper = [...h.peers].find((p) => p.role === 'shopper')!;
    try {
      await h.room.receive(shopper, stringify({ type: 'send', clientId: 'c-1', body: 'Is it in stock?' }));
    } finally {
      JSON.stringify = stringify;
    }
    assert.equal(messageFrames, 1);
    const got = [...texts.values()].map((list) => list.map((t) => JSON.parse(t) as ServerFrame).find((f) => f.type === 'message'));
    assert.equal(got.length, 3);
    for (const frame of got) assert.deepEqual(frame && frame.type === 'message' && { body: frame.message.body, clientId: frame.message.clientId }, { body: 'Is it in stock?', clientId: 'c-1' });
  });
});
