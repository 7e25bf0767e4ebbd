// Bounds found by the attacker's review (issue 13 #2, #3, #6, #8), against the real server:
// chat starts per shopper and per shop, where upload URLs point, past snoozes, blank bodies.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, endChat, shopperSession, startChat, startServer, tinyPng, type Api, type RunningServer } from './harness.js';


/** An upload sent with a `Host` header of the caller's choosing (fetch may not set one). */
function uploadWithHost(server: RunningServer, ticketId: string, token: string, host: string): Promise<{ status: number; body: any }> {
  const target = new URL(`${server.origin}/parties/ticket/${ticketId}/uploads`);
  const bytes = tinyPng();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { Host: host, Authorization: `Bearer ${token}`, 'Content-Type': 'image/png', 'Content-Length': bytes.length } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}


describe('bounds (issue 13)', () => {
  let server: RunningServer;
  let configured: RunningServer;
  let call: Api;
  let callConfigured: Api;
  before(async () => {
    [server, configured] = await Promise.all([
      startServer(),
      startServer({ vars: { ...(DEV_ENV as Record<string, string>), PUBLIC_ORIGIN: 'https://chat.example.com', CHAT_START_SHOP_BUDGET: '3/0.001', UPLOAD_DAILY_BYTES: '200' } }),
    ]);
    call = api(server);
    callConfigured = api(configured);
  });
  after(async () => {
    await Promise.all([server?.stop(), configured?.stop()]);
  });

  it('#2 R8: a shopper starts 3 chats in a row, then gets 429 rate_limited with Retry-After; a retried clientId still answers', async () => {
    const { token } = await shopperSession(call, 'bounds-starter');
    let last: { clientId: string; ticketId: string } | null = null;
    for (let round = 0; round < 3; round++) {
      const clientId = crypto.randomUUID();
      const r = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId, body: `Question ${round}` } });
      assert.equal(r.status, 201, `round ${round}: ${JSON.stringify(r.body)}`);
      await endChat(server, r.body.ticket.id, r.body.ticketToken);
      last = { clientId, ticketId: r.body.ticket.id };
    }
    const refused = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'A fourth one' } });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.match(refused.body.error.message, /try again in \d+ min/);
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(wait > 0 && wait <= 600, `Retry-After ${wait}`);
    assert.match(refused.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    // Nothing was created for the refused start: the inbox has the 3 chats only.
    const agent = await agentToken(call);
    const listed = (await call('GET', `main/${SHOP}/tickets?limit=100`, { token: agent })).body.tickets as Array<{ customer: { id: string } }>;
    assert.equal(listed.filter((t) => t.customer.id === 'bounds-starter').length, 3);
    // A retry of an earlier start (same clientId) spends nothing and still gets its ticket.
    const again = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: last!.clientId, body: 'Question 2' } });
    assert.equal(again.status, 200);
    assert.equal(again.body.ticket.id, last!.ticketId);
    // Another shopper is not held back by this one.
    await startChat(call, 'bounds-other');
  });

  it('#3: an upload URL is never built on the Host header', async () => {
    // A dev server without PUBLIC_ORIGIN uses a loopback request origin only.
    const chat = await startChat(call, 'bounds-host');
    const forged = await uploadWithHost(server, chat.ticket.id, chat.ticketToken, 'evil.example');
    assert.equal(forged.status, 500);
    assert.equal(forged.body.error.code, 'misconfigured');
    const local = await uploadWithHost(server, chat.ticket.id, chat.ticketToken, new URL(server.origin).host);
    assert.equal(local.status, 201);
    assert.ok(local.body.url.startsWith(`${server.origin}/parties/ticket/${chat.ticket.id}/uploads/`), local.body.url);

    // With PUBLIC_ORIGIN, every upload URL is on it, whatever the Host said.
    const { token } = await shopperSession(callConfigured, 'bounds-host');
    const started = await callConfigured('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Hi' } });
    assert.equal(started.status, 201);
    const up = await uploadWithHost(configured, started.body.ticket.id, started.body.ticketToken, 'evil.example');
    assert.equal(up.status, 201);
    assert.ok(up.body.url.startsWith(`https://chat.example.com/parties/ticket/${started.body.ticket.id}/uploads/`), up.body.url);
    // A message carrying the same upload on the attacker's host is refused.
    const p = Peer.ticket(configured, started.body.ticket.id, started.body.ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 0 });
    const evil = up.body.url.replace('https://chat.example.com', 'http://evil.example');
    p.send({ type: 'send', clientId: 'evil-img', body: '', attachments: [{ type: 'image', url: evil }] });
    p.send({ type: 'send', clientId: 'own-img', body: '', attachments: [{ type: 'image', url: up.body.url }] });
    await p.until((q) => q.of('error').some((e) => e.clientId === 'evil-img') && q.of('ack').some((a) => a.clientId === 'own-img'), 'answers');
    assert.equal(p.of('error').find((e) => e.clientId === 'evil-img')!.code, 'bad_frame');
    p.close();
  });

  it('#6 R15: a snooze date in the past is refused with bad_frame and the ticket stays open', async () => {
    const chat = await startChat(call, 'bounds-snooze');
    const agent = await agentToken(call);
    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    await team.until((p) => p.of('sync').length === 1, 'sync');
    team.send({ type: 'status', status: 'snoozed', snoozeUntil: '0001-01-01T00:00:00Z' });
    team.send({ type: 'status', status: 'snoozed', snoozeUntil: new Date(Date.now() - 1000).toISOString() });
    await team.until((p) => p.of('error').length === 2, 'two refusals');
    assert.deepEqual(team.of('error').map((e) => e.code), ['bad_frame', 'bad_frame']);
    // A future snooze still works, and it is the only change anyone saw.
    team.send({ type: 'status', status: 'snoozed', snoozeUntil: new Date(Date.now() + 3_600_000).toISOString() });
    await team.until((p) => p.of('ticket').length > 0, 'snoozed');
    assert.deepEqual(team.of('ticket').map((f) => f.ticket.status), ['snoozed']);
    team.close();
  });

  it('#8 R6: a body of zero-width and other invisible characters is blank, over HTTP and the socket', async () => {
    const { token } = await shopperSession(call, 'bounds-blank');
    for (const body of ['\u200b', '\u200b\u200c\u200d', ' \u2060\ufeff\n']) {
      const r = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body } });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.error.code, 'bad_request');
    }
    const chat = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'ok\u200b' } });
    assert.equal(chat.status, 201);
    const p = Peer.ticket(server, chat.body.ticket.id, chat.body.ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 1 });
    p.send({ type: 'send', clientId: 'zw', body: '\u200b\ufeff' });
    p.send({ type: 'send', clientId: 'text', body: 'real text' });
    await p.until((q) => q.of('error').some((e) => e.clientId === 'zw') && q.of('ack').some((a) => a.clientId === 'text'), 'answers');
    assert.equal(p.of('error').find((e) => e.clientId === 'zw')!.code, 'bad_frame');
    assert.equal(p.of('ack').some((a) => a.clientId === 'zw'), false);
    p.close();
  });

  it('#2: a shopper\'s image bytes are bounded per day across chats (UPLOAD_DAILY_BYTES), not only per chat', async () => {
    const png = tinyPng();
    assert.ok(png.length * 2 <= 200 && png.length * 3 > 200);
    const { token } = await shopperSession(callConfigured, 'bounds-uploader');
    const first = await callConfigured('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Look' } });
    assert.equal(first.status, 201);
    const host = new URL(configured.origin).host;
    for (let i = 0; i < 2; i++) assert.equal((await uploadWithHost(configured, first.body.ticket.id, first.body.ticketToken, host)).status, 201);
    await endChat(configured, first.body.ticket.id, first.body.ticketToken);
    const second = await callConfigured('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'And this' } });
    assert.equal(second.status, 201);
    const refused = await uploadWithHost(configured, second.body.ticket.id, second.body.ticketToken, host);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate_limited');
    // Agents are the shop's own team: their images are not the shopper's budget.
    const agent = await agentToken(callConfigured);
    assert.equal((await uploadWithHost(configured, second.body.ticket.id, agent, host)).status, 201);
  });

  it('#2: the whole shop has a chat-start budget too (CHAT_START_SHOP_BUDGET)', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 5 && !answers.includes(429); i++) {
      const { token } = await shopperSession(callConfigured, `bounds-shop-${i}`);
      const r = await callConfigured('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Hello' } });
      answers.push(r.status);
      if (r.status === 429) {
        assert.equal(r.body.error.code, 'rate_limited');
        assert.ok(Number(r.headers.get('retry-after')) > 0);
      }
    }
    assert.ok(answers.includes(429), `answers ${answers}`);
    assert.ok(answers.filter((s) => s === 201).length <= 3, `answers ${answers}`);
  });
});
