// DESIGN §7 on the real server: no loss under cut connections and a kill -9, and
// a room that survives thousands of malformed frames with its messages intact.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Message } from '../../src/protocol/index.js';
import { waitFor } from '../unit/support.js';
import { clientFrame } from '../unit/arbitraries.js';
import { agentClient, shopperClient } from './clients.js';
import { Peer, agentToken, api, startChat, startServer, type RunningServer } from './harness.js';
import { startProxy, type CuttingProxy } from './proxy.js';

describe('durability on the reference server', () => {
  let server: RunningServer;
  let proxy: CuttingProxy;
  before(async () => {
    server = await startServer();
    proxy = await startProxy(server.port);
  });
  after(async () => {
    await proxy.close();
    await server.stop();
  });

  it('200 messages, 20 forced disconnects and a kill -9: both sides end with the same contiguous 1..N, each clientId once', async () => {
    const host = `127.0.0.1:${proxy.port}`;
    const shopper = shopperClient(host, 'durable-1');
    await shopper.start();
    shopper.send('Opening question');
    await waitFor(() => shopper.$ticket.get() !== null && shopper.$connection.get() === 'open', 10_000, 'the chat');
    const token = await agentToken(api(server));
    const agent = agentClient(host, token, shopper.$ticket.get()!);
    await agent.start();
    await waitFor(() => agent.$connection.get() === 'open', 10_000, 'the agent socket');

    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      const who = i % 2 ? agent : shopper;
      sent.push(who.send(`message ${i}`)!);
      if (i % 10 === 9) proxy.cut();
      if (i === 100) {
        server.crash();
        await server.restart();
      }
      await new Promise((r) => setTimeout(r, 5));
    }

    const settled = (c: typeof shopper) => c.$messages.get().length === 201 && c.$messages.get().every((m) => m.seq !== undefined);
    await waitFor(() => settled(shopper) && settled(agent), 60_000, 'both sides to settle');
    const seqs = (c: typeof shopper) => c.$messages.get().map((m) => [m.seq, m.clientId]);
    assert.deepEqual(seqs(shopper), seqs(agent));
    assert.deepEqual(shopper.$messages.get().map((m) => m.seq), Array.from({ length: 201 }, (_, i) => i + 1));
    const ids = shopper.$messages.get().slice(1).map((m) => m.clientId!);
    assert.deepEqual([...ids].sort(), [...sent].sort(), 'every message stored exactly once');

    // And the server's own stored view agrees (a fresh peer reads everything).
    const peer = Peer.ticket(server, shopper.$ticket.get()!.id, token, { origin: null });
    await peer.opened();
    let last = 0;
    const stored: Message[] = [];
    for (;;) {
      peer.send({ type: 'hello', lastSeq: last });
      await peer.until((p) => p.of('sync').length > stored.length / 100, 'sync page');
      const page = peer.of('sync').at(-1)!;
      stored.push(...page.messages);
      last = stored.at(-1)!.seq;
      if (!page.hasMore) break;
    }
    assert.deepEqual(stored.map((m) => m.seq), Array.from({ length: 201 }, (_, i) => i + 1));
    peer.close();
    shopper.destroy();
    agent.destroy();
  });

  it('keeps serving, with its messages intact, after thousands of random and malformed frames', async () => {
    const call = api(server);
    const chat = await startChat(call, 'fuzz-1', 'Before the storm');
    const agent = await agentToken(call);
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await Promise.all([shopper.opened(), team.opened()]);
    const junk = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.json({ maxDepth: 3 }),
        clientFrame.map((f) => JSON.stringify(f)),
        clientFrame.map((f) => JSON.stringify(f).slice(0, -3)),
        fc.constantFrom('{"type":"__proto__"}', '{"type":"send","clientId":{},"body":[]}', 'x'.repeat(20_000), '\u0000\uffff', '[]'),
      ),
      { numRuns: 3000, seed: 42 },
    );
    // Never close the ticket: that is legal, but then nothing could be checked after.
    const frames = junk.filter((f) => !/"type":"(end|status)"/.test(f));
    for (const [i, f] of frames.entries()) (i % 2 ? team : shopper).send(f);
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length >= 1 && p.frames.length >= 5, 'still serving', 30_000);
    await new Promise((r) => setTimeout(r, 500));

    const fresh = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await fresh.opened();
    fresh.send({ type: 'hello', lastSeq: 0 });
    await fresh.until((p) => p.of('sync').length === 1, 'sync');
    const messages = fresh.of('sync')[0]!.messages;
    assert.equal(messages[0]!.body, 'Before the storm');
    assert.deepEqual(messages.map((m) => m.seq), messages.map((_, i) => i + 1), 'contiguous');
    const acked = new Set([...shopper.of('ack'), ...team.of('ack')].map((a) => a.seq));
    for (const seq of acked) assert.ok(seq <= fresh.of('sync')[0]!.ticket.lastMessage!.seq, `acked seq ${seq} is stored`);
    // The storm spent the agent's send budget, which all their sockets share (issue 12):
    // like a client, send again after each rate_limited until the budget has refilled.
    for (let tries = 0; tries < 20 && !fresh.of('ack').some((a) => a.clientId === 'after-the-storm'); tries++) {
      fresh.send({ type: 'send', clientId: 'after-the-storm', body: 'Still here' });
      await new Promise((r) => setTimeout(r, 600));
    }
    await fresh.until((p) => p.of('ack').some((a) => a.clientId === 'after-the-storm'), 'a normal send');
    for (const p of [shopper, team, fresh]) p.close();
  });
});
