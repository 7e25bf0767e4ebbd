// Issue 15 `setContext` as deployed: a headless storefront on another origin (the
// script tag from the chat server, a merchant-signed identity, a strict CSP) calls the
// element's setContext before the chat loads and again on the open chat; the real
// server stores the context on the ticket with the page's URL (never its fragment).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEV_ENV, DEV_IDENTITY_SECRET } from '../../party/core/seed.js';
import { SHOP, agentToken, api, startServer, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems } from './browser.js';
import { startStorefront, type Storefront } from './storefront.js';

describe('setContext on a storefront of another origin (issue 15)', () => {
  let server: RunningServer;
  let browser: Browser;
  let store: Storefront;
  let agent: string;

  before(async () => {
    server = await startServer();
    store = await startStorefront({ chat: server.origin.replace('127.0.0.1', 'localhost'), shop: SHOP, apiSecret: DEV_ENV.SHOPIFY_API_SECRET!, identitySecret: DEV_IDENTITY_SECRET });
    browser = await launch();
    agent = await agentToken(api(server));
  });
  after(async () => {
    await browser?.close();
    await store?.close();
    await server?.stop();
  });

  /** The customer's open ticket as the inbox lists it, once `check` holds. */
  async function ticketOf(customerId: string, check: (t: { context?: Record<string, unknown> }) => boolean) {
    for (let i = 0; i < 100; i++) {
      const r = await api(server)('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent });
      const found = (r.body.tickets as Array<{ customer: { id: string }; context?: Record<string, unknown> }>).find((t) => t.customer.id === customerId);
      if (found && check(found)) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no matching ticket for ${customerId}`);
  }

  it('the first message carries the context and the page URL without its fragment; a later call updates the open ticket', async () => {
    const page = await openPage(browser);
    const customer = `context-${Date.now()}`;
    await store.logIn(page, customer, 'Grace Hopper');
    const url = new URL(store.headless());
    url.searchParams.set('variant', '2');
    await page.goto(`${url.href}#reviews`);
    const widget = page.locator('customer-hub-chat');
    await widget.locator('.launcher').waitFor();
    await page.evaluate(() => document.querySelector('customer-hub-chat')!.setContext({ cart: '2 items, 58.00 EUR', order: '#1001', vip: true }));
    assert.equal(await page.evaluate(() => [...performance.getEntriesByType('resource')].some((e) => /chunks\/panel-/.test(e.name))), false, 'setContext loads no chat');

    await widget.locator('.launcher').click();
    await page.getByRole('button', { name: 'Still need help? Chat with us' }).or(page.getByRole('button', { name: 'Chat with us' })).first().click();
    const input = page.getByRole('textbox', { name: 'Write a message' });
    await input.fill('Where is my order?');
    await input.press('Enter');
    const first = await ticketOf(customer, (t) => !!t.context);
    assert.deepEqual(first.context, { pageUrl: url.href, cart: '2 items, 58.00 EUR', order: '#1001', vip: true });

    await page.evaluate(() => document.querySelector('customer-hub-chat')!.setContext({ cart: '3 items, 87.00 EUR', order: '#1001', vip: true }));
    const updated = await ticketOf(customer, (t) => t.context?.cart === '3 items, 87.00 EUR');
    assert.deepEqual(updated.context, { pageUrl: url.href, cart: '3 items, 87.00 EUR', order: '#1001', vip: true });
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });
});
