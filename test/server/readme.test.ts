// The README's headless-client example runs as written against the real server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readmeBlocks, runExample } from '../readme-examples.js';
import { originWebSocket, shopperClient } from './clients.js';
import { PAGE_ORIGIN, SHOP, agentToken, api, startServer, type RunningServer } from './harness.js';

describe('README examples against the server', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('the headless client example starts a chat on the dev server', async () => {
    const [example] = readmeBlocks("createPartykitTransport({ host: 'localhost:1999'");
    assert.ok(example);
    const logs: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
    // The example is for a page: give Node a page's WebSocket and Origin header.
    const g = globalThis as { WebSocket?: unknown; fetch: typeof fetch };
    const realFetch = g.fetch;
    g.WebSocket = originWebSocket(PAGE_ORIGIN);
    g.fetch = (url, init = {}) => realFetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: PAGE_ORIGIN } });
    try {
      await runExample(`${example}\nawait new Promise((r) => setTimeout(r, 1500)); client.destroy();`, [
        ["'localhost:1999'", `'localhost:${server.port}'`],
      ]);
    } finally {
      console.log = log;
      g.fetch = realFetch;
      delete g.WebSocket;
    }
    assert.ok(logs.includes('view faq'), logs.join('\n'));
    assert.ok(logs.some((l) => l.includes('shopper: Where is my order? (sent)') || l.includes('shopper: Where is my order? (seen)')), logs.join('\n'));
  });

  it('issue 13 item 14: the Node example runs on Node with `ws`, no global WebSocket and no Origin header, and its message reaches the inbox', async () => {
    const [example] = readmeBlocks("import WebSocket from 'ws';");
    assert.ok(example, 'the Node example is in the README');
    assert.equal((globalThis as { WebSocket?: unknown }).WebSocket, undefined, 'Node 20: no global WebSocket');
    const customer = `c42-${Date.now()}`;
    const logs: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => void logs.push(`error: ${args.map(String).join(' ')}`);
    try {
      await runExample(`${example}\nawait new Promise((r) => setTimeout(r, 1500)); client.destroy();`, [
        ["'localhost:1999'", `'localhost:${server.port}'`],
        ["setSubject('c42')", `setSubject('${customer}')`],
      ]);
    } finally {
      console.log = log;
      console.error = error;
    }
    assert.ok(logs.some((l) => /shopper: Hello from the server \((sent|seen)\)/.test(l)), logs.join('\n'));
    assert.ok(!logs.some((l) => l.startsWith('error:')), logs.join('\n'));
    const agent = await agentToken(api(server));
    const listed = await api(server)('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent });
    const ticket = listed.body.tickets.find((t: { customer: { id: string } }) => t.customer.id === customer);
    assert.equal(ticket?.customer.name, 'Ada Lovelace');
  });

  it('the headless inbox example sees the open tickets live', async () => {
    const [example] = readmeBlocks('new InboxClient(');
    assert.ok(example);
    const shopper = shopperClient(server.origin, `readme-${Date.now()}`);
    await shopper.start();
    shopper.send('Hello from the README test');
    const logs: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
    const g = globalThis as { WebSocket?: unknown };
    g.WebSocket = originWebSocket(null);
    try {
      await runExample(`${example}\nawait new Promise((r) => setTimeout(r, 1500)); inbox.destroy();`, [["'localhost:1999'", `'localhost:${server.port}'`]]);
    } finally {
      console.log = log;
      delete g.WebSocket;
      shopper.destroy();
    }
    assert.ok(logs.some((l) => /^open tickets: .*Shopper readme-/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /^unread: [1-9]/.test(l)), logs.join('\n'));
  });
});
