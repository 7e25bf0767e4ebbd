// ChatClient against a scripted transport: frame orders the network can produce that
// the property test does not reach. Found by the chaos suite on the real server.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { ChatClient } from '../../src/client/chat-client.js';
import type { ClientFrame, Message, Ticket, WidgetConfig } from '../../src/protocol/index.js';
import { TransportError, httpError, type ChatTransport, type ConnectionHandlers } from '../../src/transports/types.js';

const config: WidgetConfig = {
  enabled: true,
  loginStatus: 'all',
  welcomeMessage: 'Hi',
  faqs: [],
  policy: {},
  officeHours: { timezone: 'UTC', isOpen: true, nextOpenAt: null, awayMessage: '' },
  ai: { enabled: false },
};
const at = '2026-11-26T10:00:00.000Z';
const ticket: Ticket = { id: 't1', shop: 's', channel: 'chat', status: 'open', customer: { id: 'c1' }, handler: 'team', createdAt: at, updatedAt: at, unread: 1, lastMessage: { seq: 1, body: 'one', author: { role: 'shopper' }, createdAt: at } };
const message = (seq: number): Message => ({ id: `m${seq}`, seq, author: { role: 'shopper', id: 'c1' }, body: `message ${seq}`, attachments: [], createdAt: at });

function scripted(side: 'shopper' | 'agent') {
  const sent: ClientFrame[] = [];
  let handlers!: ConnectionHandlers;
  const transport: ChatTransport = {
    getConfig: async () => config,
    getSession: async () => ({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', customer: { id: side === 'agent' ? 'agent-1' : 'c1' } }),
    startChat: () => Promise.reject(new Error('not here')),
    getActiveChat: async () => ({ ticket }),
    connect: (_id, h) => {
      handlers = h;
      return { send: (f) => void sent.push(f), close: () => undefined };
    },
  };
  return { transport, sent, open: () => handlers.state('open'), frame: (f: Parameters<ConnectionHandlers['frame']>[0]) => handlers.frame(f) };
}

describe('ChatClient resume', () => {
  for (const side of ['shopper', 'agent'] as const) {
    it(`${side}: a live message before a lost first sync does not hide the ones before it`, async () => {
      mock.timers.enable({ apis: ['setTimeout'] });
      try {
        const net = scripted(side);
        const client = new ChatClient({ transport: net.transport, storage: null, side });
        await client.start();
        net.open();
        assert.deepEqual(net.sent.at(-1), { type: 'hello', lastSeq: 0 });
        // The sync for that hello is lost; message 2 arrives live.
        net.frame({ type: 'message', message: message(2) });
        mock.timers.tick(5000);
        const hello = net.sent.filter((f) => f.type === 'hello').at(-1);
        assert.deepEqual(hello, { type: 'hello', lastSeq: 0 }, 'asks again from the start, not from message 2');
        net.frame({ type: 'sync', ticket, messages: [message(1), message(2)], hasMore: false, receipts: { shopper: 0, agent: 0 } });
        assert.deepEqual(client.$messages.get().map((m) => m.seq), [1, 2]);
        client.destroy();
      } finally {
        mock.timers.reset();
      }
    });
  }
});

describe('ChatClient receipts', () => {
  it('R17: a burst read at once is two read frames at most (now, and one when the burst is over)', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const net = scripted('agent');
      const client = new ChatClient({ transport: net.transport, storage: null, side: 'agent' });
      await client.start();
      net.open();
      net.frame({ type: 'sync', ticket, messages: [message(1)], hasMore: false, receipts: { shopper: 0, agent: 0 } });
      for (let seq = 2; seq <= 30; seq++) {
        net.frame({ type: 'message', message: message(seq) });
        client.markRead();
      }
      const reads = () => net.sent.filter((f) => f.type === 'read');
      assert.deepEqual(reads(), [{ type: 'read', seq: 2 }]);
      assert.equal(client.$unread.get(), 28, 'the rest is unread until the receipt goes');
      mock.timers.tick(500);
      assert.deepEqual(reads(), [{ type: 'read', seq: 2 }, { type: 'read', seq: 30 }]);
      assert.equal(client.$unread.get(), 0);
      client.destroy();
    } finally {
      mock.timers.reset();
    }
  });
});

describe('ChatClient offline first message', () => {
  it('issue 13 #7, R6: a first message sent offline is retried when back online, with its clientId, never left "failed"', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const net = scripted('shopper');
      const tries: string[] = [];
      let online = false;
      net.transport.getActiveChat = async () => null;
      net.transport.startChat = async (first) => {
        tries.push(first.clientId);
        if (!online) throw new TransportError('network', 'The chat server could not be reached.');
        return { ticket, ticketToken: 'tt', message: { ...message(1), clientId: first.clientId, body: first.body } };
      };
      const client = new ChatClient({ transport: net.transport, storage: null });
      await client.start();
      const clientId = client.send('Where is my order?')!;
      await flush();
      assert.equal(client.$messages.get()[0]?.state, 'sending', 'not "Not sent. Retry" while the network is away');
      assert.equal(client.$connection.get(), 'connecting', 'the widget can say it is reconnecting');
      const second = client.send('It was due Monday.')!;
      online = true;
      for (let i = 0; i < 10 && !client.$ticket.get(); i++) {
        mock.timers.tick(30_000);
        await flush();
      }
      assert.equal(client.$ticket.get()?.id, 't1', 'the chat was created once the network came back');
      assert.ok(tries.length >= 2 && tries.every((id) => id === clientId), 'every try carries the first message and its clientId');
      net.open();
      net.frame({ type: 'sync', ticket, messages: [{ ...message(1), clientId, body: 'Where is my order?' }], hasMore: false, receipts: { shopper: 0, agent: 0 } });
      assert.deepEqual(
        net.sent.filter((f) => f.type === 'send').map((f) => f.type === 'send' && f.clientId),
        [second],
        'the later message follows on the socket',
      );
      client.destroy();
    } finally {
      mock.timers.reset();
    }
  });
});

describe('ChatClient chat-start budget', () => {
  it('issue 13 #2, R8: a 429 rate_limited from startChat leaves the message "Not sent" with the server\'s reason in $error, not retried behind the shopper\'s back', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const net = scripted('shopper');
      let tries = 0;
      net.transport.getActiveChat = async () => null;
      net.transport.startChat = async () => {
        tries++;
        throw new TransportError('rate_limited', 'You have started several chats in a short time: try again in 10 min.', 429);
      };
      const client = new ChatClient({ transport: net.transport, storage: null });
      const errors: string[] = [];
      client.on('error', (e) => errors.push(e.code));
      await client.start();
      client.send('One more question');
      await flush();
      mock.timers.tick(120_000);
      await flush();
      assert.equal(client.$messages.get()[0]?.state, 'failed', 'the shopper sees "Not sent. Retry"');
      assert.deepEqual(errors, ['rate_limited']);
      assert.match(client.$error.get()?.message ?? '', /try again in 10 min/);
      assert.equal(tries, 1, 'no silent retries against the limit');
      assert.notEqual(client.$connection.get(), 'connecting', 'not shown as a network problem');
      client.destroy();
    } finally {
      mock.timers.reset();
    }
  });
});

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('ChatClient order under rate limits', () => {
  it('issue 12 #2: whichever sends a limit refuses, messages are stored in the order send() was called', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const net = scripted('shopper');
      const client = new ChatClient({ transport: net.transport, storage: null });
      await client.start();
      net.open();
      net.frame({ type: 'sync', ticket, messages: [message(1)], hasMore: false, receipts: { shopper: 0, agent: 0 } });
      // A server whose limit refuses every third send it gets, however fast they come.
      const storedIds: string[] = [];
      let got = 0;
      const serve = () => {
        for (const f of net.sent.splice(0)) {
          if (f.type !== 'send') continue;
          if (++got % 3 === 0) {
            net.frame({ type: 'error', code: 'rate_limited', message: 'Too many frames: slow down.', clientId: f.clientId });
            continue;
          }
          const seq = storedIds.push(f.clientId) + 1;
          net.frame({ type: 'message', message: { ...message(seq), clientId: f.clientId, body: f.body } });
          net.frame({ type: 'ack', clientId: f.clientId, seq, id: `m${seq}` });
        }
      };
      const ids = Array.from({ length: 30 }, (_, i) => client.send(`m${i}`)!);
      for (let i = 0; i < 200 && storedIds.length < ids.length; i++) {
        serve();
        mock.timers.tick(1000);
      }
      assert.deepEqual(storedIds, ids);
      assert.deepEqual(client.$messages.get().slice(1).map((m) => m.clientId), ids);
      client.destroy();
    } finally {
      mock.timers.reset();
    }
  });
});

describe('ChatClient refused sends', () => {
  it('a send refused with its clientId (too_large) is marked failed, not left sending (issue 12)', async () => {
    const net = scripted('shopper');
    const client = new ChatClient({ transport: net.transport, storage: null });
    await client.start();
    net.open();
    net.frame({ type: 'sync', ticket, messages: [message(1)], hasMore: false, receipts: { shopper: 0, agent: 0 } });
    const clientId = client.send('a message the server finds too large')!;
    const stateOf = () => client.$messages.get().find((m) => m.clientId === clientId)?.state;
    assert.equal(stateOf(), 'sending');
    net.frame({ type: 'error', code: 'too_large', message: 'A frame is at most 16384 bytes.', clientId });
    assert.equal(stateOf(), 'failed');
    client.destroy();
  });
});

describe('ChatClient login gating (R2)', () => {
  const faq = { id: 'f1', question: 'Shipping?', answer: 'Two days.' };
  function anonymous(initial: WidgetConfig) {
    let push!: (c: WidgetConfig) => void;
    const transport: ChatTransport = {
      getConfig: async () => initial,
      getSession: async () => ({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', customer: null }),
      startChat: () => Promise.reject(new Error('not here')),
      getActiveChat: async () => null,
      connect: () => ({ send: () => undefined, close: () => undefined }),
      watchConfig: (on) => ((push = on), () => undefined),
    };
    return { client: new ChatClient({ transport, storage: null }), push: (c: WidgetConfig) => push(c) };
  }

  it('"all": an anonymous visitor gets the FAQ when one is published, the login view otherwise, live', async () => {
    const { client, push } = anonymous({ ...config, faqs: [faq] });
    await client.start();
    assert.equal(client.$view.get(), 'faq');
    push({ ...config, faqs: [] });
    assert.equal(client.$view.get(), 'login');
    push({ ...config, faqs: [faq] });
    assert.equal(client.$view.get(), 'faq');
    push({ ...config, faqs: [faq], loginStatus: 'logged-in' });
    assert.equal(client.$view.get(), 'hidden');
    push({ ...config, faqs: [faq] });
    assert.equal(client.$view.get(), 'faq');
    client.destroy();
  });
});

describe('ChatClient error codes (issue 14)', () => {
  it('reports its own errors as codes for the views to translate, not English sentences', async () => {
    const net = scripted('shopper');
    const client = new ChatClient({ transport: net.transport, storage: null });
    const errors: Array<{ code: string; message: string }> = [];
    client.on('error', (e) => errors.push(e));
    client.send('hello before start'); // no session yet
    await client.start();
    client.send('x'.repeat(5000));
    assert.deepEqual(errors, [
      { code: 'login_required', message: 'login_required' },
      { code: 'too_large', message: 'too_large' },
    ]);
    assert.deepEqual(client.$error.get(), { code: 'too_large', message: 'too_large' });
    client.destroy();
  });

  it("keeps the server's code and words, and turns an answer that is no error body into a code of its status", () => {
    const server = httpError(403, { error: { code: 'forbidden_origin', message: 'This page may not use the chat.' } });
    assert.deepEqual([server.code, server.message, server.status], ['forbidden_origin', 'This page may not use the chat.', 403]);
    // A proxy's page, or a code this client does not know: validated once, here (STYLE: trust boundaries).
    assert.equal(httpError(502, '<html>Bad gateway</html>').code, 'server_error');
    assert.equal(httpError(418, { error: { code: 'teapot', message: 'short and stout' } }).code, 'http_error');
  });
});

describe('ChatClient two tabs over one storage (R7)', () => {
  it('issue 14: a message shows once in the other tab when its frame comes before the storage event of its send', async () => {
    // Two tabs of one shopper: one localStorage, one window's `storage` events each.
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    const page = new EventTarget();
    const g = globalThis as Record<string, unknown>;
    const saved = { add: g.addEventListener, remove: g.removeEventListener, nav: Object.getOwnPropertyDescriptor(globalThis, 'navigator') };
    g.addEventListener = page.addEventListener.bind(page);
    g.removeEventListener = page.removeEventListener.bind(page);
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true });
    try {
      const [netA, netB] = [scripted('shopper'), scripted('shopper')];
      const a = new ChatClient({ transport: netA.transport, storage });
      const b = new ChatClient({ transport: netB.transport, storage });
      await a.start();
      await b.start();
      for (const net of [netA, netB]) {
        net.open();
        net.frame({ type: 'sync', ticket, messages: [message(1)], hasMore: false, receipts: { shopper: 0, agent: 0 } });
      }
      const clientId = a.send('And the first tab again')!;
      const key = [...data.keys()].find((k) => k.includes('outbox'))!;
      assert.ok(key, 'the send is in the shared outbox');
      // The room's broadcast reaches tab B before the storage event of tab A's write does.
      netB.frame({ type: 'message', message: { ...message(2), clientId, body: 'And the first tab again' } });
      page.dispatchEvent(Object.assign(new Event('storage'), { key, newValue: data.get(key) ?? null }));
      assert.deepEqual(b.$messages.get().filter((m) => m.clientId === clientId).map((m) => m.state), ['sent']);
      a.destroy();
      b.destroy();
    } finally {
      g.addEventListener = saved.add;
      g.removeEventListener = saved.remove;
      if (saved.nav) Object.defineProperty(globalThis, 'navigator', saved.nav);
      else delete g.navigator;
    }
  });
});

// A refused socket is renewed once (`reauthorize`); the thread may connect again meanwhile
// (here `start()` called again by the page). The renewal then must not open a second socket
// beside that one: the server would see two shopper sockets, the older never closed.
describe('ChatClient re-authorization', () => {
  it('connects once when the chat is opened again while its credentials are renewed', async () => {
    const opened: number[] = [];
    let sessions = 0;
    let renew!: () => void;
    const transport: ChatTransport = {
      getConfig: async () => config,
      getSession: async () => {
        // The second ask is the renewal: it waits until the test lets it go.
        if (++sessions === 2) await new Promise<void>((resolve) => (renew = resolve));
        return { token: 't', expiresAt: '2099-01-01T00:00:00.000Z', customer: { id: 'c1' } };
      },
      startChat: () => Promise.reject(new Error('not here')),
      getActiveChat: async () => ({ ticket }),
      connect: (_id, handlers) => {
        opened.push(opened.length + 1);
        if (opened.length === 1) queueMicrotask(() => handlers.state('unauthorized', 'expired'));
        return { send: () => undefined, close: () => undefined };
      },
    };
    const client = new ChatClient({ transport, storage: null });
    await client.start();
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(sessions, 2, 'the refusal asked for a new session');
    await client.start();
    assert.equal(opened.length, 2, 'the chat opened again on its own socket');
    renew();
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    assert.equal(opened.length, 2, 'the renewal opened no third socket');
    client.destroy();
  });
});
