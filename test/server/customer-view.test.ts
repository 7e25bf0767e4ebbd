// The profile beside a ticket (R16, issue 17 "The profile") on the real server:
// `GET tickets/{id}/customer` answers the customer's Shopify profile, their other
// tickets newest first (never another customer's, whatever ticket is asked), their
// orders with where each stands, an empty answer for a ticket without a profile
// (no 404 on every open), and typed errors for the rest.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { shopifyOrder } from '../shopify-payloads.js';
import { SHOP, agentToken, api, endChat, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';
import { sendShopifyWebhook } from './shopify-webhook.js';

describe('GET tickets/{id}/customer on the reference server', () => {
  let server: RunningServer;
  let call: Api;
  let admin: string;
  before(async () => {
    server = await startServer();
    call = api(server);
    admin = await agentToken(call);
  });
  after(() => server.stop());

  const view = (ticketId: string, token: string | null = admin) =>
    call('GET', `main/${SHOP}/tickets/${encodeURIComponent(ticketId)}/customer`, { ...(token ? { token } : {}), origin: null });
  const ended = async (customer: string, body: string) => {
    const chat = await startChat(call, customer, body);
    await endChat(server, chat.ticket.id, chat.ticketToken);
    return chat.ticket.id as string;
  };

  it("lists the customer's other tickets newest first and their orders with status, never another customer's", async () => {
    const stamp = Date.now();
    const pia = `8${stamp}`;
    const other = `9${stamp}`;
    const webhook = async (topic: string, payload: unknown) => assert.equal((await sendShopifyWebhook(server.origin, topic, payload)).status, 200);
    await webhook('customers/create', { id: pia, first_name: 'Pia', last_name: 'Past', email: `pia-${stamp}@example.com`, created_at: '2025-01-02T10:00:00Z' });
    await webhook('orders/create', shopifyOrder(Number(`5${stamp}`), 3001, pia, '2026-11-20T10:00:00Z', { fulfillment_status: 'fulfilled' }));
    await webhook('orders/create', shopifyOrder(Number(`6${stamp}`), 3002, pia, '2026-11-25T10:00:00Z'));
    await webhook('orders/create', shopifyOrder(Number(`7${stamp}`), 4001, other, '2026-11-26T10:00:00Z'));

    const first = await ended(pia, 'First: do you ship to Canada?');
    const second = await ended(pia, 'Second: where is my parcel?');
    const foreign = await ended(other, 'Not Pia: a refund');
    const now = await startChat(call, pia, 'Now: can I change my address?');

    const r = await view(now.ticket.id);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.body.profile.id, pia);
    assert.deepEqual(
      r.body.tickets.map((t: { id: string; status: string; lastMessage: { body: string } }) => [t.id, t.status, t.lastMessage.body]),
      [
        [second, 'closed', 'Second: where is my parcel?'],
        [first, 'closed', 'First: do you ship to Canada?'],
      ],
      'the other tickets, newest first, not this one, not another customer\u2019s',
    );
    assert.deepEqual(
      r.body.orders.map((o: { name: string; status: string; total: string | null }) => [o.name, o.status]),
      [
        ['#3002', 'preparing'],
        ['#3001', 'shipped'],
      ],
    );

    // Asked from the other customer's ticket: only theirs.
    const theirs = await view(foreign);
    assert.equal(theirs.status, 200);
    assert.deepEqual(theirs.body.tickets, []);
    assert.deepEqual(theirs.body.orders.map((o: { name: string }) => o.name), ['#4001']);
    assert.equal(theirs.body.profile.id, other);
  });

  it('answers an anonymous visitor\u2019s and a profile-less ticket with an empty view, an unknown one with 404, and agents only', async () => {
    const chat = await startChat(call, `nobody-${Date.now()}`, 'Hello');
    const r = await view(chat.ticket.id);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { profile: null, tickets: [], orders: [] });

    const unknown = await view('t_nope');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'not_found');
    const malformed = await call('GET', `main/${SHOP}/tickets/%E0%A4%A/customer`, { token: admin, origin: null });
    assert.equal(malformed.status, 400);

    assert.equal((await view(chat.ticket.id, null)).status, 401);
    const shopper = await shopperSession(call, `snoop-${Date.now()}`);
    assert.equal((await view(chat.ticket.id, shopper.token)).status, 403, 'a shopper is no agent');
    assert.equal((await view(chat.ticket.id, chat.ticketToken)).status, 401);
  });
});
