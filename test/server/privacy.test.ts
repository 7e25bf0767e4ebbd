// Shopify's mandatory privacy webhooks and app/uninstalled (issue 15, "A real Shopify app"),
// against the real server: signed as Shopify signs them (HMAC-SHA256 of the raw body,
// base64, with the app's secret), sent to the app-wide address and to the shop's route.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV, DEV_SHOP } from '../../party/core/seed.js';
import { Peer, agentToken, api, type Api, type RunningServer, startServer } from './harness.js';

const API_SECRET = 'dev-shopify-secret';
const OPERATOR_KEY = 'privacy-operator-key';
const VARS = {
  ...(DEV_ENV as Record<string, string>),
  AGENT_KEYS: JSON.stringify([...JSON.parse(DEV_ENV.AGENT_KEYS!), { key: OPERATOR_KEY, id: 'op', name: 'Operator', role: 'admin', shops: ['*'] }]),
};

/** A real 3×2 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

describe('privacy webhooks (issue 15)', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer({ vars: VARS });
    call = api(server);
  });
  after(() => server.stop());

  /** A webhook as Shopify sends it: to the app's one address, or to the shop's own route. */
  const webhook = async (shop: string, topic: string, payload: unknown, opts: { hmac?: string; appWide?: boolean; eventId?: string } = {}) => {
    const body = JSON.stringify(payload);
    const path = opts.appWide === false ? `/parties/main/${shop}/webhooks/shopify` : '/shopify/webhooks';
    const r = await fetch(server.origin + path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Shopify-Topic': topic,
        'X-Shopify-Shop-Domain': shop,
        'X-Shopify-Event-Id': opts.eventId ?? crypto.randomUUID(),
        'X-Shopify-Hmac-Sha256': opts.hmac ?? createHmac('sha256', API_SECRET).update(body).digest('base64'),
      },
      body,
    });
    return { status: r.status, body: (await r.json()) as any };
  };

  /** A shop installed by the operator, with the chat open around the clock and no AI agent (its tickets go to the inbox). */
  const install = async (shop: string) => {
    const admin = (await call('POST', `main/${shop}/agents/session`, { body: { agentKey: OPERATOR_KEY } })).body.token as string;
    const base = (await call('GET', `main/${DEV_SHOP}/settings`, { token: await agentToken(call) })).body;
    const always = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    const saved = await call('PUT', `main/${shop}/settings`, {
      token: admin,
      body: { ...base, welcomeMessage: `Welcome to ${shop}`, ai: { ...base.ai, enabled: false }, officeHours: { ...base.officeHours, timezone: 'UTC', holidays: [], weekly: always } },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    return admin;
  };

  /** A customer with a Shopify profile, a chat, an image, and an agent's reply naming them. */
  const customerWithChat = async (shop: string, admin: string, c: { id: string; first: string; last: string; email: string; phone: string; says: string }) => {
    const customer = { id: Number(c.id), first_name: c.first, last_name: c.last, email: c.email, phone: c.phone, created_at: '2025-03-01T10:00:00Z', updated_at: '2025-03-01T10:00:00Z' };
    assert.equal((await webhook(shop, 'customers/create', customer)).status, 200);
    const order = { id: Number(c.id) * 10, name: `#${c.id}`, total_price: '42.00', currency: 'EUR', created_at: '2025-03-02T10:00:00Z', customer };
    assert.equal((await webhook(shop, 'orders/create', order)).status, 200);
    const session = await call('POST', `main/${shop}/session`, { body: { devCustomer: { id: c.id, name: `${c.first} ${c.last}`, email: c.email } } });
    const started = await call('POST', `main/${shop}/chats`, { token: session.body.token, body: { clientId: crypto.randomUUID(), body: c.says } });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const { ticket, ticketToken } = started.body as { ticket: { id: string }; ticketToken: string };
    const up = await fetch(`${server.origin}/parties/ticket/${ticket.id}/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${ticketToken}` }, body: PNG });
    assert.equal(up.status, 201);
    const image = (await up.json()) as { type: 'image'; url: string };
    const shopper = Peer.ticket(server, ticket.id, ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    shopper.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Here is the photo', attachments: [{ type: 'image', url: image.url }] });
    await shopper.until((p) => p.of('ack').length === 1, 'the photo acked');
    const team = Peer.ticket(server, ticket.id, admin, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    team.send({ type: 'send', clientId: crypto.randomUUID(), body: `Thanks ${c.first}, we will write to ${c.email} or call ${c.phone}.` });
    await team.until((p) => p.of('ack').length === 1, 'the reply acked');
    team.close();
    return { ticketId: ticket.id, ticketToken, sessionToken: session.body.token as string, imageUrl: image.url.replace(/^http:\/\/[^/]+/, server.origin), sentUrl: image.url, shopper };
  };

  /** Everything an agent can read of a ticket: the list, the profile and a socket's sync. */
  const whatAgentsSee = async (shop: string, admin: string, ticketId: string, customerId: string) => {
    const list = await call('GET', `main/${shop}/tickets?limit=100`, { token: admin });
    const closed = await call('GET', `main/${shop}/tickets?status=closed&limit=100`, { token: admin });
    const profile = await call('GET', `main/${shop}/profiles/${customerId}`, { token: admin });
    const team = Peer.ticket(server, ticketId, admin, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    await team.until((p) => p.of('sync').length === 1, 'sync');
    team.close();
    return { text: JSON.stringify([list.body, closed.body, profile.body, team.of('sync')]), profile, sync: team.of('sync')[0]! };
  };

  it('customers/redact: nothing of that customer is readable by any route afterwards; other customers keep theirs; a retry changes nothing', async () => {
    const shop = 'privacy-redact.myshopify.com';
    const admin = await install(shop);
    const grace = await customerWithChat(shop, admin, { id: '8101', first: 'Grace', last: 'Hopper', email: 'grace@example.com', phone: '+15550100', says: 'I live at 12 Navy Street' });
    const alan = await customerWithChat(shop, admin, { id: '8102', first: 'Alan', last: 'Turing', email: 'alan@example.com', phone: '+15550199', says: 'Where is my enigma?' });
    const personal = ['Grace', 'Hopper', 'grace@example.com', '+15550100', 'Navy Street', 'Here is the photo'];
    const seenBefore = await whatAgentsSee(shop, admin, grace.ticketId, '8101');
    for (const p of personal) assert.ok(seenBefore.text.includes(p), `before: ${p} is shown to agents`);
    assert.equal((await fetch(grace.imageUrl)).status, 200);

    // A bad signature is refused and changes nothing.
    const payload = { shop_id: 1, shop_domain: shop, customer: { id: 8101, email: 'grace@example.com', phone: '+15550100' }, orders_to_redact: [81010] };
    assert.equal((await webhook(shop, 'customers/redact', payload, { hmac: createHmac('sha256', 'not-the-secret').update('x').digest('base64') })).status, 401);
    assert.equal((await webhook(shop, 'customers/redact', payload, { appWide: false, hmac: 'bm9wZQ==' })).status, 401);
    assert.equal((await call('GET', `main/${shop}/profiles/8101`, { token: admin })).status, 200, 'still there after refused requests');

    const done = await webhook(shop, 'customers/redact', payload);
    assert.deepEqual([done.status, done.body.outcome], [200, 'applied']);
    // The shopper's open socket is closed with a typed error.
    assert.equal(await grace.shopper.closed(), 4003);

    const seen = await whatAgentsSee(shop, admin, grace.ticketId, '8101');
    for (const p of personal) assert.ok(!seen.text.includes(p), `after: ${p} is nowhere in the list, the profile or the thread`);
    assert.equal(seen.profile.status, 404);
    assert.deepEqual([seen.sync.ticket.status, seen.sync.ticket.customer], ['closed', { id: 'redacted' }]);
    assert.deepEqual(
      seen.sync.messages.filter((m) => m.author.role !== 'system').map((m) => [m.author.role, m.body, m.attachments.length]),
      [
        ['shopper', '[redacted]', 0],
        ['shopper', '[redacted]', 0],
        ['agent', 'Thanks [redacted], we will write to [redacted] or call [redacted].', 0],
      ],
    );
    assert.equal((await fetch(grace.imageUrl)).status, 404, 'the image is gone');
    // The shopper's own tokens reach nothing of it any more.
    assert.equal((await call('GET', `main/${shop}/chats/active`, { token: grace.sessionToken })).status, 204);
    // Her orders' statuses are gone too: "where is my order" finds nothing of them.
    const graceAgain = await call('POST', `main/${shop}/session`, { body: { devCustomer: { id: '8101', name: 'G' } } });
    const graceOrders = await call('GET', `main/${shop}/orders`, { token: graceAgain.body.token });
    assert.deepEqual([graceOrders.status, graceOrders.body.orders], [200, []]);
    const alanAgain = await call('POST', `main/${shop}/session`, { body: { devCustomer: { id: '8102', name: 'A' } } });
    assert.equal((await call('GET', `main/${shop}/orders`, { token: alanAgain.body.token })).body.orders.length, 1, 'the other customer keeps his');
    const again = Peer.ticket(server, grace.ticketId, grace.ticketToken);
    assert.equal(await again.closed(), 4003);

    // The other customer keeps everything.
    const alanSees = await whatAgentsSee(shop, admin, alan.ticketId, '8102');
    for (const p of ['Alan', 'alan@example.com', 'Where is my enigma?', 'Here is the photo']) assert.ok(alanSees.text.includes(p), p);
    assert.equal((await fetch(alan.imageUrl)).status, 200);
    alan.shopper.close();

    // Shopify retries: under a new event id, on the shop's own route, the same answer and the same state.
    const retry = await webhook(shop, 'customers/redact', payload, { appWide: false });
    assert.deepEqual([retry.status, retry.body.outcome], [200, 'applied']);
    // Five deliveries at once (Shopify retries while a slow one is still running): all answered alike.
    const together = await Promise.all(Array.from({ length: 5 }, () => webhook(shop, 'customers/redact', payload)));
    assert.deepEqual(together.map((r) => r.status), [200, 200, 200, 200, 200]);
    const seenAfterRetry = await whatAgentsSee(shop, admin, grace.ticketId, '8101');
    assert.equal(seenAfterRetry.text, seen.text);
  });

  it('customers/redact deletes the shopper\u2019s photo however it was offered again: an agent\u2019s send may not carry it (bad_frame), the team\u2019s own image stays (issue 17 B1, R16)', async () => {
    const shop = 'privacy-resend.myshopify.com';
    const admin = await install(shop);
    const mia = await customerWithChat(shop, admin, { id: '8401', first: 'Mia', last: 'Wong', email: 'mia@example.com', phone: '+15550133', says: 'My sofa arrived torn' });
    const team = Peer.ticket(server, mia.ticketId, admin, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    await team.until((p) => p.of('sync').length === 1, 'sync');
    // The reviewer's step: the agent re-sends the shopper's upload in a reply of the team's.
    team.send({ type: 'send', clientId: 'resend', body: 'Is this the damage?', attachments: [{ type: 'image', url: mia.sentUrl }] });
    // The team's own image goes as any image does.
    const own = await fetch(`${server.origin}/parties/ticket/${mia.ticketId}/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${admin}` }, body: PNG });
    assert.equal(own.status, 201);
    const label = (await own.json()) as { url: string };
    team.send({ type: 'send', clientId: 'label', body: 'Here is your return label', attachments: [{ type: 'image', url: label.url }] });
    await team.until((p) => p.of('ack').some((a) => a.clientId === 'label') && p.of('error').length + p.of('ack').length >= 2, 'both answered');
    assert.deepEqual(team.of('error').map((e) => [e.code, e.clientId]), [['bad_frame', 'resend']], JSON.stringify(team.of('ack')));
    team.close();

    const done = await webhook(shop, 'customers/redact', { shop_id: 1, shop_domain: shop, customer: { id: 8401, email: 'mia@example.com', phone: '+15550133' }, orders_to_redact: [] });
    assert.deepEqual([done.status, done.body.outcome], [200, 'applied']);
    assert.equal(await mia.shopper.closed(), 4003);
    assert.equal((await fetch(mia.imageUrl)).status, 404, 'the shopper\u2019s photo is gone');
    assert.equal((await fetch(label.url.replace(/^http:\/\/[^/]+/, server.origin))).status, 200, 'the team\u2019s image stays');
    const seen = await whatAgentsSee(shop, admin, mia.ticketId, '8401');
    assert.deepEqual(
      seen.sync.messages.filter((m) => m.author.role === 'agent').map((m) => [m.body, m.attachments.map((a) => a.url)]),
      [
        ['Thanks [redacted], we will write to [redacted] or call [redacted].', []],
        ['Here is your return label', [label.url]],
      ],
    );
  });

  it('customers/data_request: the admin fetches the customer\u2019s profile, orders and conversations; only an admin; recorded once', async () => {
    const shop = 'privacy-export.myshopify.com';
    const admin = await install(shop);
    const ada = await customerWithChat(shop, admin, { id: '8201', first: 'Ada', last: 'Lovelace', email: 'ada@example.com', phone: '+15550111', says: 'My parcel never came' });
    ada.shopper.close();
    const payload = { shop_id: 1, shop_domain: shop, orders_requested: [82010], customer: { id: 8201, email: 'ada@example.com', phone: '+15550111' }, data_request: { id: 9001 } };
    assert.equal((await webhook(shop, 'customers/data_request', payload, { hmac: 'bm9wZQ==' })).status, 401);
    assert.equal((await call('GET', `main/${shop}/privacy/data-requests`, { token: admin })).body.requests.length, 0, 'nothing recorded from an unsigned request');
    assert.deepEqual((await webhook(shop, 'customers/data_request', payload)).body.outcome, 'applied');
    assert.deepEqual((await webhook(shop, 'customers/data_request', payload, { appWide: false })).body.outcome, 'duplicate');

    const list = await call('GET', `main/${shop}/privacy/data-requests`, { token: admin });
    assert.deepEqual(list.body.requests.map((r: { id: string; customer: { id: string } }) => [r.id, r.customer.id]), [['9001', '8201']]);
    const exported = await call('GET', `main/${shop}/privacy/data-requests/9001`, { token: admin });
    assert.equal(exported.status, 200);
    assert.equal(exported.body.profile.name, 'Ada Lovelace');
    assert.equal(exported.body.orders.length, 1);
    assert.deepEqual(exported.body.orderStatuses.map((o: { id: string; name: string }) => [o.id, o.name]), [['82010', '#8201']]);
    assert.equal(exported.body.tickets.length, 1);
    assert.deepEqual(
      exported.body.tickets[0].messages.filter((m: { author: { role: string } }) => m.author.role !== 'system').map((m: { body: string }) => m.body),
      ['My parcel never came', 'Here is the photo', 'Thanks Ada, we will write to ada@example.com or call +15550111.'],
    );
    // Personal data for admins only.
    assert.equal((await call('GET', `main/${shop}/privacy/data-requests/9001`)).status, 401);
    assert.equal((await call('GET', `main/${shop}/privacy/data-requests/9001`, { token: ada.sessionToken })).status, 403);
    assert.equal((await call('GET', `main/${shop}/privacy/data-requests/404`, { token: admin })).status, 404);
    // Once the customer is redacted, their request and its export are gone too.
    assert.equal((await webhook(shop, 'customers/redact', { shop_domain: shop, customer: { id: 8201, email: 'ada@example.com' }, orders_to_redact: [82010] })).status, 200);
    assert.equal((await call('GET', `main/${shop}/privacy/data-requests/9001`, { token: admin })).status, 404);
  });

  it('app/uninstalled turns the chat off: the config says disabled and a shopper is refused with a typed error', async () => {
    const shop = 'privacy-uninstall.myshopify.com';
    await install(shop);
    assert.equal((await call('GET', `main/${shop}/config`)).body.enabled, true);
    assert.equal((await webhook(shop, 'app/uninstalled', { id: 1, domain: shop, myshopify_domain: shop }, { hmac: 'bm9wZQ==' })).status, 401);
    assert.equal((await call('GET', `main/${shop}/config`)).body.enabled, true, 'an unsigned uninstall changes nothing');
    for (let i = 0; i < 2; i++) assert.equal((await webhook(shop, 'app/uninstalled', { id: 1, domain: shop, myshopify_domain: shop })).status, 200);
    assert.equal((await call('GET', `main/${shop}/config`)).body.enabled, false);
    const session = await call('POST', `main/${shop}/session`, { body: { devCustomer: { id: 'late', name: 'Late' } } });
    const refused = await call('POST', `main/${shop}/chats`, { token: session.body.token, body: { clientId: crypto.randomUUID(), body: 'Hello?' } });
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'chat_disabled']);
  });

  it('shop/redact removes everything of the shop (tickets, settings, profiles, uploads, its installation); a retry answers the same', async () => {
    const shop = 'privacy-erase.myshopify.com';
    const admin = await install(shop);
    const lin = await customerWithChat(shop, admin, { id: '8301', first: 'Lin', last: 'Chen', email: 'lin@example.com', phone: '+15550122', says: 'Do you ship to Taipei?' });
    assert.equal((await webhook(shop, 'shop/redact', { shop_id: 1, shop_domain: shop }, { hmac: 'bm9wZQ==' })).status, 401);
    assert.equal((await call('GET', `main/${shop}/config`)).status, 200, 'an unsigned request erases nothing');

    // Signed, but for another shop (the signature covers the body, not the shop header):
    // replayed here with this shop's header, on either address, it erases and redacts nothing.
    for (const appWide of [true, false]) {
      const replayed = await webhook(shop, 'shop/redact', { shop_id: 2, shop_domain: 'someone-else.myshopify.com' }, { appWide });
      assert.deepEqual([replayed.status, replayed.body.error?.code], [403, 'forbidden']);
      const redact = { shop_domain: 'someone-else.myshopify.com', customer: { id: 8301, email: 'lin@example.com' }, orders_to_redact: [] };
      assert.equal((await webhook(shop, 'customers/redact', redact, { appWide })).status, 403);
      assert.equal((await webhook(shop, 'app/uninstalled', { id: 2, domain: 'x.example', myshopify_domain: 'someone-else.myshopify.com' }, { appWide })).status, 403);
    }
    assert.equal((await call('GET', `main/${shop}/config`)).body.enabled, true, 'nothing of this shop was touched');
    assert.equal((await call('GET', `main/${shop}/profiles/8301`, { token: admin })).status, 200);

    const done = await webhook(shop, 'shop/redact', { shop_id: 1, shop_domain: shop });
    assert.deepEqual([done.status, done.body.outcome], [200, 'applied']);
    assert.equal(await lin.shopper.closed(), 4003);
    // The shop is no longer installed: its routes answer as for a shop nobody installed.
    const config = await call('GET', `main/${shop}/config`);
    assert.deepEqual([config.status, config.body.error.code], [404, 'not_found']);
    assert.equal((await call('POST', `main/${shop}/session`, { body: {} })).status, 404);
    assert.equal((await fetch(lin.imageUrl)).status, 404);
    const socket = Peer.ticket(server, lin.ticketId, lin.ticketToken);
    assert.equal(await socket.closed(), 4003);
    // Shopify retries, on either address: 200 again, and nothing is created for it.
    for (const appWide of [true, false]) {
      const retry = await webhook(shop, 'shop/redact', { shop_id: 1, shop_domain: shop }, { appWide });
      assert.equal(retry.status, 200);
    }
    assert.equal((await call('GET', `main/${shop}/config`)).status, 404);
    // Installed again by an operator, the shop is empty: no ticket, no profile, none of its settings.
    const again = (await call('POST', `main/${shop}/agents/session`, { body: { agentKey: OPERATOR_KEY } })).body.token as string;
    const base = (await call('GET', `main/${DEV_SHOP}/settings`, { token: await agentToken(call) })).body;
    assert.equal((await call('PUT', `main/${shop}/settings`, { token: again, body: base })).status, 200);
    const closed = await call('GET', `main/${shop}/tickets?status=closed`, { token: again });
    const open = await call('GET', `main/${shop}/tickets`, { token: again });
    assert.deepEqual([closed.body.tickets, open.body.tickets], [[], []]);
    assert.equal((await call('GET', `main/${shop}/profiles/8301`, { token: again })).status, 404);
    assert.notEqual((await call('GET', `main/${shop}/config`)).body.welcomeMessage, `Welcome to ${shop}`);
  });

  it('answers privacy webhooks for a shop that stored nothing with 200, creating nothing; an unsigned one with 401', async () => {
    const shop = 'never-installed.myshopify.com';
    for (const topic of ['customers/data_request', 'customers/redact', 'shop/redact']) {
      const payload = { shop_domain: shop, customer: { id: 1 } };
      assert.equal((await webhook(shop, topic, payload)).status, 200, topic);
      assert.equal((await webhook(shop, topic, payload, { hmac: 'bm9wZQ==' })).status, 401, topic);
    }
    assert.equal((await webhook(shop, 'orders/create', { id: 1 })).status, 404, 'other topics for an unknown shop');
    assert.equal((await call('GET', `main/${shop}/config`)).status, 404);
  });
});
