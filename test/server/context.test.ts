// The page's context on a ticket (issue 15 `setContext`, R16) on the real server: sent
// with POST chats, bounded, stored on the ticket the inbox lists, replaced by the
// shopper's `context` frame (never an agent's), and carried by the signed webhooks (R14).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeHttp, type FakeHttp } from '../unit/fake-http.js';
import { waitFor } from '../unit/support.js';
import { Peer, SHOP, agentToken, api, shopperSession, startServer, type Api, type RunningServer } from './harness.js';

describe('ticket context on the reference server', () => {
  let server: RunningServer;
  let call: Api;
  let receiver: FakeHttp;
  const received: string[] = [];
  before(async () => {
    server = await startServer();
    call = api(server);
    receiver = await startFakeHttp(({ body }, res) => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  after(async () => {
    receiver.close();
    await server.stop();
  });

  const chat = async (customer: string, context: unknown) => {
    const { token } = await shopperSession(call, customer);
    return call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Where is my parcel?', context } });
  };

  it('bounds the context before storing it: 20 fields, names of 40, values of 500, 4096 characters, http(s) page URLs only', async () => {
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    const r1 = await chat(`ctx-many-${Date.now()}`, many);
    assert.equal(r1.status, 201);
    assert.deepEqual(Object.keys(r1.body.ticket.context), Object.keys(many).slice(0, 20), 'the first 20 fields');

    const r2 = await chat(`ctx-mixed-${Date.now()}`, {
      note: 'x'.repeat(900),
      ['k'.repeat(41)]: 'long name',
      cart: { items: 2 },
      list: [1, 2],
      none: null,
      pageUrl: 'javascript:alert(1)',
      vip: true,
      items: 2,
    });
    assert.equal(r2.status, 201);
    assert.deepEqual(r2.body.ticket.context, { note: 'x'.repeat(500), vip: true, items: 2 }, 'cut, dropped, never refused');

    const big = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, 'y'.repeat(480)]));
    const r3 = await chat(`ctx-big-${Date.now()}`, big);
    assert.equal(r3.status, 201);
    assert.ok(JSON.stringify(r3.body.ticket.context).length <= 4096);
    assert.deepEqual(Object.keys(r3.body.ticket.context), Object.keys(big).slice(0, 8), 'fields dropped from the end until it fits');

    for (const context of ['cart=2', [1, 2], 42]) {
      const r = await chat(`ctx-bad-${Date.now()}`, context);
      assert.equal(r.status, 400, JSON.stringify(context));
      assert.equal(r.body.error.code, 'bad_frame');
    }
  });

  it('stores the context on the ticket, lists it in the inbox, sends it with ticket.created, and lets only the shopper replace it', async () => {
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const saved = await call('PUT', `main/${SHOP}/settings`, {
      token: admin,
      body: { ...settings, notifications: { webhookUrl: `${receiver.base}/hooks`, secret: 'whsec_ctx', events: ['ticket.created'] } },
    });
    assert.equal(saved.status, 200);

    const context = { pageUrl: 'https://shop.example/products/mug?variant=2', cart: '2 items, 58.00 EUR', order: '#1001', vip: true, items: 2 };
    const r = await chat(`ctx-${Date.now()}`, context);
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.ticket.context, context);

    const listed = await call('GET', `main/${SHOP}/tickets?limit=100`, { token: admin });
    assert.deepEqual(listed.body.tickets.find((t: { id: string }) => t.id === r.body.ticket.id)?.context, context, 'the inbox lists it');

    await waitFor(() => received.some((b) => JSON.parse(b).ticket?.id === r.body.ticket.id), 15_000, 'the ticket.created webhook');
    const hook = JSON.parse(received.find((b) => JSON.parse(b).ticket?.id === r.body.ticket.id)!);
    assert.equal(hook.event, 'ticket.created');
    assert.deepEqual(hook.ticket.context, context, 'the webhook carries the context');

    // An agent may not write it; the shopper replaces it (the cart changed) and both sides see it.
    const agent = Peer.ticket(server, r.body.ticket.id, admin, { origin: null });
    await agent.opened();
    agent.send({ type: 'hello', lastSeq: 0 });
    await agent.until((p) => p.of('sync').length === 1, 'agent sync');
    agent.send({ type: 'context', context: { cart: 'forged' } });
    await agent.until((p) => p.of('error').length === 1, 'the refusal');
    assert.equal(agent.of('error')[0]!.code, 'forbidden');

    const shopper = Peer.ticket(server, r.body.ticket.id, r.body.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length === 1, 'shopper sync');
    shopper.send({ type: 'context', context: { ...context, pageUrl: 'https://shop.example/cart' } });
    shopper.send({ type: 'context', context: 'not an object' } as never);
    shopper.send({ type: 'context', context: { ...context, cart: '3 items, 87.00 EUR' } });
    await agent.until((p) => p.of('ticket').some((f) => f.ticket.context?.cart === '3 items, 87.00 EUR'), 'the agent sees the new cart');
    await shopper.until((p) => p.of('error').length === 1, 'the malformed one refused');
    assert.equal(shopper.of('error')[0]!.code, 'bad_frame');
    const after = await call('GET', `main/${SHOP}/tickets?limit=100`, { token: admin });
    assert.deepEqual(after.body.tickets.find((t: { id: string }) => t.id === r.body.ticket.id)?.context, { ...context, cart: '3 items, 87.00 EUR' });
    assert.equal(after.body.tickets.find((t: { id: string }) => t.id === r.body.ticket.id)?.updatedAt, listed.body.tickets.find((t: { id: string }) => t.id === r.body.ticket.id)?.updatedAt, 'not activity: the ticket keeps its place');

    // A closed chat keeps its last context.
    shopper.send({ type: 'end' });
    await shopper.until((p) => p.of('ticket').some((f) => f.ticket.status === 'closed'), 'closed');
    shopper.send({ type: 'context', context: { cart: 'after the end' } });
    await shopper.until((p) => p.of('error').length === 2, 'refused once closed');
    assert.equal(shopper.of('error')[1]!.code, 'ticket_closed');
    agent.close();
    shopper.close();
  });
});
