// Issue 12 item 10 against the real server: sockets do not outlive their tokens, and
// the clients renew theirs so that nobody at work is signed out. The server runs with
// the test knob TOKEN_TTL_SECONDS so that tokens live seconds, not an hour.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signToken } from '../../party/core/auth.js';
import { DEV_AGENT_KEY, DEV_ENV } from '../../party/core/seed.js';
import { InboxClient } from '../../src/inbox/inbox-client.js';
import { originWebSocket, shopperClient } from './clients.js';
import { Peer, SHOP, agentToken, api, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';

const TTL_SECONDS = 8;

/** Polls (every 100 ms, bounded) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `work` after every earlier caller's has finished (one settings writer at a time). */
let settingsQueue: Promise<unknown> = Promise.resolve();
function settingsTurn<T>(work: () => Promise<T>): Promise<T> {
  const turn = settingsQueue.then(work);
  settingsQueue = turn.catch(() => undefined);
  return turn;
}

const expiryOf = (token: string): number => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
/** Waits until a moment safely after `at` (the server's alarm has had its chance). */
const pastExpiry = (at: number) => until(() => Date.now() > at + 3000, 'the token to expire', TTL_SECONDS * 1000 + 10_000);

// Three of these tests wait out a token's life (TTL_SECONDS and a margin): they run at once,
// so the file takes one life, not three. Each works on its own chat and socket; the two that
// save the shop's settings take turns (`settingsTurn`), or one's save could undo the other's.
describe('tokens expire and are renewed (issue 12 item 10)', { concurrency: true }, () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), TOKEN_TTL_SECONDS: String(TTL_SECONDS) } });
    call = api(server);
  });
  after(() => server.stop());

  it('closes ticket sockets and shop feeds with 4001 when their token expires', async () => {
    const chat = await startChat(call, `expiry-${Date.now()}`);
    const agent = await agentToken(call);
    const ws = server.origin.replace('http', 'ws');
    const peers = {
      'shopper on the ticket': Peer.ticket(server, chat.ticket.id, chat.ticketToken),
      'agent on the ticket': Peer.ticket(server, chat.ticket.id, agent, { origin: null }),
      'agent on the feed': new Peer(`${ws}/parties/main/${SHOP}?token=${agent}&v=1`, null),
      'shopper on the feed': new Peer(`${ws}/parties/main/${SHOP}?token=${chat.sessionToken}&v=1`, null),
    };
    for (const peer of Object.values(peers)) await peer.opened();
    peers['shopper on the ticket'].send({ type: 'hello', lastSeq: 0 });
    peers['agent on the ticket'].send({ type: 'hello', lastSeq: 0 });
    for (const [name, peer] of Object.entries(peers)) await peer.until((p) => p.frames.length > 0, `${name}: first frame`);
    const opened = Object.fromEntries(Object.entries(peers).map(([name, p]) => [name, p.frames[0]!.type]));
    assert.deepEqual(opened, { 'shopper on the ticket': 'sync', 'agent on the ticket': 'sync', 'agent on the feed': 'inbox', 'shopper on the feed': 'config' });
    for (const [name, peer] of Object.entries(peers)) {
      await peer.until((p) => p.frames.some((f) => f.type === 'error'), `${name}: the expiry`, TTL_SECONDS * 1000 + 10_000);
    }
    // Changes after the expiry reach none of them: a new chat (the agents' feed) and new settings (the shoppers').
    await startChat(call, `expiry-after-${Date.now()}`);
    const fresh = await agentToken(call);
    await settingsTurn(async () => {
      const settings = (await call('GET', `main/${SHOP}/settings`, { token: fresh })).body;
      assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: fresh, body: settings })).status, 200);
    });
    const ends: Record<string, string> = {};
    for (const [name, peer] of Object.entries(peers)) {
      // workerd delivers the close of a socket that never sent a frame late (the feeds); the
      // error frame comes at once, and nothing after it.
      await peer.until((p) => p.closeCode !== null, `${name}: close`, 20_000);
      const last = peer.frames.at(-1) as { type: string; code?: string };
      ends[name] = `${peer.closeCode} after ${last.type} ${last.code ?? ''}`.trim();
    }
    const want = '4001 after error forbidden';
    assert.deepEqual(ends, { 'shopper on the ticket': want, 'agent on the ticket': want, 'agent on the feed': want, 'shopper on the feed': want });
  });

  it('POST agents/refresh gives a fresh agent token for a valid one, and nothing for any other', async () => {
    const agent = await agentToken(call);
    const chat = await startChat(call, `refresh-${Date.now()}`);
    const refreshed = await call('POST', `main/${SHOP}/agents/refresh`, { token: agent });
    assert.equal(refreshed.status, 200);
    assert.deepEqual(refreshed.body.agent, { id: 'agent-dev', name: 'Alex (Support)', role: 'admin' });
    assert.equal((await call('GET', `main/${SHOP}/tickets`, { token: refreshed.body.token })).status, 200);
    const expired = (await signToken(DEV_ENV.CHAT_SECRET!, { shop: SHOP, role: 'admin', sub: 'agent-dev', name: 'Alex' }, Date.now() - 2 * 3_600_000)).token;
    const revoked = (await signToken(DEV_ENV.CHAT_SECRET!, { shop: SHOP, role: 'admin', sub: 'agent-gone', name: 'Gone' }, Date.now())).token;
    const refused = {
      expired: (await call('POST', `main/${SHOP}/agents/refresh`, { token: expired })).status,
      'an agent whose key is gone': (await call('POST', `main/${SHOP}/agents/refresh`, { token: revoked })).status,
      'a ticket token': (await call('POST', `main/${SHOP}/agents/refresh`, { token: chat.ticketToken })).status,
      'a shopper session': (await call('POST', `main/${SHOP}/agents/refresh`, { token: (await shopperSession(call, `refresh-s-${Date.now()}`)).token })).status,
      none: (await call('POST', `main/${SHOP}/agents/refresh`)).status,
    };
    assert.deepEqual(refused, { expired: 401, 'an agent whose key is gone': 401, 'a ticket token': 401, 'a shopper session': 403, none: 401 });
  });
  it('the inbox refreshes its agent token before expiry: still signed in, the feed and the open thread still live', async () => {
    const inbox = new InboxClient({ host: server.origin, shop: SHOP, storage: null, WebSocket: originWebSocket(null), reconnect: { minDelay: 30, maxDelay: 300 } });
    try {
      assert.equal(await inbox.signIn(DEV_AGENT_KEY), true);
      const first = inbox.$session.get()!.token;
      const chat = await startChat(call, `inbox-expiry-${Date.now()}`);
      await until(() => inbox.$tickets.get().has(chat.ticket.id), 'the ticket in the inbox');
      inbox.select(chat.ticket.id);
      const thread = inbox.$thread.get()!;
      await until(() => thread.$connection.get() === 'open' && thread.$messages.get().length > 0, 'the thread');

      await pastExpiry(expiryOf(first));
      assert.equal(inbox.$auth.get(), 'signed-in');
      assert.notEqual(inbox.$session.get()!.token, first, 'a fresh token');
      // The feed still pushes: a chat started after the first token expired shows up.
      const later = await startChat(call, `inbox-later-${Date.now()}`);
      await until(() => inbox.$tickets.get().has(later.ticket.id), 'a new ticket through the feed');
      // The open thread still writes.
      const clientId = thread.send('Still here, checking.')!;
      await until(() => thread.$messages.get().some((m) => m.clientId === clientId && m.seq !== undefined), 'the reply acked');
      assert.equal(inbox.$auth.get(), 'signed-in');
    } finally {
      inbox.destroy();
    }
  });

  it('the shopper\u2019s client gets fresh tokens: its chat and its live config go on after they expire', async () => {
    const shopper = shopperClient(server.origin, `shopper-expiry-${Date.now()}`);
    try {
      await shopper.start();
      shopper.send('Before the token expires');
      await until(() => shopper.$messages.get().some((m) => m.seq !== undefined && m.author.role === 'shopper') && shopper.$connection.get() === 'open', 'the first message acked');
      const ticketId = shopper.$ticket.get()!.id;
      await pastExpiry(Date.now() + TTL_SECONDS * 1000);
      const clientId = shopper.send('After the token expired')!;
      await until(() => shopper.$messages.get().some((m) => m.clientId === clientId && m.seq !== undefined), 'the later message acked');
      assert.equal(shopper.$ticket.get()!.id, ticketId, 'the same chat');
      // Saved settings still reach the open widget (R12) over a renewed feed.
      const admin = await agentToken(call);
      await settingsTurn(async () => {
        const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
        const welcome = `Welcome back ${Date.now()}`;
        assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, welcomeMessage: welcome } })).status, 200);
        await until(() => shopper.$config.get()?.welcomeMessage === welcome, 'the live config');
        await call('PUT', `main/${SHOP}/settings`, { token: admin, body: settings });
      });
    } finally {
      shopper.destroy();
    }
  });
});
