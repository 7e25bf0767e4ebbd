// Issue 17 B2 end to end: the demo storefront in Chromium against the real reference
// server, under the demo's strict CSP. The shopper starts a chat and closes the panel; an
// agent's reply over the real ticket socket shows as the launcher's preview (author and
// first line, within the screen, its dismiss button named for what it hides), which opens
// the chat. Screenshots: launcher-preview.png, launcher-preview-phone.png.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { Peer, agentToken, api, sleep, type RunningServer } from '../server/harness.js';
import { useDemoStorefront, openPage, problems, shot } from './browser.js';

describe('the launcher shows a reply on the demo storefront (issue 17 B2)', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  useDemoStorefront((demo) => ({ server, browser, base } = demo));

  for (const phone of [false, true]) {
    it(`a reply with the panel closed shows beside the launcher and opens the chat${phone ? ' (phone)' : ''}`, async () => {
      const page = await openPage(browser, phone ? { viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true } : {});
      const customer = `e2e-preview-${phone ? 'phone' : 'desk'}-${Date.now()}`;
      await page.goto(`${base}/launcher.html?customer=${customer}`);
      await page.locator('customer-hub-chat .launcher').click();
      await page.getByRole('button', { name: 'Still need help? Chat with us' }).or(page.getByRole('button', { name: 'Chat with us' })).first().click();
      const input = page.getByRole('textbox', { name: 'Write a message' });
      await input.fill('Where is my parcel?');
      await input.press('Enter');
      await page.locator('customer-hub-chat .status').getByText(/Sent|Seen/).waitFor();

      const agent = await agentToken(api(server));
      // The shop's index follows the ticket room a moment later: ask again (bounded) until it has the chat.
      let ticket: { id: string; customer: { id: string } } | undefined;
      for (let i = 0; i < 50 && !ticket; i++) {
        if (i) await sleep(200);
        const tickets = (await api(server)('GET', 'main/demo.myshopify.com/tickets?status=open', { token: agent })).body.tickets;
        ticket = tickets.find((t: { customer: { id: string } }) => t.customer.id === customer);
      }
      assert.ok(ticket, 'the ticket is in the inbox');
      // The panel closes; the agent answers.
      await input.press('Escape');
      const preview = page.locator('customer-hub-chat [part="reply-preview"]');
      assert.equal(await preview.count(), 0, 'nothing to preview before the reply');
      const team = Peer.ticket(server, ticket.id, agent, { origin: null });
      await team.opened();
      team.send({ type: 'hello', lastSeq: 0 });
      team.send({ type: 'send', clientId: `e2e-preview-reply-${phone}`, body: "It left our warehouse today <b>in the morning</b>.\nTracking follows." });
      await preview.waitFor();
      const said = (await preview.textContent()) ?? '';
      assert.match(said, /It left our warehouse today <b>in the morning<\/b>\./, 'the reply as text');
      assert.doesNotMatch(said, /Tracking follows/, 'its first line only');
      const box = (await preview.boundingBox())!;
      const width = phone ? 390 : 1200;
      assert.ok(box.x >= 0 && box.x + box.width <= width, 'within the screen');
      assert.ok(box.width <= 300, 'a short preview, not a sheet over the page');
      await shot(page, phone ? 'launcher-preview-phone' : 'launcher-preview');
      // Chromium's accessibility tree names the dismiss button for what it hides (not a bare "Close").
      assert.equal(await preview.getByRole('button', { name: 'Dismiss reply preview', exact: true }).count(), 1);

      await preview.getByRole('button').first().click();
      await page.locator('customer-hub-chat .panel').getByText('It left our warehouse today <b>in the morning</b>.').waitFor();
      assert.equal(await preview.count(), 0);
      team.close();
      assert.deepEqual(await problems(page), []);
    });
  }
});
