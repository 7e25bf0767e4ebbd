// The memory transport of `customer-hub-chat/testing.js` is the `partykit` transport over
// an in-memory fetch and socket (issue 14): what it does, the real client does too, such
// as live config over the shop feed (R12) and typed errors when the server is unreachable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatClient } from '../../src/client/chat-client.js';
import { MemoryBackend, createMemoryTransport } from '../../src/testing.js';
import { TransportError } from '../../src/transports/types.js';
import { DEV_AGENT_KEY, DEV_ENV, DEV_SHOP, devSettings } from '../../party/core/seed.js';
import { waitFor } from './support.js';

const backend = (): MemoryBackend => new MemoryBackend({ env: DEV_ENV, seed: () => devSettings() });

/** An admin's call to the in-memory server, as the inbox makes it. */
async function asAdmin(server: MemoryBackend, method: string, route: string, body: unknown): Promise<Response> {
  const url = (r: string) => `http://memory.invalid/parties/main/${DEV_SHOP}/${r}`;
  const json = { 'Content-Type': 'application/json' };
  const session = await server.fetch(new Request(url('agents/session'), { method: 'POST', headers: json, body: JSON.stringify({ agentKey: DEV_AGENT_KEY }) }));
  const { token } = (await session.json()) as { token: string };
  return server.fetch(new Request(url(route), { method, headers: { ...json, Authorization: `Bearer ${token}` }, body: JSON.stringify(body) }));
}

describe('memory transport (the partykit transport in memory)', () => {
  it('pushes the settings an admin saves to an open client, over the shop feed (R12)', async () => {
    const server = backend();
    const client = new ChatClient({ transport: createMemoryTransport({ backend: server, shop: DEV_SHOP, customer: { id: 'c1', name: 'Ada' } }), storage: null });
    try {
      await client.start();
      const saved = await asAdmin(server, 'PUT', 'settings', { ...devSettings(), welcomeMessage: 'Back at 9 tomorrow.' });
      assert.equal(saved.status, 200);
      await waitFor(() => client.$config.get()?.welcomeMessage === 'Back at 9 tomorrow.', 2000, 'the pushed config');
    } finally {
      client.destroy();
    }
  });

  // `network` is what the client retries a first message on (issue 13 #7); `retryable` went with issue 14.
  it('an unreachable server is a TransportError("network") with no status, not a raw exception', async () => {
    const server = backend();
    server.fetch = () => Promise.reject(new TypeError('fetch failed'));
    const transport = createMemoryTransport({ backend: server, shop: DEV_SHOP, customer: { id: 'c1' } });
    await assert.rejects(transport.getConfig(), (err: unknown) => err instanceof TransportError && err.code === 'network' && err.status === 0);
  });

  it('a ticket socket with a token of another ticket is refused once, with the error frame, and not retried', async () => {
    const server = backend();
    const transport = createMemoryTransport({ backend: server, shop: DEV_SHOP, customer: { id: 'c1' } });
    const chat = await transport.startChat({ clientId: 'first', body: 'Hello' });
    const other = createMemoryTransport({ backend: server, shop: DEV_SHOP, customer: { id: 'c2' } });
    await other.startChat({ clientId: 'mine', body: 'Hi' });
    const states: string[] = [];
    const frames: string[] = [];
    // `other` holds no token for this ticket: it asks for its own active chat's, which is refused.
    const connection = other.connect(chat.ticket.id, { state: (s) => states.push(s), frame: (f) => frames.push(f.type === 'error' ? `error ${f.code}` : f.type) });
    try {
      await waitFor(() => states.includes('unauthorized'), 2000, 'the refusal');
      assert.deepEqual(frames, ['error forbidden']);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(states.filter((s) => s === 'unauthorized').length, 1);
      assert.equal(states.at(-1), 'unauthorized');
    } finally {
      connection.close();
    }
  });
});
