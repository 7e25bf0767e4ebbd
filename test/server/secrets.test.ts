// Issue 12 "Server hardening", secrets and identity, against the real server: stored
// secrets never follow a changed destination (item 7; a receiver of ours on loopback
// records what arrives), and every token is checked for its audience, its kind and a
// maximum lifetime when verified (item 9), forged here with `jose` and the dev CHAT_SECRET.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { DEV_ENV, DEV_IDENTITY_SECRET } from '../../party/core/seed.js';
import { startFakeHttp, type FakeHttp, type Received } from '../unit/fake-http.js';
import { PAGE_ORIGIN, Peer, SHOP, agentToken, api, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';

const SECRET = DEV_ENV.CHAT_SECRET!;
const YEAR = 365 * 24 * 3600;

interface Forged {
  claims?: Record<string, unknown>;
  typ?: string | null;
  aud?: string | null;
  iat?: number | null;
  exp?: number | null;
  secret?: string;
}

/** A token as an attacker holding a token (or the server's own code, mis-used) could make it. */
async function forge(opts: Forged = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { sub = 'agent-dev', ...rest } = opts.claims ?? { shop: SHOP, role: 'admin', name: 'Alex' };
  let jwt = new SignJWT(rest).setProtectedHeader({ alg: 'HS256', ...(opts.typ === null ? {} : { typ: opts.typ ?? 'chc-agent+jwt' }) }).setSubject(String(sub));
  if (opts.aud !== null) jwt = jwt.setAudience(opts.aud ?? 'customer-hub-chat');
  if (opts.iat !== null) jwt = jwt.setIssuedAt(opts.iat ?? now);
  if (opts.exp !== null) jwt = jwt.setExpirationTime(opts.exp ?? now + 600);
  return jwt.sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

/** Where a socket ends up: `open` after a sync or inbox frame, else its close code. */
async function socketVerdict(url: string, origin: string | null): Promise<string> {
  const peer = new Peer(url, origin);
  await peer.opened();
  try {
    peer.send({ type: 'hello', lastSeq: 0 });
  } catch {
    // refused and closing already
  }
  await peer.until((p) => p.frames.some((f) => f.type === 'sync' || (f as { type: string }).type === 'inbox') || p.closeCode !== null, url);
  const verdict = peer.closeCode === null ? 'open' : String(peer.closeCode);
  peer.close();
  return verdict;
}

/** Polls (every 50 ms, bounded) until `check` holds. */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('secrets and identity (issue 12)', () => {
  let server: RunningServer;
  let call: Api;
  let receiver: FakeHttp;
  let R = '';
  const received: Received[] = [];
  before(async () => {
    server = await startServer();
    call = api(server);
    receiver = await startFakeHttp((request, res) => {
      received.push(request);
      res.writeHead(201, { 'Content-Type': 'application/json' }).end('{}');
    });
    R = receiver.base;
  });
  after(async () => {
    receiver.close();
    await server.stop();
  });

  /** A chat the AI agent hands off at once ("a person"), so the handoff request goes out. */
  async function handOff(customerId: string): Promise<void> {
    const chat = await startChat(call, customerId, 'Where is my order?');
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length === 1, 'sync');
    shopper.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Can I talk to a person?' });
    await shopper.until((p) => p.of('message').some((f) => f.message.author.name === 'handoff-external'), 'the external handoff');
    shopper.close();
  }

  const basicOf = (r: Received) => Buffer.from(String(r.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();

  it('item 7: a changed handoff or notification destination without its secret is refused, and the stored secret never reaches it', async () => {
    const admin = await agentToken(call);
    const original = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const handoff = { target: 'zendesk', url: `${R}/old`, subdomain: 'shop', email: 'agent@shop.example', apiToken: 'zd-old-token' };
    const notifications = { webhookUrl: `${R}/notify-old`, secret: 'whsec-old', events: ['ticket.created'] };
    const setUp = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...original, ai: { ...original.ai, enabled: true, handoff }, notifications } });
    assert.equal(setUp.status, 200);
    // What an admin tool (or a stolen admin token) sends back: the GET, secrets redacted, one thing moved.
    const base = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    assert.equal(base.ai.handoff.apiToken, undefined);
    const put = async (change: (s: typeof base) => void) => {
      const body = structuredClone(base);
      change(body);
      const r = await call('PUT', `main/${SHOP}/settings`, { token: admin, body });
      return r.status === 200 ? '200' : `${r.status} ${/^[\w.]+/.exec(r.body.error.message)?.[0]}`;
    };
    const attempts = {
      'handoff email': await put((s) => (s.ai.handoff.email = 'mallory@evil.example')),
      'handoff subdomain': await put((s) => (s.ai.handoff.subdomain = 'evil')),
      'handoff target': await put((s) => (s.ai.handoff.target = 'gorgias')),
      'notification url': await put((s) => (s.notifications.webhookUrl = `${R}/notify-new`)),
      'handoff url and notification url': await put((s) => {
        s.ai.handoff.url = `${R}/new`;
        s.notifications.webhookUrl = `${R}/notify-new`;
      }),
    };
    received.length = 0;
    await handOff(`redirect-${Date.now()}`);
    await until(() => received.some((r) => r.path.endsWith('/tickets.json')) && received.some((r) => r.path.startsWith('/notify')), 'the handoff and the notification');
    const where = received.map((r) => {
      if (r.path.endsWith('/tickets.json')) return `handoff to ${r.path} as ${basicOf(r)}`;
      const signed = r.headers['x-customerhub-signature'] === `sha256=${createHmac('sha256', 'whsec-old').update(`${r.headers['x-customerhub-timestamp']}.${r.body}`).digest('hex')}`;
      return `notification to ${r.path}${signed ? ' signed with whsec-old' : ''}`;
    });
    assert.deepEqual(
      { attempts, where: where.sort() },
      {
        attempts: {
          'handoff email': '400 ai.handoff.apiToken',
          'handoff subdomain': '400 ai.handoff.apiToken',
          'handoff target': '400 ai.handoff.apiToken',
          'notification url': '400 notifications.secret',
          'handoff url and notification url': '400 ai.handoff.apiToken',
        },
        where: ['handoff to /old/api/v2/tickets.json as agent@shop.example/token:zd-old-token', 'notification to /notify-old signed with whsec-old'],
      },
    );

    // With its secret in the same request the move is accepted, and the new secret goes there.
    const moved = structuredClone(base);
    moved.ai.handoff = { ...moved.ai.handoff, url: `${R}/new`, apiToken: 'zd-new-token' };
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: moved })).status, 200);
    received.length = 0;
    await handOff(`moved-${Date.now()}`);
    await until(() => received.some((r) => r.path.endsWith('/tickets.json')), 'the moved handoff');
    assert.deepEqual(
      received.filter((r) => r.path.endsWith('/tickets.json')).map((r) => `${r.path} ${basicOf(r)}`),
      ['/new/api/v2/tickets.json agent@shop.example/token:zd-new-token'],
    );

    // A webhook handoff's signing secret is bound to its URL too; leaving for a target that
    // sends nothing drops the stored secrets instead of refusing.
    const hook = structuredClone(base);
    hook.ai.handoff = { target: 'webhook', url: `${R}/hook-old`, secret: 'hook-secret' };
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: hook })).status, 200);
    const steps = {
      'webhook url without its secret': await put((s) => (s.ai.handoff = { target: 'webhook', url: `${R}/hook-new` })),
      'to the inbox': await put((s) => {
        s.ai.handoff = { target: 'inbox' };
        delete s.notifications.webhookUrl;
      }),
    };
    assert.deepEqual(steps, { 'webhook url without its secret': '400 ai.handoff.secret', 'to the inbox': '200' });
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: original })).status, 200);
  });

  const ws = () => server.origin.replace('http', 'ws');

  it('item 9: an agent token needs our audience, the agent kind and at most 1 h of life', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Record<string, Forged> = {
      'well formed (control)': {},
      'exp 10 years ahead': { exp: now + 10 * YEAR },
      'iat and exp 10 years ahead': { iat: now + 10 * YEAR, exp: now + 10 * YEAR + 600 },
      'no iat': { iat: null },
      'no audience': { aud: null },
      'another audience': { aud: 'some-other-app' },
      'no typ': { typ: null },
      'typ JWT (any JWT signed with the secret)': { typ: 'JWT' },
      'an admin claiming the session kind': { typ: 'chc-session+jwt' },
      'an admin claiming the ticket kind': { typ: 'chc-ticket+jwt' },
    };
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const [name, opts] of Object.entries(cases)) {
      const r = await call('GET', `main/${SHOP}/tickets`, { token: await forge(opts) });
      got[name] = r.status === 200 ? '200' : `${r.status} ${r.body?.error?.code}`;
      want[name] = name.includes('control') ? '200' : '401 unauthorized';
    }
    assert.deepEqual(got, want);
  });

  it('item 9: the same checks hold on the ticket socket and the shop feed (4001)', async () => {
    const chat = await startChat(call, `kinds-${Date.now()}`);
    const now = Math.floor(Date.now() / 1000);
    const longAgent = await forge({ exp: now + 10 * YEAR });
    const ticketUrl = (token: string) => `${ws()}/parties/ticket/${chat.ticket.id}?token=${encodeURIComponent(token)}&v=1`;
    const feedUrl = (token: string) => `${ws()}/parties/main/${SHOP}?token=${encodeURIComponent(token)}&v=1`;
    const ticketClaims = { shop: SHOP, role: 'shopper', sub: chat.ticket.customer.id, tid: chat.ticket.id, origin: PAGE_ORIGIN };
    const verdicts = {
      'ticket socket, agent token (control)': await socketVerdict(ticketUrl(await forge()), null),
      'ticket socket, agent token living 10 years': await socketVerdict(ticketUrl(longAgent), null),
      'ticket socket, ticket claims without our audience': await socketVerdict(ticketUrl(await forge({ claims: ticketClaims, typ: 'chc-ticket+jwt', aud: null })), PAGE_ORIGIN),
      'ticket socket, ticket claims of the agent kind': await socketVerdict(ticketUrl(await forge({ claims: ticketClaims })), PAGE_ORIGIN),
      'ticket socket, the shopper\u2019s session token': await socketVerdict(ticketUrl(chat.sessionToken), PAGE_ORIGIN),
      'feed, agent token (control)': await socketVerdict(feedUrl(await forge()), null),
      'feed, agent token living 10 years': await socketVerdict(feedUrl(longAgent), null),
      'feed, a ticket token': await socketVerdict(feedUrl(chat.ticketToken), null),
    };
    assert.deepEqual(verdicts, {
      'ticket socket, agent token (control)': 'open',
      'ticket socket, agent token living 10 years': '4001',
      'ticket socket, ticket claims without our audience': '4001',
      'ticket socket, ticket claims of the agent kind': '4001',
      'ticket socket, the shopper\u2019s session token': '4001',
      'feed, agent token (control)': 'open',
      'feed, agent token living 10 years': '4001',
      'feed, a ticket token': '4001',
    });
  });

  it('item 9: a ticket token is not a session token, nor an agent token a shopper one', async () => {
    const chat = await startChat(call, `kinds-http-${Date.now()}`);
    const got = {
      'chats/active with the session token (control)': (await call('GET', `main/${SHOP}/chats/active`, { token: chat.sessionToken })).status,
      'chats/active with the ticket token': (await call('GET', `main/${SHOP}/chats/active`, { token: chat.ticketToken })).status,
      'chats with the ticket token': (await call('POST', `main/${SHOP}/chats`, { token: chat.ticketToken, body: { clientId: crypto.randomUUID(), body: 'again' } })).status,
      'chats with shopper claims of the agent kind': (
        await call('POST', `main/${SHOP}/chats`, {
          token: await forge({ claims: { shop: SHOP, role: 'shopper', sub: 'kind-mixer' } }),
          body: { clientId: crypto.randomUUID(), body: 'hi' },
        })
      ).status,
      'tickets with the ticket token': (await call('GET', `main/${SHOP}/tickets`, { token: chat.ticketToken })).status,
    };
    assert.deepEqual(got, {
      'chats/active with the session token (control)': 200,
      'chats/active with the ticket token': 401,
      'chats with the ticket token': 401,
      'chats with shopper claims of the agent kind': 401,
      'tickets with the ticket token': 401,
    });
    // The session token the server issued still works everywhere it should.
    const session = await shopperSession(call, `kinds-fresh-${Date.now()}`);
    assert.equal((await call('GET', `main/${SHOP}/chats/active`, { token: session.token })).status, 204);
  });

  it('item 9: an identity JWT needs an exp at most 24 h ahead', async () => {
    const now = Math.floor(Date.now() / 1000);
    const identity = async (exp: number | null) => {
      let jwt = new SignJWT({ name: 'Hedy', email: 'hedy@example.com' }).setProtectedHeader({ alg: 'HS256' }).setSubject('hl-ttl');
      if (exp !== null) jwt = jwt.setExpirationTime(exp);
      const r = await call('POST', `main/${SHOP}/session`, { body: { identity: await jwt.sign(new TextEncoder().encode(DEV_IDENTITY_SECRET)) } });
      return r.status === 200 ? `200 ${r.body.customer?.id}` : `${r.status} ${r.body.error.code}`;
    };
    assert.deepEqual(
      { '23 h': await identity(now + 23 * 3600), '25 h': await identity(now + 25 * 3600), '10 years': await identity(now + 10 * YEAR), 'no exp': await identity(null) },
      { '23 h': '200 hl-ttl', '25 h': '401 unauthorized', '10 years': '401 unauthorized', 'no exp': '401 unauthorized' },
    );
  });
});
