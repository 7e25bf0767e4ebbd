// The auth matrix against the real server (issue 7 "Security suite"): every route and
// socket with every kind of credential, expected answers written out in full, so a
// widened permission anywhere fails here. Floods, oversized input, polyglot uploads and
// foreign origins have their own tests in sockets/uploads/routes; this is the matrix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signToken } from '../../party/core/auth.js';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';

type Who = 'none' | 'forged' | 'expired' | 'anonymous' | 'shopper' | 'ticket' | 'agent' | 'admin' | 'otherShop';

describe('security: the auth matrix', () => {
  let server: RunningServer;
  let call: Api;
  let creds: Record<Who, string | undefined>;
  let ticketId: string;
  let otherTicketId: string;

  before(async () => {
    server = await startServer();
    call = api(server);
    const chat = await startChat(call, `sec-owner-${Date.now()}`);
    const other = await startChat(call, `sec-other-${Date.now()}`);
    ticketId = chat.ticket.id;
    otherTicketId = other.ticket.id;
    const secret = DEV_ENV.CHAT_SECRET!;
    const now = Date.now();
    const anonymous = (await call('POST', `main/${SHOP}/session`, { body: {} })).body.token;
    creds = {
      none: undefined,
      forged: (await signToken('not-the-server-secret', { shop: SHOP, role: 'admin', sub: 'mallory' }, now)).token,
      expired: (await signToken(secret, { shop: SHOP, role: 'admin', sub: 'old' }, now - 2 * 3_600_000)).token,
      anonymous,
      shopper: (await shopperSession(call, `sec-shopper-${Date.now()}`)).token,
      ticket: chat.ticketToken,
      agent: (await signToken(secret, { shop: SHOP, role: 'agent', sub: 'agent-plain', name: 'Plain Agent' }, now)).token,
      admin: await agentToken(call),
      otherShop: (await signToken(secret, { shop: 'other.myshopify.com', role: 'admin', sub: 'elsewhere' }, now)).token,
    };
  });
  after(() => server.stop());

  const everyone: Who[] = ['none', 'forged', 'expired', 'anonymous', 'shopper', 'ticket', 'agent', 'admin', 'otherShop'];

  /** The status each credential gets; `ok` stands for the route's success status. */
  const matrix: Array<{ route: string; method: string; path: () => string; body?: unknown; ok: number; allowed: Who[]; refused?: Partial<Record<Who, number>> }> = [
    { route: 'GET config', method: 'GET', path: () => `main/${SHOP}/config`, ok: 200, allowed: everyone },
    // A ticket token opens its ticket only: on shop routes it is no token at all (401, issue 12 item 9).
    { route: 'GET tickets', method: 'GET', path: () => `main/${SHOP}/tickets`, ok: 200, allowed: ['agent', 'admin'], refused: { anonymous: 403, shopper: 403 } },
    { route: 'GET agents', method: 'GET', path: () => `main/${SHOP}/agents`, ok: 200, allowed: ['agent', 'admin'], refused: { anonymous: 403, shopper: 403 } },
    { route: 'GET settings', method: 'GET', path: () => `main/${SHOP}/settings`, ok: 200, allowed: ['agent', 'admin'], refused: { anonymous: 403, shopper: 403 } },
    { route: 'PUT settings (a no-op body)', method: 'PUT', path: () => `main/${SHOP}/settings`, body: 'SETTINGS', ok: 200, allowed: ['admin'], refused: { anonymous: 403, shopper: 403, agent: 403 } },
    { route: 'GET profiles/{id}', method: 'GET', path: () => `main/${SHOP}/profiles/nobody`, ok: 404, allowed: ['agent', 'admin'], refused: { anonymous: 403, shopper: 403 } },
    // Issue 15: data-request exports hold a customer's personal data: admins only.
    { route: 'GET privacy/data-requests', method: 'GET', path: () => `main/${SHOP}/privacy/data-requests`, ok: 200, allowed: ['admin'], refused: { anonymous: 403, shopper: 403, agent: 403 } },
    { route: 'GET privacy/data-requests/{id}', method: 'GET', path: () => `main/${SHOP}/privacy/data-requests/nothing`, ok: 404, allowed: ['admin'], refused: { anonymous: 403, shopper: 403, agent: 403 } },
    // Issue 18: a logged-in shopper's own orders; what the AI agent would answer, for admins.
    { route: 'GET orders', method: 'GET', path: () => `main/${SHOP}/orders`, ok: 200, allowed: ['shopper'], refused: { anonymous: 403, agent: 403, admin: 403 } },
    { route: 'POST ai/try', method: 'POST', path: () => `main/${SHOP}/ai/try`, body: { question: 'Do you ship abroad?' }, ok: 200, allowed: ['admin'], refused: { anonymous: 403, shopper: 403, agent: 403 } },
    { route: 'GET chats/active', method: 'GET', path: () => `main/${SHOP}/chats/active`, ok: 204, allowed: ['anonymous', 'shopper'], refused: { agent: 403, admin: 403 } },
    {
      route: 'POST chats',
      method: 'POST',
      path: () => `main/${SHOP}/chats`,
      body: 'CHAT',
      ok: 201,
      allowed: ['shopper'],
      refused: { anonymous: 403, agent: 403, admin: 403 },
    },
  ];

  for (const row of matrix) {
    it(`${row.route}: only ${row.allowed.join(', ')}`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of everyone) {
        let body = row.body;
        if (body === 'SETTINGS') body = (await call('GET', `main/${SHOP}/settings`, { token: creds.admin })).body;
        if (body === 'CHAT') body = { clientId: crypto.randomUUID(), body: 'matrix' };
        const token = creds[who];
        const r = await call(row.method, row.path(), { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
        got[who] = r.status;
        want[who] = row.allowed.includes(who) ? row.ok : (row.refused?.[who] ?? 401);
        if (r.status >= 400) assert.equal(typeof r.body?.error?.code, 'string', `${row.route} as ${who}: a typed error`);
      }
      assert.deepEqual(got, want);
    });
  }

  it('ticket sockets: the owner\u2019s ticket token, agents and admins of the shop; nobody else', async () => {
    const verdicts: Record<string, string> = {};
    const expect: Record<string, string> = {};
    const cases: Array<[string, string, string | undefined, string | null, string]> = [
      ['owner', ticketId, creds.ticket, 'http://localhost:5173', 'open'],
      ['owner, foreign page', ticketId, creds.ticket, 'https://evil.example', '4003'],
      ['owner, no Origin', ticketId, creds.ticket, null, '4003'],
      ['owner token, other ticket', otherTicketId, creds.ticket, 'http://localhost:5173', '4003'],
      ['session token (no ticket)', ticketId, creds.shopper, 'http://localhost:5173', '4001'],
      ['agent', ticketId, creds.agent, null, 'open'],
      ['admin', ticketId, creds.admin, null, 'open'],
      ['admin of another shop', ticketId, creds.otherShop, null, '4003'],
      ['forged', ticketId, creds.forged, null, '4001'],
      ['expired', ticketId, creds.expired, null, '4001'],
      ['none', ticketId, undefined, null, '4001'],
    ];
    for (const [name, id, token, origin, want] of cases) {
      const peer = Peer.ticket(server, id, token ?? '', { origin });
      await peer.opened();
      try {
        peer.send({ type: 'hello', lastSeq: 0 });
      } catch {
        // already refused and closing
      }
      await peer.until((p) => p.frames.some((f) => f.type === 'sync') || p.closeCode !== null, name);
      verdicts[name] = peer.closeCode === null ? 'open' : String(peer.closeCode);
      expect[name] = want;
      peer.close();
    }
    assert.deepEqual(verdicts, expect);
  });

  it('frames need the right role: a shopper cannot set a status, an agent cannot end a chat', async () => {
    const chat = await startChat(call, `sec-roles-${Date.now()}`);
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken, { origin: 'http://localhost:5173' });
    const agent = Peer.ticket(server, chat.ticket.id, creds.agent!, { origin: null });
    await shopper.opened();
    await agent.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    agent.send({ type: 'hello', lastSeq: 0 });
    shopper.send({ type: 'status', status: 'closed' });
    agent.send({ type: 'end' });
    await shopper.until((p) => p.frames.some((f) => f.type === 'error' && f.code === 'forbidden'), 'shopper refused');
    await agent.until((p) => p.frames.some((f) => f.type === 'error' && f.code === 'forbidden'), 'agent refused');
    // The ticket is still open for both.
    const r = await call('GET', `main/${SHOP}/tickets?status=open`, { token: creds.admin });
    assert.ok(r.body.tickets.some((t: { id: string }) => t.id === chat.ticket.id));
    shopper.close();
    agent.close();
  });

  it('the shop feed: agents get the inbox, shoppers only the public config, others nothing', async () => {
    const kinds: Record<string, string> = {};
    for (const who of ['agent', 'admin', 'shopper', 'anonymous', 'forged', 'otherShop', 'none'] as const) {
      const peer = new Peer(`${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${creds[who] ?? ''}&v=1`, null);
      await peer.until((p) => p.frames.length > 0 || p.closeCode !== null, who);
      const first = peer.frames[0] as { type: string } | undefined;
      kinds[who] = first?.type === 'error' ? `refused ${await peer.closed()}` : first!.type;
      peer.close();
    }
    assert.deepEqual(kinds, { agent: 'inbox', admin: 'inbox', shopper: 'config', anonymous: 'config', forged: 'refused 4001', otherShop: 'refused 4001', none: 'refused 4001' });
  });
});
