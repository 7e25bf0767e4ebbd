// The demo works as a static page with no server: msw in the page runs the
// reference server's domain code (DESIGN §1 server-mock/).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, openPage, problems, shot } from './browser.js';

const SITE = new URL('../../dist/site/', import.meta.url).pathname;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

describe('static demo with the msw mock', () => {
  let server: Server;
  let browser: Browser;
  let base: string;
  before(async () => {
    // A plain static file server: nothing of the chat server runs.
    server = createServer(async (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      try {
        const body = await readFile(join(SITE, path));
        res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://localhost:${(server.address() as { port: number }).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('chats with no server: FAQ, welcome, a first message that creates the ticket', async () => {
    const page = await openPage(browser);
    await page.goto(`${base}/mock.html?customer=static-1`);
    await page.locator('customer-hub-chat .launcher').click();
    await page.getByRole('button', { name: 'How long does shipping take?' }).waitFor();
    await page.getByRole('button', { name: 'Chat with us' }).last().click();
    const input = page.getByRole('textbox', { name: 'Write a message' });
    await input.fill('Hello from a static page');
    await input.press('Enter');
    await page.locator('customer-hub-chat .status').getByText(/Sent|Seen/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'End chat' }).count(), 1);
    await shot(page, 'static-mock');
    assert.deepEqual(await problems(page), []);
  });
});
