// Two agents on one ticket, end to end (issue 17 part F): two browser contexts signed in
// to the inbox the real reference server serves, with a shopper's chat started over HTTP.
// Each agent sees the other viewing and typing; the assignee menu works by keyboard and
// the other agent sees it happen; a reply sent after another agent's reply arrived is
// flagged before it goes; the thread shows who did what. Screenshots: inbox-assign,
// inbox-collision, inbox-events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ENV, DEV_AGENT_KEY } from '../../party/core/seed.js';
import { Peer, SHOP, api, startChat, startServer, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems, shot } from './browser.js';

const SAM_KEY = 'e2e-sam-key';
const TEAM = JSON.stringify([
  { key: DEV_AGENT_KEY, id: 'agent-dev', name: 'Alex (Support)', role: 'admin', shops: [SHOP] },
  { key: SAM_KEY, id: 'agent-sam', name: 'Sam', role: 'agent', shops: [SHOP] },
]);

describe('two agents on one ticket (issue 17: assignment, events, collision)', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let alex: Page & { problems: string[] };
  let sam: Page & { problems: string[] };

  const inbox = (page: Page) => page.locator('customer-hub-inbox');
  const row = (page: Page, text: string) => page.locator('customer-hub-inbox [part="ticket-row"]', { hasText: text });
  const composer = (page: Page) => page.locator('customer-hub-inbox textarea[part="input"]');
  const presence = (page: Page) => page.locator('customer-hub-inbox .head .presence');
  const thread = (page: Page) => page.locator('customer-hub-inbox [part="thread"]');

  async function signIn(page: Page, key: string, name: string): Promise<void> {
    await page.goto(`${base}/inbox.html`);
    await page.getByLabel('Agent key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${name}`).waitFor();
  }

  before(async () => {
    server = await startServer({ vars: { ...(DEMO_ENV as Record<string, string>), AGENT_KEYS: TEAM } });
    base = server.origin.replace('127.0.0.1', 'localhost');
    browser = await launch();
    [alex, sam] = await Promise.all([openPage(browser, { viewport: { width: 1400, height: 860 } }), openPage(browser, { viewport: { width: 1400, height: 860 } })]);
    await signIn(alex, DEV_AGENT_KEY, 'Alex (Support)');
    await signIn(sam, SAM_KEY, 'Sam');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('presence, keyboard assignment seen by the other agent, the collision flag, and who did what', async () => {
    const chat = await startChat(api(server), `e2e-team-${Date.now()}`, 'My parcel never arrived, can someone help?');
    for (const page of [alex, sam]) {
      await row(page, 'My parcel never arrived').click();
      await composer(page).waitFor();
    }

    // Each sees the other viewing, never themselves.
    await presence(alex).getByText('Sam is viewing').waitFor();
    await presence(sam).getByText('Alex (Support) is viewing').waitFor();
    assert.equal(await presence(alex).getAttribute('aria-live'), 'polite');

    // Alex assigns the ticket to Sam with the keyboard alone: the menu opens on its current choice.
    const trigger = inbox(alex).locator('[data-trigger="assign"]');
    await trigger.focus();
    await alex.keyboard.press('Enter');
    const menu = inbox(alex).getByRole('menu', { name: 'Assignee' });
    await menu.waitFor();
    assert.deepEqual(await menu.getByRole('menuitemradio').allInnerTexts(), ['Unassigned', 'Alex (Support)', 'Sam']);
    assert.equal(await menu.getByRole('menuitemradio', { name: 'Unassigned' }).evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement), true);
    await alex.keyboard.press('ArrowDown');
    await alex.keyboard.press('ArrowDown');
    await shot(alex, 'inbox-assign');
    await alex.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await inbox(alex).locator('[data-trigger="assign"]', { hasText: 'Sam' }).waitFor();
    // Sam sees it live, in the header and as a line in the thread.
    await inbox(sam).locator('[data-trigger="assign"]', { hasText: 'Sam' }).waitFor();
    await thread(sam).locator('[data-event="assigned"]', { hasText: 'Alex (Support) assigned this to you' }).waitFor();
    await thread(alex).locator('[data-event="assigned"]', { hasText: 'You assigned this to Sam' }).waitFor();

    // Sam types: Alex sees it.
    await composer(sam).fill('Checking with the carrier');
    await presence(alex).getByText('Sam is typing…').waitFor();

    // Alex starts a draft; Sam's reply arrives meanwhile; Alex's Send asks first.
    await composer(alex).fill('Let me look into it');
    await composer(sam).press('Enter');
    await thread(alex).getByText('Checking with the carrier').waitFor();
    await composer(alex).press('Enter');
    const flag = inbox(alex).getByRole('alertdialog', { name: 'Sam replied while you were writing' });
    await flag.waitFor();
    assert.equal(await flag.getByRole('button', { name: 'Send anyway' }).evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement), true, 'Enter would confirm');
    await shot(alex, 'inbox-collision');
    // Escape: back to review, the draft kept and nothing sent.
    await alex.keyboard.press('Escape');
    await flag.waitFor({ state: 'detached' });
    assert.equal(await composer(alex).inputValue(), 'Let me look into it');
    assert.equal(await thread(sam).getByText('Let me look into it').count(), 0);
    // Reviewed: the next Send goes at once.
    await composer(alex).press('Enter');
    await thread(sam).getByText('Let me look into it').waitFor();
    assert.equal(await flag.count(), 0);

    // Sam's reply arrives again while Alex writes: Enter confirms "Send anyway".
    await composer(alex).fill('And I will refund the shipping');
    await composer(sam).fill('Carrier says Friday');
    await composer(sam).press('Enter');
    await thread(alex).getByText('Carrier says Friday').waitFor();
    await composer(alex).press('Enter');
    await flag.waitFor();
    await alex.keyboard.press('Enter');
    await thread(sam).getByText('And I will refund the shipping').waitFor();

    // Who did what: Alex snoozes, the shopper writes again (reopened by the customer).
    await inbox(alex).getByRole('button', { name: 'Snooze', exact: true }).click();
    await inbox(alex).getByRole('button', { name: 'In 1 hour' }).click();
    await thread(alex).locator('[data-event="snoozed"]', { hasText: 'by you' }).waitFor();
    await thread(sam).locator('[data-event="snoozed"]', { hasText: 'by Alex (Support)' }).waitFor();
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    shopper.send({ type: 'send', clientId: 'e2e-team-again', body: 'Any news about Friday?' });
    await thread(alex).locator('[data-event="reopened"]', { hasText: 'Reopened by the customer' }).waitFor();
    await thread(alex).getByText('Any news about Friday?').waitFor();
    await shot(alex, 'inbox-events');
    const lines = await thread(alex).locator('[data-event]').allInnerTexts();
    assert.equal(lines.length, 3, lines.join(' / '));
    assert.ok(shopper.frames.every((f) => f.type !== 'events' && f.type !== 'presence'), 'the shopper got no agent-only frame');
    shopper.close();

    // Sam leaves: Alex no longer sees him.
    await sam.close();
    await presence(alex).getByText('Sam is viewing').waitFor({ state: 'detached' });
    for (const page of [alex]) assert.deepEqual(await problems(page), []);
  });
});
