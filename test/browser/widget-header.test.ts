// Issue 17 part A in real Chromium against the msw mock (the server's own domain code):
// the header with a face and a true reply time, the loading skeleton, "what happens
// next", and the polish items (one time formatter, the day separator above the
// welcome, time and "Sent" on one line, the zoom over the viewport, mailto links, the
// AI agent's own mark).
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { ChatTransport, CustomerHubChat, WidgetConfig } from '../../src/index.js';
import { DEV_ENV, DEV_SHOP } from '../../party/core/seed.js';
import { signToken } from '../../party/core/auth.js';
import { time as inboxTime } from '../../src/inbox/format.js';
import { timeLocale } from '../../src/i18n/time.js';
import { fr } from '../../src/i18n/fr.js';
import { until } from './mock-server.js';
import { $, $$, button, clientOf, mount, newCustomer, openToComposer, sendText, settle, text, transport, useMockShop } from './widget-harness.js';

const dev = useMockShop();
const FR_CHAT = fr.chatWithUs;
const AGENT = { role: 'agent' as const, id: 'agent-dev', name: 'Alex (Support)' };

/** The ticket the widget's first message made. */
async function ticketOf(el: CustomerHubChat): Promise<string> {
  const client = clientOf(el);
  await until(() => client.$ticket.get() !== null, 'the ticket');
  return client.$ticket.get()!.id;
}

/** The team answers in the widget's ticket, as the inbox would. */
async function agentSays(el: CustomerHubChat, body: string, attachments: Parameters<ReturnType<typeof dev.mock.backend.ticket>['room']['post']>[2] = []) {
  await dev.mock.backend.ticket(await ticketOf(el)).room.post(AGENT, body, attachments);
}

/** The partykit transport with a config the server-side parts of the issue set (H's `replyByEmail`). */
function withConfig(base: ChatTransport, extra: Partial<WidgetConfig>): ChatTransport {
  return {
    ...base,
    getConfig: async (signal) => ({ ...(await base.getConfig(signal)), ...extra }),
    watchConfig: undefined,
    getSession: () => base.getSession(),
    startChat: (m) => base.startChat(m),
    getActiveChat: () => base.getActiveChat(),
    connect: (id, h) => base.connect(id, h),
  };
}

const oneLine = (e: Element) => {
  const rects = [...e.getClientRects()];
  const range = document.createRange();
  range.selectNodeContents(e);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return rects.length > 0 && tops.size === 1;
};

describe('<customer-hub-chat> header with a face (issue 17 A item 1)', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('R12: the shop\'s logo and name, the team\'s faces by name, and the merchant\'s reply sentence, live', async () => {
    await dev.saveSettings((s) => delete s.shopName);
    const el = await mount({ mode: 'inline' });
    await settle(el, () => !!$(el, '.subtitle')?.textContent, 'the header');
    expect($(el, '.title')!.textContent).to.equal('Chat with us', 'no shop name: the general title');
    expect($(el, 'img.logo')).to.equal(null);
    expect($(el, '.subtitle')!.textContent).to.equal('We typically reply in a few minutes');

    await dev.saveSettings((s) => {
      s.shopName = 'Maison Lune';
      s.logoUrl = 'https://cdn.example/logo.png';
      s.replyTimeMessage = 'We answer every message within the hour.';
    });
    await settle(el, () => $(el, '.title')!.textContent === 'Maison Lune', 'the saved name, without a reload');
    expect($<HTMLImageElement>(el, 'img.logo')!.src).to.equal('https://cdn.example/logo.png');
    expect($(el, 'img.logo')!.getAttribute('alt')).to.equal('', 'the name beside it says it');
    // cdn.example does not answer here: a logo that fails to load is hidden, the name stays (review).
    await settle(el, () => $<HTMLImageElement>(el, 'img.logo')!.hidden, 'the broken logo hidden', 10_000);
    expect($(el, '.title')!.textContent).to.equal('Maison Lune');
    const faces = $$(el, '.sub .avatar');
    expect(faces.map((f) => [f.getAttribute('role'), f.getAttribute('aria-label'), f.textContent])).to.deep.equal([['img', 'Alex (Support)', 'A']]);
    expect($(el, '.subtitle')!.textContent).to.equal('We answer every message within the hour.');
  });

  it('R9: says the team\'s median first reply, in the shopper\'s language, once three are known', async () => {
    // Three shoppers, each answered by the team: three first replies, each within a minute.
    for (let i = 0; i < 3; i++) {
      const el = await mount({ mode: 'inline' });
      await openToComposer(el);
      sendText(el, `Question ${i}`);
      await agentSays(el, 'On it.');
      await settle(el, () => $$(el, '.msg.team').length === 1, 'the reply');
      el.remove();
    }
    const en = await mount({ mode: 'inline' });
    await settle(en, () => $(en, '.subtitle')?.textContent === 'We typically reply within 1 minute', 'the English reply time');
    const fr = await mount({ mode: 'inline', lang: 'fr' });
    await settle(fr, () => $(fr, '.subtitle')?.textContent === 'Nous répondons généralement sous 1 minute', 'the French reply time');
  });

  for (const width of [380, 360]) {
    it(`issue 17: in French at ${width} px, "Terminer la discussion" and the reply time each stay on one line`, async () => {
      if (width < 480) await setViewport({ width, height: 740 });
      const el = await mount({ mode: width === 380 ? 'inline' : 'launcher', lang: 'fr' });
      if (width === 380) el.style.cssText = 'display:block;width:380px;height:640px';
      el.show();
      await settle(el, () => !!button(el, FR_CHAT), 'the French FAQ');
      button(el, FR_CHAT)!.click();
      await settle(el, () => !!$(el, 'textarea'), 'the composer');
      sendText(el, 'Bonjour');
      await settle(el, () => !!$(el, '[part="end-chat-button"]'), 'the live chat');
      expect($(el, '[part="end-chat-button"]')!.textContent).to.equal('Terminer la discussion');
      expect(oneLine($(el, '[part="end-chat-button"]')!), 'End chat on one line').to.equal(true);
      expect(oneLine($(el, '.subtitle')!), 'the subtitle on one line').to.equal(true);
      expect($(el, '.header')!.getBoundingClientRect().width).to.be.at.most(width);
    });
  }
});

describe('<customer-hub-chat> states (issue 17 A item 2)', () => {
  // The loaded chat keeps the frame's skeleton until its config is in (issue 19: one
  // skeleton, not a second one of the panel's): shaped like the FAQ home that comes.
  it('a skeleton shaped like the panel while the chat loads: the FAQ home, busy, still, until the config is in', async () => {
    const base = transport();
    const pending: ChatTransport = { ...withConfig(base, {}), getConfig: () => new Promise<WidgetConfig>(() => undefined) };
    const el = await mount({ mode: 'inline', transport: pending });
    await settle(el, () => !!el.panelInstance, 'the chat\'s code');
    await el.updateComplete;
    const skeleton = $(el, '[aria-busy="true"]')!;
    expect(skeleton.textContent).to.equal('Loading the chat…');
    const [title, ...rows] = [...skeleton.querySelectorAll('span:not(.visually-hidden)')].map((b) => b.getBoundingClientRect());
    expect(rows.length).to.equal(4);
    for (const r of rows) {
      expect(r.height).to.be.at.least(30);
      expect(r.width).to.be.greaterThan(title!.width);
    }
    expect(el.shadowRoot!.getAnimations().length).to.equal(0);
    expect($(el, '.title')!.textContent).to.equal('Chat with us');
    expect($(el, '.subtitle')?.textContent ?? '').to.equal('', 'no reply time promised before the config says it');
    expect($(el, '[part="faq-item"], textarea')).to.equal(null);
  });

  it('a config that failed to load says so with "Try again", which loads it (the frame\'s load error, one for the code and the config)', async () => {
    const base = transport();
    let fails = 1;
    const flaky: ChatTransport = { ...withConfig(base, {}), getConfig: (signal) => (fails-- > 0 ? Promise.reject(new Error('offline')) : base.getConfig(signal)) };
    const el = await mount({ mode: 'inline', transport: flaky });
    await settle(el, () => !!button(el, 'Try again'), 'the load error');
    expect($(el, '[role="alert"]')!.textContent).to.contain("The chat couldn't load.");
    button(el, 'Try again')!.click();
    await settle(el, () => $$(el, '[part="faq-item"]').length > 0, 'the FAQ home');
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('a painted chat whose client starts over shows the frame\'s skeleton again, then the chat (issue 19)', async () => {
    const base = transport();
    let hold: Promise<void> | null = null;
    let release: () => void = () => undefined;
    const slow: ChatTransport = { ...withConfig(base, {}), getConfig: async (signal) => (await hold, base.getConfig(signal)) };
    const el = await mount({ mode: 'inline', transport: slow });
    await settle(el, () => $$(el, '[part="faq-item"]').length > 0, 'the FAQ home');
    hold = new Promise<void>((r) => (release = r));
    const again = el.panelInstance!.client.start();
    await settle(el, () => !!$(el, '[aria-busy="true"]'), 'the skeleton again');
    expect($(el, '[aria-busy="true"]')!.textContent).to.equal('Loading the chat…');
    expect($(el, '[part="faq-item"]')).to.equal(null);
    release();
    await again;
    await settle(el, () => $$(el, '[part="faq-item"]').length > 0, 'the FAQ home again');
    expect($(el, '[aria-busy="true"]')).to.equal(null);
    expect($$(el, '[part="panel"]').length).to.equal(1);
  });

  it('R6: after the first message, "We\'ll reply here" until the team answers', async () => {
    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    expect($(el, '.next')).to.equal(null, 'nothing before the first message');
    sendText(el, 'Hello');
    await settle(el, () => !!$(el, '.next'), 'what happens next');
    expect($(el, '.next')!.textContent).to.equal("We'll reply here.");
    await agentSays(el, 'Hi!');
    await settle(el, () => !$(el, '.next'), 'the note gone with the answer');
  });

  it('says the e-mail too when the server sends replies by e-mail and the shopper has an address, never otherwise', async () => {
    const withEmail = { ...newCustomer(), email: 'ada@example.com' };
    const el = await mount({ mode: 'inline', transport: withConfig(transport(withEmail), { replyByEmail: true }) });
    await openToComposer(el);
    sendText(el, 'Hello');
    await settle(el, () => !!$(el, '.next'), 'what happens next');
    expect($(el, '.next')!.textContent).to.equal("We'll reply here. You'll also get an e-mail.");
    el.remove();
    // No address to write to: no promise of an e-mail.
    const none = await mount({ mode: 'inline', transport: withConfig(transport(), { replyByEmail: true }) });
    await openToComposer(none);
    sendText(none, 'Hello');
    await settle(none, () => !!$(none, '.next'), 'what happens next');
    expect($(none, '.next')!.textContent).to.equal("We'll reply here.");
  });
});

describe('<customer-hub-chat> polish (issue 17 A item 3)', () => {
  it('one time formatter in the viewer\'s locale: en-GB has 24-hour times, in the widget as in the inbox', async () => {
    expect(timeLocale('en-GB')).to.equal('en-GB');
    expect(timeLocale('fr_CA')).to.equal('fr-CA');
    expect(timeLocale('fr', '')).to.equal('fr', 'the browser\'s English region says nothing of French times');
    const el = await mount({ mode: 'inline', lang: 'en-GB' });
    await openToComposer(el);
    sendText(el, 'What time is it?');
    await settle(el, () => !!$(el, '.msg.shopper .meta'), 'the time');
    const msg = (clientOf(el) as unknown as { $messages: { get(): Array<{ createdAt: string }> } }).$messages.get()[0]!;
    const shown = $(el, '.msg.shopper .meta')!.textContent!.split('·')[0]!.trim();
    expect(shown, '24-hour, no AM/PM').to.match(/^\d\d?:\d\d$/);
    expect(shown).to.equal(inboxTime(msg.createdAt, timeLocale('en-GB')));
  });

  it('R4: the day separator stands above the welcome, the first thing of the day', async () => {
    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    sendText(el, 'Hello there');
    await settle(el, () => $$(el, '.msg.shopper').length === 1, 'the message');
    const order = [...$(el, '[part="thread"]')!.children].map((c) => (c.classList.contains('day') ? 'day' : c.getAttribute('part') === 'welcome message' ? 'welcome' : c.classList.contains('msg') ? 'message' : c.className));
    expect(order.slice(0, 3)).to.deep.equal(['day', 'welcome', 'message']);
    expect($(el, '.day')!.textContent).to.equal('Today');
  });

  it('R7: the time and "Sent" stand on one line', async () => {
    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    sendText(el, 'Hi');
    await settle(el, () => /Sent|Seen/.test($(el, '.msg.shopper .status')?.textContent ?? ''), 'Sent');
    const meta = $(el, '.msg.shopper .meta')!;
    expect(meta.contains($(el, '.msg.shopper .status'))).to.equal(true);
    expect(oneLine(meta)).to.equal(true);
  });

  it('R7: "View full size" shows the image over the whole viewport, not the 380 px panel; Escape closes it', async () => {
    await setViewport({ width: 1200, height: 800 });
    const el = await mount({ mode: 'launcher' });
    await openToComposer(el);
    sendText(el, 'My parcel arrived broken');
    const ticketId = await ticketOf(el);
    const canvas = Object.assign(document.createElement('canvas'), { width: 1000, height: 500 });
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
    const { token } = await signToken(DEV_ENV.CHAT_SECRET!, { shop: DEV_SHOP, role: 'agent', sub: AGENT.id, name: AGENT.name }, Date.now());
    const up = await dev.mock.backend.fetch(new Request(`http://localhost:1999/parties/ticket/${ticketId}/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' }, body: blob }));
    const { id: _id, ...image } = (await up.json()) as { id: string; type: 'image'; url: string };
    await agentSays(el, 'Like this one?', [image]);
    await settle(el, () => !!$(el, 'button.image'), 'the image');
    $(el, 'button.image')!.click();
    await settle(el, () => !!$(el, 'dialog.zoom[open]'), 'the zoom');
    const zoom = $(el, 'dialog.zoom')!.getBoundingClientRect();
    expect(zoom.width).to.equal(window.innerWidth);
    expect(zoom.height).to.equal(window.innerHeight);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Close image');
    el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settle(el, () => !$(el, 'dialog.zoom'), 'the zoom closed');
    expect(el.open, 'Escape closed the image, not the panel').to.equal(true);
    await setViewport({ width: 800, height: 600 });
  });

  it('e-mail addresses are mailto: links, rendered as text, beside http(s) links', async () => {
    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    sendText(el, 'Who do I write to?');
    await agentSays(el, 'Write to help@maison-lune.example or see https://maison-lune.example/help?from=a@b.example. Not <b>bold</b>@x.example');
    await settle(el, () => $$(el, '.msg.team a').length > 0, 'the links');
    const links = $$(el, '.msg.team a').map((a) => [a.getAttribute('href'), a.textContent]);
    // An address inside a URL stays part of it; text that only looks like markup stays text, and links nothing.
    expect(links).to.deep.equal([
      ['mailto:help@maison-lune.example', 'help@maison-lune.example'],
      ['https://maison-lune.example/help?from=a@b.example', 'https://maison-lune.example/help?from=a@b.example'],
    ]);
    expect($(el, '.msg.team b')).to.equal(null, 'never HTML');
    expect(text(el)).to.contain('Not <b>bold</b>@x.example');
  });

  it('R10: the AI agent has its own mark with an accessible name, not an initial like an agent called Alex', async () => {
    await dev.saveSettings((s) => (s.ai = { ...s.ai, enabled: true, handoff: { target: 'inbox' } }));
    const el = await mount({ mode: 'inline' });
    await openToComposer(el);
    sendText(el, 'What is your return policy?');
    await settle(el, () => $$(el, '.msg.team').length === 1, 'the AI answer');
    const mark = $(el, '.msg.team .author svg')!;
    expect([mark.getAttribute('role'), mark.getAttribute('aria-label')]).to.deep.equal(['img', 'AI agent']);
    expect($(el, '.msg.team .author')!.textContent!.trim()).to.equal('AI agent');
  });
});
