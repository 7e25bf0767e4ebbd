// The plain launcher (issue 19) when things go wrong, on the demo storefront in Chromium
// against the real reference server: a first message that failed to send, a chat chunk
// that does not load (on a phone too), a stale "a chat is open" hint, and a page whose
// language arrives after the skeleton (fresh-eyes review, findings 2, 3, 4, 7, 9, 10).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { agentToken, api, type RunningServer } from '../server/harness.js';
import { useDemoStorefront, openPage, problems } from './browser.js';

const SHOP = 'demo.myshopify.com';
const CHAT_CHUNK = /\/cdn\/chunks\/panel-host-[^/]*\.js$/;
const CHATS = /\/parties\/main\/[^/]+\/chats$/;

describe('plain launcher: recovery (issue 19, issue 17 states)', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  useDemoStorefront((demo) => ({ server, browser, base } = demo));

  const widget = (page: Page) => page.locator('customer-hub-chat');
  const stored = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('customer-hub-chat:')));
  /** Whether this page fetched the chat's chunk (Lit, the client, the views). */
  function watchChunk(page: Page): () => boolean {
    let fetched = false;
    page.on('request', (r) => void (CHAT_CHUNK.test(r.url()) && (fetched = true)));
    return () => fetched;
  }

  async function openTickets(customerId: string): Promise<number> {
    const agent = await agentToken(api(server));
    const r = await api(server)('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent });
    return (r.body.tickets as Array<{ customer: { id: string } }>).filter((t) => t.customer.id === customerId).length;
  }

  it('finding 10 (R6, README "a reload loses none"): a first message whose POST failed is sent by the next page by itself, the chat never opened there', async () => {
    const page = await openPage(browser);
    const customer = `recover-${Date.now()}`;
    await page.goto(`${base}/launcher.html?customer=${customer}`);
    await page.locator('customer-hub-chat .launcher').click();
    await page.getByRole('button', { name: 'Chat with us', exact: true }).click();
    // The flaky network: the first message's POST never gets through.
    await page.route(CHATS, (r) => r.abort('connectionreset'));
    const input = page.getByRole('textbox', { name: 'Write a message' });
    await input.fill('Sent just before leaving');
    await input.press('Enter');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes(':outbox:')));
    // The shopper goes to another page (this one is gone: it retries nothing more).
    const context = page.context();
    await page.close();
    assert.equal(await openTickets(customer), 0, 'nothing reached the server yet');

    const next = await context.newPage();
    await next.goto(`${base}/launcher.html?customer=${customer}&page=2`);
    for (let i = 0; i < 100 && (await openTickets(customer)) === 0; i++) await next.waitForTimeout(100);
    assert.equal(await openTickets(customer), 1, 'the ticket exists, the shopper never opened the chat on this page');
    assert.equal(await widget(next).evaluate((el) => el.hasAttribute('open')), false);
    await next.waitForFunction(() => !Object.keys(localStorage).some((k) => k.includes(':outbox:')));
    await context.close();
  });

  it('finding 4: the "a chat is open" hint of customer X is dropped once Y\u2019s chat loads without one; Y\u2019s next page loads no chat code', async () => {
    const page = await openPage(browser);
    const x = `hint-x-${Date.now()}`;
    await page.goto(`${base}/launcher.html?customer=${x}`);
    await page.locator('customer-hub-chat .launcher').click();
    await page.getByRole('button', { name: 'Chat with us', exact: true }).click();
    const input = page.getByRole('textbox', { name: 'Write a message' });
    await input.fill('X has a chat');
    await input.press('Enter');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith(':active')));

    // Y on the same browser: the hint loads the chat once, which finds no chat for Y.
    const y = `hint-y-${Date.now()}`;
    await page.goto(`${base}/launcher.html?customer=${y}`);
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.endsWith(':active')), undefined, { timeout: 20_000 });
    const fetched = watchChunk(page);
    await page.goto(`${base}/launcher.html?customer=${y}&page=2`);
    await page.locator('customer-hub-chat .launcher').waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(fetched(), false, 'no chat chunk for a launcher nobody touched');
    assert.ok(!(await stored(page)).some((k) => k.endsWith(':active')));
    await page.context().close();
  });

  it('review r1 #4: a frame chunk that fails leaves the launcher closed, as drawn, and the next click opens the chat once the network is back', async () => {
    const page = await openPage(browser);
    let fail = true;
    await page.route(/\/cdn\/chunks\/panel-frame-[^/]*\.js$/, (r) => (fail ? r.abort('connectionreset') : r.continue()));
    await page.goto(`${base}/launcher.html?customer=frame-${Date.now()}`);
    const launcher = page.locator('customer-hub-chat .launcher');
    await launcher.click();
    // The element says what the store sees: closed, nothing half open.
    await page.waitForFunction(() => !document.querySelector('customer-hub-chat')!.hasAttribute('open'));
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('dialog').count(), 0);
    fail = false;
    // One click, not three.
    await launcher.click();
    await page.getByRole('dialog', { name: 'Chat with us' }).getByRole('button', { name: 'Chat with us', exact: true }).waitFor();
    assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
    const errors = (await problems(page)).filter((p) => p.startsWith('pageerror'));
    assert.deepEqual(errors, [], 'no unhandled rejection');
    await page.context().close();
  });

  it('a healthy page takes each chunk from the network once: the import after the loader\u2019s fetch is served from the HTTP cache', async () => {
    // No page.route here: Playwright turns the HTTP cache off for a page that routes.
    const page = await openPage(browser);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const fromNetwork = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) => {
      const name = e.response.url.match(/\/cdn\/chunks\/([^/?]+\.js)$/)?.[1];
      if (name && !e.response.fromDiskCache && !e.response.fromPrefetchCache) fromNetwork.set(name, (fromNetwork.get(name) ?? 0) + 1);
    });
    await page.goto(`${base}/launcher.html?customer=once-${Date.now()}`);
    await page.locator('customer-hub-chat .launcher').click();
    await page.getByRole('dialog', { name: 'Chat with us' }).getByRole('button', { name: 'Chat with us', exact: true }).waitFor();
    const counts = [...fromNetwork].filter(([name]) => /^panel-(frame|host)-/.test(name));
    assert.equal(counts.length, 2, `the frame and the chat: ${JSON.stringify(counts)}`);
    for (const [name, n] of counts) assert.equal(n, 1, `${name} from the network ${n} times`);
    await page.context().close();
  });

  it('findings 2, 3, 9 (phone): a chat chunk that fails shows a Close button, keeps Tab and Escape inside, then the load error with "Try again", which loads it', async () => {
    const page = await openPage(browser, { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    let fail = true;
    await page.route(CHAT_CHUNK, (r) => (fail ? r.abort('connectionreset') : r.continue()));
    await page.goto(`${base}/launcher.html?customer=chunk-${Date.now()}`);
    await page.locator('customer-hub-chat .launcher').click();
    const dialog = page.getByRole('dialog', { name: 'Chat with us' });
    await dialog.waitFor();
    // The error the config's failure shows, not "Loading the chat…" forever.
    const alert = dialog.getByRole('alert');
    await alert.getByText("The chat couldn't load. Check your connection and try again.").waitFor();
    const close = dialog.getByRole('button', { name: 'Close', exact: true });
    const retry = dialog.getByRole('button', { name: 'Try again' });
    assert.ok(await close.isVisible(), 'a way out of the full-screen frame');
    // Tab and Shift+Tab stay inside the modal dialog (finding 9).
    const focused = () => widget(page).evaluate((el) => el.shadowRoot!.activeElement?.textContent ?? null);
    await close.focus();
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Try again');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), '✕');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'Try again');
    // Close: the store is usable again, focus on the launcher.
    await close.click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await widget(page).evaluate((el) => el.hasAttribute('open')), false);
    // Reopened (still failing), Escape closes it too.
    await page.locator('customer-hub-chat .launcher').click();
    await alert.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The network is back: "Try again" loads the chat.
    await page.locator('customer-hub-chat .launcher').click();
    fail = false;
    await retry.click();
    await dialog.getByRole('button', { name: 'Chat with us', exact: true }).waitFor();
    assert.equal(await dialog.getByRole('alert').count(), 0);
    const errors = (await problems(page)).filter((p) => p.startsWith('pageerror'));
    assert.deepEqual(errors, [], 'no unhandled rejection');
    await page.context().close();
  });

  it('finding 7: a French page whose language arrives after the skeleton speaks French in it', async () => {
    const page = await openPage(browser);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/cdn\/chunks\/fr-[^/]*\.js$/, async (r) => {
      await held;
      await r.continue();
    });
    await page.route(CHAT_CHUNK, () => undefined); // the chat's code never comes: the skeleton stays
    await page.goto(`${base}/launcher.html?customer=fr-${Date.now()}&lang=fr`);
    await widget(page).evaluate((el) => (el as HTMLElement & { open: boolean }).open = true);
    const skeleton = widget(page).locator('.skeleton .visually-hidden');
    await skeleton.waitFor({ state: 'attached' });
    release();
    await page.waitForFunction(() => document.querySelector('customer-hub-chat')!.shadowRoot!.querySelector('.skeleton .visually-hidden')!.textContent === 'Chargement du chat…');
    assert.equal(await widget(page).locator('.header .title').textContent(), 'Discutez avec nous');
    assert.equal(await widget(page).locator('.header button').getAttribute('aria-label'), 'Fermer');
    await page.context().close();
  });

  it('finding 8: lang switched to fr and back to en before the French chunk arrives stays English (the latest wins)', async () => {
    const page = await openPage(browser);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let frUrl = '';
    await page.route(/\/cdn\/chunks\/fr-[^/]*\.js$/, async (r) => {
      frUrl = r.request().url();
      await held;
      await r.continue();
    });
    await page.goto(`${base}/launcher.html?customer=lang-${Date.now()}`);
    const launcher = widget(page).locator('.launcher');
    await launcher.waitFor();
    await widget(page).evaluate(async (node) => {
      const el = node as HTMLElement & { updateComplete: Promise<boolean> };
      el.lang = 'fr'; // its chunk is asked for, and held
      await el.updateComplete;
      el.lang = 'en';
      await el.updateComplete;
    });
    for (let i = 0; i < 200 && !frUrl; i++) await page.waitForTimeout(50);
    assert.ok(frUrl, 'the French chunk was asked for');
    release();
    // The widget's own import of the chunk settles before this one (it asked first).
    await page.evaluate(async (url) => void (await import(url)), frUrl);
    await widget(page).evaluate((el) => (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete);
    assert.equal(await launcher.getAttribute('aria-label'), 'Open chat');
    await page.context().close();
  });
});
