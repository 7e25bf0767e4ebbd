// What the shopper's client stores (issue 13): two tabs on one storage (a shared
// MapStorage stands for localStorage; a reload is a new client on it), and who sees
// what when customers change on one browser. The real localStorage is used in
// test/browser/client-storage.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatClient } from '../../src/client/chat-client.js';
import { Outbox, type OutboxEntry } from '../../src/client/outbox.js';
import { MemoryBackend } from '../../party/memory/memory-backend.js';
import { DEV_ENV, DEV_SHOP, devSettings } from '../../party/core/seed.js';
import { createMemoryTransport } from '../../src/transports/memory.js';
import type { ChatTransport } from '../../src/transports/types.js';
import type { Customer, Message } from '../../src/protocol/index.js';
import { MapStorage, waitFor } from './support.js';

const entry = (clientId: string): OutboxEntry => ({ clientId, body: clientId, ticketId: 't1', customerId: 'c1', createdAt: 1 });

/** A memory transport whose socket never opens while `net.offline` is set (HTTP still answers). */
function network(backend: MemoryBackend, customer: Customer) {
  const inner = createMemoryTransport({ backend, shop: DEV_SHOP, customer });
  const net = { offline: false };
  const transport: ChatTransport = {
    getConfig: () => inner.getConfig(),
    getSession: () => inner.getSession(),
    startChat: (m) => inner.startChat(m),
    getActiveChat: () => inner.getActiveChat(),
    connect(ticketId, handlers) {
      if (!net.offline) return inner.connect(ticketId, handlers);
      queueMicrotask(() => handlers.state('connecting'));
      return { send: () => undefined, close: () => undefined };
    },
  };
  return { transport, net };
}

async function stored(backend: MemoryBackend, ticketId: string): Promise<Message[]> {
  return [...(await backend.ticket(ticketId).storage.list<Message>({ prefix: 'm:' })).values()];
}

describe('Outbox on a storage shared by two tabs', () => {
  it('issue 13 #4: two outboxes appending in turn keep every entry, each in its own order', () => {
    const storage = new MapStorage();
    const tabA = new Outbox(storage, 'k');
    const tabB = new Outbox(storage, 'k');
    for (let i = 1; i <= 5; i++) {
      tabA.add(entry(`a${i}`));
      tabB.add(entry(`b${i}`));
    }
    tabA.remove('a1');
    const reloaded = new Outbox(storage, 'k').all().map((e) => e.clientId);
    assert.deepEqual(reloaded.filter((id) => id.startsWith('a')), ['a2', 'a3', 'a4', 'a5']);
    assert.deepEqual(reloaded.filter((id) => id.startsWith('b')), ['b1', 'b2', 'b3', 'b4', 'b5']);
    assert.equal(tabB.reload(), true, 'the other tab takes up the change on its storage event');
    assert.deepEqual(tabB.all().map((e) => e.clientId), reloaded);
  });

  it('issue 13 #4: two offline tabs each send five, both reload, back online: all ten stored once, each tab in order', async () => {
    const backend = new MemoryBackend({ env: DEV_ENV, seed: () => devSettings() });
    const customer = { id: 'two-tabs', name: 'Ada' };
    const storage = new MapStorage();
    const first = new ChatClient({ transport: network(backend, customer).transport, storage });
    await first.start();
    first.send('opening');
    await waitFor(() => first.$messages.get()[0]?.seq === 1, 2000, 'the chat');
    first.destroy();

    const offline = () => {
      const n = network(backend, customer);
      n.net.offline = true;
      return new ChatClient({ transport: n.transport, storage });
    };
    const tabA = offline();
    const tabB = offline();
    await Promise.all([tabA.start(), tabB.start()]);
    const sentA: string[] = [];
    const sentB: string[] = [];
    for (let i = 1; i <= 5; i++) {
      sentA.push(tabA.send(`A${i}`)!);
      sentB.push(tabB.send(`B${i}`)!);
    }
    tabA.destroy();
    tabB.destroy(); // both reload, still offline

    const again = [0, 1].map(() => new ChatClient({ transport: network(backend, customer).transport, storage }));
    await Promise.all(again.map((c) => c.start()));
    const ticketId = again[0]!.$ticket.get()!.id;
    const settled = (c: ChatClient) => c.$messages.get().length === 11 && c.$messages.get().every((m) => m.seq !== undefined);
    await waitFor(() => again.every(settled), 5000, 'both tabs to settle');
    const server = await stored(backend, ticketId);
    const ids = server.map((m) => m.clientId);
    assert.equal(server.length, 11, 'all ten and the opening one');
    assert.equal(new Set(ids).size, 11, 'each stored once');
    assert.deepEqual(ids.filter((id) => sentA.includes(id!)), sentA, "tab A's in its order");
    assert.deepEqual(ids.filter((id) => sentB.includes(id!)), sentB, "tab B's in its order");
    const view = (c: ChatClient) => c.$messages.get().map((m) => `${m.seq}:${m.clientId}`);
    assert.deepEqual(view(again[0]!), view(again[1]!), 'both tabs show the same thread');
    for (const c of again) c.destroy();
  });
});

describe('ChatClient storage per customer', () => {
  it('issue 13 #3: another customer on the same browser never sees the last one\'s draft or unsent messages', async () => {
    const backend = new MemoryBackend({ env: DEV_ENV, seed: () => devSettings() });
    const storage = new MapStorage();
    const ada = network(backend, { id: 'ada', name: 'Ada' });
    ada.net.offline = true;
    const first = new ChatClient({ transport: ada.transport, storage, storageKey: 'chat:shop' });
    await first.start();
    first.send('opening');
    await waitFor(() => first.$ticket.get() !== null, 2000, 'the chat');
    first.send('My address is 1 Privacy Lane'); // offline: stays in the outbox
    first.setDraft('and my card number is');
    first.destroy();

    // The next page load: Ben is logged in on the same browser.
    const ben = new ChatClient({ transport: network(backend, { id: 'ben', name: 'Ben' }).transport, storage, storageKey: 'chat:shop' });
    await ben.start();
    assert.equal(ben.getDraft(), '', "Ben's composer is empty");
    assert.deepEqual(ben.$messages.get(), [], 'no message of Ada is shown');
    assert.ok(![...storage.data.values()].some((v) => v.includes('Privacy Lane') || v.includes('card number')), "Ada's data is cleared");
    ben.destroy();

    // Ada comes back: nothing of hers is left either (it was cleared, not kept aside).
    const back = new ChatClient({ transport: network(backend, { id: 'ada', name: 'Ada' }).transport, storage, storageKey: 'chat:shop' });
    await back.start();
    assert.equal(back.getDraft(), '');
    back.destroy();
  });

  it('issue 13 #3: logout() forgets the draft and the unsent messages and shows the login view', async () => {
    const backend = new MemoryBackend({ env: DEV_ENV, seed: () => devSettings() });
    const storage = new MapStorage();
    const ada = network(backend, { id: 'ada-2', name: 'Ada' });
    const client = new ChatClient({ transport: ada.transport, storage, storageKey: 'chat:shop' });
    await client.start();
    client.send('opening');
    await waitFor(() => client.$messages.get()[0]?.seq === 1, 2000, 'the chat');
    client.setDraft('half a sentence');
    assert.ok(storage.data.size > 0);
    client.logout();
    assert.equal(client.$view.get(), 'login');
    assert.deepEqual(client.$messages.get(), []);
    assert.equal(client.$ticket.get(), null);
    assert.equal(client.getDraft(), '');
    assert.deepEqual([...storage.data.keys()], [], 'nothing stored is left');
    client.destroy();
  });
});
