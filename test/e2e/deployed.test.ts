// "Works as deployed" (issue 13): the shopper's widget loaded the way the README tells
// a merchant to, against the real server, with a reload at every step of the journey.
// - a Shopify theme on another origin (script tag from the chat server, sessions through
//   an emulated app proxy that signs as Shopify does);
// - a headless storefront on another origin (a merchant-signed identity JWT);
// - the same origin: the demo pages the chat server serves itself (`npm start`).
// Each asserts no CSP violation and no page error. Then two customers one after the other
// on one browser, and two tabs of one shopper. Screenshots go to test/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEV_ENV, DEV_IDENTITY_SECRET } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, startServer, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems, shot } from './browser.js';
import { startStorefront, type Storefront } from './storefront.js';

type ShopperPage = Page & { problems: string[] };

describe('deployed: the widget where merchants put it', () => {
  let server: RunningServer;
  let browser: Browser;
  let store: Storefront;
  /** The chat server as pages name it: localhost, so that the store (127.0.0.1) is another origin. */
  let chat: string;
  let agent: string;

  before(async () => {
    server = await startServer();
    chat = server.origin.replace('127.0.0.1', 'localhost');
    store = await startStorefront({ chat, shop: SHOP, apiSecret: DEV_ENV.SHOPIFY_API_SECRET!, identitySecret: DEV_IDENTITY_SECRET });
    browser = await launch();
    agent = await agentToken(api(server));
  });
  after(async () => {
    await browser?.close();
    await store?.close();
    await server?.stop();
  });

  const widget = (page: Page) => page.locator('customer-hub-chat');
  const input = (page: Page) => page.getByRole('textbox', { name: 'Write a message' });

  /** Opens the panel if a reload closed it. */
  async function openPanel(page: Page): Promise<void> {
    await widget(page).locator('.launcher, .panel').first().waitFor();
    if ((await widget(page).locator('.panel').count()) === 0) await widget(page).locator('.launcher').click();
    await widget(page).locator('.panel').waitFor();
  }

  async function reload(page: Page): Promise<void> {
    await page.reload();
    await openPanel(page);
  }

  /** No refusal or error notice: the thing the same-origin reload bug showed. */
  async function assertNoAlert(page: Page, step: string): Promise<void> {
    assert.equal(await widget(page).locator('[role="alert"]').count(), 0, `${step}: ${await widget(page).locator('[role="alert"]').allTextContents()}`);
  }

  async function ticketOf(customerId: string): Promise<{ id: string }> {
    for (let i = 0; i < 50; i++) {
      const r = await api(server)('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent });
      const found = (r.body.tickets as Array<{ id: string; customer: { id: string } }>).find((t) => t.customer.id === customerId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no open ticket for ${customerId}`);
  }

  /**
   * The shopper's journey (R3–R8) with a reload at every step: FAQ, welcome, after the
   * first message, mid-thread with an agent reply, ended.
   */
  async function journey(page: ShopperPage, url: string, customerId: string, name: string): Promise<void> {
    await page.goto(url);
    await openPanel(page);

    // R3: FAQ, then a reload.
    await page.getByRole('button', { name: 'What is your return policy?' }).click();
    await page.getByText('You can return unworn items within 30 days').waitFor();
    await reload(page);
    await page.getByRole('button', { name: 'What is your return policy?' }).waitFor();
    await shot(page, `${name}-faq`);

    // R4, R5: the welcome, then a reload.
    await page.getByRole('button', { name: 'Still need help? Chat with us' }).or(page.getByRole('button', { name: 'Chat with us' })).first().click();
    await page.getByText('Hi! How can we help?').waitFor();
    await input(page).fill('Half a question');
    await page.waitForFunction(() => Object.values(localStorage).includes('Half a question')); // the draft is saved
    await reload(page);
    await assertNoAlert(page, 'welcome, reloaded');
    // The draft is kept: back to the chat from the FAQ, it is in the composer.
    if ((await input(page).count()) === 0) {
      await page.getByRole('button', { name: 'Still need help? Chat with us' }).or(page.getByRole('button', { name: 'Chat with us' })).first().click();
    }
    await page.getByText('Hi! How can we help?').waitFor();
    assert.equal(await input(page).inputValue(), 'Half a question');

    // R6: the first message, then a reload: the thread comes back.
    await input(page).fill(`First question from ${name}`);
    await input(page).press('Enter');
    await widget(page).locator('.status').getByText(/Sent|Seen/).waitFor();
    await reload(page);
    await page.getByText(`First question from ${name}`).waitFor();
    await assertNoAlert(page, 'after the first message, reloaded');

    // R7: an agent replies; a reload mid-thread; the chat is still live both ways.
    const ticket = await ticketOf(customerId);
    const team = Peer.ticket(server, ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    team.send({ type: 'send', clientId: `${name}-r1`, body: `Agent reply for ${name}` });
    await page.getByText(`Agent reply for ${name}`).waitFor();
    await reload(page);
    await page.getByText(`Agent reply for ${name}`).waitFor();
    await assertNoAlert(page, 'mid-thread, reloaded');
    team.send({ type: 'send', clientId: `${name}-r2`, body: `Live after the reload, ${name}` });
    await page.getByText(`Live after the reload, ${name}`).waitFor();
    await input(page).fill(`Second question from ${name}`);
    await input(page).press('Enter');
    await team.until((p) => p.of('message').some((f) => f.message.body === `Second question from ${name}`), 'the shopper\u2019s message after the reload');
    await shot(page, `${name}-thread`);

    // R8: end the chat (it takes effect), then a reload.
    await widget(page).getByRole('button', { name: 'End chat' }).first().click();
    await page.getByText('End this conversation?').waitFor();
    await widget(page).locator('.confirm .primary').click();
    await page.getByText('This chat has ended').waitFor();
    await team.until((p) => p.of('ticket').some((f) => f.ticket.status === 'closed'), 'closed');
    await reload(page);
    await assertNoAlert(page, 'ended, reloaded');
    // Issue 13 #2: the ended chat is still there, read-only, with the team's last reply.
    await page.getByText('This chat has ended').waitFor();
    await page.getByText(`Live after the reload, ${name}`).waitFor();
    assert.equal(await input(page).count(), 0);
    await shot(page, `${name}-ended`);
    // "Start a new chat" leaves it for good: a reload shows the FAQ, not the old chat.
    await widget(page).getByRole('button', { name: 'Start a new chat' }).click();
    await input(page).waitFor();
    await reload(page);
    await page.getByRole('button', { name: 'What is your return policy?' }).waitFor();
    assert.equal(await page.getByText('This chat has ended').count(), 0);
    assert.equal(await page.getByText(`Live after the reload, ${name}`).count(), 0);
    team.close();
    assert.deepEqual(await problems(page), []);
  }

  it('Shopify theme on another origin: the script tag loads, sessions go through the app proxy, every step survives a reload (R1–R8)', async () => {
    const page = await openPage(browser);
    const customer = `shopify-${Date.now()}`;
    await store.logIn(page, customer);
    await journey(page, store.theme(), customer, 'deployed-shopify');
    // The topology itself: the page is the store's, the widget's script the chat server's.
    const where = await page.evaluate(() => ({ page: location.origin, script: document.querySelector<HTMLScriptElement>('script[type="module"]')!.src }));
    assert.deepEqual(where, { page: store.origin, script: `${chat}/cdn/customer-hub-chat.js` });
    const signed = store.proxied.filter((q) => q.get('logged_in_customer_id') === customer);
    assert.ok(signed.length > 0, 'sessions came through the app proxy with the logged-in customer');
    await page.context().close();
  });

  it('Shopify theme, logged out: the app proxy signs an empty logged_in_customer_id and the visitor is shown how to log in (R2)', async () => {
    const page = await openPage(browser);
    await page.goto(store.theme('/products/shirt'));
    await openPanel(page);
    const login = widget(page).getByRole('link', { name: 'Log in' });
    await login.waitFor();
    assert.match((await login.getAttribute('href')) ?? '', /^\/account\/login\?return_url=%2Fproducts%2Fshirt/);
    assert.ok(store.proxied.some((q) => q.get('logged_in_customer_id') === ''), 'an anonymous proxied session');
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });

  it('headless storefront on another origin: a merchant-signed identity, every step survives a reload (R1–R8)', async () => {
    const page = await openPage(browser);
    const customer = `headless-${Date.now()}`;
    await store.logIn(page, customer, 'Grace Hopper');
    await journey(page, store.headless(), customer, 'deployed-headless');
    await page.context().close();
  });

  it('same origin (the demo pages of npm start): every step survives a reload (R1–R8)', async () => {
    const page = await openPage(browser);
    const customer = `same-origin-${Date.now()}`;
    await journey(page, `${chat}/launcher.html?customer=${customer}`, customer, 'deployed-same-origin');
    await page.context().close();
  });

  it('same origin, logged out: the demo\u2019s "Log in to chat with us" leads to its stand-in login page and back, logged in; no 404, not even a favicon (issue 13 #7)', async () => {
    const page = await openPage(browser);
    const missing: string[] = [];
    page.on('response', (r) => void (r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`)));
    page.on('console', (m) => void (m.type() === 'error' && missing.push(`console: ${m.text()}`)));
    await page.goto(`${chat}/launcher.html?customer=login-${Date.now()}`);
    await page.evaluate(() => localStorage.setItem('demo-logged-in', '0'));
    await reload(page);
    await widget(page).getByRole('link', { name: 'Log in to chat with us' }).click();
    await page.waitForURL(/\/login(\.html)?\?return_url=/);
    await page.getByRole('button', { name: 'Log in as Ada (demo)' }).click();
    await page.waitForURL(/\/launcher(\.html)?\?customer=/);
    await openPanel(page);
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
    assert.equal(await widget(page).getByRole('link', { name: 'Log in to chat with us' }).count(), 0);
    assert.deepEqual(missing, []);
    // The page names its icon, so the browser asks for no /favicon.ico (a 404 on every page).
    const icon = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '/favicon.ico')).status);
    assert.equal(icon, 200);
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });

  it('two customers one after the other on one browser: B sees neither A\u2019s chat nor A\u2019s unsent draft', async () => {
    const page = await openPage(browser);
    const a = `shared-a-${Date.now()}`;
    await store.logIn(page, a);
    await page.goto(store.theme());
    await openPanel(page);
    await page.getByRole('button', { name: 'Still need help? Chat with us' }).or(page.getByRole('button', { name: 'Chat with us' })).first().click();
    await input(page).fill('A private question from customer A');
    await input(page).press('Enter');
    await widget(page).locator('.status').getByText(/Sent|Seen/).waitFor();
    await input(page).fill('A half-typed draft of customer A');
    // The widget keeps drafts across reloads a moment after typing stops: waited for, so that
    // the check below (B never sees it) is about a draft that really was kept.
    await page.waitForFunction(() => [...Object.values(localStorage), ...Object.values(sessionStorage)].some((v) => v.includes('A half-typed draft of customer A')));

    await store.logOut(page);
    const b = `shared-b-${Date.now()}`;
    await store.logIn(page, b);
    await page.goto(store.theme());
    await openPanel(page);
    const chatWithUs = page.getByRole('button', { name: 'Still need help? Chat with us' }).or(page.getByRole('button', { name: 'Chat with us' })).first();
    await chatWithUs.or(input(page)).first().waitFor();
    if ((await input(page).count()) === 0) await chatWithUs.click();
    await input(page).waitFor();
    await shot(page, 'deployed-second-customer');
    assert.equal(await page.getByText('A private question from customer A').count(), 0, 'B sees A\u2019s chat');
    assert.equal(await input(page).inputValue(), '', 'B sees A\u2019s unsent draft');
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });

  it('two tabs of one shopper both show the same thread live (R7)', async () => {
    const first = await openPage(browser);
    const customer = `tabs-${Date.now()}`;
    await store.logIn(first, customer);
    await first.goto(store.theme());
    await openPanel(first);
    await first.getByRole('button', { name: 'Still need help? Chat with us' }).or(first.getByRole('button', { name: 'Chat with us' })).first().click();
    await input(first).fill('Hello from the first tab');
    await input(first).press('Enter');
    await widget(first).locator('.status').getByText(/Sent|Seen/).waitFor();

    const second = (await first.context().newPage()) as ShopperPage;
    second.problems = [];
    second.on('pageerror', (e) => second.problems.push(`pageerror: ${e.message}`));
    await second.goto(store.theme());
    await openPanel(second);
    await second.getByText('Hello from the first tab').waitFor();

    const ticket = await ticketOf(customer);
    const team = Peer.ticket(server, ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    team.send({ type: 'send', clientId: 'tabs-reply', body: 'An agent reply both tabs see' });
    await first.getByText('An agent reply both tabs see').waitFor();
    await second.getByText('An agent reply both tabs see').waitFor();

    await input(second).fill('Hello from the second tab');
    await input(second).press('Enter');
    await first.getByText('Hello from the second tab').waitFor();
    await input(first).fill('And the first tab again');
    await input(first).press('Enter');
    await second.getByText('And the first tab again').waitFor();
    await shot(second, 'deployed-two-tabs');
    team.close();
    assert.deepEqual(await problems(first), []);
    assert.deepEqual(await problems(second), []);
    await first.context().close();
  });
});
