// Issue 17 B end to end: the demo storefront in Chromium against the real reference server,
// under the demo's strict CSP. The shopper sends a photo through the paperclip (the real
// upload route with their ticket token), then closes the panel; an agent's reply shows as
// the launcher's preview, which opens the chat. Screenshots: thread-attachments.png,
// launcher-preview.png, launcher-preview-phone.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Peer, agentToken, api, startServer, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems, shot } from './browser.js';

/** A 160 × 100 photo-like PNG, drawn by the browser itself. */
async function photo(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(160, 100);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#c4a078';
    g.fillRect(0, 0, 160, 100);
    g.fillStyle = '#8a5a32';
    g.fillRect(30, 25, 100, 50);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return btoa(String.fromCharCode(...bytes));
  });
  return Buffer.from(base64, 'base64');
}

describe('shopper images and the launcher preview on the demo storefront (issue 17 B)', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  before(async () => {
    server = await startServer();
    base = server.origin.replace('127.0.0.1', 'localhost');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const phone of [false, true]) {
    it(`a photo by the paperclip shows in the thread; a reply with the panel closed shows beside the launcher and opens the chat${phone ? ' (phone)' : ''}`, async () => {
      const page = await openPage(browser, phone ? { viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true } : {});
      const customer = `e2e-img-${phone ? 'phone' : 'desk'}-${Date.now()}`;
      await page.goto(`${base}/launcher.html?customer=${customer}`);
      await page.locator('customer-hub-chat .launcher').click();
      await page.getByRole('button', { name: 'Still need help? Chat with us' }).or(page.getByRole('button', { name: 'Chat with us' })).first().click();
      const input = page.getByRole('textbox', { name: 'Write a message' });
      await input.fill('My parcel arrived damaged');
      await input.press('Enter');
      await page.locator('customer-hub-chat .status').getByText(/Sent|Seen/).waitFor();

      await page.getByRole('button', { name: 'Attach an image' }).waitFor();
      await page.locator('customer-hub-chat input[type="file"]').setInputFiles({ name: 'parcel.png', mimeType: 'image/png', buffer: await photo(page) });
      await page.locator('customer-hub-chat .pending img').waitFor();
      await page.locator('customer-hub-chat .pending progress').waitFor({ state: 'detached' });
      await input.fill('This is how it looked');
      await input.press('Enter');
      const sent = page.locator('customer-hub-chat .msg.shopper img');
      await sent.waitFor();
      assert.match((await sent.getAttribute('src')) ?? '', /\/parties\/ticket\/[^/]+\/uploads\//);
      await page.waitForFunction(() => {
        const img = document.querySelector('customer-hub-chat')!.shadowRoot!.querySelector<HTMLImageElement>('.msg.shopper img');
        return !!img && img.complete && img.naturalWidth === 160;
      });
      if (!phone) await shot(page, 'thread-attachments');

      // The agent answers while the panel is closed.
      const agent = await agentToken(api(server));
      const tickets = (await api(server)('GET', 'main/demo.myshopify.com/tickets?status=open', { token: agent })).body.tickets;
      const ticket = tickets.find((t: { customer: { id: string } }) => t.customer.id === customer);
      assert.ok(ticket, 'the ticket is in the inbox');
      assert.equal(ticket.lastMessage.body, 'This is how it looked');
      await input.press('Escape');
      const team = Peer.ticket(server, ticket.id, agent, { origin: null });
      await team.opened();
      team.send({ type: 'hello', lastSeq: 0 });
      team.send({ type: 'send', clientId: `e2e-img-reply-${phone}`, body: "So sorry about that! We're sending a replacement today.\nTracking follows." });
      const preview = page.locator('customer-hub-chat [part="reply-preview"]');
      await preview.waitFor();
      assert.match((await preview.textContent()) ?? '', /We're sending a replacement today\./);
      const box = (await preview.boundingBox())!;
      const width = phone ? 390 : 1200;
      assert.ok(box.x >= 0 && box.x + box.width <= width, 'within the screen');
      assert.ok(box.width <= 300, 'a short preview, not a sheet over the page');
      await shot(page, phone ? 'launcher-preview-phone' : 'launcher-preview');

      await preview.getByRole('button').first().click();
      await page.locator('customer-hub-chat .panel').getByText("So sorry about that! We're sending a replacement today.").waitFor();
      assert.equal(await preview.count(), 0);
      team.close();
      assert.deepEqual(await problems(page), []);
    });
  }
});
