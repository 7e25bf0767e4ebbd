// Issue 17 end to end: the demo storefront in Chromium against the real server and a
// fake Postmark of ours on loopback. A shopper leaves the page; the agent's reply comes
// by e-mail with a link; the link (`?chc=open`) opens the chat with the reply; the shopper
// ends it and has the conversation e-mailed to their account. Screenshots:
// reply-link-open.png, transcript-sent.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEV_ENV } from '../../party/core/seed.js';
import { fakePostmark, waitFor, type FakeEmail } from '../server/fake-email.js';
import { Peer, SHOP, agentToken, api, startServer, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems, shot } from './browser.js';

describe('shopper e-mails on the demo storefront (issue 17)', () => {
  let server: RunningServer;
  let browser: Browser;
  let fake: FakeEmail;
  let base: string;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), REPLY_NOTICE_SECONDS: '2' } });
    base = server.origin.replace('127.0.0.1', 'localhost');
    fake = await fakePostmark('pm-e2e');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    fake?.close();
    await server?.stop();
  });

  it('a reply to a shopper who left is e-mailed with a link that reopens the chat; the ended chat e-mails its transcript', async () => {
    const call = api(server);
    const admin = await agentToken(call);
    const customer = `e2e-mail-${Date.now()}`;
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const email = { enabled: true, provider: 'postmark', token: 'pm-e2e', from: 'Demo Store <support@demo.example>', to: ['team@demo.example'], events: [], apiBaseUrl: fake.base, storefrontUrl: `${base}/launcher.html?customer=${customer}` };
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, notifications: { ...settings.notifications, email } } })).status, 200);

    const first = await openPage(browser);
    await first.goto(`${base}/launcher.html?customer=${customer}`);
    await first.locator('customer-hub-chat .launcher').click();
    await first.getByRole('button', { name: 'Chat with us' }).first().click();
    const input = first.getByRole('textbox', { name: 'Write a message' });
    await input.fill('Has my parcel left?');
    await input.press('Enter');
    await first.locator('customer-hub-chat .status').getByText(/Sent|Seen/).waitFor();

    const tickets = (await call('GET', `main/${SHOP}/tickets?status=open`, { token: admin })).body.tickets;
    const ticket = tickets.find((t: { customer: { id: string } }) => t.customer.id === customer);
    const team = Peer.ticket(server, ticket.id, admin, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    await team.until((p) => p.of('sync').length === 1 && p.of('presence').length === 1, 'the team in the room');
    await first.context().close(); // the shopper leaves: no socket
    // A reply the room stores before it has seen the shopper's socket close finds them still
    // there and is never e-mailed (a slow server is slow to see it): the room tells the
    // agents of every socket that leaves, so reply once it has told them.
    await team.until((p) => p.of('presence').length === 2, 'the room to see the shopper leave', 60_000);
    team.send({ type: 'send', clientId: 'e2e-mail-reply', body: 'Yes, it left this morning.' });
    await waitFor(() => fake.mails.some((m) => m.To === 'ada@example.com' && m.Subject.startsWith('You have a reply')), 60_000, 'the reply notice');
    const notice = fake.mails.find((m) => m.Subject.startsWith('You have a reply'))!;
    const link = /Continue the conversation[^\n]*?: (https?:\/\/\S+)/.exec(notice.TextBody)![1]!;
    // The page the chat was on (setContext's pageUrl, as the browser saw it), with `chc=open`.
    const target = new URL(link);
    assert.equal(target.origin, base);
    assert.match(target.pathname, /^\/launcher(\.html)?$/);
    assert.deepEqual([target.searchParams.get('customer'), target.searchParams.get('chc')], [customer, 'open']);

    // The link brings the shopper back: the panel opens at the chat, the reply in it.
    const page = await openPage(browser);
    await page.goto(link);
    await page.getByText('Yes, it left this morning.').waitFor();
    assert.equal(await page.locator('customer-hub-chat').evaluate((el) => (el as HTMLElement & { open: boolean }).open), true);
    await shot(page, 'reply-link-open');

    await page.getByRole('button', { name: 'End chat' }).first().click();
    await page.locator('customer-hub-chat .confirm .primary').click();
    await page.getByText('This chat has ended').waitFor();
    await page.getByRole('button', { name: 'E-mail me this conversation' }).click();
    await page.getByText('Sent to a•••@example.com').waitFor();
    await shot(page, 'transcript-sent');
    await waitFor(() => fake.mails.some((m) => m.Subject === 'Your conversation with Demo Store'), 60_000, 'the transcript');
    const transcript = fake.mails.find((m) => m.Subject === 'Your conversation with Demo Store')!;
    assert.equal(transcript.To, 'ada@example.com');
    assert.match(transcript.TextBody, /Has my parcel left\?[\s\S]*Yes, it left this morning\./);
    assert.deepEqual(await problems(page), []);
    team.close();
  });
});
