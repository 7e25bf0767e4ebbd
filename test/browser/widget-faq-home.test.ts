// The FAQ home and merchant content in the shopper's language (issue 17 items D1, D2;
// R3, R4), in real Chromium against the msw mock: the top questions with chevrons, the
// way to a person in view without scrolling on a 380 px panel and on a phone, the
// "Yes, thanks" end and the "No" that carries the question into the composer; a French
// shopper's FAQ and welcome in French, with the English fallback for what is untranslated.
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { SignJWT } from 'jose';
import type { CustomerHubChat } from '../../src/index.js';
import { DEV_IDENTITY_SECRET, DEV_SHOP } from '../../party/core/seed.js';
import { $, $$, animationsDone, button, clientOf, focused, mount, settle, text, useMockShop } from './widget-harness.js';

const dev = useMockShop();

/** Eight FAQs, long enough that the list is taller than a phone's screen. */
const EIGHT = Array.from({ length: 8 }, (_, i) => ({
  id: `q${i + 1}`,
  question: `Question ${i + 1}: ${i === 6 ? 'can I pay with gift cards' : 'a rather long question that wraps onto a second line in a narrow panel'}?`,
  answer: `Answer ${i + 1}.`,
  published: true,
}));
const items = (el: CustomerHubChat) => $$(el, '[part="faq-item"]').map((b) => b.textContent!.trim());

/** Whether the shopper sees `target` now: inside the window, and the top thing at its centre (nothing scrolled over it). */
function inView(el: CustomerHubChat, target: HTMLElement): boolean {
  const r = target.getBoundingClientRect();
  if (r.height === 0 || r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) return false;
  const hit = el.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && (hit === target || target.contains(hit));
}

describe('<customer-hub-chat> FAQ home (issue 17 D2)', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('R3: lists the top five questions in the merchant order, each with a chevron; the rest are found by the search', async () => {
    await dev.saveSettings((s) => (s.faqs = EIGHT));
    const el = await mount({ mode: 'inline' });
    await settle(el, () => items(el).length > 0, 'the FAQ home');
    expect(items(el)).to.deep.equal(EIGHT.slice(0, 5).map((f) => f.question));
    const chevron = getComputedStyle($(el, '[part="faq-item"]')!, '::after').content;
    expect(chevron).to.contain('›');
    const box = $<HTMLInputElement>(el, 'input[type="search"]')!;
    box.value = 'gift cards pay';
    box.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(items(el)).to.deep.equal([EIGHT[6]!.question]);
    box.value = '  ';
    box.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(items(el)).to.have.length(5);
  });

  for (const [width, height] of [
    [380, 600],
    [375, 667],
  ] as const) {
    it(`R3 R4: "Chat with us" is in view without scrolling at ${width}×${height}, with the list scrolled to its end too`, async () => {
      await setViewport({ width, height });
      await dev.saveSettings((s) => (s.faqs = EIGHT.map((f) => ({ ...f, question: `${f.question} ${f.question}` }))));
      const el = await mount();
      el.show();
      await settle(el, () => items(el).length >= 5 && !!button(el, 'Chat with us'), 'the open FAQ home');
      // Measured where the panel stays, not mid-rise (12 px lower: the bottom button out of the window).
      await animationsDone(el);
      const list = $(el, '.body.faq')!;
      expect(list.scrollHeight, 'the list overflows').to.be.greaterThan(list.clientHeight);
      const chat = button(el, 'Chat with us')!;
      expect(inView(el, chat), 'before scrolling').to.equal(true);
      list.scrollTop = list.scrollHeight;
      expect(inView(el, chat), 'after scrolling the list').to.equal(true);
    });
  }

  it('R3: "Yes, thanks" ends clearly ("Glad we could help!") and leads back to the questions', async () => {
    const el = await mount({ mode: 'inline' });
    await settle(el, () => items(el).length === 3, 'the FAQs');
    $$(el, '[part="faq-item"]')[0]!.click();
    await settle(el, () => !!button(el, 'Yes, thanks'), 'the answer');
    button(el, 'Yes, thanks')!.click();
    await settle(el, () => !!$(el, '[role="status"]'), 'the end');
    expect($(el, '[role="status"]')!.textContent).to.contain('Glad we could help!');
    expect(button(el, 'Yes, thanks'), 'asked once').to.equal(undefined);
    button(el, 'Back to questions')!.click();
    await settle(el, () => items(el).length === 3 && focused(el) === $(el, '.search'), 'the questions, the search focused');
  });

  it('R3 R4: "No" opens the chat with the question in the composer, focused, and sends nothing', async () => {
    const el = await mount({ mode: 'inline' });
    await settle(el, () => items(el).length === 3, 'the FAQs');
    const question = items(el)[1]!;
    $$(el, '[part="faq-item"]')[1]!.click();
    await settle(el, () => !!button(el, 'Still need help? Chat with us'), 'the answer');
    button(el, 'Still need help? Chat with us')!.click();
    await settle(el, () => $<HTMLTextAreaElement>(el, 'textarea')?.value === question, 'the question in the composer');
    expect(focused(el)).to.equal($(el, 'textarea'));
    expect(clientOf(el).$ticket.get(), 'no ticket: nothing was sent').to.equal(null);
  });
});

describe('<customer-hub-chat> merchant content in the shopper language (issue 17 D1)', () => {
  const FRENCH = {
    welcomeMessage: 'Bonjour ! Comment pouvons-nous vous aider ?',
    faqs: [{ id: 'shipping', question: 'Combien de temps prend la livraison ?', answer: 'Trois à cinq jours ouvrés.' }],
  };

  /** The element as a page deploys it: its own transport to `host`, a merchant-signed identity, `lang` from the page. */
  async function deployed(lang: string): Promise<CustomerHubChat> {
    const identity = await new SignJWT({ sub: `fr-${Math.random()}`, name: 'Ada' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(DEV_IDENTITY_SECRET));
    document.documentElement.lang = lang;
    return fixture<CustomerHubChat>(html`<customer-hub-chat host="localhost:1999" shop=${DEV_SHOP} mode="inline" identity=${identity}></customer-hub-chat>`);
  }
  afterEach(() => (document.documentElement.lang = 'en'));

  it('R3 R4: a French shopper (fr-CA page) gets the French FAQ and welcome, and the English original where nothing is translated', async () => {
    await dev.saveSettings((s) => (s.translations = { fr: FRENCH }));
    const english = dev.original.faqs.filter((f) => f.published).map((f) => f.question);
    const el = await deployed('fr-CA');
    await settle(el, () => items(el).length === 3 && items(el)[0] === FRENCH.faqs[0]!.question, 'the French FAQ');
    expect(items(el).slice(1)).to.deep.equal(english.slice(1));
    await settle(el, () => text(el).includes('Questions fréquentes'), 'the French buttons around it');
    $$(el, '[part="faq-item"]')[0]!.click();
    await settle(el, () => text(el).includes(FRENCH.faqs[0]!.answer), 'the French answer');
    button(el, '← Retour aux questions')!.click();
    await settle(el, () => !!button(el, 'Discutez avec nous'), 'the way to a person');
    button(el, 'Discutez avec nous')!.click();
    await settle(el, () => text(el).includes(FRENCH.welcomeMessage), 'the French welcome');
    expect(text(el)).not.to.contain(dev.original.welcomeMessage);
  });

  it('R4: an English page gets the default content from the same settings', async () => {
    await dev.saveSettings((s) => (s.translations = { fr: FRENCH }));
    const el = await deployed('en-GB');
    await settle(el, () => items(el).length === 3, 'the FAQ');
    expect(items(el)[0]).to.equal(dev.original.faqs[0]!.question);
  });
});
