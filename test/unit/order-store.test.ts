// The order statuses kept from Shopify's webhooks (issue 18): what a lookup can reach,
// in what order payloads may arrive, and which links a shopper may be shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyOrderWebhook, ordersOf } from '../../party/core/orders/order-store.js';
import { describeOrder, orderReply } from '../../party/core/orders/order-reply.js';
import { MemoryStorage } from '../../party/core/storage.js';
import { shopifyFulfillment, shopifyOrder, trackedAt } from '../shopify-payloads.js';

describe('issue 18: order store', () => {
  it('keeps a fulfillment that arrives before its order, and lists it once the order names its customer', async () => {
    const storage = new MemoryStorage();
    assert.equal(await applyOrderWebhook(storage, 'fulfillments/create', shopifyFulfillment(91, 1, '2026-11-02T00:00:00Z')), true);
    assert.deepEqual(await ordersOf(storage, '501'), [], 'no customer is named yet');
    await applyOrderWebhook(storage, 'orders/create', shopifyOrder(1, 1001, 501, '2026-11-01T00:00:00Z'));
    const [order] = await ordersOf(storage, '501');
    assert.deepEqual(order!.fulfillments.map((f) => f.numbers), [['1Z91']]);
  });

  it('an order moved to another customer is no longer the first customer\u2019s', async () => {
    const storage = new MemoryStorage();
    await applyOrderWebhook(storage, 'orders/create', shopifyOrder(2, 1002, 501, '2026-11-01T00:00:00Z'));
    await applyOrderWebhook(storage, 'orders/updated', shopifyOrder(2, 1002, 502, '2026-11-01T00:00:00Z', { updated_at: '2026-11-03T00:00:00Z' }));
    assert.deepEqual(await ordersOf(storage, '501'), []);
    assert.deepEqual((await ordersOf(storage, '502')).map((o) => o.name), ['#1002']);
    // A number typed by the first customer finds nothing, in the same words as no order at all.
    assert.equal(orderReply(await ordersOf(storage, '501'), 'en', '1002').text, orderReply([], 'en', '1002').text);
  });

  it('shows http(s) tracking and status links only; ignores payloads that name no order', async () => {
    const storage = new MemoryStorage();
    const bad = shopifyFulfillment(93, 3, '2026-11-02T00:00:00Z', trackedAt('1Z93', 'javascript:alert(1)'));
    await applyOrderWebhook(storage, 'orders/fulfilled', shopifyOrder(3, 1003, 503, '2026-11-01T00:00:00Z', { order_status_url: 'data:text/html,x', fulfillments: [bad] }));
    const [order] = await ordersOf(storage, '503');
    assert.deepEqual([order!.fulfillments[0]!.urls, order!.statusUrl], [[], undefined]);
    assert.doesNotMatch(describeOrder(order!, 'en'), /javascript:|data:/);
    assert.match(describeOrder(order!, 'en'), /Tracking \(UPS 1Z93\): 1Z93/);
    assert.equal(await applyOrderWebhook(storage, 'orders/create', { name: '#1' }), null);
    assert.equal(await applyOrderWebhook(storage, 'fulfillments/create', { id: 5 }), null);
  });
});
