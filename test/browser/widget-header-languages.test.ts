// Issue 17 review, in real Chromium against the msw mock (the server's own domain code):
// the header's reply-time sentence follows the merchant's content per language. A French
// shopper reads the French sentence the merchant wrote, the default language's where none
// was written, and the computed estimate in French words when no sentence is written at all;
// a save reaches the open widget without a reload (R12).
import { expect } from '@open-wc/testing';
import { createPartykitTransport, type CustomerHubChat } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { $, mount, newCustomer, settle, useMockShop } from './widget-harness.js';

const dev = useMockShop();
const EN = 'We answer every message within the hour.';
const FR = 'Nous répondons à chaque message dans l’heure.';
/** A widget in `lang`, as a storefront mounts it: the transport asks the server in that language. */
const inLanguage = (lang: string) =>
  mount({ mode: 'inline', lang, transport: createPartykitTransport({ host: 'localhost:1999', shop: DEV_SHOP, devCustomer: newCustomer(), lang: () => lang }) });

describe('<customer-hub-chat> reply-time sentence per language (issue 17)', () => {
  it('R12: a French shopper reads the merchant’s French sentence, the default’s where none, the French estimate where neither', async () => {
    await dev.saveSettings((s) => {
      s.replyTimeMessage = EN;
      s.translations = { fr: { replyTimeMessage: FR } };
    });
    const fr = await inLanguage('fr-CA');
    const en = await inLanguage('en');
    const subtitle = (el: CustomerHubChat) => $(el, '.subtitle')?.textContent ?? '';
    await settle(fr, () => subtitle(fr) === FR, 'the French sentence');
    await settle(en, () => subtitle(en) === EN, 'the English sentence');

    // French removed: the French shopper reads the default language's sentence, live.
    // (Each save starts from the dev settings: it says the whole state.)
    await dev.saveSettings((s) => {
      s.replyTimeMessage = EN;
      s.translations = { fr: { welcomeMessage: 'Bonjour !' } };
    });
    await settle(fr, () => subtitle(fr) === EN, 'the default language’s sentence');

    // No sentence in any language: the estimate, in the widget's French words.
    await dev.saveSettings((s) => {
      delete s.replyTimeMessage;
      s.translations = { fr: { welcomeMessage: 'Bonjour !' } };
    });
    await settle(fr, () => subtitle(fr) === 'Nous répondons généralement en quelques minutes', 'the French estimate');
    expect(subtitle(en)).to.equal('We typically reply in a few minutes');
  });
});
