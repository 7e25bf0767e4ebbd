// The shopper's orders in <customer-hub-chat> (issue 18 item 1), in Chromium against the
// msw mock (the server's own domain code) fed by Shopify webhook payloads: "Track my
// order" in the FAQ home with the AI agent off, in French too; the AI agent's choices as
// buttons that send their reply; order text from Shopify rendered as text; axe clean.
import { expect } from '@open-wc/testing';
import { DEV_SHOP } from '../../party/core/seed.js';
import type { Settings } from '../../party/core/settings.js';
import { shopifyFulfillment, shopifyOrder, trackedAt } from '../shopify-payloads.js';
import { startMockServer } from './mock-server.js';
import { $, $$, button, mount, openToComposer, sendText, settle, text } from './widget-harness.js';

let mock: Awaited<ReturnType<typeof startMockServer>>;
let original: Settings;
const XSS = '<img src=x onerror="window.__xss=1">';

const order = (id: number, number: number, customerId: string, day: string, title = 'Linen shirt') =>
  shopifyOrder(id, number, customerId, `2026-11-${day}T10:00:00Z`, {
    fulfillment_status: 'fulfilled',
    line_items: [{ id: 1, title, name: title, quantity: 1 }],
    fulfillments: [shopifyFulfillment(id + 1, id, `2026-11-${day}T10:00:00Z`, trackedAt(`1Z${number}`, `https://track.example/1Z${number}`))],
  });

let n = 0;
/** A customer with these orders (Shopify numeric-looking ids, unique per test). */
async function customerWith(days: string[], title?: string): Promise<{ id: string; name: string }> {
  const id = `${Date.now()}${++n}`;
  const shop = await mock.backend.shop(DEV_SHOP);
  for (const [i, day] of days.entries()) await shop.webhook('orders/create', order(Number(id) * 10 + i, 4000 + n * 10 + i, id, day, title), null);
  return { id, name: 'Ada' };
}

before(async () => {
  mock = await startMockServer();
  original = await (await mock.backend.shop(DEV_SHOP)).settings();
});
after(() => mock.stop());
afterEach(async () => {
  await (await mock.backend.shop(DEV_SHOP)).saveSettings(structuredClone(original));
  localStorage.clear();
});

describe('issue 18: the shopper\u2019s orders in the widget', () => {
  it('"Track my order" with the AI agent off: one order with its tracking link, as text', async () => {
    const customer = await customerWith(['20'], `Shirt ${XSS}`);
    const el = await mount({ mode: 'inline', customer });
    await settle(el, () => !!button(el, 'Track my order'), 'the quick action');
    button(el, 'Track my order')!.click();
    await settle(el, () => text(el).includes('(placed on 20 November 2026): shipped.'), 'the order');
    expect(text(el)).to.contain(`1 × Shirt ${XSS}`);
    expect($(el, '.bubble img')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    const link = $$(el, 'a').find((a) => a.getAttribute('href')?.startsWith('https://track.example/'))!;
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
    await expect(el).to.be.accessible();
    // Back to the questions, as from any answer.
    $<HTMLButtonElement>(el, '.link-button')!.click();
    await settle(el, () => !!button(el, 'Track my order'), 'the FAQ home again');
  });

  it('several orders are picked from; French', async () => {
    const customer = await customerWith(['02', '12']);
    const el = await mount({ mode: 'inline', customer, lang: 'fr' });
    await settle(el, () => !!button(el, 'Suivre ma commande'), 'the quick action');
    button(el, 'Suivre ma commande')!.click();
    await settle(el, () => text(el).includes('Vous avez 2 commandes récentes.'), 'the choice');
    const choices = $$(el, '.thread .row button').map((b) => b.textContent!.trim());
    expect(choices).to.have.length(2);
    expect(choices[0]).to.match(/^#\d+ · 12 nov\.$/);
    $$(el, '.thread .row button')[1]!.click();
    await settle(el, () => text(el).includes('(passée le 2 novembre 2026) : expédiée.'), 'the picked order');
    expect(text(el)).to.contain('Suivi (UPS');
  });

  it('the AI agent\u2019s choices are buttons under its last message that send their reply', async () => {
    await (await mock.backend.shop(DEV_SHOP)).saveSettings({ ...structuredClone(original), ai: { ...structuredClone(original.ai), enabled: true } });
    const customer = await customerWith(['02', '12']);
    const el = await mount({ mode: 'inline', customer });
    await openToComposer(el);
    sendText(el, 'Where is my order?');
    await settle(el, () => text(el).includes('You have 2 recent orders. Which one is it about?'), 'the question');
    const choice = () => $$(el, '.msg.team .row button');
    await settle(el, () => choice().length === 2, 'two choices');
    const label = choice()[1]!.textContent!.trim();
    expect(label).to.match(/^#\d+ · 2 Nov$/);
    await expect(el).to.be.accessible();
    choice()[1]!.click();
    await settle(el, () => text(el).includes(`Order ${label.split(' ')[0]}`) && text(el).includes('(placed on 2 November 2026): shipped.'), 'the picked order');
    // Choices belong to the last message only: the answered question has none left.
    await settle(el, () => choice().length === 0, 'no stale choices');
  });
});
