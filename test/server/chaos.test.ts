// Chaos (issue 7): shoppers and agents exchanging messages through a proxy of ours that
// delays, cuts and resets connections at random, plus a kill -9 of the server. Every
// message must end up exactly once, in order, on both sides. A short seeded run here;
// `npm run chaos` runs the long form (CHAOS_LONG=1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChatClient } from '../../src/client/chat-client.js';
import { MapStorage, waitFor } from '../unit/support.js';
import { agentClient, shopperClient } from './clients.js';
import { agentToken, api, startServer, type RunningServer } from './harness.js';
import { startProxy, type CuttingProxy } from './proxy.js';

const LONG = process.env.CHAOS_LONG === '1';
const PAIRS = LONG ? 20 : 4;
const MESSAGES = LONG ? 60 : 15;

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('chaos', () => {
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

  it(`${PAIRS} shoppers and their agents, random delays, cuts and a kill -9: everything exactly once, in order`, async () => {
    const rand = seeded(7);
    const host = `127.0.0.1:${proxy.port}`;
    const token = await agentToken(api(server));
    const pairs: Array<{ shopper: ChatClient; agent: ChatClient; sent: Map<ChatClient, string[]> }> = [];
    for (let i = 0; i < PAIRS; i++) {
      const shopper = shopperClient(host, `chaos-${i}-${Date.now()}`);
      await shopper.start();
      shopper.send(`hello from shopper ${i}`);
      await waitFor(() => shopper.$ticket.get() !== null, 15_000, 'a ticket');
      const agent = agentClient(host, token, shopper.$ticket.get()!);
      await agent.start();
      pairs.push({ shopper, agent, sent: new Map([[shopper, []], [agent, []]]) });
    }
    proxy.setJitter(15, rand);
    const total = PAIRS * MESSAGES;
    for (let k = 0; k < total; k++) {
      const pair = pairs[Math.floor(rand() * pairs.length)]!;
      const who = rand() < 0.5 ? pair.shopper : pair.agent;
      pair.sent.get(who)!.push(who.send(`m${k}`)!);
      const roll = rand();
      if (roll < 0.05) proxy.cut();
      if (k === Math.floor(total / 2)) {
        server.crash();
        await server.restart();
      }
      await new Promise((r) => setTimeout(r, rand() * 10));
    }
    proxy.setJitter(0);

    try {
      for (const { shopper, agent, sent } of pairs) {
        const expected = 1 + sent.get(shopper)!.length + sent.get(agent)!.length;
        const settled = (c: ChatClient) => c.$messages.get().length === expected && c.$messages.get().every((m) => m.seq !== undefined);
        try {
          await waitFor(() => settled(shopper) && settled(agent), 60_000, 'both sides to settle');
        } catch (err) {
          const state = (c: ChatClient) => ({
            connection: c.$connection.get(),
            count: c.$messages.get().length,
            unsettled: c.$messages.get().filter((m) => m.seq === undefined).map((m) => `${m.clientId}:${m.state}`),
            seqs: c.$messages.get().map((m) => m.seq).join(','),
          });
          throw new Error(`${(err as Error).message}: expected ${expected}; shopper ${JSON.stringify(state(shopper))}; agent ${JSON.stringify(state(agent))}`);
        }
        const view = (c: ChatClient) => c.$messages.get().map((m) => `${m.seq}:${m.clientId}`);
        assert.deepEqual(view(shopper), view(agent), 'both sides see the same thread');
        assert.deepEqual(shopper.$messages.get().map((m) => m.seq), Array.from({ length: expected }, (_, i) => i + 1));
        for (const [client, ids] of sent) {
          const role = client === shopper ? 'shopper' : 'agent';
          const stored = shopper.$messages.get().filter((m) => m.author.role === role && ids.includes(m.clientId!)).map((m) => m.clientId);
          assert.deepEqual(stored, ids, `${role} messages once each, in the order sent`);
        }
      }
    } finally {
      for (const { shopper, agent } of pairs) (shopper.destroy(), agent.destroy());
    }
  });

  it('a shopper who goes offline, sends, reloads and comes back has the message delivered once', async () => {
    const host = `127.0.0.1:${proxy.port}`;
    const storage = new MapStorage();
    const customer = `offline-${Date.now()}`;
    const first = shopperClient(host, customer, storage);
    await first.start();
    first.send('before going offline');
    await waitFor(() => first.$messages.get()[0]?.seq === 1 && first.$connection.get() === 'open', 15_000, 'online');
    await new Promise((r) => setTimeout(r, 200));

    proxy.setOffline(true);
    await waitFor(() => first.$connection.get() !== 'open', 5000, 'offline');
    const clientId = first.send('written in a tunnel')!;
    first.destroy(); // the reload, still offline
    assert.ok([...storage.data.values()].some((v) => v.includes(clientId)), 'kept in the outbox');

    proxy.setOffline(false);
    const again = shopperClient(host, customer, storage);
    await again.start();
    await waitFor(() => again.$messages.get().some((m) => m.clientId === clientId && m.seq !== undefined), 15_000, 'delivered');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(again.$messages.get().map((m) => m.body), ['before going offline', 'written in a tunnel']);
    again.destroy();
  });
});
