/**
 * A merchant's storefront on its own origin, as the README tells merchants to deploy
 * (issue 13): the pages load the script-tag build from the chat server, another origin.
 *
 * - `theme(path)`: a Shopify theme page with the README's Shopify snippet, and Shopify's
 *   app proxy emulated on this origin: `/apps/customer-hub/*` is forwarded to the chat
 *   server's `/shopify-proxy/*` with the query signed exactly as Shopify signs it (with
 *   `logged_in_customer_id` when a customer is logged in, empty otherwise).
 * - `headless(path)`: a headless storefront page with the README's snippet and an
 *   `identity` JWT this "backend" signs with the shop's identity secret.
 * - `logIn(page, id)` / `logOut(page)`: the store's own customer login, a cookie on this
 *   origin that the proxy turns into `logged_in_customer_id` (and the headless backend
 *   into the identity's `sub`), so tests switch customers on one browser as Shopify does.
 *
 * Pages are served with a strict Content-Security-Policy header that allows the chat
 * server and nothing else, as a careful store would (its images too: `https:` names it in
 * production, this test server is plain http).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type { Page } from 'playwright-core';

const README = new URL('../../README.md', import.meta.url);
export const PROXY_PREFIX = '/apps/customer-hub';
const COOKIE = 'store_customer';

export interface StorefrontOptions {
  /** The chat server's origin as the store's pages name it, e.g. `http://localhost:1999`. */
  chat: string;
  shop: string;
  /** The Shopify app's secret: signs the app proxy's query (the dev server's `SHOPIFY_API_SECRET`). */
  apiSecret: string;
  /** The shop's identity secret (headless storefronts). */
  identitySecret: string;
}

export interface Storefront {
  /** This store's origin, `http://127.0.0.1:<port>`. */
  origin: string;
  /** A theme page (the Shopify snippet, the app proxy for sessions). */
  theme(path?: string): string;
  /** A headless storefront page (the identity snippet). */
  headless(path?: string): string;
  /** Logs `customerId` in to the store on this page's browser (a cookie on the store's origin). */
  logIn(page: Page, customerId: string, name?: string): Promise<void>;
  logOut(page: Page): Promise<void>;
  /** Every request the app proxy forwarded, with the query it signed. */
  readonly proxied: URLSearchParams[];
  close(): Promise<void>;
}

/** A fenced block of the README, by language and a string it contains. */
function readmeSnippet(lang: string, containing: string): string {
  const text = readFileSync(README, 'utf8');
  const block = [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!).find((b) => b.includes(containing));
  if (!block) throw new Error(`README has no ${lang} block with ${containing}`);
  return block;
}

/** The README's snippets with the merchant's values put in, as a merchant would. */
function snippets(opts: StorefrontOptions) {
  const host = new URL(opts.chat).host;
  const withChat = (s: string) => s.replaceAll('https://chat.example.com', opts.chat).replaceAll('chat.example.com', host);
  const theme = withChat(readmeSnippet('liquid', 'session-url'))
    .replaceAll('{{ shop.permanent_domain }}', opts.shop)
    .replaceAll('{{ request.locale.iso_code }}', 'en');
  const headless = withChat(readmeSnippet('html', 'identity="')).replaceAll('my-store.myshopify.com', opts.shop);
  if (/\{\{|chat\.example\.com/.test(theme + headless)) throw new Error('a README placeholder was left unfilled');
  return { theme, headless };
}

/** Shopify's app proxy signature: sorted `key=value` (values of one key joined by `,`), no separator, HMAC-SHA256 hex. */
export function signProxyQuery(query: URLSearchParams, secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of query) if (k !== 'signature') grouped.set(k, [...(grouped.get(k) ?? []), v]);
  const message = [...grouped.keys()].sort().map((k) => `${k}=${grouped.get(k)!.join(',')}`).join('');
  return createHmac('sha256', secret).update(message).digest('hex');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function customerOf(req: IncomingMessage): { id: string; name: string } | null {
  const raw = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  if (!raw) return null;
  const [id, name] = decodeURIComponent(raw.slice(COOKIE.length + 1)).split('|');
  return id ? { id, name: name || id } : null;
}

function page(res: ServerResponse, opts: StorefrontOptions, title: string, body: string): void {
  const ws = opts.chat.replace(/^http/, 'ws');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'self'; script-src 'self' ${opts.chat}; style-src 'self'; img-src 'self' data: https: ${opts.chat}; connect-src 'self' ${opts.chat} ${ws}; base-uri 'none'; form-action 'self'`,
    'Cache-Control': 'no-store',
  });
  res.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><title>${escapeHtml(title)}</title></head>
<body>
<header><a href="/">Store</a> <a href="/account/login">Log in</a> <a href="/account/logout">Log out</a></header>
<main><h1>${escapeHtml(title)}</h1></main>
${body}
</body>
</html>`);
}

/** Shopify's app proxy: the same path under `/shopify-proxy/`, the query signed, cookies dropped. */
async function proxy(req: IncomingMessage, res: ServerResponse, url: URL, opts: StorefrontOptions, proxied: URLSearchParams[]): Promise<void> {
  const query = new URLSearchParams(url.search);
  for (const k of ['shop', 'logged_in_customer_id', 'path_prefix', 'timestamp', 'signature']) query.delete(k);
  query.set('shop', opts.shop);
  query.set('logged_in_customer_id', customerOf(req)?.id ?? '');
  query.set('path_prefix', PROXY_PREFIX);
  query.set('timestamp', String(Math.floor(Date.now() / 1000)));
  query.set('signature', signProxyQuery(query, opts.apiSecret));
  proxied.push(new URLSearchParams(query));
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
  const target = `${opts.chat}/shopify-proxy/${url.pathname.slice(PROXY_PREFIX.length + 1)}?${query}`;
  const answer = await fetch(target, {
    method: req.method ?? 'GET',
    headers: { 'Content-Type': String(req.headers['content-type'] ?? 'application/json') },
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
  res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json', 'Cache-Control': 'no-store' });
  res.end(Buffer.from(await answer.arrayBuffer()));
}

async function identityFor(customer: { id: string; name: string }, secret: string): Promise<string> {
  return new SignJWT({ name: customer.name, email: `${customer.id}@example.com` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(customer.id)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

export async function startStorefront(opts: StorefrontOptions): Promise<Storefront> {
  const html = snippets(opts);
  const proxied: URLSearchParams[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://store.invalid');
    const back = url.searchParams.get('return_url');
    const redirect = (cookie: string) => {
      res.writeHead(302, { 'Set-Cookie': cookie, Location: back && back.startsWith('/') ? back : '/' });
      res.end();
    };
    if (url.pathname.startsWith(`${PROXY_PREFIX}/`)) return proxy(req, res, url, opts, proxied);
    if (url.pathname === '/account/login') {
      const id = url.searchParams.get('customer');
      if (!id) return page(res, opts, 'Log in', '<p>Log in to your account.</p>');
      return redirect(`${COOKIE}=${encodeURIComponent(`${id}|${url.searchParams.get('name') ?? ''}`)}; Path=/; HttpOnly; SameSite=Lax`);
    }
    if (url.pathname === '/account/logout') return redirect(`${COOKIE}=; Path=/; Max-Age=0`);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }
    const customer = customerOf(req);
    if (url.pathname.startsWith('/headless')) {
      // The merchant's backend signs the identity of the logged-in customer; a visitor gets none.
      const snippet = customer
        ? html.headless.replace(/identity="[^"]*"/, `identity="${await identityFor(customer, opts.identitySecret)}"`)
        : html.headless.replace(/\s*identity="[^"]*"/, '');
      return page(res, opts, 'Headless store', snippet);
    }
    return page(res, opts, 'Theme store', html.theme);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`storefront: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    proxied,
    theme: (path = '/') => `${origin}${path}`,
    headless: (path = '/headless') => `${origin}${path}`,
    async logIn(p, customerId, name) {
      const q = new URLSearchParams({ customer: customerId, ...(name ? { name } : {}) });
      await p.goto(`${origin}/account/login?${q}`);
    },
    async logOut(p) {
      await p.goto(`${origin}/account/logout`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
