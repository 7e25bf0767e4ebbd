// The profile and the settings sections as an agent sees them (issue 17, part G), in
// Chromium against the real reference server: a customer with past conversations, the
// page's context (setContext) and Shopify orders; each settings section; the inbox on a
// phone. Screenshots go to test/screenshots/ (inbox-profile, inbox-settings-<section>, inbox-phone).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_ENV } from '../../party/core/seed.js';
import { shopifyFulfillment, shopifyOrder } from '../shopify-payloads.js';
import { SHOP, api, endChat, shopperSession, startChat, startServer, type Api, type RunningServer } from '../server/harness.js';
import { sendShopifyWebhook } from '../server/shopify-webhook.js';
import { launch, openPage, problems, shot } from './browser.js';

const SECTIONS = ['chat', 'faq', 'hours', 'ai', 'sms', 'notifications', 'team', 'security'] as const;

describe('the profile and the settings sections (issue 17)', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let call: Api;

  before(async () => {
    server = await startServer({ vars: DEMO_ENV as Record<string, string> });
    base = server.origin.replace('127.0.0.1', 'localhost');
    call = api(server);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows past conversations (one opens from there), the page context as text and orders with status; each settings section; the phone inbox', async () => {
    const customer = `7${Date.now()}`;
    const webhook = async (topic: string, payload: unknown) => assert.equal((await sendShopifyWebhook(server.origin, topic, payload)).status, 200, topic);
    await webhook('customers/create', { id: customer, first_name: 'Margaret', last_name: 'Hamilton', email: 'margaret.hamilton@apollo-guidance.example', created_at: '2024-03-02T10:00:00Z' });
    const order = Number(String(Date.now()).slice(-9));
    await webhook('orders/create', shopifyOrder(order, 1969, customer, '2026-11-18T10:00:00Z', { customer: { id: customer, first_name: 'Margaret', last_name: 'Hamilton' } }));
    await webhook('fulfillments/create', shopifyFulfillment(order + 1, order, '2026-11-19T09:00:00Z'));
    await webhook('orders/create', shopifyOrder(order + 2, 1970, customer, '2026-11-28T10:00:00Z', { customer: { id: customer, first_name: 'Margaret', last_name: 'Hamilton' } }));

    for (const body of ['Do you ship the star chart to Houston?', 'My mug arrived chipped: can I get a new one?']) {
      const past = await startChat(call, customer, body);
      await endChat(server, past.ticket.id, past.ticketToken);
    }
    const { token } = await shopperSession(call, customer, 'Margaret Hamilton');
    const context = { pageUrl: 'https://demo-store.example/products/lunar-mug?variant=2', cart: '2 items, 58.00 EUR', order: '#1970', vip: true };
    const now = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Can I still change the address of order #1970?', context } });
    assert.equal(now.status, 201);

    const agent = await openPage(browser, { viewport: { width: 1400, height: 900 } });
    await agent.goto(`${base}/inbox.html`);
    await agent.getByLabel('Agent key').fill('dev-agent-key');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.locator('customer-hub-inbox [part="ticket-row"]', { hasText: 'Margaret Hamilton' }).first().click();
    const profile = agent.locator('customer-hub-inbox [part="profile"]');
    await profile.getByText('Past conversations').waitFor();
    await profile.getByText('My mug arrived chipped: can I get a new one?').waitFor();
    await profile.locator('.orders').getByText('#1969').waitFor();
    await profile.getByText('2 items, 58.00 EUR').waitFor();
    assert.equal(await profile.getByRole('link', { name: context.pageUrl }).getAttribute('rel'), 'noopener noreferrer nofollow');
    await shot(agent, 'inbox-profile');

    // A past conversation opens from the profile.
    await profile.getByRole('button', { name: /Do you ship the star chart/ }).click();
    await agent.locator('customer-hub-inbox [part="thread"]').getByText('Do you ship the star chart to Houston?').waitFor();

    await agent.getByRole('button', { name: 'Settings' }).click();
    const settings = agent.locator('customer-hub-inbox [part="settings"]');
    const nav = settings.getByRole('navigation', { name: 'Settings sections' });
    for (const id of SECTIONS) {
      await nav.locator(`[data-section-link="${id}"]`).click();
      await settings.locator(`form[data-section="${id}"]`).waitFor();
      assert.equal(await nav.locator(`[data-section-link="${id}"]`).getAttribute('aria-current'), 'page');
      await shot(agent, `inbox-settings-${id}`);
    }
    assert.deepEqual(await problems(agent), []);

    const phone = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await phone.goto(`${base}/inbox.html`);
    await phone.getByLabel('Agent key').fill('dev-agent-key');
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await phone.locator('customer-hub-inbox [part="ticket-row"]').first().waitFor();
    const header = phone.locator('customer-hub-inbox header');
    const signOut = header.getByRole('button', { name: 'Sign out' });
    const [headerBox, signOutBox] = [await header.boundingBox(), await signOut.boundingBox()];
    assert.ok(headerBox && signOutBox && signOutBox.y + signOutBox.height <= headerBox.y + headerBox.height && signOutBox.x + signOutBox.width <= 375, 'Sign out on the header line');
    await shot(phone, 'inbox-phone');
    await phone.getByRole('button', { name: 'Settings' }).click();
    await phone.locator('customer-hub-inbox [part="settings"] .section-select select').selectOption('hours');
    await phone.locator('customer-hub-inbox [part="settings"] form[data-section="hours"]').waitFor();
    await shot(phone, 'inbox-phone-settings');
    await phone.context().close();
    await agent.context().close();
  });
});
