// The Shopify app's theme app extension (issue 15): its app embed block rendered as Shopify
// renders it (shopify-embed-render.ts), on a product page of a store on its own origin with a
// strict CSP, against the real chat server on another origin. Sessions go through the app
// proxy at the subpath the merchant set, signed as Shopify signs them.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEV_ENV } from '../../party/core/seed.js';
import { SHOP, agentToken, api, startServer, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems, shot } from './browser.js';
import { embedAsset, embedSchema, renderEmbed as renderEmbedAs } from './shopify-embed-render.js';
import { signProxyQuery } from './storefront.js';

const schema = embedSchema;
const renderEmbed = (settings: Record<string, unknown>, locale: string) => renderEmbedAs({ shop: SHOP, locale, settings, assetBase: '/extension-assets/' });

const PRODUCT_PAGE = (embed: string) => `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8" /><title>Linen shirt</title><link rel="stylesheet" href="/theme.css"></head>
<body>
<main><h1>Linen shirt</h1><p>Soft, breathable linen.</p><a href="#customer-hub-chat" class="help">Une question ? Écrivez-nous</a></main>
<div class="sticky-cart">Add to cart</div>
${embed}
</body>
</html>`;

const THEME_CSS = 'body{font-family:sans-serif;margin:0}.sticky-cart{position:fixed;bottom:0;left:0;right:0;height:72px;background:#222;color:#fff}';

/** A store: the product page with the rendered embed, the extension's assets, and Shopify's app proxy at `proxyPath`. */
async function startStore(chat: string, proxyPath: string): Promise<{ origin: string; setEmbed(html: string): void; customer: { id: string | null }; close(): Promise<void> }> {
  let embed = '';
  const customer = { id: null as string | null };
  const csp = `default-src 'self'; script-src 'self' ${chat}; style-src 'self'; img-src 'self' data:; connect-src 'self' ${chat} ${chat.replace(/^http/, 'ws')}; base-uri 'none'`;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://store.invalid');
    if (url.pathname.startsWith(`${proxyPath}/`)) {
      // Shopify's app proxy: the rest of the path under the app's proxy URL, the query signed.
      const query = new URLSearchParams({ shop: SHOP, logged_in_customer_id: customer.id ?? '', path_prefix: proxyPath, timestamp: String(Math.floor(Date.now() / 1000)) });
      query.set('signature', signProxyQuery(query, DEV_ENV.SHOPIFY_API_SECRET!));
      const body = await new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks)));
      });
      const answer = await fetch(`${chat}/shopify-proxy/${url.pathname.slice(proxyPath.length + 1)}?${query}`, {
        method: req.method ?? 'GET',
        headers: { 'Content-Type': 'application/json' },
        ...(req.method === 'POST' ? { body: new Uint8Array(body) } : {}),
      });
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      return void res.end(Buffer.from(await answer.arrayBuffer()));
    }
    if (url.pathname.startsWith('/extension-assets/')) {
      const name = url.pathname.slice('/extension-assets/'.length);
      const asset = embedAsset(name);
      if (!asset) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'Content-Type': name.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(asset);
    }
    if (url.pathname === '/theme.css') return void res.writeHead(200, { 'Content-Type': 'text/css' }).end(THEME_CSS);
    if (url.pathname !== '/products/linen-shirt') return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    res.end(PRODUCT_PAGE(embed));
  };
  const server: Server = createServer((req, res) => void handle(req, res).catch((err: unknown) => res.writeHead(502).end(String(err))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setEmbed: (html) => void (embed = html),
    customer,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('Shopify theme app extension: the app embed block', () => {
  let server: RunningServer;
  let browser: Browser;
  let store: Awaited<ReturnType<typeof startStore>>;
  /** The chat server as the store's pages name it: localhost, so the store (127.0.0.1) is another origin. */
  let chatHost: string;
  const proxyPath = '/apps/help-desk';

  before(async () => {
    server = await startServer();
    chatHost = `localhost:${server.port}`;
    store = await startStore(`http://${chatHost}`, proxyPath);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await store?.close();
    await server?.stop();
  });

  const widget = (page: Page) => page.locator('customer-hub-chat');
  const settings = () => ({ chat_host: chatHost, proxy_path: proxyPath, accent: '#0b6e4f', position: 'left', offset_bottom: 96 });

  it('is an app embed (target body) whose settings have defaults for the theme editor', () => {
    assert.equal(schema.target, 'body');
    assert.deepEqual(schema.settings.map((s) => s.id).sort(), ['accent', 'chat_host', 'offset_bottom', 'position', 'proxy_path', 'show_launcher']);
    for (const s of schema.settings) assert.notEqual(s.default, undefined, `${s.id} has a default`);
  });

  it('loads the chat with the theme editor\u2019s settings, and a logged-in customer starts a chat through the app proxy', async () => {
    store.setEmbed(await renderEmbed({ ...settings(), chat_host: ` ${chatHost} ` }, 'fr'));
    store.customer.id = '7301';
    const page = await openPage(browser, { viewport: { width: 1200, height: 820 } });
    await page.goto(`${store.origin}/products/linen-shirt`);
    const launcher = widget(page).getByRole('button', { name: 'Ouvrir le chat' });
    await launcher.waitFor();
    assert.deepEqual(
      await widget(page).evaluate((el) => [el.getAttribute('shop'), el.getAttribute('lang'), el.getAttribute('session-url'), el.getAttribute('host')]),
      [SHOP, 'fr', `${proxyPath}/session`, chatHost],
    );
    // Bottom left, above the sticky cart bar, in the merchant's colour.
    const box = (await launcher.boundingBox())!;
    assert.ok(box.x < 100, `on the left (x = ${box.x})`);
    assert.ok(820 - (box.y + box.height) >= 90, `above the 72 px cart bar (bottom at ${box.y + box.height})`);
    assert.equal(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(11, 110, 79)');
    // The store's page comes first: the widget's script is fetched only after the page's load event.
    const order = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const script = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/cdn/customer-hub-chat.js'))!;
      return { loadEnd: nav.loadEventEnd, scriptStart: script.startTime };
    });
    assert.ok(order.scriptStart >= order.loadEnd, `script fetched at ${order.scriptStart} ms, page loaded at ${order.loadEnd} ms`);
    await shot(page, 'shopify-embed-launcher');

    await launcher.click();
    await page.getByRole('button', { name: "Besoin d'aide ? Discutez avec nous" }).or(page.getByRole('button', { name: 'Discutez avec nous' })).first().click();
    const input = page.getByRole('textbox', { name: 'Écrire un message' });
    await input.fill('Le lin rétrécit-il ?');
    await input.press('Enter');
    await widget(page).locator('.status').getByText(/Envoyé|Vu/).waitFor();
    // The ticket is the logged-in customer's: the session came through the signed app proxy.
    const agent = await agentToken(api(server));
    const list = await api(server)('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent });
    const ticket = (list.body.tickets as Array<{ customer: { id: string }; lastMessage: { body: string } }>).find((t) => t.customer.id === '7301');
    assert.equal(ticket?.lastMessage.body, 'Le lin rétrécit-il ?');
    await shot(page, 'shopify-embed-thread');
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });

  it('with the launcher hidden, the store\u2019s own link opens the chat, also before the widget has loaded, and Escape gives the focus back to that link (finding 6)', async () => {
    store.setEmbed(await renderEmbed({ ...settings(), show_launcher: false }, 'en'));
    store.customer.id = null;
    const page = await openPage(browser);
    for (const early of [true, false]) {
      await page.goto(`${store.origin}/products/linen-shirt`, { waitUntil: early ? 'domcontentloaded' : 'load' });
      if (!early) {
        await page.waitForFunction(() => customElements.get('customer-hub-chat') !== undefined);
        await widget(page).evaluate((el) => (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete);
        assert.equal(await widget(page).locator('.launcher').count(), 0, 'no launcher of the widget\u2019s own (launcher="none")');
      }
      const link = page.getByRole('link', { name: 'Une question ? Écrivez-nous' });
      await link.click();
      await widget(page).locator('.panel').waitFor();
      assert.equal(await widget(page).evaluate((el) => el.hasAttribute('open')), true);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('customer-hub-chat')!.hasAttribute('open'));
      // Not <body>: the next Tab goes on from the link, not from the page's top.
      assert.equal(await link.evaluate((a) => a === document.activeElement), true, 'the focus is back on the store\u2019s link');
    }
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });
});
