// Issue 12 #2: a burst of sends past the server's rate limit is stored in the order
// `send()` was called, through the real ChatClient and the real `wrangler dev` server.
// The test depends on no number of the limit: it only sends far more than any burst.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Message } from '../../src/protocol/index.js';
import { waitFor } from '../unit/support.js';
import { shopperClient } from './clients.js';
import { Peer, agentToken, api, startServer, type RunningServer } from './harness.js';

const BURST = 60;

describe('ChatClient order under rate limits', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it(`${BURST} sends in a row past the rate limit are stored in send order, each once`, async () => {
    const shopper = shopperClient(`127.0.0.1:${server.port}`, `burst-${Date.now()}`);
    try {
      await shopper.start();
      shopper.send('m000');
      await waitFor(() => shopper.$messages.get()[0]?.seq === 1 && shopper.$connection.get() === 'open', 15_000, 'the chat');
      // Let the first sync settle so the burst goes straight to the socket.
      await waitFor(() => shopper.$messages.get().every((m) => m.state !== 'sending'), 5000, 'settled');
      const bodies = Array.from({ length: BURST }, (_, i) => `m${String(i + 1).padStart(3, '0')}`);
      for (const body of bodies) shopper.send(body);
      const rateLimited: string[] = [];
      shopper.on('error', (e) => rateLimited.push(e.code));
      await waitFor(
        () => shopper.$messages.get().length === BURST + 1 && shopper.$messages.get().every((m) => m.seq !== undefined),
        90_000,
        'every message stored',
      );

      // What the server stored, read by a fresh peer.
      const token = await agentToken(api(server));
      const peer = Peer.ticket(server, shopper.$ticket.get()!.id, token, { origin: null });
      await peer.opened();
      peer.send({ type: 'hello', lastSeq: 0 });
      await peer.until((p) => p.of('sync').length === 1, 'sync');
      const stored: Message[] = peer.of('sync')[0]!.messages;
      peer.close();
      assert.deepEqual(
        stored.map((m) => m.body),
        ['m000', ...bodies],
        'stored in the order send() was called',
      );
      assert.deepEqual(stored.map((m) => m.seq), Array.from({ length: BURST + 1 }, (_, i) => i + 1));
      assert.deepEqual(rateLimited, [], 'a rate limit the client recovers from is not an error for the shopper');
    } finally {
      shopper.destroy();
    }
  });

  // Review finding: the catch-up frame of a ticket with long messages passes 16 KB (the
  // limit on a client's frames); a client that dropped it opened the chat with no messages.
  it('a ticket whose catch-up passes 16 KB opens with every message, in a new tab or after a reload (R7)', async () => {
    const customer = `long-${Date.now()}`;
    const line = 'My order was supposed to arrive on Monday and the tracking page has said in transit for six days now. '.repeat(8).trim();
    const first = shopperClient(`127.0.0.1:${server.port}`, customer);
    const bodies = Array.from({ length: 24 }, (_, i) => `(${i}) ${line}`);
    try {
      await first.start();
      for (const body of bodies) first.send(body);
      await waitFor(() => first.$messages.get().length === bodies.length && first.$messages.get().every((m) => m.seq !== undefined), 90_000, 'every message stored');
    } finally {
      first.destroy();
    }
    assert.ok(bodies.join('').length > 16 * 1024, 'the catch-up is over the client frame limit');
    const again = shopperClient(`127.0.0.1:${server.port}`, customer);
    try {
      await again.start();
      await waitFor(() => again.$messages.get().length === bodies.length, 30_000, 'the thread after a reload');
      assert.deepEqual(again.$messages.get().map((m) => m.body), bodies);
    } finally {
      again.destroy();
    }
  });
});
