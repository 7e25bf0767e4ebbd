// Every HTTP route of DESIGN §5 against a real `wrangler dev` (R2, R6, R8, R12, R13, R16).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { DEV_IDENTITY_SECRET } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';

describe('reference server HTTP routes', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer();
    call = api(server);
  });
  after(() => server.stop());

  it('GET config: the public widget config, published FAQs only, nothing private', async () => {
    const r = await call('GET', `main/${SHOP}/config`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    // Issue 17 added the header's face (shopName, team, replyMinutes) and the rating switch; e-mail fields come only when set up.
    assert.deepEqual(Object.keys(r.body).sort(), ['ai', 'enabled', 'faqs', 'loginStatus', 'officeHours', 'policy', 'rating', 'replyMinutes', 'shopName', 'team', 'welcomeMessage']);
    assert.deepEqual(r.body.faqs.map((f: { id: string }) => f.id), ['shipping', 'returns', 'sizes']);
    assert.equal(JSON.stringify(r.body).includes('dev-identity-secret'), false);
    assert.equal(r.body.officeHours.timezone, 'Europe/Paris');
  });

  it('refuses unknown shops with 404 and answers CORS preflights', async () => {
    for (const shop of ['evil.example.com', 'Demo.myshopify.com', 'x']) {
      const r = await call('GET', `main/${shop}/config`);
      assert.equal(r.status, 404, shop);
      assert.equal(r.body.error.code, 'not_found');
    }
    const pre = await fetch(`${server.origin}/parties/main/${SHOP}/chats`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });

  it('session: anonymous, dev customer, merchant identity JWT; forged identity refused', async () => {
    const anon = await call('POST', `main/${SHOP}/session`, { body: {} });
    assert.equal(anon.status, 200);
    assert.equal(anon.body.customer, null);
    const get = await call('GET', `main/${SHOP}/session`);
    assert.equal(get.body.customer, null);

    const dev = await shopperSession(call, 'c-dev');
    assert.deepEqual(dev.customer, { id: 'c-dev', name: 'Ada' });

    const now = Math.floor(Date.now() / 1000);
    const sign = (secret: string, claims: Record<string, unknown>, exp = now + 600) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(new TextEncoder().encode(secret));
    const ok = await call('POST', `main/${SHOP}/session`, { body: { identity: await sign(DEV_IDENTITY_SECRET, { sub: 'hl-1', name: 'Grace', email: 'g@example.com' }) } });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.customer, { id: 'hl-1', name: 'Grace', email: 'g@example.com' });
    for (const identity of [
      await sign('wrong-secret-wrong-secret', { sub: 'hl-1' }),
      await sign(DEV_IDENTITY_SECRET, { sub: 'hl-1' }, now - 10),
      'not.a.jwt',
    ]) {
      const bad = await call('POST', `main/${SHOP}/session`, { body: { identity } });
      assert.equal(bad.status, 401);
      assert.equal(bad.body.error.code, 'unauthorized');
    }
  });

  it('refuses a foreign page origin on shopper routes (403 forbidden_origin)', async () => {
    const r = await call('POST', `main/${SHOP}/session`, { body: {}, origin: 'https://evil.example' });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'forbidden_origin');
  });

  it('R6, R8: POST chats creates the ticket, is idempotent on clientId, and 409s while a chat is open', async () => {
    const { token } = await shopperSession(call, 'c-chats');
    const clientId = crypto.randomUUID();
    const first = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId, body: 'Where is my order?' } });
    assert.equal(first.status, 201);
    assert.equal(first.body.message.seq, 1);
    assert.equal(first.body.ticket.status, 'open');
    assert.equal(first.body.ticket.customer.id, 'c-chats');
    assert.ok(first.body.ticketToken);
    const again = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId, body: 'Where is my order?' } });
    assert.equal(again.status, 200);
    assert.equal(again.body.ticket.id, first.body.ticket.id);
    const other = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Another' } });
    assert.equal(other.status, 409);
    assert.equal(other.body.error.code, 'chat_active');
    assert.equal(other.body.ticket.id, first.body.ticket.id);
    assert.ok(other.body.ticketToken);

    const active = await call('GET', `main/${SHOP}/chats/active`, { token });
    assert.equal(active.status, 200);
    assert.equal(active.body.ticket.id, first.body.ticket.id);
  });

  it('R8, issue 13 #2: GET chats/active answers a chat closed moments ago as closed, with a token that reads it but cannot write; a new chat replaces it', async () => {
    const chat = await startChat(call, `c-closed-${Date.now()}`, 'Where is my refund?');
    const agent = await agentToken(call);
    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    team.send({ type: 'send', clientId: 'refund', body: 'Refund issued.' });
    await team.until((p) => p.of('ack').length === 1, 'reply stored');
    team.send({ type: 'status', status: 'closed' });
    await team.until((p) => p.of('ticket').some((f) => f.ticket.status === 'closed'), 'closed');
    team.close();

    const active = await call('GET', `main/${SHOP}/chats/active`, { token: chat.sessionToken });
    assert.equal(active.status, 200);
    assert.deepEqual([active.body.ticket.id, active.body.ticket.status], [chat.ticket.id, 'closed']);
    const shopper = Peer.ticket(server, chat.ticket.id, active.body.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').some((f) => f.messages.some((m) => m.body === 'Refund issued.')), 'the team\u2019s last reply');
    shopper.send({ type: 'send', clientId: 'after', body: 'thanks' });
    await shopper.until((p) => p.of('error').length === 1, 'refused');
    assert.deepEqual([shopper.of('error')[0]!.code, shopper.of('error')[0]!.clientId], ['ticket_closed', 'after']);
    shopper.close();

    const next = await call('POST', `main/${SHOP}/chats`, { token: chat.sessionToken, body: { clientId: crypto.randomUUID(), body: 'Another question' } });
    assert.equal(next.status, 201);
    const now = await call('GET', `main/${SHOP}/chats/active`, { token: chat.sessionToken });
    assert.deepEqual([now.body.ticket.id, now.body.ticket.status], [next.body.ticket.id, 'open']);
  });

  it('POST chats: anonymous visitors must log in (R2); bad bodies get typed errors', async () => {
    const anon = await call('POST', `main/${SHOP}/session`, { body: {} });
    const r = await call('POST', `main/${SHOP}/chats`, { token: anon.body.token, body: { clientId: 'x', body: 'hi' } });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'login_required');
    const { token } = await shopperSession(call, 'c-bad');
    const cases: Array<[unknown, number, string]> = [
      ['{nope', 400, 'bad_request'],
      [{ clientId: 'x' }, 400, 'bad_frame'],
      [{ clientId: 'x', body: '   ' }, 400, 'bad_request'],
      [{ clientId: 'x', body: 'y'.repeat(4001) }, 413, 'too_large'],
    ];
    for (const [body, status, code] of cases) {
      const bad = await call('POST', `main/${SHOP}/chats`, { token, body });
      assert.deepEqual([bad.status, bad.body.error.code], [status, code], JSON.stringify(body).slice(0, 40));
    }
    const none = await call('POST', `main/${SHOP}/chats`, { body: { clientId: 'x', body: 'hi' } });
    assert.equal(none.status, 401);
    assert.equal((await call('GET', `main/${SHOP}/chats/active`, { token })).status, 204);
  });

  it('agents/session: dev key gives an admin token; unknown keys 401', async () => {
    const ok = await call('POST', `main/${SHOP}/agents/session`, { body: { agentKey: 'dev-agent-key' } });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.agent, { id: 'agent-dev', name: 'Alex (Support)', role: 'admin' });
    const bad = await call('POST', `main/${SHOP}/agents/session`, { body: { agentKey: 'guess' } });
    assert.equal(bad.status, 401);
  });

  it('R13: GET tickets lists newest activity first, pages with a cursor, filters by status', async () => {
    const agent = await agentToken(call);
    const created: string[] = [];
    for (let i = 0; i < 3; i++) created.push((await startChat(call, `c-list-${i}`, `question ${i}`)).ticket.id);
    const page1 = await call('GET', `main/${SHOP}/tickets?status=open&limit=2`, { token: agent });
    assert.equal(page1.status, 200);
    assert.deepEqual(page1.body.tickets.map((t: { id: string }) => t.id), [created[2], created[1]]);
    assert.ok(page1.body.nextCursor);
    assert.equal(page1.body.tickets[0].lastMessage.body, 'question 2');
    assert.ok(page1.body.unreadTotal >= 3);
    const page2 = await call('GET', `main/${SHOP}/tickets?status=open&limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`, { token: agent });
    assert.equal(page2.body.tickets[0].id, created[0]);
    const closed = await call('GET', `main/${SHOP}/tickets?status=closed`, { token: agent });
    assert.equal(closed.body.tickets.some((t: { id: string }) => created.includes(t.id)), false);
    assert.equal((await call('GET', `main/${SHOP}/tickets?status=weird`, { token: agent })).status, 400);
  });

  it('agent routes refuse shopper tokens and no token', async () => {
    const { token } = await shopperSession(call, 'c-snoop');
    for (const path of ['tickets', 'settings', 'profiles/c-snoop']) {
      assert.equal((await call('GET', `main/${SHOP}/${path}`, { token })).status, 403, path);
      assert.equal((await call('GET', `main/${SHOP}/${path}`)).status, 401, path);
    }
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token, body: {} })).status, 403);
  });

  it('R12: settings round-trip, secrets stay write-only, validation is typed, config follows', async () => {
    const admin = await agentToken(call);
    const got = await call('GET', `main/${SHOP}/settings`, { token: admin });
    assert.equal(got.status, 200);
    assert.equal(got.body.identitySecret, undefined);
    const next = { ...got.body, welcomeMessage: 'Bonjour ! Comment pouvons-nous aider ?' };
    const put = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: next });
    assert.equal(put.status, 200);
    assert.equal((await call('GET', `main/${SHOP}/config`)).body.welcomeMessage, 'Bonjour ! Comment pouvons-nous aider ?');
    // The identity secret survived the round trip without being returned.
    const identity = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('hl-2').setExpirationTime('5m').sign(new TextEncoder().encode(DEV_IDENTITY_SECRET));
    assert.equal((await call('POST', `main/${SHOP}/session`, { body: { identity } })).status, 200);
    const bad = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...next, loginStatus: 'sometimes' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /loginStatus/);
    const badTz = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...next, officeHours: { ...next.officeHours, timezone: 'Mars/Olympus' } } });
    assert.equal(badTz.status, 400);
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...got.body } })).status, 200);
  });

  it('answers malformed percent-encoding with a typed 400, never a raw 500 (issue 12 item 18)', async () => {
    const agent = await agentToken(call);
    for (const id of ['%E0%A4%A', '%', '%ZZ', 'ok%E0']) {
      const r = await call('GET', `main/${SHOP}/profiles/${id}`, { token: agent });
      assert.equal(r.status, 400, id);
      assert.equal(r.body.error.code, 'bad_request', id);
    }
    const shop = await call('GET', 'main/%E0%A4%A/config');
    assert.equal(shop.status, 404);
    assert.equal(shop.body.error.code, 'not_found');
  });

  it('answers unknown routes with a typed 404, never a stack trace', async () => {
    const r = await call('GET', `main/${SHOP}/nope`);
    assert.equal(r.status, 404);
    assert.deepEqual(Object.keys(r.body.error), ['code', 'message']);
    assert.equal((await call('GET', 'ticket/whatever/messages')).status, 404);
  });

  it('answers unknown parties in the Worker with a typed 404 and writes no log line (issue 13 #9)', async () => {
    const before = server.output().length;
    for (const path of ['foo/bar', 'shop-registry/shops', 'Main/demo.myshopify.com', 'foo/bar/baz?x=1']) {
      const r = await call('GET', path);
      assert.equal(r.status, 404, path);
      assert.equal(r.body.error.code, 'not_found', path);
    }
    // A known route afterwards: whatever the server logs has reached us by the time it answers.
    assert.equal((await call('GET', `main/${SHOP}/config`)).status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.output().slice(before).trim(), '', 'no log line per request');
  });

  it('answers the dev bench echoes without an Upgrade with a typed 426, never a stack trace (issue 13 #7)', async () => {
    for (const path of ['/__bench/echo', '/__bench/echo-do', '/__bench/echo-do/write']) {
      const r = await fetch(`${server.origin}${path}`);
      assert.equal(r.status, 426, path);
      const body = (await r.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'upgrade_required', path);
      assert.doesNotMatch(body.error.message, /TypeError|at /, path);
    }
    // With an Upgrade they still echo.
    for (const path of ['/__bench/echo', '/__bench/echo-do/write']) {
      const ws = new WebSocket(`${server.origin.replace('http', 'ws')}${path}`);
      await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
      ws.send('ping');
      assert.equal(String(await new Promise((resolve) => ws.once('message', resolve))), 'ping', path);
      ws.close();
    }
  });

  it('closes a bench echo whose client went: no request is left for workerd to cancel as hung (issue 19)', async () => {
    const from = server.output().length;
    for (const path of ['/__bench/echo', '/__bench/echo-do/write']) {
      const ws = new WebSocket(`${server.origin.replace('http', 'ws')}${path}`);
      await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
      ws.send('ping');
      await new Promise((resolve) => ws.once('message', resolve));
      ws.close();
      // The server's end closes back: the client sees the close handshake complete.
      await new Promise((resolve) => ws.once('close', resolve));
    }
    // A known route afterwards, then a moment for whatever the runtime logs about the closed sockets.
    assert.equal((await call('GET', `main/${SHOP}/config`)).status, 200);
    await new Promise((r) => setTimeout(r, 1000));
    assert.doesNotMatch(server.output().slice(from), /hung/);
  });
});
