// The whole product end to end (issue 5): a shopper on the demo storefront and an agent
// in the demo inbox, two browser contexts, against the real reference server as
// `npm start` runs it (demo data seeded). Screenshots of the inbox go to test/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ENV } from '../../party/core/seed.js';
import { startServer, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems, shot } from './browser.js';

/** A solid-colour PNG of the given size, as an agent's screenshot would be. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = png(160, 100, [196, 160, 120]);

describe('the team inbox and the storefront together', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let agent: Page & { problems: string[] };

  before(async () => {
    server = await startServer({ vars: DEMO_ENV as Record<string, string> });
    base = server.origin.replace('127.0.0.1', 'localhost');
    browser = await launch();
    agent = await openPage(browser, { viewport: { width: 1400, height: 860 } });
    await agent.goto(`${base}/inbox.html`);
    await agent.getByRole('heading', { name: 'Sign in to the team inbox' }).waitFor();
    await shot(agent, 'inbox-sign-in');
    await agent.getByLabel('Agent key').fill('dev-agent-key');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByText('Signed in as Alex (Support)').waitFor();
    // The seeded demo conversations (DESIGN §9).
    await row(agent, 'Grace Hopper').waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const row = (page: Page, name: string) => page.locator('customer-hub-inbox [part="ticket-row"]', { hasText: name });
  const composer = (page: Page) => page.locator('customer-hub-inbox textarea[part="input"]');

  it('a chat from first message to closed ticket and the next ticket, live on both sides, with no CSP violation', async () => {
    const customer = `e2e-inbox-${Date.now()}`;
    const shopper = await openPage(browser);
    await shopper.goto(`${base}/launcher.html?customer=${customer}`);
    await shopper.locator('customer-hub-chat .launcher').click();

    // The shopper browses the FAQs, then starts a chat with the policy links in view (R3–R6).
    await shopper.getByRole('button', { name: 'How long does shipping take?' }).click();
    await shopper.getByText('Orders ship within 2 business days').waitFor();
    await shopper.getByRole('button', { name: 'Still need help? Chat with us' }).click();
    await shopper.locator('customer-hub-chat [part="policy-links"] a').first().waitFor();
    const input = shopper.getByRole('textbox', { name: 'Write a message' });
    await input.fill('Hi! Is the wool sweater warm enough for winter?');
    await input.press('Enter');

    // The ticket appears live in the inbox, unread, and the badge counts it (R13, R14).
    const ticketRow = row(agent, 'Is the wool sweater warm enough');
    await ticketRow.waitFor();
    assert.equal(await ticketRow.locator('[part="unread-dot"]').count(), 1);
    assert.match(await ticketRow.locator('.channel').innerText(), /Chat/);
    const badge = Number(await agent.locator('customer-hub-inbox [part="badge"]').innerText());
    assert.ok(badge >= 1, `badge ${badge}`);
    assert.match(await agent.title(), /^\(\d+\) Inbox/);
    await shot(agent, 'inbox-new-ticket');

    // The agent replies with a macro (the "/" list) and an image (R16); auto-assigned (R18).
    const ticketId = (await ticketRow.getAttribute('data-ticket'))!;
    const byId = agent.locator(`customer-hub-inbox [part="ticket-row"][data-ticket="${ticketId}"]`);
    await ticketRow.click();
    await composer(agent).fill('/thanks');
    await agent.locator('customer-hub-inbox #macro-list').getByText('Thanks', { exact: true }).waitFor();
    await composer(agent).press('Enter');
    assert.equal(await composer(agent).inputValue(), 'Thanks for your patience! Let me check that for you.');
    await composer(agent).press('Enter');
    await agent.locator('customer-hub-inbox input[type="file"]').setInputFiles({ name: 'sweater.png', mimeType: 'image/png', buffer: PNG });
    await agent.locator('customer-hub-inbox .pending img').waitFor();
    await agent.locator('customer-hub-inbox .pending progress').waitFor({ state: 'detached' });
    await composer(agent).fill('Here is the label: 100% merino.');
    await composer(agent).press('Enter');
    await agent.locator('customer-hub-inbox .head .sub', { hasText: 'Assigned to Alex (Support)' }).waitFor();

    // The shopper sees both replies at once; the agent sees them read (R7, R17).
    await shopper.getByText('Thanks for your patience! Let me check that for you.').waitFor();
    await shopper.getByText('Here is the label: 100% merino.').waitFor();
    await shopper.locator('customer-hub-chat img[src*="/uploads/"]').waitFor();
    await agent.locator('customer-hub-inbox .msg.team img[src*="/uploads/"]').waitFor();
    await agent.locator('customer-hub-inbox [data-seen]').waitFor();
    await shot(agent, 'inbox-ticket');
    await shot(shopper, 'shopper-sees-agent-reply');

    // Snooze; the shopper's next message reopens it (R15).
    await agent.getByRole('button', { name: 'Snooze', exact: true }).click();
    await agent.getByRole('button', { name: 'In 1 hour', exact: true }).click();
    await agent.locator('customer-hub-inbox .head .sub', { hasText: 'Snoozed until' }).waitFor();
    await byId.waitFor({ state: 'detached' });
    await input.fill('Great, and does it shrink in the wash?');
    await input.press('Enter');
    await agent.locator('customer-hub-inbox .head .sub', { hasText: 'Open' }).waitFor();
    await byId.waitFor();
    assert.match(await byId.innerText(), /does it shrink in the wash/);

    // The shopper ends the chat: the ticket is closed for good (R8, R15).
    await shopper.getByRole('button', { name: 'End chat' }).first().click();
    await shopper.locator('customer-hub-chat .confirm .primary').click();
    await shopper.getByText('This chat has ended').waitFor();
    await agent.getByText('This ticket is closed.').waitFor();
    assert.equal(await composer(agent).count(), 0);
    assert.equal(await agent.getByRole('button', { name: 'Reopen' }).count(), 0);

    // The shopper's next message is a new ticket in the inbox (R8).
    await shopper.getByRole('button', { name: 'Start a new chat' }).click();
    await input.fill('Another question about my order');
    await input.press('Enter');
    await row(agent, 'Another question about my order').waitFor();
    await agent.locator('customer-hub-inbox').getByRole('button', { name: 'Closed', exact: true }).click();
    await byId.waitFor();
    await shot(agent, 'inbox-closed-filter');
    await agent.locator('customer-hub-inbox').getByRole('button', { name: 'Open', exact: true }).click();

    assert.deepEqual(await problems(shopper), []);
    assert.deepEqual(await problems(agent), []);
    await shopper.context().close();
  });

  it('R16: the profile panel shows the seeded Shopify profile and its history', async () => {
    await row(agent, 'Grace Hopper').click();
    const profile = agent.locator('customer-hub-inbox [part="profile"]');
    await profile.getByText('Order #1038: 59.90 EUR').waitFor();
    assert.match(await profile.innerText(), /grace@example\.com/);
    assert.match(await profile.innerText(), /Created an account/);
    // The SMS ticket shares the inbox with an envelope icon (R13).
    assert.match(await row(agent, 'Marie Curie').locator('.channel').innerText(), /SMS/);
  });

  it('issue 16: an SMS conversation: the seeded SMS ticket, the segment counter as the reply is typed, the reply stored; screenshot', async () => {
    await row(agent, 'Marie Curie').click();
    await agent.locator('customer-hub-inbox [part="thread"]').getByText('Bonjour, avez-vous la veste en taille M ?').waitFor();
    const counter = agent.locator('customer-hub-inbox .sms-counter');
    await composer(agent).fill('Oui, nous l’avons en M.');
    // The typographic apostrophe is not GSM-7: the reply goes as Unicode (70 a message).
    assert.equal(await agent.locator('customer-hub-inbox .sms-status [role="status"]').innerText(), '1 SMS (special characters: 70 a message)');
    await composer(agent).fill(`Oui, nous l'avons en M. ${'Merci ! '.repeat(20)}`.trim());
    assert.match(await counter.innerText(), /^183\/1600 · 2 SMS$/);
    await composer(agent).fill("Oui, nous l'avons en M. Voulez-vous que je la mette de côté ?");
    await composer(agent).press('Enter');
    await agent.locator('customer-hub-inbox .msg.team', { hasText: 'Voulez-vous que je la mette de côté' }).waitFor();
    assert.match(await counter.innerText(), /^0\/1600 · 0 SMS$/);
    await shot(agent, 'inbox-sms-ticket');
    assert.deepEqual(await problems(agent), []);
  });

  it('R12: settings changed in the inbox reach an open widget without a reload; R2 under each loginStatus', async () => {
    const shopper = await openPage(browser);
    await shopper.goto(`${base}/launcher.html?customer=e2e-settings-${Date.now()}`);
    await shopper.locator('customer-hub-chat .launcher').click();
    await shopper.getByRole('button', { name: 'How long does shipping take?' }).waitFor();

    const anonymous = await openPage(browser);
    await anonymous.goto(`${base}/launcher.html`);
    await anonymous.evaluate(() => localStorage.setItem('demo-logged-in', '0'));
    await anonymous.goto(`${base}/launcher.html?anonymous`);
    // loginStatus "all": the visitor sees the chat and is shown how to log in.
    await anonymous.locator('customer-hub-chat .launcher').click();
    await anonymous.getByRole('link', { name: 'Log in' }).waitFor();

    await agent.getByRole('button', { name: 'Settings' }).click();
    const settings = agent.locator('customer-hub-inbox [part="settings"]');
    await settings.getByLabel('Welcome message').waitFor();
    await shot(agent, 'inbox-settings');
    await settings.getByLabel('Welcome message').fill('Hello from the e2e team!');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved. Open widgets have the new settings.').waitFor();
    // The FAQ is its own section (issue 17), saved on its own.
    await settings.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'FAQ' }).click();
    await settings.locator('[data-faq="draft"]').getByRole('checkbox', { name: 'Published' }).check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved. Open widgets have the new settings.').waitFor();
    await settings.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Chat' }).click();

    // The open widget shows the newly published FAQ at once, and the new welcome.
    await shopper.getByRole('button', { name: 'Unpublished question' }).waitFor();
    await shopper.getByRole('button', { name: 'Still need help? Chat with us' }).or(shopper.getByRole('button', { name: 'Chat with us' })).first().click();
    await shopper.getByText('Hello from the e2e team!').waitFor();

    // loginStatus "logged-in": the open anonymous widget goes away, and a fresh page never shows it.
    await settings.getByLabel('Who can chat').selectOption('logged-in');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved. Open widgets have the new settings.').waitFor();
    await anonymous.locator('customer-hub-chat').waitFor({ state: 'hidden' });
    await anonymous.reload();
    await anonymous.waitForFunction(() => document.querySelector('customer-hub-chat')?.hidden === true);
    assert.equal(await anonymous.locator('customer-hub-chat .launcher').isVisible(), false);
    // The logged-in shopper keeps the chat.
    assert.equal(await shopper.evaluate(() => document.querySelector('customer-hub-chat')!.hidden), false);
    assert.equal(await shopper.getByText('Hello from the e2e team!').isVisible(), true);

    await settings.getByLabel('Who can chat').selectOption('all');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved. Open widgets have the new settings.').waitFor();
    await agent.getByRole('button', { name: /^Inbox/ }).click();
    await shopper.context().close();
    await anonymous.context().close();
  });

  it('keeps its layout on a tablet, in dark mode and in French', async () => {
    const tablet = await openPage(browser, { viewport: { width: 900, height: 1100 } });
    await tablet.goto(`${base}/inbox.html`);
    await tablet.getByLabel('Agent key').fill('dev-agent-key');
    await tablet.getByRole('button', { name: 'Sign in' }).click();
    await row(tablet, 'Grace Hopper').click();
    await tablet.locator('customer-hub-inbox textarea[part="input"]').waitFor();
    // Two panes: the list beside the conversation; the profile behind a button.
    const list = await tablet.locator('customer-hub-inbox [part="ticket-list"]').boundingBox();
    const thread = await tablet.locator('customer-hub-inbox [part="thread"]').boundingBox();
    assert.ok(list && thread && list.x + list.width <= thread.x + 1, 'list beside the thread');
    assert.equal(await tablet.locator('customer-hub-inbox [part="profile"]').isVisible(), false);
    await tablet.getByRole('button', { name: 'Profile' }).click();
    await tablet.locator('customer-hub-inbox [part="profile"]').getByText('Order #1038: 59.90 EUR').waitFor();
    await shot(tablet, 'inbox-tablet');

    const dark = await openPage(browser, { viewport: { width: 1400, height: 860 }, colorScheme: 'dark' });
    await dark.goto(`${base}/inbox.html?lang=fr`);
    await dark.getByLabel('Clé d’agent').fill('dev-agent-key');
    await dark.getByRole('button', { name: 'Se connecter' }).click();
    await row(dark, 'Grace Hopper').click();
    await dark.getByText('Historique').waitFor();
    const bg = await dark.locator('customer-hub-inbox').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, 'rgb(23, 24, 28)');
    await shot(dark, 'inbox-dark-fr');
    assert.deepEqual(await problems(tablet), []);
    assert.deepEqual(await problems(dark), []);
  });
});
