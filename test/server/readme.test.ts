// The README's headless-client example runs as written against the real server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readmeBlocks, runExample } from '../readme-examples.js';
import { originWebSocket, shopperClient } from './clients.js';
import { PAGE_ORIGIN, startServer, type RunningServer } from './harness.js';

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
