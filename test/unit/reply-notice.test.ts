// The away reply's e-mail line (issue 17 part H, R9) is in the ticket's content language
// (review: a French ticket's away reply ended in an English sentence), and the shop is named as
// its shopper knows it (review: e-mails named the myshopify domain).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awayText } from '../../party/core/email/reply-notice.js';
import { knownShop, shopIdentity } from '../../party/core/email/shopper-words.js';

type Meta = Parameters<typeof awayText>[0];
const meta = (lang?: string, shop?: { name?: string; language: string }, extra: { storefrontUrl?: string; pageUrl?: string } = {}): Meta =>
  ({
    ...(lang ? { lang } : {}),
    notifications: {
      email: { enabled: true, provider: 'postmark', token: 't', from: 'a@shop.example', to: ['team@shop.example'], events: [], ...(extra.storefrontUrl ? { storefrontUrl: extra.storefrontUrl } : {}) },
      ...(shop ? { shop } : {}),
    },
    ticket: { shop: 'lumiere.myshopify.com', channel: 'chat', customer: { id: 'c1', email: 'lea@example.com' }, ...(extra.pageUrl ? { context: { pageUrl: extra.pageUrl } } : {}) },
  }) as unknown as Meta;

describe('the away reply says the answer also comes by e-mail', () => {
  it('in French for a French ticket, in English otherwise', () => {
    assert.equal(awayText(meta('fr'), 'Nous sommes absents.'), 'Nous sommes absents.\n\nSi vous quittez cette page, nous vous écrirons aussi à l•••@example.com quand nous répondrons.');
    assert.equal(awayText(meta(), 'We are away.'), "We are away.\n\nIf you leave this page, we'll also e-mail you at l•••@example.com when we reply.");
  });

  it('in French for a ticket of a shop whose default language is French (the ticket records no language then)', () => {
    assert.match(awayText(meta(undefined, { language: 'fr' }), 'Absents.'), /\n\nSi vous quittez cette page, nous vous écrirons aussi à l•••@example.com/);
    assert.match(awayText(meta('en', { language: 'fr' }), 'Away.'), /\n\nIf you leave this page/, 'an English ticket of that shop stays English');
  });
});

describe('the shop as its shopper knows it (issue 17 review)', () => {
  it('its display name, else the domain of the page the chat was on, else of its storefront; the myshopify domain only when nothing else is known', () => {
    assert.deepEqual(knownShop(meta(undefined, { name: 'Maison Lumière', language: 'fr' }, { storefrontUrl: 'https://www.lumiere.example/pages/aide' })), {
      name: 'Maison Lumière',
      storefront: { url: 'https://www.lumiere.example/', site: 'lumiere.example' },
    });
    assert.equal(knownShop(meta(undefined, { language: 'en' }, { pageUrl: 'https://lumiere.example/products/lamp?x=1' })).name, 'lumiere.example');
    assert.equal(knownShop(meta(undefined, { language: 'en' }, { storefrontUrl: 'https://a.example', pageUrl: 'https://b.example/p' })).name, 'b.example', 'the page the notice links back to');
    assert.deepEqual(knownShop(meta(undefined, { language: 'en' }, { pageUrl: 'javascript:alert(1)' })), { name: 'lumiere.myshopify.com', storefront: null });
    assert.deepEqual(knownShop(meta()), { name: 'lumiere.myshopify.com', storefront: null }, 'a ticket from before this change');
    assert.deepEqual(shopIdentity({ shopName: ' Maison\r\n Lumière ', defaultLanguage: 'fr' }), { name: 'Maison Lumière', language: 'fr' }, 'one line: it goes into subjects');
    assert.deepEqual(shopIdentity({ shopName: '   ' }), { language: 'en' });
  });
});
