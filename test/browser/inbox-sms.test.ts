// The inbox's SMS side (issue 16, R13, R14, R16) in Chromium against the msw mock: SMS
// tickets stored as the server stores them (server-mock/sms-fixtures.ts), their
// numbers written for reading, Twilio's delivery states under each reply and live
// from `delivery` frames, MMS media that is not shown, the segment counter and the
// opted-out notice in the composer, the SMS and e-mail settings sections, and the
// e-mails' `#ticket=` link. Keyboard and axe as everywhere in the inbox.
import { expect } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import type { Ticket } from '../../src/index.js';
import { devBackend } from '../../server-mock/handlers.js';
import { pushDelivery, seedSmsTicket, type SmsFixture } from '../../server-mock/sms-fixtures.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import type { SmsChannel } from '../../party/core/sms/twilio.js';
import { all, button, mountInbox, one, open, row, settingsSection, settle, signedIn, textOf, type } from './inbox-harness.js';
import { MOCK_ORIGIN, useMockShop } from './mock-server.js';

const backend = devBackend();
const shop = useMockShop(backend);
afterEach(() => {
  history.replaceState(null, '', location.pathname + location.search);
});

let n = 0;
/** A number of its own per test (+1 514-555-01xx), so rows never mix. */
const phone = () => `+151455501${String(++n).padStart(2, '0')}`;
const readable = (e164: string) => `+1 514-555-${e164.slice(-4)}`;
const sms = (fixture: Partial<SmsFixture> & { phone: string }): Promise<Ticket> =>
  seedSmsTicket(backend, DEV_SHOP, { messages: [{ from: 'shopper', body: 'Is my order on its way?' }], ...fixture });
/** The shop's Twilio channel, its Messages API answered in the page: every reply is taken (`queued`). */
const TWILIO: SmsChannel = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'test-auth-token', from: '+15005550006', apiBaseUrl: `${MOCK_ORIGIN}/fake-twilio` };
const twilioTakes = () =>
  shop.mock.use(http.post(`${MOCK_ORIGIN}/fake-twilio/2010-04-01/Accounts/:sid/Messages.json`, () => HttpResponse.json({ sid: `SM${crypto.randomUUID().replace(/-/g, '')}`, status: 'queued' }, { status: 201 })));
const states = (el: CustomerHubInbox) => all(el, '.msg.team').map((m) => m.querySelector('[data-delivery]')?.textContent?.trim() ?? '');

describe('<customer-hub-inbox> SMS tickets (issue 16)', () => {
  it('R13: an SMS row shows the envelope and the number written for reading, never the raw id; the channel filter keeps SMS apart', async () => {
    const number = phone();
    await sms({ phone: number, messages: [{ from: 'shopper', body: 'Texting about my order' }] });
    const el = await signedIn();
    await settle(el, () => !!row(el, readable(number)), 'the SMS row');
    const r = row(el, readable(number))!;
    expect(r.querySelector('.channel')!.textContent).to.contain('SMS');
    expect(r.querySelector('.channel svg rect')).to.exist; // the envelope
    expect(r.textContent).to.contain('Texting about my order');
    expect(textOf(el, '[part="ticket-list"]')).not.to.contain(`sms:${number}`);
    const select = one<HTMLSelectElement>(el, 'select#channel');
    select.value = 'chat';
    select.dispatchEvent(new Event('change'));
    await settle(el, () => !row(el, readable(number)), 'chat only');
    select.value = 'sms';
    select.dispatchEvent(new Event('change'));
    await settle(el, () => !!row(el, readable(number)), 'SMS again');
    expect(all(el, '[part="ticket-row"] .channel').every((c) => c.textContent!.includes('SMS'))).to.equal(true);

    // A number matched to a Shopify profile reads as the name, the number in the profile.
    const named = phone();
    await sms({ phone: named, name: 'Marie Curie' });
    await open(el, 'Marie Curie');
    expect(textOf(el, '[part="profile"]')).to.contain(readable(named));
  });

  it('shows Twilio’s delivery state under each reply, live from delivery frames, the failure in words; MMS media that is not an image is named, never fetched nor linked', async () => {
    const number = phone();
    twilioTakes();
    const ticket = await sms({
      phone: number,
      sms: TWILIO,
      messages: [
        { from: 'shopper', body: 'Here is a video of the damage', attachments: [{ type: 'file', url: 'https://media.example/MM1/video.mp4', contentType: 'video/mp4' }] },
        { from: 'agent', body: 'Thanks, looking at it', delivery: { state: 'delivered' } },
        { from: 'agent', body: 'Can you send a photo too?', delivery: { state: 'failed', error: '30003: Unreachable destination handset' } },
        { from: 'agent', body: 'We will call you', delivery: { state: 'sent' } },
      ],
    });
    const el = await signedIn();
    await open(el, readable(number));
    await settle(el, () => states(el).length === 3 && states(el).every(Boolean), 'the delivery states');
    expect(states(el)).to.deep.equal(['Delivered', 'Not delivered: 30003: Unreachable destination handset', 'Sent']);
    expect(textOf(el, '.file-attachment')).to.equal('Attachment not shown (video/mp4)');
    const thread = one(el, '[part="thread"]')!;
    expect(thread.innerHTML).not.to.contain('media.example');

    // The status callback for the last reply arrives: the thread follows it live.
    await pushDelivery(backend, ticket.id, 4, { state: 'delivered' });
    await settle(el, () => states(el)[2] === 'Delivered', 'delivered, live');

    // A new reply: acked, then Twilio's states as they come.
    await type(el, 'On our way', 'Enter');
    await settle(el, () => all(el, '.msg.team').length === 4, 'the reply');
    await settle(el, () => states(el).length === 4, 'four replies');
    await pushDelivery(backend, ticket.id, 5, { state: 'sending' });
    await settle(el, () => states(el)[3] === 'Sending', 'sending');
    await pushDelivery(backend, ticket.id, 5, { state: 'failed', error: '21610: Attempt to send to unsubscribed recipient' });
    await settle(el, () => states(el)[3] === 'Not delivered: 21610: Attempt to send to unsubscribed recipient', 'failed');
    expect(one(el, '[data-delivery="failed"]')!.closest('.msg')!.textContent).to.contain('Can you send a photo too?');

    // After a reload the stored states come back with the sync.
    el.remove();
    const again = await mountInbox();
    await open(again, readable(number));
    await settle(again, () => states(again).length === 4 && states(again).every(Boolean), 'the states after a reload');
    expect(states(again)).to.deep.equal(['Delivered', 'Not delivered: 30003: Unreachable destination handset', 'Delivered', 'Not delivered: 21610: Attempt to send to unsubscribed recipient']);
    await expect(again).to.be.accessible();
  });

  it('counts SMS segments in the composer (160/153 GSM-7, 70/67 Unicode), announces only at thresholds, and refuses more than 1,600 characters', async () => {
    const number = phone();
    const ticket = await sms({ phone: number });
    const el = await signedIn();
    await open(el, readable(number));
    const input = one<HTMLTextAreaElement>(el, 'textarea[part="input"]')!;
    expect(input.getAttribute('aria-describedby')).to.equal('sms-status');
    const counter = () => textOf(el, '.sms-counter');
    const announced = () => textOf(el, '.sms-status [role="status"]');
    await type(el, 'a'.repeat(150));
    expect(counter()).to.equal('150/1600 · 1 SMS');
    const first = announced();
    await type(el, 'a'.repeat(160));
    expect([counter(), announced()]).to.deep.equal(['160/1600 · 1 SMS', first]); // nothing new to announce
    await type(el, 'a'.repeat(161));
    expect([counter(), announced()]).to.deep.equal(['161/1600 · 2 SMS', '2 SMS']);
    await type(el, `${'a'.repeat(70)}ł`);
    expect(announced()).to.equal('2 SMS (special characters: 70 a message)');
    await type(el, 'ł'.repeat(70));
    expect(announced()).to.equal('1 SMS (special characters: 70 a message)');

    await type(el, 'a'.repeat(1601));
    expect(textOf(el, '.sms-status [role="alert"]')).to.equal('Too long for an SMS: 1601 of 1600 characters.');
    expect(one<HTMLButtonElement>(el, '[part="send-button"]')!.disabled).to.equal(true);
    await type(el, 'a'.repeat(1601), 'Enter');
    await type(el, 'a'.repeat(1600));
    expect(one<HTMLButtonElement>(el, '[part="send-button"]')!.disabled).to.equal(false);
    expect(all(el, '.sms-status [role="alert"]').length).to.equal(0);
    // Nothing was sent while it was too long.
    const stored = await backend.ticket(ticket.id).room.ticket();
    expect(stored!.lastMessage!.author.role).to.equal('shopper');
  });

  it('an opted-out number: the composer says so and sends nothing, by button or by Enter', async () => {
    const number = phone();
    const ticket = await sms({ phone: number, optedOut: true, messages: [{ from: 'shopper', body: 'STOP' }] });
    const el = await signedIn();
    await open(el, readable(number));
    expect(textOf(el, '.sms-status.opted-out')).to.equal('This number replied STOP: no text can be sent until it replies START.');
    expect(one(el, '.sms-status.opted-out')!.getAttribute('role')).to.equal('status');
    await type(el, 'Are you still there?');
    expect(one<HTMLButtonElement>(el, '[part="send-button"]')!.disabled).to.equal(true);
    await type(el, 'Are you still there?', 'Enter');
    await el.updateComplete;
    expect(one<HTMLTextAreaElement>(el, 'textarea[part="input"]')!.value).to.equal('Are you still there?', 'the draft is kept');
    expect(all(el, '.msg.team').length).to.equal(0);
    expect((await backend.ticket(ticket.id).room.ticket())!.lastMessage!.body).to.equal('STOP');
    await expect(el).to.be.accessible();
  });

  it('opens the ticket an e-mail links to (#ticket=<id>)', async () => {
    const number = phone();
    const ticket = await sms({ phone: number, messages: [{ from: 'shopper', body: 'Linked from an e-mail' }] });
    history.replaceState(null, '', `${location.pathname}${location.search}#ticket=${encodeURIComponent(ticket.id)}`);
    const el = await signedIn();
    await settle(el, () => one(el, '.head h2')?.textContent === readable(number), 'the linked ticket');
    expect(textOf(el, '[part="thread"]')).to.contain('Linked from an e-mail');
  });

  it('R12: settings have an "SMS (Twilio)" and an "E-mail notifications" section; their secrets are write-only', async () => {
    const el = await signedIn();
    await settingsSection(el, 'sms');
    expect(textOf(el, 'fieldset[data-section="sms"] legend')).to.equal('SMS (Twilio)');
    await settingsSection(el, 'notifications');
    expect(textOf(el, 'fieldset[data-section="email"] legend')).to.equal('E-mail notifications');
    const check = (name: string) => {
      const box = one<HTMLInputElement>(el, `input[name="${name}"]`)!;
      box.click();
    };
    const fill = async (name: string, text: string) => {
      const field = one<HTMLInputElement | HTMLTextAreaElement>(el, `[name="${name}"]`)!;
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    check('emailEnabled');
    await settle(el, () => !!one(el, 'input[name="emailToken"]'), 'the e-mail fields');
    await fill('emailToken', 'pm-secret-token');
    await fill('emailFrom', 'Shop <support@shop.example>');
    await fill('emailTo', 'team@shop.example\nlead@shop.example');
    await fill('inboxUrl', 'https://team.example/inbox.html');
    button(el, 'Save settings')!.click();
    await settle(el, () => textOf(el, '.bar [role="status"]').includes('Saved'), 'saved');

    const stored = (await (await backend.shop(DEV_SHOP)).settings()).notifications.email!;
    expect(stored).to.deep.include({ enabled: true, provider: 'postmark', token: 'pm-secret-token', from: 'Shop <support@shop.example>', inboxUrl: 'https://team.example/inbox.html' });
    expect(stored.to).to.deep.equal(['team@shop.example', 'lead@shop.example']);
    expect(stored.events).to.deep.equal(['ticket.created', 'ticket.waiting']);

    // The SMS section, only looked at: switched on shows its fields, the token write-only;
    // switched off again with nothing filled in, it leaves nothing to save.
    await settingsSection(el, 'sms');
    check('smsEnabled');
    await settle(el, () => !!one(el, 'input[name="authToken"]'), 'the SMS fields');
    for (const name of ['accountSid', 'authToken', 'smsFrom', 'messagingServiceSid', 'publicUrl', 'smsApiBaseUrl']) expect(one(el, `input[name="${name}"]`), name).to.exist;
    expect(one<HTMLInputElement>(el, 'input[name="authToken"]')!.type).to.equal('password');
    check('smsEnabled');
    button(el, 'Save settings')!.click();
    await settle(el, () => textOf(el, '.bar [role="status"]').includes('Saved'), 'the SMS section saved');
    expect((await (await backend.shop(DEV_SHOP)).settings()).sms).to.equal(undefined);

    // Shown again, the token is not there: not in the field, not in the page.
    el.remove();
    const again = await mountInbox();
    await settle(again, () => !!button(again, 'Settings'), 'the remembered session');
    await settingsSection(again, 'notifications');
    await settle(again, () => !!one(again, 'input[name="emailToken"]'), 'the saved e-mail section');
    expect(one<HTMLInputElement>(again, 'input[name="emailToken"]')!.value).to.equal('');
    expect(all(again, 'input').some((i) => (i as HTMLInputElement).value.includes('pm-secret-token'))).to.equal(false);
    expect(one<HTMLInputElement>(again, 'input[name="emailEnabled"]')!.checked).to.equal(true);
    await expect(again).to.be.accessible();
  });
});
