// <customer-hub-chat> as deployed (issue 13): focus and typing across the first message,
// the welcome message in the thread, FAQ search, login gating (R2) and the away state
// (R9), in real Chromium against the msw mock.
import { expect } from '@open-wc/testing';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until } from './mock-server.js';
import { $, $$, button, clientOf, focused, mount, newCustomer, openToComposer, sendText, settle, text, useMockShop } from './widget-harness.js';

const dev = useMockShop();

/** The `customer-hub-availability-change` events an element fires, as `available` values. */
const availability = (el: HTMLElement) => {
  const seen: boolean[] = [];
  el.addEventListener('customer-hub-availability-change', (e) => seen.push(e.available));
  return seen;
};

describe('<customer-hub-chat> focus and the first message (item 5)', () => {
  it('R4, R6: focus stays in the composer after the first message, and what is typed next is kept', async () => {
    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    const field = $<HTMLTextAreaElement>(el, 'textarea')!;
    field.focus();
    // Typed as a keyboard would: into the focused field (nothing, if focus fell out of the widget).
    const type = (chars: string) => focused(el)?.isConnected && document.execCommand('insertText', false, chars);
    type('Where is my parcel?');
    $(el, 'textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    // Straight on, while the first message creates the ticket and the welcome becomes the thread.
    type('It was');
    await settle(el, () => !!$(el, '[part="end-chat-button"]') && $$(el, '.msg.shopper').length === 1, 'the thread view');
    await el.updateComplete;
    type(' order 1001');
    // Compared by name: chai printing a DOM node on failure hangs the browser.
    expect(focused(el)?.getAttribute('part') ?? 'focus outside the widget').to.equal('input');
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('It was order 1001');
    expect($$(el, '.msg.shopper .text').map((m) => m.textContent)).to.deep.equal(['Where is my parcel?']);
  });
});

describe('<customer-hub-chat> welcome message (item 6)', () => {
  it('R4: the welcome message stays the first item of the thread (under its day) after the first message and a reload', async () => {
    const customer = newCustomer();
    const el = await mount({ customer, mode: 'inline' });
    await openToComposer(el);
    sendText(el, 'Hello there');
    await settle(el, () => !!$(el, '[part="end-chat-button"]'), 'the thread view');
    // Under the day's separator (issue 17: "Today" opens the day, above the welcome).
    const firstItem = (chat: typeof el) => $(chat, '[part="thread"] > :not(.day)')!;
    expect(firstItem(el).getAttribute('part')).to.equal('welcome message');
    expect(firstItem(el).textContent!.trim()).to.equal('Hi! How can we help?');
    el.remove();

    const again = await mount({ customer, mode: 'inline' });
    await settle(again, () => text(again).includes('Hello there'), 'the restored thread');
    expect(firstItem(again).getAttribute('part')).to.equal('welcome message');
    expect(firstItem(again).textContent!.trim()).to.equal('Hi! How can we help?');
    // Rendered from config, not stored: the ticket holds only the shopper's message.
    const ticketId = clientOf(again).$ticket.get()!.id;
    const stored = [...(await dev.mock.backend.ticket(ticketId).storage.list<{ body: string }>({ prefix: 'm:' })).values()].map((m) => m.body);
    expect(stored).to.deep.equal(['Hello there']);
  });
});

describe('<customer-hub-chat> FAQ search (item 15)', () => {
  const search = async (el: Awaited<ReturnType<typeof mount>>, query: string) => {
    const box = $<HTMLInputElement>(el, 'input[type="search"]')!;
    box.value = query;
    box.dispatchEvent(new Event('input'));
    await el.updateComplete;
    return $$(el, '[part="faq-item"]').map((b) => b.textContent!.trim());
  };

  it('R3: finds words in any order, in questions and answers, plurals and accents folded, best first', async () => {
    const el = await mount({ mode: 'inline' });
    await settle(el, () => $$(el, '[part="faq-item"]').length === 3, 'the FAQs');
    expect(await search(el, 'shipping time')).to.deep.equal(['How long does shipping take?']);
    expect(await search(el, 'refunds')).to.deep.equal(['What is your return policy?']);
    expect(await search(el, 'RÉTURN')).to.deep.equal(['What is your return policy?']);
    // "size" is in one question and in no other answer; "days" in two answers: the one with both words first.
    expect(await search(el, 'days size')).to.deep.equal(['How do your sizes run?', 'How long does shipping take?', 'What is your return policy?']);
    expect(await search(el, 'zebra')).to.deep.equal([]);
    expect(text(el)).to.contain('No question matches your search.');
  });
});



describe('<customer-hub-chat> away (item 11)', () => {
  it('R9: the away state is said once, in the header, with "tomorrow"; the automatic reply is the merchant\'s message, once', async () => {
    // Office hours in the browser's own time zone: closed all today, open tomorrow from 9:00.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const keys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const tomorrow = keys[(new Date().getDay() + 1) % 7]!;
    const weekly = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], [tomorrow]: [['09:00', '17:00']] };
    const closed = structuredClone(dev.original);
    closed.officeHours = { timezone: zone, weekly, holidays: [], awayMessage: 'Leave us a message and we will reply.' };
    expect((await (await dev.mock.backend.shop(DEV_SHOP)).saveSettings(closed)).ok).to.equal(true);
    const nine = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date(2026, 0, 1, 9, 0));

    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    const count = (s: string) => text(el).split(s).length - 1;
    expect($(el, '.subtitle')!.textContent!.trim()).to.equal(`We're away. Back tomorrow at ${nine}.`);
    expect(count("We're away")).to.equal(1);
    const weekday = new Intl.DateTimeFormat('en', { weekday: 'long' }).format(new Date(Date.now() + 86_400_000));
    expect(count(weekday)).to.equal(0);

    sendText(el, 'Anyone there?');
    await settle(el, () => $$(el, '.system').length === 1, 'the away reply');
    expect($(el, '.system')!.textContent!.trim()).to.equal('Leave us a message and we will reply.');
    expect(count("We're away")).to.equal(1);
    expect(count('Leave us a message')).to.equal(1);
  });

  // `fr_CA` (an underscore, as some platforms write it) is no tag `Intl` accepts: French texts all the same.
  for (const lang of ['fr', 'fr_CA']) {
    it(`R9: in French too${lang === 'fr' ? '' : ` (lang="${lang}")`}`, async () => {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const keys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
      const tomorrow = keys[(new Date().getDay() + 1) % 7]!;
      const closed = structuredClone(dev.original);
      closed.officeHours = { timezone: zone, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], [tomorrow]: [['09:00', '17:00']] }, holidays: [], awayMessage: 'Laissez-nous un message.' };
      await (await dev.mock.backend.shop(DEV_SHOP)).saveSettings(closed);
      // Times in the viewer's locale (issue 17): `fr_CA` read as fr-CA, whose clock says "9 h 00".
      const nine = new Date(2026, 0, 1, 9, 0).toLocaleTimeString(lang === 'fr' ? 'fr' : 'fr-CA', { hour: 'numeric', minute: '2-digit' });
      const el = await mount({ mode: 'inline', lang });
      await settle(el, () => !!$(el, '.subtitle') && text(el).includes('absents'), 'the French header');
      expect($(el, '.subtitle')!.textContent!.trim()).to.equal(`Nous sommes absents. De retour demain à ${nine}.`);
      expect(text(el).split('absents').length - 1).to.equal(1);
    });
  }
});

describe('<customer-hub-chat> login gating (item 8)', () => {
  it('R2 "all": an anonymous visitor browses the FAQ; only starting a chat asks for a login', async () => {
    const el = await mount({ customer: null });
    el.show();
    await settle(el, () => $$(el, '[part="faq-item"]').length === 3, 'the FAQ for an anonymous visitor');
    const loginHref = `/account/login?return_url=${encodeURIComponent(location.pathname + location.search)}`;
    // The FAQ list offers the login where a customer gets "Chat with us".
    expect(button(el, 'Log in to chat with us')!.getAttribute('href')).to.equal(loginHref);
    expect(button(el, 'Chat with us')).to.equal(undefined);
    $$(el, '[part="faq-item"]')[1]!.click();
    await settle(el, () => text(el).includes('within 30 days for a full refund'), 'the answer');
    button(el, 'Still need help? Chat with us')!.click();
    await settle(el, () => !!$(el, '.login'), 'the login view');
    expect($(el, 'textarea')).to.equal(null);
    expect(button(el, 'Log in')!.getAttribute('href')).to.equal(loginHref);
    button(el, '← Back to questions')!.click();
    await settle(el, () => $$(el, '[part="faq-item"]').length === 3, 'back to the FAQ');
  });

  it('R2, R12: an unopened launcher hides itself on a switch to "logged-in" when its tab is shown again, and shows again on "all" live, with events', async () => {
    const el = await mount({ customer: null });
    const seen = availability(el);
    // Its first answer (not gated) is in before the switch.
    await until(() => localStorage.getItem(`customer-hub-chat:${DEV_SHOP}:gate`) !== null, 'the first gate answer');
    expect(el.hidden).to.equal(false);
    await dev.saveSettings((s) => (s.loginStatus = 'logged-in'));
    // The shopper comes back to the tab (an unopened launcher asks again then, and every few minutes).
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => el.hidden, 'the launcher hidden without a click');
    expect(el.open).to.equal(false);
    expect(seen).to.deep.equal([false]);
    await dev.saveSettings((s) => (s.loginStatus = 'all'));
    await until(() => !el.hidden, 'the launcher back');
    expect(seen).to.deep.equal([false, true]);
    expect($(el, '[part="launcher"]')).to.exist;
  });

  it('R2: a returning anonymous visitor whose page trusted an earlier "not gated" answer never sees the launcher after a switch', async () => {
    localStorage.setItem(`customer-hub-chat:${DEV_SHOP}:gate`, JSON.stringify({ gated: false, at: Date.now() }));
    await dev.saveSettings((s) => (s.loginStatus = 'logged-in'));
    const el = await mount({ customer: null });
    const seen = availability(el);
    await until(() => el.hidden, 'hidden without a click');
    expect(seen).to.deep.equal([false]);
  });

  it('R2: inline in a drawer, the element tells the host to hide its Chat tab, live', async () => {
    const el = await mount({ customer: null, mode: 'inline' });
    const seen = availability(el);
    await settle(el, () => $$(el, '[part="faq-item"]').length === 3, 'the FAQ');
    await dev.saveSettings((s) => (s.loginStatus = 'logged-in'));
    await until(() => el.hidden, 'hidden');
    expect(seen).to.deep.equal([false]);
    // A logged-in customer keeps the chat.
    const customer = await mount({ mode: 'inline' });
    await settle(customer, () => $$(customer, '[part="faq-item"]').length === 3, 'the customer FAQ');
    expect(customer.hidden).to.equal(false);
  });
});
