// Shopify signatures against a real `wrangler dev`: the app proxy's signed query and
// webhooks (DESIGN §5), with vectors computed here independently of the server's code.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SHOP, agentToken, api, startServer, type Api, type RunningServer } from './harness.js';
import { signProxy } from './shopify-webhook.js';

const API_SECRET = 'dev-shopify-secret';

const query = (params: Array<[string, string]>) => params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

describe('Shopify app proxy and webhooks', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer();
    call = api(server);
  });
  after(() => server.stop());

  const proxy = async (params: Array<[string, string]>, withSignature: string | null) => {
    const all = withSignature === null ? params : [...params, ['signature', withSignature] as [string, string]];
    const r = await fetch(`${server.origin}/shopify-proxy/session?${query(all)}`);
    return { status: r.status, body: (await r.json()) as any };
  };

  const base = (): Array<[string, string]> => [
    ['shop', SHOP],
    ['logged_in_customer_id', '7001'],
    ['path_prefix', '/apps/customer-hub'],
    ['timestamp', String(Math.floor(Date.now() / 1000))],
  ];

  it('accepts a valid signature and logs the customer in', async () => {
    const params = base();
    const r = await proxy(params, signProxy(params));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.customer, { id: '7001' });
    // The same signed query on the shop's own session route.
    const direct = await call('GET', `main/${SHOP}/session?${query([...params, ['signature', signProxy(params)]])}`);
    assert.deepEqual(direct.body.customer, { id: '7001' });
  });

  it('joins repeated keys with commas before signing, as Shopify does', async () => {
    const params: Array<[string, string]> = [...base(), ['extra', 'a'], ['extra', 'b']];
    assert.equal((await proxy(params, signProxy(params))).status, 200);
  });

  it('treats an empty logged_in_customer_id as anonymous, and no signature as anonymous', async () => {
    const params = base().map(([k, v]) => [k, k === 'logged_in_customer_id' ? '' : v] as [string, string]);
    assert.equal((await proxy(params, signProxy(params))).body.customer, null);
    const unsigned = await proxy(base(), null);
    assert.equal(unsigned.status, 200);
    assert.equal(unsigned.body.customer, null, 'an unsigned customer id is ignored');
  });

  it('refuses one changed parameter, a stale timestamp, a duplicated key and a foreign secret', async () => {
    const params = base();
    const sig = signProxy(params);
    const changed = params.map(([k, v]) => [k, k === 'logged_in_customer_id' ? '7002' : v] as [string, string]);
    assert.equal((await proxy(changed, sig)).status, 401);
    const stale = params.map(([k, v]) => [k, k === 'timestamp' ? String(Math.floor(Date.now() / 1000) - 91) : v] as [string, string]);
    assert.equal((await proxy(stale, signProxy(stale))).status, 401);
    const dupShop: Array<[string, string]> = [...params, ['shop', 'other.myshopify.com']];
    assert.equal((await proxy(dupShop, signProxy(dupShop))).status, 401);
    const twoSigs = `${server.origin}/shopify-proxy/session?${query([...params, ['signature', sig], ['signature', sig]])}`;
    assert.equal((await fetch(twoSigs)).status, 401);
    const foreign = createHmac('sha256', 'another-secret').update('x').digest('hex');
    assert.equal((await proxy(params, foreign)).status, 401);
  });

  it('issue 12 item 8: refuses a duplicated logged_in_customer_id or path_prefix and keys with "=", even when signed', async () => {
    const answers: Record<string, number> = {};
    const signedAs = (name: string, params: Array<[string, string]>) => proxy(params, signProxy(params)).then((r) => (answers[name] = r.status));
    const stamp = String(Math.floor(Date.now() / 1000));
    // Signed as `logged_in_customer_id=victim,` but read as `victim`.
    await signedAs('two customer ids', [['shop', SHOP], ['logged_in_customer_id', 'victim'], ['logged_in_customer_id', ''], ['path_prefix', '/apps/customer-hub'], ['timestamp', stamp]]);
    await signedAs('two path prefixes', [...base(), ['path_prefix', '/apps/other']]);
    // Key `logged_in_customer_id=victim` with an empty value signs as `logged_in_customer_id=victim=`,
    // exactly as key `logged_in_customer_id` with the value `victim=`.
    await signedAs('a key with "="', [['shop', SHOP], ['logged_in_customer_id=victim', ''], ['path_prefix', '/apps/customer-hub'], ['timestamp', stamp]]);
    await signedAs('the untouched query', base());
    assert.deepEqual(answers, { 'two customer ids': 401, 'two path prefixes': 401, 'a key with "="': 401, 'the untouched query': 200 });
    // The shop's own session route runs the same check.
    const dup: Array<[string, string]> = [['shop', SHOP], ['logged_in_customer_id', 'victim'], ['logged_in_customer_id', ''], ['timestamp', stamp]];
    const direct = await call('GET', `main/${SHOP}/session?${query([...dup, ['signature', signProxy(dup)]])}`);
    assert.equal(direct.status, 401);
    assert.equal(direct.body.error.code, 'unauthorized');
  });

  /** A webhook as Shopify sends it to this shop; `domain` is its `X-Shopify-Shop-Domain` (null: none). */
  const webhook = (body: string, topic: string, eventId: string, hmac?: string, domain: string | null = SHOP) =>
    fetch(`${server.origin}/parties/main/${SHOP}/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Shopify-Topic': topic,
        'X-Shopify-Event-Id': eventId,
        'X-Shopify-Hmac-Sha256': hmac ?? createHmac('sha256', API_SECRET).update(body).digest('base64'),
        ...(domain === null ? {} : { 'X-Shopify-Shop-Domain': domain }),
      },
      body,
    });

  it('issue 13 #5: a signed webhook is refused unless X-Shopify-Shop-Domain names the shop in the URL', async () => {
    const agent = await agentToken(call);
    const customer = JSON.stringify({ id: 9400, first_name: 'Eve', last_name: 'Elsewhere', email: 'eve@example.com', created_at: '2025-01-02T10:00:00Z' });
    const other = await webhook(customer, 'customers/create', 'evt-other', undefined, 'victim2.myshopify.com');
    assert.equal(other.status, 403);
    assert.equal(((await other.json()) as { error: { code: string } }).error.code, 'forbidden');
    const none = await webhook(customer, 'customers/create', 'evt-none', undefined, null);
    assert.equal(none.status, 403);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'forbidden');
    assert.equal((await call('GET', `main/${SHOP}/profiles/9400`, { token: agent })).status, 404, 'nothing was stored');
    // The same body with the shop's own domain goes in (and the refused event ids were not spent).
    assert.deepEqual(await (await webhook(customer, 'customers/create', 'evt-other')).json(), { ok: true, outcome: 'applied' });
  });

  it('R16: webhooks feed the profile; a replay is ignored; one changed byte is rejected', async () => {
    const agent = await agentToken(call);
    const customer = { id: 9001, first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com', created_at: '2025-01-02T10:00:00Z' };
    assert.equal((await webhook(JSON.stringify(customer), 'customers/create', 'evt-1')).status, 200);
    const order = JSON.stringify({ id: 1, name: '#1001', total_price: '42.50', currency: 'EUR', created_at: '2026-11-20T09:00:00Z', customer });
    const first = await webhook(order, 'orders/create', 'evt-2');
    assert.deepEqual(await first.json(), { ok: true, outcome: 'applied' });
    const replay = await webhook(order, 'orders/create', 'evt-2');
    assert.deepEqual(await replay.json(), { ok: true, outcome: 'duplicate' });
    const tampered = order.replace('42.50', '42.51');
    const bad = await webhook(tampered, 'orders/create', 'evt-3', createHmac('sha256', API_SECRET).update(order).digest('base64'));
    assert.equal(bad.status, 401);

    const profile = await call('GET', `main/${SHOP}/profiles/9001`, { token: agent });
    assert.equal(profile.status, 200);
    assert.deepEqual(
      { name: profile.body.name, email: profile.body.email, orders: profile.body.orderCount, spent: profile.body.totalSpent, since: profile.body.customerSince },
      { name: 'Grace Hopper', email: 'grace@example.com', orders: 1, spent: '42.50', since: '2025-01-02T10:00:00Z' },
    );
    assert.deepEqual(profile.body.events.map((e: { type: string }) => e.type), ['order_placed', 'customer_created']);
    assert.equal((await call('GET', `main/${SHOP}/profiles/unknown`, { token: agent })).status, 404);
  });
  it('issue 12 item 11: a signed order or customer re-sent under a new or no event id changes nothing; orders/updated replaces', async () => {
    const agent = await agentToken(call);
    const id = 9100 + Math.floor(Math.random() * 1000);
    const customer = { id, first_name: 'Ada', last_name: 'Replay', email: 'ada@example.com', created_at: '2025-01-02T10:00:00Z', updated_at: '2025-01-02T10:00:00Z' };
    const order = { id: id * 10, name: '#5001', total_price: '100.00', currency: 'EUR', created_at: '2026-11-20T09:00:00Z', customer };
    const send = (payload: object, topic: string, eventId: string | null) => {
      const body = JSON.stringify(payload);
      return fetch(`${server.origin}/parties/main/${SHOP}/webhooks/shopify`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Shopify-Topic': topic,
          ...(eventId ? { 'X-Shopify-Event-Id': eventId } : {}),
          'X-Shopify-Hmac-Sha256': createHmac('sha256', API_SECRET).update(body).digest('base64'),
          'X-Shopify-Shop-Domain': SHOP,
        },
        body,
      }).then((r) => r.json() as Promise<{ outcome: string }>);
    };
    const profile = async () => (await call('GET', `main/${SHOP}/profiles/${id}`, { token: agent })).body;
    const outcomes = [
      (await send(customer, 'customers/create', `c-${id}-1`)).outcome,
      (await send(customer, 'customers/create', `c-${id}-2`)).outcome,
      (await send(order, 'orders/create', `o-${id}-1`)).outcome,
      (await send(order, 'orders/create', `o-${id}-2`)).outcome,
      (await send(order, 'orders/create', null)).outcome,
      (await send({ ...customer, updated_at: '2025-02-01T10:00:00Z' }, 'customers/update', null)).outcome,
      (await send({ ...customer, updated_at: '2025-02-01T10:00:00Z' }, 'customers/update', `u-${id}-2`)).outcome,
    ];
    assert.deepEqual(outcomes, ['applied', 'duplicate', 'applied', 'duplicate', 'duplicate', 'applied', 'duplicate']);
    const once = await profile();
    assert.deepEqual(
      { orders: once.orderCount, spent: once.totalSpent, events: once.events.map((e: { type: string }) => e.type) },
      { orders: 1, spent: '100.00', events: ['customer_updated', 'order_placed', 'customer_created'] },
    );
    // The same order, edited: its total and its event are replaced, not added.
    assert.equal((await send({ ...order, total_price: '80.00' }, 'orders/updated', null)).outcome, 'applied');
    assert.equal((await send({ ...order, total_price: '80.00' }, 'orders/updated', `x-${id}`)).outcome, 'duplicate');
    const updated = await profile();
    assert.deepEqual(
      { orders: updated.orderCount, spent: updated.totalSpent, orderEvents: updated.events.filter((e: { type: string }) => e.type === 'order_placed').map((e: { summary: string }) => e.summary) },
      { orders: 1, spent: '80.00', orderEvents: ['Order #5001: 80.00 EUR'] },
    );
  });
});
