// Issue 17 in Chromium, through the real partykit transport against the msw mock (the
// server's own domain code): the ended chat's "E-mail me this conversation" sends one
// e-mail (to a fake Postmark answered in the page) to the account's address and says
// where it went, says why not in words, is absent when the shop sends no transcripts,
// is in French for French shoppers; and a page opened with `?chc=open` (the link of the
// "you have a reply" e-mail) opens the chat.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createPartykitTransport } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { MOCK_ORIGIN, until } from './mock-server.js';
import { $, accessible, button, focused, mount, openToComposer, sendText, settle, text, useMockShop } from './widget-harness.js';
import type { CustomerHubChat } from '../../src/index.js';

const shop = useMockShop();
const mails: Array<{ To: string; TextBody: string }> = [];
let n = 0;

before(() => {
  shop.mock.use(
    http.post(`${MOCK_ORIGIN}/fake-postmark/email`, async ({ request }) => {
      if (request.headers.get('X-Postmark-Server-Token') !== 'pm-browser') return HttpResponse.json({ ErrorCode: 10 }, { status: 401 });
      mails.push((await request.json()) as { To: string; TextBody: string });
      return HttpResponse.json({ ErrorCode: 0, MessageID: 'm-1' });
    }),
  );
});

/** E-mail through the fake Postmark, with transcripts as `transcript` says (on unless false). */
const emailOn = (transcript?: boolean) =>
  shop.saveSettings((s) => {
    s.notifications.email = { enabled: true, provider: 'postmark', token: 'pm-browser', from: 'support@shop.example', to: ['team@shop.example'], events: [], apiBaseUrl: `${MOCK_ORIGIN}/fake-postmark`, ...(transcript === undefined ? {} : { transcript }) };
  });

/** A shopper (with `email` on their account, or none) whose chat has ended. */
async function endedChat(email: string | undefined, lang = 'en'): Promise<CustomerHubChat> {
  const customer = { id: `tr-${++n}-${Math.random()}`, name: 'Ada', ...(email ? { email } : {}) };
  const el = await mount({ lang, transport: createPartykitTransport({ host: 'localhost:1999', shop: DEV_SHOP, devCustomer: customer }) });
  await openToComposer(el, lang === 'fr' ? 'Discutez avec nous' : 'Chat with us');
  sendText(el, 'Where is my <b>parcel</b>?');
  await settle(el, () => !!$(el, '[part="end-chat-button"]'), 'the end button');
  $(el, '[part="end-chat-button"]')!.click();
  await settle(el, () => !!$(el, '.confirm .primary'), 'the confirmation');
  $(el, '.confirm .primary')!.click();
  await settle(el, () => !!$(el, '.ended'), 'the ended view');
  return el;
}

describe('issue 17: the transcript and the reply link', () => {
  it('the ended chat e-mails the conversation to the account address once, and says where it went', async () => {
    await emailOn();
    const address = `ada-${Math.random().toString(36).slice(2)}@example.com`;
    const el = await endedChat(address);
    const ask = await (async () => {
      await settle(el, () => !!button(el, 'E-mail me this conversation'), 'the transcript button');
      return button(el, 'E-mail me this conversation')!;
    })();
    await accessible(el);
    ask.click();
    await settle(el, () => text(el).includes('Sent to a•••@example.com'), 'where it went');
    expect($(el, '.transcript [role="status"]')!.textContent).to.equal('Sent to a•••@example.com');
    expect(focused(el)).to.equal($(el, '.transcript [role="status"]'), 'focus is on the answer, not lost with the button');
    expect(button(el, 'E-mail me this conversation')).to.equal(undefined);
    await until(() => mails.some((m) => m.To === address), 'the e-mail');
    const mail = mails.find((m) => m.To === address)!;
    expect(mail.TextBody).to.contain('Where is my <b>parcel</b>?');
    await accessible(el);
  });

  it('says why not in words (an account without an e-mail address), and is absent when the shop sends no transcripts', async () => {
    await emailOn();
    const el = await endedChat(undefined);
    await settle(el, () => !!button(el, 'E-mail me this conversation'), 'the transcript button');
    button(el, 'E-mail me this conversation')!.click();
    await settle(el, () => !!$(el, '.transcript [role="alert"]'), 'the refusal');
    expect($(el, '.transcript [role="alert"]')!.textContent).to.equal('Your store account has no e-mail address.');
    expect(button(el, 'E-mail me this conversation')).to.exist;

    await emailOn(false);
    const off = await endedChat('off@example.com');
    await settle(off, () => text(off).includes('Start a new chat'), 'the ended view');
    expect(button(off, 'E-mail me this conversation')).to.equal(undefined);
    expect($(off, '.transcript')).to.equal(null);
  });

  it('is in French for a French shopper, its refusal too', async () => {
    await emailOn();
    const el = await endedChat('lea@example.com', 'fr');
    await settle(el, () => !!button(el, 'M’envoyer cette discussion par e-mail'), 'the French button');
    button(el, 'M’envoyer cette discussion par e-mail')!.click();
    await settle(el, () => text(el).includes('Envoyée à l•••@example.com'), 'where it went, in French');

    const none = await endedChat(undefined, 'fr');
    await settle(none, () => !!button(none, 'M’envoyer cette discussion par e-mail'), 'the French button');
    button(none, 'M’envoyer cette discussion par e-mail')!.click();
    await settle(none, () => !!$(none, '.transcript [role="alert"]'), 'the refusal');
    expect($(none, '.transcript [role="alert"]')!.textContent).to.equal('Votre compte client n’a pas d’adresse e-mail.');
  });

  it('`?chc=open`, the reply e-mail’s link, opens the chat on load; without it the launcher stays closed', async () => {
    const plain = await mount();
    await plain.updateComplete;
    expect(plain.open).to.equal(false);
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?chc=open`);
    try {
      const el = await mount();
      await settle(el, () => !!$(el, '[part="panel"]') && el.open, 'the open panel');
      expect(el.open).to.equal(true);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
