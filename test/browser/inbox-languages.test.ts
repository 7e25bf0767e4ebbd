// The settings form's language editor (issue 17 item D1, R12) in Chromium, through the
// real HTTP routes against the msw mock (the server's own domain code): a language added,
// its fields side by side with the default's (which are their placeholders), saved and
// served to a French widget with the English fallback, a removed FAQ's translation dropped
// on save, a language removed; text rendered as text; axe clean.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { devBackend } from '../../server-mock/handlers.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { useMockShop, until } from './mock-server.js';

const backend = devBackend();
const XSS = '<img src=x onerror="window.__xss=1">';
const dev = useMockShop(backend);

async function openSettings(): Promise<() => ShadowRoot> {
  const el = await fixture<CustomerHubInbox>(html`<customer-hub-inbox host="localhost:1999" shop=${DEV_SHOP} lang="en"></customer-hub-inbox>`);
  await until(() => !!el.shadowRoot!.querySelector('input[name="agentKey"]'), 'the sign-in form');
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="agentKey"]')!.value = 'dev-agent-key';
  el.shadowRoot!.querySelector<HTMLFormElement>('.signin form')!.requestSubmit();
  await until(() => !![...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Settings'), 'the Settings button');
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Settings')!.click();
  const root = () => el.shadowRoot!.querySelector('customer-hub-inbox-settings')!.shadowRoot!;
  await until(() => !!el.shadowRoot!.querySelector('customer-hub-inbox-settings')?.shadowRoot?.querySelector('[data-section="languages"]'), 'the language editor');
  return root;
}
const buttonIn = (root: ShadowRoot, label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
const input = (el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, v: string, type = 'input') => {
  el.value = v;
  el.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
};
const field = (root: ShadowRoot, label: string) => root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-lang] [aria-label="${label}"]`)!;

describe('<customer-hub-inbox> settings: content per language (issue 17 D1)', () => {
  it('R12: adds French, edits it beside the English default (its placeholders), saves; a French widget gets it with the English fallback', async () => {
    const root = await openSettings();
    const section = () => root().querySelector<HTMLElement>('[data-section="languages"]')!;
    expect(section().querySelector('[data-lang]'), 'nothing translated yet').to.equal(null);
    input(section().querySelector<HTMLSelectElement>('select[name="addLanguage"]')!, 'fr', 'change');
    await until(() => !buttonIn(root(), 'Add')!.disabled, 'the Add button');
    buttonIn(root(), 'Add')!.click();
    await until(() => !!section().querySelector('[data-lang="fr"]'), 'the French column');

    // Side by side: the default's text on the left, and as the placeholder of the empty French field.
    const welcome = field(root(), 'Welcome message (français)') as HTMLTextAreaElement;
    expect(welcome.placeholder).to.equal(dev.original.welcomeMessage);
    expect(welcome.value).to.equal('');
    expect(section().textContent).to.contain(dev.original.welcomeMessage);
    const shipping = dev.original.faqs[0]!;
    const question = field(root(), 'Question (français)');
    expect(question.placeholder).to.equal(shipping.question);
    input(welcome, `Bonjour ! ${XSS}`);
    input(question, 'Combien de temps prend la livraison ?');
    root().querySelector('form')!.requestSubmit();
    await until(() => root().textContent!.includes('Saved'), 'saved');

    const stored = await (await backend.shop(DEV_SHOP)).settings();
    expect(stored.translations).to.deep.equal({ fr: { welcomeMessage: `Bonjour ! ${XSS}`, faqs: [{ id: shipping.id, question: 'Combien de temps prend la livraison ?' }] } });
    const config = await (await backend.shop(DEV_SHOP)).config('fr-CA');
    expect(config.welcomeMessage).to.equal(`Bonjour ! ${XSS}`);
    expect(config.faqs[0]).to.deep.equal({ id: shipping.id, question: 'Combien de temps prend la livraison ?', answer: shipping.answer });
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    await expect(root().querySelector('[data-section="languages"]')).to.be.accessible();
  });

  it('R12: a removed FAQ takes its translation with it on save; a removed language is gone', async () => {
    await dev.saveSettings((s) => (s.translations = { fr: { welcomeMessage: 'Bonjour', faqs: [{ id: s.faqs[0]!.id, question: 'Livraison ?' }] } }));
    const root = await openSettings();
    await until(() => !!root().querySelector('[data-lang="fr"]'), 'the French column');
    const first = dev.original.faqs[0]!;
    // The FAQs are their own settings section (issue 17 part G): saving it prunes the stored translations.
    const section = async (id: string) => {
      root().querySelector<HTMLElement>(`[data-section-link="${id}"]`)!.click();
      await until(() => !!root().querySelector(`form[data-section="${id}"]`), `the ${id} section`);
    };
    await section('faq');
    [...root().querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === `Remove: ${first.question}`)!.click();
    root().querySelector('form')!.requestSubmit();
    await until(() => root().textContent!.includes('Saved'), 'saved without the FAQ');
    expect((await (await backend.shop(DEV_SHOP)).settings()).translations).to.deep.equal({ fr: { welcomeMessage: 'Bonjour', faqs: [] } });

    await section('chat');
    await until(() => !!root().querySelector('[data-lang="fr"]'), 'the French column');
    buttonIn(root(), 'Remove français')!.click();
    await until(() => !root().querySelector('[data-lang]'), 'no language column');
    root().querySelector('form')!.requestSubmit();
    let gone = false;
    await until(() => {
      void backend.shop(DEV_SHOP).then(async (shop) => (gone = !(await shop.settings()).translations));
      return gone;
    }, 'saved without French');
  });

  it('R12: edits the header’s reply-time sentence per language beside the default’s; a French widget gets it (issue 17 review)', async () => {
    await dev.saveSettings((s) => {
      s.replyTimeMessage = 'We answer within the hour.';
      s.translations = { fr: { welcomeMessage: 'Bonjour' } };
    });
    const root = await openSettings();
    await until(() => !!root().querySelector('[data-lang="fr"]'), 'the French column');
    const sentence = field(root(), 'Reply time sentence (français)') as HTMLInputElement;
    expect(sentence.placeholder).to.equal('We answer within the hour.', 'the default’s sentence beside it');
    expect(sentence.maxLength).to.equal(200);
    input(sentence, 'Nous répondons dans l’heure.');
    root().querySelector('form')!.requestSubmit();
    await until(() => root().textContent!.includes('Saved'), 'saved');
    expect((await (await backend.shop(DEV_SHOP)).settings()).translations).to.deep.equal({ fr: { welcomeMessage: 'Bonjour', replyTimeMessage: 'Nous répondons dans l’heure.' } });
    expect((await (await backend.shop(DEV_SHOP)).config('fr')).replyMessage).to.equal('Nous répondons dans l’heure.');
    expect((await (await backend.shop(DEV_SHOP)).config('en')).replyMessage).to.equal('We answer within the hour.');
  });

  it('without a default sentence, the French one’s placeholder says the estimate is computed', async () => {
    await dev.saveSettings((s) => {
      delete s.replyTimeMessage;
      s.translations = { fr: { welcomeMessage: 'Bonjour' } };
    });
    const root = await openSettings();
    await until(() => !!root().querySelector('[data-lang="fr"]'), 'the French column');
    expect((field(root(), 'Reply time sentence (français)') as HTMLInputElement).placeholder).to.equal('Computed from recent first replies');
  });
});
