// The transport conformance kit of `customer-hub-chat/testing.js` (issue 15): it passes
// with the memory transport over the reference server's domain code, and it fails, on the
// check that names the broken duty, with transports that break the contract.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBackend, createMemoryTransport, transportConformance, type ConformanceOptions } from '../../src/testing.js';
import type { ChatTransport } from '../../src/transports/types.js';
import { DEV_ENV, DEV_SHOP, devSettings } from '../../party/core/seed.js';

/** The reference server in memory, a shopper's transports, and the team's side through an agent socket. */
function memoryShop(customer: string): ConformanceOptions & { backend: MemoryBackend } {
  // No AI agent: the team's messages are the test's own.
  const backend = new MemoryBackend({ env: DEV_ENV, seed: () => ({ ...devSettings(), ai: { ...devSettings().ai, enabled: false } }) });
  const team = async (ticketId: string) => {
    const connection = await backend.connect(ticketId, { shop: DEV_SHOP, role: 'agent', sub: 'agent-1', name: 'Sam', exp: Date.now() / 1000 + 600 }, () => undefined);
    if (typeof connection === 'string' || !('receive' in connection)) throw new Error(`agent refused: ${JSON.stringify(connection)}`);
    return connection;
  };
  let n = 0;
  return {
    backend,
    transport: (shopper) => createMemoryTransport({ backend, shop: DEV_SHOP, customer: { id: `${customer}-${shopper}`, name: 'Ada' } }),
    async teamReply(ticketId, body) {
      const c = await team(ticketId);
      await c.receive(JSON.stringify({ type: 'send', clientId: `team-${++n}`, body }));
      c.close();
    },
    async teamRead(ticketId, seq) {
      const c = await team(ticketId);
      await c.receive(JSON.stringify({ type: 'read', seq }));
      c.close();
    },
    timeoutMs: 5000,
  };
}

/** Runs every check; returns the names of those that threw. */
async function failing(options: ConformanceOptions): Promise<string[]> {
  const failed: string[] = [];
  for (const check of transportConformance(options)) {
    await check.run().catch(() => failed.push(check.name));
  }
  return failed;
}

describe('transport conformance kit', () => {
  for (const check of transportConformance(memoryShop('conformance-memory'))) {
    it(`the memory transport: ${check.name}`, check.run);
  }

  it('fails a transport that drops Ticket.lastMessage: a reload announces history again', async () => {
    const shop = memoryShop('conformance-no-last');
    const strip = (inner: ChatTransport): ChatTransport => ({
      getConfig: (s) => inner.getConfig(s),
      getSession: () => inner.getSession(),
      startChat: (f) => inner.startChat(f),
      getActiveChat: async () => {
        const active = await inner.getActiveChat();
        if (!active) return null;
        const { lastMessage: _dropped, ...ticket } = active.ticket;
        return { ...active, ticket };
      },
      connect: (id, h) => inner.connect(id, h),
    });
    const failed = await failing({ ...shop, transport: async (s) => strip(await shop.transport(s)) });
    assert.ok(failed.includes('resumes the chat after a reload without announcing history again'), failed.join(', '));
  });

  it('fails a transport that does not resume: what came during a cut is never delivered', async () => {
    const shop = memoryShop('conformance-no-resume');
    // Every sync after a transport's first one arrives empty, as if `hello {lastSeq}` were ignored.
    const noResume = (inner: ChatTransport): ChatTransport => {
      let syncs = 0;
      return {
        getConfig: (s) => inner.getConfig(s),
        getSession: () => inner.getSession(),
        startChat: (f) => inner.startChat(f),
        getActiveChat: () => inner.getActiveChat(),
        connect: (id, h) => inner.connect(id, { state: h.state, frame: (f) => h.frame(f.type === 'sync' && syncs++ > 0 ? { ...f, messages: [] } : f) }),
      };
    };
    const failed = await failing({ ...shop, timeoutMs: 1500, transport: async (s) => noResume(await shop.transport(s)) });
    // The team's check names the duty; on a loaded machine the short timeout may fail the shopper's too.
    assert.ok(failed.includes("delivers the team's messages once and in order across cuts"), failed.join(', '));
    assert.ok(!failed.includes('resumes the chat after a reload without announcing history again'), 'a first sync still resumes');
  });
});
