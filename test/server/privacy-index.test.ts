// The inbox search and list after Shopify's privacy webhooks, with a push to the shop's index
// still on its way (r2's findings 1 and 2; issue 15, issue 17): each push is held back by the
// dev knob INDEX_PUSH_DELAY_MS, so the webhook lands between a message's acknowledgement and
// its push. A redacted customer's words are never found again; nothing of an erased shop's
// tickets comes back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, sleep, startServer, type Api, type RunningServer } from './harness.js';
import { sendShopifyWebhook } from './shopify-webhook.js';

const DELAY_MS = 3000;

describe('privacy webhooks and the shop index, a push on its way', () => {
  let server: RunningServer;
  let call: Api;
  let agent: string;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), INDEX_PUSH_DELAY_MS: String(DELAY_MS) } });
    call = api(server);
    agent = await agentToken(call);
  });
  after(async () => {
    await server?.stop();
  });

  const found = async (q: string): Promise<Array<{ id: string; customer: { id: string; name?: string; email?: string } }>> => {
    const r = await call('GET', `main/${SHOP}/tickets?q=${encodeURIComponent(q)}`, { token: agent });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.tickets;
  };

  /** A chat by a dev customer whose first message the search found; then one more message, acknowledged, its push still held back. */
  const chatWithPushOnItsWay = async (customer: { id: string; name: string; email?: string }, first: string, second: string) => {
    const session = await call('POST', `main/${SHOP}/session`, { body: { devCustomer: customer } });
    const chat = await call('POST', `main/${SHOP}/chats`, { token: session.body.token, body: { clientId: crypto.randomUUID(), body: first } });
    assert.equal(chat.status, 201, JSON.stringify(chat.body));
    const id: string = chat.body.ticket.id;
    const firstWord = first.split(' ').at(-1)!;
    for (let i = 0; i < 100 && !(await found(firstWord)).some((t) => t.id === id); i++) await sleep(200);
    assert.ok((await found(firstWord)).some((t) => t.id === id), 'the first message is searchable');
    const shopper = Peer.ticket(server, id, chat.body.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    shopper.send({ type: 'send', clientId: crypto.randomUUID(), body: second });
    await shopper.until((p) => p.of('ack').length > 0, 'the ack');
    await sleep(300); // the push with its text is now held back by the knob
    return { id, shopper };
  };

  it('customers/redact while a message\u2019s push is on its way: its words are never found again (issue 17 "Inbox search", issue 15)', async () => {
    const run = Date.now().toString(36);
    const customerId = String(Date.now());
    const { id, shopper } = await chatWithPushOnItsWay({ id: customerId, name: 'Ada' }, `My gazebo${run}`, `and the pergola${run} too`);
    const r = await sendShopifyWebhook(server.origin, 'customers/redact', { shop_id: 1, shop_domain: SHOP, customer: { id: Number(customerId) }, orders_to_redact: [] });
    assert.equal(r.status, 200);
    assert.deepEqual(await found(`pergola${run}`), []);
    // The held push has landed by now (it was sent before the redaction, and lands after it).
    await sleep(DELAY_MS * 2);
    assert.deepEqual(await found(`pergola${run}`), [], 'the redacted message\u2019s words stay forgotten');
    assert.deepEqual(await found(`gazebo${run}`), []);
    const row = (await call('GET', `main/${SHOP}/tickets?status=closed`, { token: agent })).body.tickets.find((t: { id: string }) => t.id === id);
    assert.equal(row?.customer.id, 'redacted', 'the list still shows the redacted ticket');
    shopper.close();
  });

  it('shop/redact while a message\u2019s push is on its way: nothing of the erased tickets comes back, after a restart neither (issue 15)', async () => {
    const run = Date.now().toString(36);
    const { id } = await chatWithPushOnItsWay({ id: `grace-${run}`, name: 'Grace Hopper', email: `grace-${run}@example.com` }, `Hello ${run}`, `card 4111${run} 1111 1111 1111`);
    const r = await sendShopifyWebhook(server.origin, 'shop/redact', { shop_id: 1, shop_domain: SHOP });
    assert.equal(r.status, 200);
    await sleep(DELAY_MS * 2);
    const gone = async () => {
      const list = await call('GET', `main/${SHOP}/tickets?status=&limit=100`, { token: agent });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.equal(list.body.tickets.some((t: { id: string }) => t.id === id), false, 'the erased ticket is not listed');
      assert.equal(JSON.stringify(list.body).includes('Grace Hopper'), false, 'nor its customer');
      assert.deepEqual(await found(`4111${run}`), []);
    };
    await gone();
    await server.stop();
    await server.restart();
    await gone();
  });
});
