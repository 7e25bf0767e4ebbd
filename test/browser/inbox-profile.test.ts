// The profile beside a ticket in <customer-hub-inbox> (R16, issue 17 "The profile" and
// polish), in Chromium against the msw mock (the server's own domain code): the
// customer's past conversations (one click opens one), the page's context as inert
// text, orders with their status, an e-mail that never wraps mid-word, and no failed
// request for a ticket without a Shopify profile.
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/inbox.js';
import type { TicketContext } from '../../src/protocol/index.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import type { Claims } from '../../party/core/auth.js';
import { shopifyOrder } from '../shopify-payloads.js';
import { useMockShop } from './mock-server.js';
import { all, button, one, open, settle, signedIn, textOf } from './inbox-harness.js';

const dev = useMockShop();
const XSS = '<img src=x onerror="window.__xss=1">';
let n = 0;
const uid = () => `${Date.now()}${++n}`;

/** A shopper's chat, started in the shop room as `POST chats` does; `end()` ends it from the shopper's socket. */
async function chat(customerId: string, name: string, body: string, context?: TicketContext) {
  const backend = dev.mock.backend;
  const shop = await backend.shop(DEV_SHOP);
  const claims: Claims = { shop: DEV_SHOP, role: 'shopper', sub: customerId, name, exp: 0 };
  const out = await shop.startChat(claims, { clientId: crypto.randomUUID(), body, ...(context ? { context } : {}) }, location.origin);
  if (out.kind === 'rate_limited') throw new Error('chat starts are rate limited');
  return {
    ticket: out.ticket,
    async end() {
      const conn = await backend.connect(out.ticket.id, { ...claims, tid: out.ticket.id }, () => undefined);
      if ('ok' in conn) throw new Error(conn.message);
      await conn.receive(JSON.stringify({ type: 'hello', lastSeq: 0 }));
      await conn.receive(JSON.stringify({ type: 'end' }));
      conn.close();
    },
  };
}

const profileText = (el: CustomerHubInbox) => textOf(el, '[part="profile"]');

describe('<customer-hub-inbox> profile (issue 17)', () => {
  it("R16: lists the customer's past conversations newest first, never another customer's, and opens one", async () => {
    const id = `pp-${uid()}`;
    const first = await chat(id, 'Pia Past', 'First: do you ship to Canada?');
    await first.end();
    const second = await chat(id, 'Pia Past', 'Second: where is my parcel?');
    await second.end();
    await (await chat(`other-${uid()}`, 'Olga Other', 'Not Pia: a refund')).end();
    await chat(id, 'Pia Past', 'Now: can I change my address?');
    const el = await signedIn();
    await open(el, 'Pia Past');
    await settle(el, () => all(el, '.past-ticket').length === 2, 'the past conversations');
    const past = all(el, '.past-ticket');
    expect(past.map((b) => b.querySelector('.past-line')!.textContent)).to.deep.equal(['Second: where is my parcel?', 'First: do you ship to Canada?']);
    expect(past[0]!.textContent).to.contain('Closed');
    expect(profileText(el)).not.to.contain('Not Pia');

    past[1]!.click();
    await settle(el, () => textOf(el, '[part="thread"]').includes('First: do you ship to Canada?'), 'the past conversation opened');
    expect(textOf(el, '.closed-note')).to.contain('This ticket is closed.');
    await settle(el, () => all(el, '.past-line').some((l) => l.textContent === 'Now: can I change my address?'), 'the open one listed from there');
  });

  it("R16: shows the page's context as text, the page URL as a link that opens no window.opener, and orders with their status", async () => {
    const id = `pc-${uid()}`;
    const shop = await dev.mock.backend.shop(DEV_SHOP);
    await shop.webhook('orders/create', shopifyOrder(Number(uid().slice(-9)), 3001, id, '2026-11-20T10:00:00Z', { fulfillment_status: 'fulfilled' }), null);
    const pageUrl = 'https://shop.example/products/mug?q=%3Cb%3E';
    await chat(id, 'Cora Context', 'Hello', { pageUrl, cart: XSS, [`note${XSS.slice(0, 20)}`]: 'x', vip: true, items: 2 });
    const el = await signedIn();
    await open(el, 'Cora Context');
    await settle(el, () => profileText(el).includes('Context') && profileText(el).includes('#3001'), 'the context and orders');
    const link = one<HTMLAnchorElement>(el, '[part="profile"] .context a')!;
    expect(link.href).to.equal(pageUrl);
    expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
    const text = profileText(el);
    expect(text).to.contain(XSS);
    expect(text).to.contain(`note${XSS.slice(0, 20)}`);
    const value = (label: string) => all(el, '[part="profile"] .context dt').find((dt) => dt.textContent === label)?.nextElementSibling?.textContent;
    expect(value('vip')).to.equal('Yes');
    expect(value('items')).to.equal('2');
    expect(value('cart')).to.equal(XSS);
    expect(all(el, '[part="profile"] img')).to.have.length(0);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    expect(textOf(el, '[part="profile"] .orders li')).to.match(/#3001\s*Shipped/);
  });

  it('opening a ticket without a Shopify profile makes no failing request (issue 17 polish)', async () => {
    const seen: Array<{ url: string; status: number }> = [];
    const real = window.fetch;
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await real(...args);
      seen.push({ url: String(args[0] instanceof Request ? args[0].url : args[0]), status: response.status });
      return response;
    };
    try {
      await chat(`np-${uid()}`, 'Nils Noprofile', 'Hi');
      const el = await signedIn();
      await open(el, 'Nils Noprofile');
      await settle(el, () => profileText(el).includes('No profile for this customer yet.'), 'the empty profile');
      expect(seen.filter((r) => r.status >= 400), JSON.stringify(seen)).to.deep.equal([]);
      expect(seen.some((r) => r.url.includes('/customer') && r.status === 200)).to.equal(true);
    } finally {
      window.fetch = real;
    }
  });

  it("the profile's e-mail wraps only after its local part, never mid-word (issue 17 polish)", async () => {
    await setViewport({ width: 900, height: 800 });
    try {
      const id = `pe-${uid()}`;
      const shop = await dev.mock.backend.shop(DEV_SHOP);
      const address = 'maximilian.vandenberghe@northern-outfitters.example';
      await shop.webhook('customers/create', { id, first_name: 'Max', last_name: 'Wrap', email: address, created_at: '2025-01-02T10:00:00Z' }, null);
      await chat(id, 'Max Wrap', 'Hi');
      const el = await signedIn();
      await open(el, 'Max Wrap');
      button(el, 'Profile')!.click();
      await settle(el, () => profileText(el).includes(address), 'the profile');
      const dd = one(el, '[part="profile"] dd.email') ?? all(el, '[part="profile"] dt').find((dt) => dt.textContent === 'E-mail')!.nextElementSibling!;
      expect(dd.textContent).to.equal(address);
      const lines = (node: Node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      // Each word of the address (the local part, the domain) on one line: the break may come only between them.
      const [local, domain] = [address.slice(0, address.indexOf('@')), address.slice(address.indexOf('@'))];
      const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
      const texts: Node[] = [];
      for (let t = walker.nextNode(); t; t = walker.nextNode()) if (t.textContent) texts.push(t);
      expect(texts.map((t) => t.textContent)).to.deep.equal([local, domain]);
      for (const t of texts) expect(lines(t), `"${t.textContent}" on one line`).to.equal(1);
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });
});
