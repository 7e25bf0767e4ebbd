/** Suite `load`: the widget's load cost in Chromium, beside a bare Lit element and an empty page. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import { launch } from '../../test/e2e/browser.js';
import { QUICK, ROOT } from '../options.js';
import { ms, results, row } from '../report.js';
import { median } from '../stats.js';

export async function loadCost() {
  const dir = mkdtempSync(join(tmpdir(), 'chc-load-'));
  writeFileSync(join(dir, 'bare.ts'), `import { LitElement, html, css } from 'lit';
class BareLauncher extends LitElement {
  static styles = css\`button { position: fixed; right: 20px; bottom: 20px; width: 58px; height: 58px; border-radius: 50%; }\`;
  render() { return html\`<button class="launcher" aria-label="Open chat">?</button>\`; }
}
customElements.define('bare-launcher', BareLauncher);`);
  await build({ entryPoints: [join(dir, 'bare.ts')], bundle: true, minify: true, format: 'esm', outfile: join(dir, 'bare.js'), define: { 'process.env.NODE_ENV': '"production"' }, nodePaths: [join(ROOT, 'node_modules')] });
  const probe = (tag: string) => `<script type="module">
    const t0 = performance.now();
    const long = []; new PerformanceObserver((l) => long.push(...l.getEntries())).observe({ type: 'longtask', buffered: true });
    const done = () => { window.__result = { rendered: performance.now(), long: long.length, heap: performance.memory?.usedJSHeapSize ?? 0 }; };
    ${tag ? `const check = () => document.querySelector('${tag}')?.shadowRoot?.querySelector('.launcher')?.checkVisibility({ opacityProperty: true, visibilityProperty: true }) ? done() : requestAnimationFrame(check); check();` : `addEventListener('load', done);`}
  </script>`;
  const pages: Record<string, string> = {
    'empty.html': `<!doctype html><html><body><p>Store</p>${probe('')}</body></html>`,
    'bare.html': `<!doctype html><html><head><script type="module" src="/bare.js"></script></head><body><p>Store</p><bare-launcher></bare-launcher>${probe('bare-launcher')}</body></html>`,
    // A first visit: the launcher shows once the shop's public config says nothing gates it (R2), answered by this server.
    'ours.html': `<!doctype html><html><head><script type="module" src="/cdn/customer-hub-chat.js"></script></head><body><p>Store</p><customer-hub-chat shop="demo.myshopify.com" host="${'${HOST}'}"></customer-hub-chat>${probe('customer-hub-chat')}</body></html>`,
    // A returning visitor: an earlier page's "not gated" answer is in storage, so the launcher shows at its first draw.
    'returning.html': `<!doctype html><html><head><script>localStorage.setItem('customer-hub-chat:demo.myshopify.com:gate', JSON.stringify({ gated: false, at: Date.now() }))</script><script type="module" src="/cdn/customer-hub-chat.js"></script></head><body><p>Store</p><customer-hub-chat shop="demo.myshopify.com" host="${'${HOST}'}"></customer-hub-chat>${probe('customer-hub-chat')}</body></html>`,
  };
  const config = JSON.stringify({ enabled: true, loginStatus: 'all' });
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path === '/parties/main/demo.myshopify.com/config') return res.writeHead(200, { 'Content-Type': 'application/json' }).end(config);
    const page = pages[path.slice(1)]?.replaceAll('${HOST}', `127.0.0.1:${port}`);
    const body = page ?? (path === '/bare.js' ? readFileSync(join(dir, 'bare.js')) : path.startsWith('/cdn/') ? readFileSync(join(ROOT, 'dist', path)) : null);
    if (body === null) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': extname(path) === '.js' ? 'text/javascript' : 'text/html' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await launch();
  const out: Record<string, { rendered: number; long: number; heapMB: number }> = {};
  for (const name of ['empty', 'bare', 'ours', 'returning']) {
    const samples: Array<{ rendered: number; long: number; heap: number }> = [];
    for (let i = 0; i < (QUICK ? 3 : 9); i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/${name}.html`);
      await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result);
      samples.push(await page.evaluate(() => (window as unknown as { __result: { rendered: number; long: number; heap: number } }).__result));
      await context.close();
    }
    out[name] = { rendered: median(samples.map((s) => s.rendered)), long: median(samples.map((s) => s.long)), heapMB: median(samples.map((s) => s.heap)) / 1e6 };
  }
  await browser.close();
  server.close();
  // "Rendered" is a visible launcher (issue 19 item 3: one whose gate is unknown is drawn transparent).
  row('load: time to rendered launcher, ours, first visit (median)', ms(out.ours!.rendered));
  row('load: time to rendered launcher, ours, returning visitor (median)', ms(out.returning!.rendered));
  row('load: time to rendered button, bare Lit element (median)', ms(out.bare!.rendered));
  // Issue 19: the launcher is a plain element (no Lit to evaluate), so it should beat a bare Lit element by half.
  row('load: ours / bare Lit (goal ≤ 0.5×), first visit / returning', `${(out.ours!.rendered / out.bare!.rendered).toFixed(2)}× / ${(out.returning!.rendered / out.bare!.rendered).toFixed(2)}×`);
  row('load: empty page, load event (median)', ms(out.empty!.rendered));
  row('load: long tasks, ours / returning / bare / empty', `${out.ours!.long} / ${out.returning!.long} / ${out.bare!.long} / ${out.empty!.long}`);
  results.load = out;
}
