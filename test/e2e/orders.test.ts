// "Track my order" end to end (issue 18 item 1): a Shopify theme on its own origin, its
// shopper logged in through the app proxy's signed query, orders delivered by signed
// Shopify webhooks to the real server; from the FAQ home to the carrier's tracking page,
// with the AI agent off. Several orders are picked from; a visitor is asked to log in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEV_ENV, DEV_IDENTITY_SECRET } from '../../party/core/seed.js';
import { SHOP, startServer, type RunningServer } from '../server/harness.js';
import { sendShopifyWebhook } from '../server/shopify-webhook.js';
import { shopifyFulfillment, shopifyOrder, trackedAt } from '../shopify-payloads.js';
import { launch, openPage, problems, shot } from './browser.js';
import { startStorefront, type Storefront } from './storefront.js';

describe('issue 18: "Track my order" on a Shopify theme', () => {
  let server: RunningServer;
  let browser: Browser;
  let store: Storefront;

  const webhook = async (topic: string, payload: Record<string, unknown>) => {
    assert.equal((await sendShopifyWebhook(server.origin, topic, payload)).status, 200);
  };

  /** An order as Shopify's `orders/fulfilled` sends it, shipped with a tracking link on the store's own origin (loopback only). */
  const fulfilled = (id: number, number: number, customerId: number, day: string) =>
    shopifyOrder(id, number, customerId, `2026-11-${day}T10:00:00Z`, {
      updated_at: `2026-11-${day}T18:00:00Z`,
      fulfillment_status: 'fulfilled',
      fulfillments: [shopifyFulfillment(id + 1, id, `2026-11-${day}T18:00:00Z`, trackedAt(`1Z${number}`, `${store.origin}/track?number=1Z${number}`))],
    });

  before(async () => {
    server = await startServer();
    store = await startStorefront({ chat: server.origin.replace('127.0.0.1', 'localhost'), shop: SHOP, apiSecret: DEV_ENV.SHOPIFY_API_SECRET!, identitySecret: DEV_IDENTITY_SECRET });
    browser = await launch();
    await webhook('orders/fulfilled', fulfilled(6101, 3101, 7101, '20'));
    await webhook('orders/fulfilled', fulfilled(6201, 3201, 7201, '02'));
    await webhook('orders/fulfilled', fulfilled(6202, 3202, 7201, '12'));
  });
  after(async () => {
    await browser?.close();
    await store?.close();
    await server?.stop();
  });

  const widget = (page: Page) => page.locator('customer-hub-chat');
  async function openPanel(page: Page): Promise<void> {
    await widget(page).locator('.launcher').click();
    await widget(page).locator('.panel').waitFor();
  }

  it('from the FAQ home to the tracking link, with one order and with several', async () => {
    const page = await openPage(browser);
    await store.logIn(page, '7101');
    await page.goto(store.theme());
    await openPanel(page);
    await widget(page).getByRole('button', { name: 'Track my order' }).click();
    await widget(page).getByText(/Order #3101 \(placed on 20 November 2026\): shipped\./).waitFor();
    const link = widget(page).locator(`a[href="${store.origin}/track?number=1Z3101"]`);
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');
    await shot(page, 'track-order');
    const [tracking] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await tracking.waitForLoadState();
    assert.equal(tracking.url(), `${store.origin}/track?number=1Z3101`);
    assert.deepEqual(await problems(page), []);

    const several = await openPage(browser);
    await store.logIn(several, '7201');
    await several.goto(store.theme());
    await openPanel(several);
    await widget(several).getByRole('button', { name: 'Track my order' }).click();
    await widget(several).getByText('You have 2 recent orders. Which one is it about?').waitFor();
    // Another customer's order is never offered.
    assert.equal(await widget(several).getByText('#3101').count(), 0);
    await widget(several).getByRole('button', { name: '#3201 · 2 Nov' }).click();
    await widget(several).getByText(/Order #3201 .*: shipped\./).waitFor();
    assert.equal(await widget(several).locator(`a[href="${store.origin}/track?number=1Z3201"]`).count(), 1);
    await shot(several, 'track-order-picked');
    assert.deepEqual(await problems(several), []);
  });

  it('a visitor who is not logged in is asked to log in', async () => {
    const page = await openPage(browser);
    await page.goto(store.theme());
    await openPanel(page);
    await widget(page).getByRole('button', { name: 'Track my order' }).click();
    await widget(page).getByText('Log in to chat with us').first().waitFor();
    assert.equal(await widget(page).getByText(/Order #/).count(), 0);
    assert.deepEqual(await problems(page), []);
  });
});
