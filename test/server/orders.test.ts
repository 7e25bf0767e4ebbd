// Order status for the logged-in shopper (issue 18 item 1) on the real `wrangler dev`
// server: orders come in through signed Shopify webhooks in Shopify's own payload shapes,
// the AI agent answers "where is my order" in chat, and `GET orders` answers the widget's
// "Track my order". Never another customer's order, whatever number is typed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Message } from '../../src/protocol/index.js';
import { shopifyFulfillment, shopifyOrder } from '../shopify-payloads.js';
import { Peer, SHOP, agentToken, api, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';
import { sendShopifyWebhook } from './shopify-webhook.js';

const order = shopifyOrder;
const fulfillment = shopifyFulfillment;

describe('issue 18: order status for the logged-in shopper', () => {
  let server: RunningServer;
  let call: Api;
  let admin = '';
  let saved: unknown;

  const webhook = async (topic: string, payload: unknown) => {
    assert.equal((await sendShopifyWebhook(server.origin, topic, payload)).status, 200, `${topic} accepted`);
  };

  /** Starts a chat with `first` and returns the AI agent's answer to it, and the socket for more. */
  const ask = async (customerId: string, first: string) => {
    const chat = await startChat(call, customerId, first);
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length === 1 && p.of('sync')[0]!.messages.length >= 2, 'the answer');
    return { shopper, answer: shopper.of('sync')[0]!.messages[1]! };
  };

  /** Sends a message on an open chat and returns the AI agent's next message. */
  const follow = async (shopper: Peer, body: string): Promise<Message> => {
    const seen = shopper.of('message').length;
    shopper.send({ type: 'send', clientId: crypto.randomUUID(), body });
    await shopper.until((p) => p.of('message').slice(seen).some((f) => f.message.author.role === 'ai'), 'the AI answer');
    return shopper.of('message').slice(seen).find((f) => f.message.author.role === 'ai')!.message;
  };

  /** Ends the chat (R8), so the shopper's next question starts a new one. */
  const done = async (shopper: Peer) => {
    shopper.send({ type: 'end' });
    await shopper.until((p) => p.of('ticket').some((f) => f.ticket.status === 'closed'), 'the chat ended');
    shopper.close();
  };

  before(async () => {
    server = await startServer();
    call = api(server);
    admin = await agentToken(call);
    saved = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const s = saved as { ai: Record<string, unknown> };
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...s, ai: { ...s.ai, enabled: true, handoff: { target: 'inbox' } } } })).status, 200);
    // Customer 8001 has one order, fulfilled; 8002 (someone else) has #2002; 8003 has three.
    await webhook('orders/create', order(5001, 2001, 8001, '2026-11-20T10:00:00Z'));
    await webhook('orders/fulfilled', order(5001, 2001, 8001, '2026-11-20T10:00:00Z', {
      updated_at: '2026-11-21T09:00:00Z',
      fulfillment_status: 'fulfilled',
      fulfillments: [fulfillment(9001, 5001, '2026-11-21T09:00:00Z')],
    }));
    await webhook('orders/create', order(5002, 2002, 8002, '2026-11-22T10:00:00Z'));
    await webhook('orders/create', order(5003, 2003, 8003, '2026-11-01T10:00:00Z'));
    await webhook('orders/create', order(5004, 2004, 8003, '2026-11-10T10:00:00Z'));
    await webhook('orders/create', order(5005, 2005, 8003, '2026-11-25T10:00:00Z'));
    // A fulfillment of #2004 reported on its own, then its carrier's later event.
    await webhook('fulfillments/create', fulfillment(9004, 5004, '2026-11-11T08:00:00Z'));
    await webhook('fulfillments/update', fulfillment(9004, 5004, '2026-11-12T08:00:00Z', { shipment_status: 'in_transit' }));
  });
  after(async () => {
    if (saved) await call('PUT', `main/${SHOP}/settings`, { token: admin, body: saved });
    await server.stop();
  });

  it("answers the shopper's own order with its status and tracking link after orders/fulfilled", async () => {
    const { shopper, answer } = await ask('8001', 'Where is my order?');
    assert.equal(answer.author.role, 'ai');
    assert.match(answer.body, /^Order #2001 \(placed on 20 November 2026\): shipped\./);
    assert.match(answer.body, /2 × Linen shirt - M, 1 × Cap/);
    assert.match(answer.body, /Tracking \(UPS 1Z9001\): https:\/\/www\.ups\.com\/track\?tracknum=1Z9001/);
    assert.equal(answer.choices, undefined, 'one order: answered directly');
    // By number, with other words.
    const again = await follow(shopper, 'has #2001 shipped?');
    assert.match(again.body, /^Order #2001 .*: shipped\./);
    await done(shopper);
  });

  it("refuses another customer's order number without saying it exists", async () => {
    const { shopper, answer } = await ask('8001', 'Has #2002 shipped?');
    assert.doesNotMatch(answer.body + JSON.stringify(answer.choices), /2002 ·|Linen|45\.00|22 Nov|UPS|ups\.com|c8002/, 'nothing of the order is told');
    const none = await follow(shopper, 'Has #9999 shipped?');
    // The same words for someone else's real order and for no order at all.
    assert.equal(answer.body.replace('2002', 'N'), none.body.replace('9999', 'N'));
    assert.match(answer.body, /^I can't find an order #2002 on your account\./);
    // A customer with no order at all: told once, with the way to a person (stranger review).
    const { shopper: nobody, answer: nothing } = await ask('8998', 'Where is my order #1001?');
    assert.equal(nothing.body, "I can't find an order #1001 on your account. If you ordered as a guest or with another e-mail address, ask to talk to a person.");
    await done(nobody);
    // Only the shopper's own orders are offered.
    assert.deepEqual(answer.choices?.map((c) => c.reply), ['Order #2001']);
    // The route, too, only ever lists the token's own customer's orders.
    const { token } = await shopperSession(call, '8001');
    const listed = await call('GET', `main/${SHOP}/orders?customer=8002&name=%232002`, { token });
    assert.deepEqual(listed.body.orders.map((o: { name: string }) => o.name), ['#2001']);
    await done(shopper);
  });

  it('answers in French', async () => {
    const { shopper, answer } = await ask('8001', 'Où est ma commande ?');
    await done(shopper);
    assert.match(answer.body, /^Commande #2001 \(passée le 20 novembre 2026\) : expédiée\./);
    assert.match(answer.body, /Suivi \(UPS 1Z9001\) : https:\/\/www\.ups\.com/);
  });

  it('offers several orders as choices, and a choice answers that order', async () => {
    const { shopper, answer } = await ask('8003', 'where is my order');
    assert.equal(answer.body, 'You have 3 recent orders. Which one is it about?');
    assert.deepEqual(answer.choices?.map((c) => c.label), ['#2005 · 25 Nov', '#2004 · 10 Nov', '#2003 · 1 Nov']);
    const picked = await follow(shopper, answer.choices![1]!.reply);
    assert.match(picked.body, /^Order #2004 \(placed on 10 November 2026\): on its way\./, 'fulfillments/update: in transit');
    assert.match(picked.body, /https:\/\/www\.ups\.com\/track\?tracknum=1Z9004/);
    shopper.close();
  });

  it('GET orders: the token\u2019s own orders in its language; anonymous asked to log in; no token, foreign and agent tokens refused', async () => {
    const { token } = await shopperSession(call, '8003');
    const mine = await call('GET', `main/${SHOP}/orders?lang=fr`, { token });
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.orders.map((o: { name: string }) => o.name), ['#2005', '#2004', '#2003']);
    const tracked = mine.body.orders[1];
    assert.equal(tracked.status, 'in_transit');
    assert.deepEqual(tracked.tracking, [{ company: 'UPS', numbers: ['1Z9004'], urls: ['https://www.ups.com/track?tracknum=1Z9004'] }]);
    assert.match(tracked.text, /^Commande #2004 .* : en route\./);
    assert.equal(mine.body.text, 'Vous avez 3 commandes récentes. De laquelle s’agit-il ?');

    const anonymous = (await call('POST', `main/${SHOP}/session`, { body: {} })).body.token as string;
    const anon = await call('GET', `main/${SHOP}/orders`, { token: anonymous });
    assert.deepEqual([anon.status, anon.body.error.code], [403, 'login_required']);
    assert.equal((await call('GET', `main/${SHOP}/orders`, {})).status, 401);
    const other = await call('GET', `main/other-shop.myshopify.com/orders`, { token });
    assert.ok(other.status === 401 || other.status === 404, `another shop's route refuses this shop's token (${other.status})`);
    assert.equal((await call('GET', `main/${SHOP}/orders`, { token: admin })).status, 403, 'an agent token is no shopper');
    assert.equal((await call('GET', `main/${SHOP}/orders`, { token, origin: 'https://evil.example' })).status, 403, 'a foreign page origin');
    // A shopper with no order gets an empty list, not an error.
    const fresh = (await shopperSession(call, '8999')).token;
    assert.deepEqual((await call('GET', `main/${SHOP}/orders`, { token: fresh })).body, {
      text: "I can't find any order on your account. If you ordered as a guest or with another e-mail address, ask to talk to a person.",
      orders: [],
    });
  });

  it('a replayed or older order payload changes nothing; a cancelled order says so', async () => {
    await webhook('orders/updated', order(5005, 2005, 8003, '2026-11-25T10:00:00Z', { updated_at: '2026-11-26T10:00:00Z', cancelled_at: '2026-11-26T10:00:00Z' }));
    // Delivered late: an older state of the same order.
    await webhook('orders/updated', order(5005, 2005, 8003, '2026-11-25T10:00:00Z', { updated_at: '2026-11-25T12:00:00Z' }));
    const { token } = await shopperSession(call, '8003');
    const listed = (await call('GET', `main/${SHOP}/orders`, { token })).body.orders;
    assert.equal(listed[0].status, 'cancelled');
    assert.match(listed[0].text, /: cancelled\./);
  });
});
