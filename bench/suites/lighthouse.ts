/**
 * Suite `lighthouse` (issue 15): Shopify refuses apps that cost a store more than 10
 * Lighthouse points. A product-page fixture on a loopback store origin, without and with
 * the Shopify app's embed block (rendered as Shopify renders it), the widget loading from
 * the chat server on another origin as deployed, behind a proxy that compresses as
 * Cloudflare's edge does (`wrangler dev` sends the script uncompressed). Lighthouse's
 * mobile performance run with simulated throttling, 5 runs of each page alternated; the
 * medians of the score, Total Blocking Time and Largest Contentful Paint, and their
 * differences. Goal: no point lost.
 */
import { brotliCompressSync } from 'node:zlib';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import type { RunningServer } from '../../test/server/harness.js';
import { SHOP } from '../../test/server/harness.js';
import { embedAsset, renderEmbed } from '../../test/e2e/shopify-embed-render.js';
import { QUICK } from '../options.js';
import { kb, ms, results, row } from '../report.js';
import { median } from '../stats.js';

const RUNS = QUICK ? 1 : 5;

/** A product image: an 800×800 SVG, the page's largest paint. */
const PRODUCT_IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800"><rect width="800" height="800" fill="#e9e4da"/><path d="M250 180h300l90 120-70 40v280H230V340l-70-40z" fill="#b9a98c"/></svg>`;

const THEME_CSS = `body{margin:0;font-family:system-ui,sans-serif;color:#222}header,main{max-width:1100px;margin:0 auto;padding:16px}
main{display:grid;grid-template-columns:1fr;gap:24px}@media(min-width:800px){main{grid-template-columns:1fr 1fr}}
img{width:100%;height:auto;aspect-ratio:1}h1{font-size:28px;margin:0 0 8px}.price{font-size:22px}
.buy{display:block;width:100%;padding:14px;border:0;background:#111;color:#fff;font-size:16px;margin-top:16px}
.sticky-cart{position:fixed;left:0;right:0;bottom:0;height:64px;background:#111;color:#fff;display:flex;align-items:center;justify-content:center}`;

const productPage = (embed: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Linen shirt – Demo store</title><meta name="description" content="A soft, breathable linen shirt.">
<link rel="stylesheet" href="/theme.css">
</head>
<body>
<header><a href="/">Demo store</a></header>
<main>
<img src="/product.svg" alt="Linen shirt" width="800" height="800" fetchpriority="high">
<section><h1>Linen shirt</h1><p class="price">€49.00</p>
<p>Soft, breathable linen, cut for warm days. Machine washable at 30 °C.</p>
<button class="buy" type="button">Add to cart</button></section>
</main>
<div class="sticky-cart">Add to cart · €49.00</div>
${embed}
</body>
</html>`;

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}): void {
  const raw = Buffer.from(body);
  const br = /\bbr\b/.test(String(req.headers['accept-encoding'] ?? '')) && /text|javascript|json|svg/.test(type);
  res.writeHead(status, { 'Content-Type': type, ...headers, ...(br ? { 'Content-Encoding': 'br', Vary: 'Accept-Encoding' } : {}) });
  res.end(br ? brotliCompressSync(raw) : raw);
}

/** The chat server as deployed: the same answers, compressed at the edge. */
async function edge(origin: string) {
  const server = createServer((req, res) => {
    void (async () => {
      const answer = await fetch(origin + (req.url ?? '/'), { method: req.method ?? 'GET', headers: req.headers.origin ? { Origin: String(req.headers.origin) } : {} });
      const headers: Record<string, string> = {};
      for (const [k, v] of answer.headers) if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) headers[k] = v;
      send(req, res, answer.status, answer.headers.get('content-type') ?? 'application/octet-stream', Buffer.from(await answer.arrayBuffer()), headers);
    })().catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { host: `localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function store(embed: string) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const cached = { 'Cache-Control': 'public, max-age=31536000' };
    if (path === '/products/plain') return send(req, res, 200, 'text/html; charset=utf-8', productPage(''));
    if (path === '/products/with-chat') return send(req, res, 200, 'text/html; charset=utf-8', productPage(embed));
    if (path === '/theme.css') return send(req, res, 200, 'text/css', THEME_CSS, cached);
    if (path === '/product.svg') return send(req, res, 200, 'image/svg+xml', PRODUCT_IMAGE, cached);
    const asset = path.startsWith('/extension-assets/') ? embedAsset(path.slice('/extension-assets/'.length)) : null;
    if (asset) return send(req, res, 200, path.endsWith('.js') ? 'text/javascript' : 'text/css', asset, cached);
    send(req, res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

interface Run {
  score: number;
  tbt: number;
  lcp: number;
  /** Bytes the chat cost the page over the network (its script and chunks, the embed's assets, the config). */
  chatBytes: number;
}

interface NetworkRequest {
  url: string;
  statusCode: number;
  transferSize?: number;
}

const signed = (n: number, unit: (n: number) => string) => `${n >= 0 ? '+' : '\u2212'}${unit(Math.abs(n))}`;

export async function lighthouseScores(chatServer: RunningServer): Promise<void> {
  const cdn = await edge(chatServer.origin);
  const embed = await renderEmbed({ shop: SHOP, locale: 'en', settings: { chat_host: cdn.host }, assetBase: '/extension-assets/' });
  const shop = await store(embed);
  const chrome = await chromeLauncher.launch({ chromePath: findChrome(), chromeFlags: CHROME_ARGS });
  const runs: Record<'plain' | 'with-chat', Run[]> = { plain: [], 'with-chat': [] };
  try {
    // Alternated, so that both pages meet the same moments of a shared machine.
    for (let i = 0; i < RUNS; i++) {
      for (const page of ['plain', 'with-chat'] as const) {
        const result = await lighthouse(`${shop.origin}/products/${page}`, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
        const lhr = result!.lhr;
        const requests = ((lhr.audits['network-requests']?.details as { items?: NetworkRequest[] } | undefined)?.items ?? []).filter(
          (r) => r.url.includes(cdn.host) || r.url.includes('/extension-assets/'),
        );
        // A run that never loaded the widget would measure nothing: refuse it.
        if (page === 'with-chat' && !requests.some((r) => r.url.endsWith('/cdn/customer-hub-chat.js') && r.statusCode === 200)) {
          throw new Error(`lighthouse: the chat did not load (${JSON.stringify(requests)})`);
        }
        if (process.env.BENCH_LIGHTHOUSE_DETAIL === '1') {
          const items = (audit: string) => (lhr.audits[audit]?.details as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? [];
          console.log(page, 'long tasks', JSON.stringify(items('long-tasks').map((t) => [t.url, Math.round(Number(t.duration)), Math.round(Number(t.startTime))])));
          console.log(page, 'bootup', JSON.stringify(items('bootup-time').map((t) => [t.url, Math.round(Number(t.total)), Math.round(Number(t.scripting))])));
          console.log(page, 'main thread', JSON.stringify(items('mainthread-work-breakdown').map((t) => [t.group, Math.round(Number(t.duration))])));
        }
        runs[page].push({
          chatBytes: requests.reduce((n, r) => n + (r.transferSize ?? 0), 0),
          score: Math.round((lhr.categories.performance!.score ?? 0) * 100),
          tbt: lhr.audits['total-blocking-time']!.numericValue ?? 0,
          lcp: lhr.audits['largest-contentful-paint']!.numericValue ?? 0,
        });
      }
    }
  } finally {
    await chrome.kill();
    shop.close();
    cdn.close();
  }
  const med = (page: keyof typeof runs, k: keyof Run) => median(runs[page].map((r) => r[k]));
  const figures = Object.fromEntries((['score', 'tbt', 'lcp', 'chatBytes'] as const).map((k) => [k, { plain: med('plain', k), withChat: med('with-chat', k) }]));
  const { score, tbt, lcp, chatBytes } = figures as Record<keyof Run, { plain: number; withChat: number }>;
  row(`lighthouse: product page score, without / with the chat (median of ${RUNS})`, `${score.plain} / ${score.withChat} (${signed(score.withChat - score.plain, String)} points; goal: none lost, Shopify's limit 10)`);
  row('lighthouse: Total Blocking Time, without / with (median)', `${ms(tbt.plain)} / ${ms(tbt.withChat)} (${signed(tbt.withChat - tbt.plain, ms)})`);
  row('lighthouse: Largest Contentful Paint, without / with (median)', `${ms(lcp.plain)} / ${ms(lcp.withChat)} (${signed(lcp.withChat - lcp.plain, ms)})`);
  row('lighthouse: bytes the chat adds to the page load (median)', kb(chatBytes.withChat));
  row('lighthouse: scores of every run, without | with', `${runs.plain.map((r) => r.score).join(' ')} | ${runs['with-chat'].map((r) => r.score).join(' ')}`);
  results.lighthouse = { runs, medians: figures, mode: 'mobile, simulated throttling (Lighthouse 12.2.3)' };
}
