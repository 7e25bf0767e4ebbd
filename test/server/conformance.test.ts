// Issue 15: the README's worked transport (fetch + `createSocketConnection`, no
// reconnection of its own) passes the conformance kit of `customer-hub-chat/testing.js`
// against the real reference server, with real cuts of its sockets; and the README's
// kit example runs as written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConformanceCheck } from '../../src/testing.js';
import type { ChatTransport } from '../../src/transports/types.js';
import { importExample, readmeBlocks } from '../readme-examples.js';
import { originWebSocket } from './clients.js';
import { PAGE_ORIGIN, Peer, agentToken, api, startServer, type RunningServer } from './harness.js';

describe('transport conformance against the reference server (issue 15)', () => {
  let server: RunningServer;
  let agent: string;
  const g = globalThis as { WebSocket?: unknown; fetch: typeof fetch; conformanceChecks?: ConformanceCheck[]; myBackend?: unknown };
  const realFetch = g.fetch;
  /** Every socket the README transport opened, so a test can cut them as a network would. */
  const sockets = new Set<{ terminate(): void; readyState: number }>();

  before(async () => {
    server = await startServer();
    agent = await agentToken(api(server));
    // The example is for a page: give Node a page's WebSocket (recorded, to cut) and Origin header.
    const PageSocket = originWebSocket(PAGE_ORIGIN);
    g.WebSocket = class extends PageSocket {
      constructor(url: string) {
        super(url);
        sockets.add(this);
        this.on('close', () => sockets.delete(this));
      }
    };
    g.fetch = (url, init = {}) => realFetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: PAGE_ORIGIN } });
  });
  after(() => {
    g.fetch = realFetch;
    delete g.WebSocket;
    return server.stop();
  });

  /** The team's side: an agent's socket on the ticket sends one frame and waits for what it proves. */
  async function asTeam(ticketId: string, frame: { type: 'send'; clientId: string; body: string } | { type: 'read'; seq: number }): Promise<void> {
    const peer = Peer.ticket(server, ticketId, agent, { origin: null });
    try {
      await peer.opened();
      peer.send({ type: 'hello', lastSeq: 0 });
      await peer.until((p) => p.of('sync').length > 0, 'the agent sync');
      peer.send(frame);
      if (frame.type === 'send') await peer.until((p) => p.of('ack').some((a) => a.clientId === frame.clientId), 'the ack of the team reply');
      else await peer.until((p) => p.of('receipt').some((r) => r.role === 'agent' && r.seq >= frame.seq), 'the team receipt');
    } finally {
      peer.close();
    }
  }
  const teamReply = (ticketId: string, body: string) => asTeam(ticketId, { type: 'send', clientId: crypto.randomUUID(), body });
  const teamRead = (ticketId: string, seq: number) => asTeam(ticketId, { type: 'read', seq });

  async function readmeTransport(): Promise<(origin: string, shop: string, customerId: string) => ChatTransport> {
    const [example] = readmeBlocks('export function createMyTransport(');
    assert.ok(example, 'the worked transport is in the README');
    const { createMyTransport } = await importExample<{ createMyTransport: (origin: string, shop: string, customerId: string) => ChatTransport }>(example);
    return createMyTransport;
  }

  it("the README's transport passes every check, its sockets cut for real (terminated) mid-check", async () => {
    const createMyTransport = await readmeTransport();
    const run = `${Date.now()}`;
    const checks = (await import('../../src/testing.js')).transportConformance({
      transport: (shopper) => createMyTransport(server.origin, 'demo.myshopify.com', `${shopper}-${run}`),
      teamReply,
      teamRead,
      cut: () => {
        for (const s of sockets) if (s.readyState <= 1) s.terminate();
      },
    });
    assert.equal(checks.length, 5);
    for (const check of checks) await check.run();
  });

  it("the README's kit example runs as written over the README's transport", async () => {
    const [transport] = readmeBlocks('export function createMyTransport(');
    const [kit] = readmeBlocks('transportConformance({');
    assert.ok(transport && kit, 'both examples are in the README');
    g.conformanceChecks = [];
    g.myBackend = { postTeamReply: teamReply, markReadByTeam: teamRead };
    const run = `${Date.now()}`;
    await importExample(`${transport}\nconst myBackend = (globalThis as any).myBackend;\n${kit}`, [
      ["'http://localhost:1999'", `'${server.origin}'`],
      ['createMyTransport(\'' + server.origin + "', 'demo.myshopify.com', shopper)", `createMyTransport('${server.origin}', 'demo.myshopify.com', \`\${shopper}-k${run}\`)`],
      ['test(check.name, check.run);', '(globalThis as any).conformanceChecks.push(check);'],
      ["import { test } from 'node:test';", ''],
    ]);
    assert.equal(g.conformanceChecks.length, 5);
    for (const check of g.conformanceChecks) await check.run();
  });
});
