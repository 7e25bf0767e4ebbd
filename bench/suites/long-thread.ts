/** Suite `long`: a 10,000-message thread in the widget and in the inbox (first render, DOM size), over the in-page mock. */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { extname, join } from 'node:path';
import { launch } from '../../test/e2e/browser.js';
import { QUICK, ROOT } from '../options.js';
import { ms, results, row } from '../report.js';

export async function longThread() {
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    try {
      const body = readFileSync(join(ROOT, 'dist/site', path));
      res.writeHead(200, { 'Content-Type': extname(path) === '.js' ? 'text/javascript' : 'text/html' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await launch();
  const page = await browser.newPage();
  // tsx keeps function names with a helper the page does not have.
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.goto(`http://localhost:${port}/mock.html?customer=long`);
  await page.waitForFunction(() => (globalThis as { customerHubMock?: unknown }).customerHubMock);
  const n = QUICK ? 2000 : 10_000;
  const figures = await page.evaluate(async (count) => {
    type Backend = { fetch(r: Request, o: string): Promise<Response>; ticket(id: string): { room: { post(a: object, b: string): Promise<unknown> } } };
    const backend = (globalThis as unknown as { customerHubMock: Backend }).customerHubMock;
    const post = (path: string, body: unknown, token?: string) =>
      backend.fetch(new Request(`${location.origin}/parties/main/demo.myshopify.com/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }), location.origin).then((r) => r.json());
    const session = await post('session', { devCustomer: { id: 'long', name: 'Ada' } });
    const started = await post('chats', { clientId: crypto.randomUUID(), body: 'Start' }, session.token);
    const room = backend.ticket(started.ticket.id).room;
    for (let i = 0; i < count; i++) await room.post({ role: i % 2 ? 'agent' : 'ai', id: 'a', name: 'Alex' }, `Message number ${i}`);
    const old = document.querySelector('customer-hub-chat') as HTMLElement & { transport: unknown };
    const transport = old.transport;
    old.remove();
    const heap0 = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const t0 = performance.now();
    const el = document.createElement('customer-hub-chat') as HTMLElement & { shop: string; mode: string; transport: unknown };
    el.shop = 'demo.myshopify.com';
    el.mode = 'inline';
    el.transport = transport;
    document.body.append(el);
    return { t0, heap0, ticketId: started.ticket.id as string };
  }, n);
  await page.waitForFunction((count) => {
    const root = document.querySelector('customer-hub-chat')?.shadowRoot;
    return root?.textContent?.includes(`Message number ${count - 1}`);
  }, n, { timeout: 60_000 });
  const after = await page.evaluate(() => {
    const root = document.querySelector('customer-hub-chat')!.shadowRoot!;
    const thread = root.querySelector('.thread') as HTMLElement;
    const t = performance.now();
    thread.scrollTop = 0;
    (root.querySelector('.older') as HTMLElement | null)?.click();
    return { firstRender: performance.now(), nodes: root.querySelectorAll('*').length, messages: root.querySelectorAll('.msg').length, heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0, scrollStep: performance.now() - t };
  });

  // The same ticket opened in the team inbox (its own script, the same in-page server).
  await page.addScriptTag({ type: 'module', url: '/cdn/customer-hub-inbox.js' });
  await page.waitForFunction(() => customElements.get('customer-hub-inbox'));
  await page.evaluate(async () => {
    type Backend = { fetch(r: Request, o: string): Promise<Response> };
    const backend = (globalThis as unknown as { customerHubMock: Backend }).customerHubMock;
    const session = await backend
      .fetch(new Request(`${location.origin}/parties/main/demo.myshopify.com/agents/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ agentKey: 'dev-agent-key' }) }), location.origin)
      .then((r) => r.json());
    const inbox = document.createElement('customer-hub-inbox') as HTMLElement & { host: string; shop: string; token: string };
    inbox.host = location.host;
    inbox.shop = 'demo.myshopify.com';
    inbox.token = session.token;
    inbox.style.height = '800px';
    document.body.append(inbox);
  });
  const row$ = `customer-hub-inbox [part="ticket-row"][data-ticket="${figures.ticketId}"]`;
  await page.locator(row$).waitFor();
  const t1 = await page.evaluate(() => performance.now());
  await page.locator(row$).click();
  await page.locator('customer-hub-inbox [part="thread"]').getByText(`Message number ${n - 1}`, { exact: true }).waitFor({ timeout: 60_000 });
  const inboxFigures = await page.evaluate(() => {
    const view = document.querySelector('customer-hub-inbox')!.shadowRoot!.querySelector('customer-hub-inbox-ticket')!.shadowRoot!;
    const thread = view.querySelector('[part="thread"]') as HTMLElement;
    const t = performance.now();
    thread.scrollTop = 0;
    const step = performance.now() - t;
    return { shown: performance.now(), nodes: view.querySelectorAll('*').length, messages: view.querySelectorAll('[part="message"]').length, scrollStep: step };
  });
  await browser.close();
  server.close();
  row(`long thread: ${n} messages, time to first render in the widget`, ms(after.firstRender - figures.t0));
  row('long thread: DOM nodes / message elements in the widget', `${after.nodes} / ${after.messages}`);
  row(`long thread: ${n} messages, click to last message shown in the inbox`, ms(inboxFigures.shown - t1));
  row('long thread: DOM nodes / message elements in the inbox ticket view', `${inboxFigures.nodes} / ${inboxFigures.messages}`);
  results.longThread = {
    messages: n,
    firstRenderMs: after.firstRender - figures.t0,
    domNodes: after.nodes,
    messageElements: after.messages,
    inbox: { openMs: inboxFigures.shown - t1, domNodes: inboxFigures.nodes, messageElements: inboxFigures.messages },
  };
}
