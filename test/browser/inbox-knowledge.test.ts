// The settings form's knowledge editor and "test a question" box (issue 18 item 2, R10)
// in Chromium, through the real HTTP routes against the msw mock (the server's own domain
// code): pages added, edited and removed, their size shown, what the agent would answer
// over the unsaved form and from which source, text rendered as text, axe clean.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { devBackend } from '../../server-mock/handlers.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { useMockShop, until } from './mock-server.js';

const backend = devBackend();
const XSS = '<img src=x onerror="window.__xss=1">';

useMockShop(backend);

/** The settings element's shadow root, once the inbox is signed in and on its settings. */
async function openSettings(lang = 'en'): Promise<{ el: CustomerHubInbox; root: () => ShadowRoot }> {
  const el = await fixture<CustomerHubInbox>(html`<customer-hub-inbox host="localhost:1999" shop=${DEV_SHOP} lang=${lang}></customer-hub-inbox>`);
  await until(() => !!el.shadowRoot!.querySelector('input[name="agentKey"]'), 'the sign-in form');
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="agentKey"]')!.value = 'dev-agent-key';
  el.shadowRoot!.querySelector<HTMLFormElement>('.signin form')!.requestSubmit();
  await until(() => !!el.shadowRoot!.querySelector('[part="ticket-list"]'), 'the signed-in inbox');
  const settings = () => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === (lang === 'fr' ? 'Réglages' : 'Settings'));
  await until(() => !!settings(), 'the Settings button');
  settings()!.click();
  await until(() => !!el.shadowRoot!.querySelector('customer-hub-inbox-settings')?.shadowRoot?.querySelector('[data-section-link="ai"]'), 'the settings sections');
  el.shadowRoot!.querySelector('customer-hub-inbox-settings')!.shadowRoot!.querySelector<HTMLElement>('[data-section-link="ai"]')!.click();
  const root = () => el.shadowRoot!.querySelector('customer-hub-inbox-settings')!.shadowRoot!;
  await until(() => !!el.shadowRoot!.querySelector('customer-hub-inbox-settings')?.shadowRoot?.querySelector('[data-section="knowledge"]'), 'the knowledge editor');
  return { el, root };
}

const fill = (field: HTMLInputElement | HTMLTextAreaElement, text: string) => {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};
const buttonIn = (root: ParentNode, name: string | RegExp) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => {
    const label = b.getAttribute('aria-label') ?? b.textContent!.trim();
    return typeof name === 'string' ? label === name : name.test(label);
  });
const squash = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('issue 18: the knowledge editor', () => {
  it('adds, edits and removes pages, shows their size, and saves them', async () => {
    const { root } = await openSettings();
    const section = () => root().querySelector('[data-section="knowledge"]')!;
    expect(section().querySelectorAll('[data-doc]').length).to.equal(0);
    buttonIn(section(), 'Add a page')!.click();
    await until(() => section().querySelectorAll('[data-doc]').length === 1, 'a new page');
    await until(() => root().activeElement?.getAttribute('name') === 'docTitle', 'focus on its title');
    fill(section().querySelector<HTMLInputElement>('input[name="docTitle"]')!, 'Gift wrapping');
    fill(section().querySelector<HTMLTextAreaElement>('textarea[name="docText"]')!, 'Every order can be gift wrapped in recycled paper for 3 euros.');
    fill(section().querySelector<HTMLInputElement>('input[name="docUrl"]')!, 'https://shop.example/gifts');
    await until(() => squash(section().querySelector('[data-chars]')) === '62 / 20,000 characters', 'the character count');
    expect(squash(section().querySelector('[data-knowledge-size]'))).to.match(/^Knowledge: 0\.1 KB\. Settings: \d+\.\d KB of 64\.0 KB\.$/);
    expect(squash(root().querySelector('.bar [role="status"]'))).to.equal('Unsaved changes');

    root().querySelector('form')!.requestSubmit();
    await until(() => squash(root().querySelector('.bar [role="status"]')).startsWith('Saved'), 'saved');
    const shop = await backend.shop(DEV_SHOP);
    expect((await shop.settings()).ai.knowledge).to.deep.equal([{ title: 'Gift wrapping', text: 'Every order can be gift wrapped in recycled paper for 3 euros.', url: 'https://shop.example/gifts' }]);

    // Edited, then a second page removed by its named button, before one save.
    fill(section().querySelector<HTMLTextAreaElement>('textarea[name="docText"]')!, 'Gift wrapping is free in December.');
    buttonIn(section(), 'Add a page')!.click();
    await until(() => section().querySelectorAll('[data-doc]').length === 2, 'a second page');
    fill(section().querySelectorAll<HTMLInputElement>('input[name="docTitle"]')[1]!, 'Old page');
    await until(() => !!buttonIn(section(), 'Remove page: Old page'), 'the remove button named after its page');
    buttonIn(section(), 'Remove page: Old page')!.click();
    await until(() => section().querySelectorAll('[data-doc]').length === 1, 'the second page removed');
    root().querySelector('form')!.requestSubmit();
    await until(() => squash(root().querySelector('.bar [role="status"]')).startsWith('Saved'), 'saved again');
    expect((await shop.settings()).ai.knowledge).to.deep.equal([{ title: 'Gift wrapping', text: 'Gift wrapping is free in December.', url: 'https://shop.example/gifts' }]);

    buttonIn(section(), 'Remove page: Gift wrapping')!.click();
    root().querySelector('form')!.requestSubmit();
    await until(() => section().querySelectorAll('[data-doc]').length === 0 && squash(root().querySelector('.bar [role="status"]')).startsWith('Saved'), 'all removed');
    expect((await shop.settings()).ai.knowledge).to.deep.equal([]);
  });

  it('tests a question over the unsaved form: the answer and its source, a handoff, an order question; text stays text', async () => {
    const { el, root } = await openSettings();
    const section = () => root().querySelector('[data-section="knowledge"]')!;
    buttonIn(section(), 'Add a page')!.click();
    await until(() => section().querySelectorAll('[data-doc]').length === 1, 'a new page');
    fill(section().querySelector<HTMLInputElement>('input[name="docTitle"]')!, `Gift wrapping ${XSS}`);
    fill(section().querySelector<HTMLTextAreaElement>('textarea[name="docText"]')!, `Every order can be gift wrapped in recycled paper for 3 euros. ${XSS}`);
    fill(section().querySelector<HTMLInputElement>('input[name="docUrl"]')!, 'https://shop.example/gifts');

    const ask = async (question: string) => {
      const input = section().querySelector<HTMLInputElement>('input[name="tryQuestion"]')!;
      fill(input, question);
      await until(() => !buttonIn(section(), 'Test')?.disabled, 'the Test button');
      const before = squash(section().querySelector('[data-try-result]'));
      buttonIn(section(), 'Test')!.click();
      await until(() => !!buttonIn(section(), 'Test') && squash(section().querySelector('[data-try-result]')) !== before, `the answer to ${question}`);
      return section().querySelector('[data-try-result]')!;
    };

    const answer = await ask('Is gift wrapping possible for my order in recycled paper?');
    expect(squash(answer)).to.contain('The agent would answer:');
    expect(squash(answer.querySelector('blockquote'))).to.contain('gift wrapped in recycled paper');
    expect(squash(answer.querySelector('[data-source]'))).to.contain(`Source: Gift wrapping ${XSS}`);
    const link = answer.querySelector<HTMLAnchorElement>('[data-source] a')!;
    expect([link.href, link.rel]).to.deep.equal(['https://shop.example/gifts', 'noopener noreferrer nofollow']);
    expect(answer.querySelector('img')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    // Nothing was saved by testing, and typing the question changed no setting.
    expect((await (await backend.shop(DEV_SHOP)).settings()).ai.knowledge).to.deep.equal([]);

    expect(squash(await ask('I want to talk to a human'))).to.equal('The agent would hand the conversation off (the shopper asks for a person).');
    expect(squash(await ask('Where is my order?'))).to.equal("An order question: the agent answers it from the shopper's own Shopify orders.");
    const faq = await ask('How long does shipping take?');
    expect(squash(faq.querySelector('[data-source]'))).to.equal('Source: How long does shipping take?');

    // Enter in the box tests the question; it never submits the settings form.
    const input = section().querySelector<HTMLInputElement>('input[name="tryQuestion"]')!;
    fill(input, 'Can I talk to a person?');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => squash(section().querySelector('[data-try-result]')).startsWith('The agent would hand'), 'Enter tests');
    expect(squash(root().querySelector('.bar [role="status"]'))).to.equal('Unsaved changes');
    await expect(el).to.be.accessible();
  });

  it('shows an invalid draft\u2019s refusal, and speaks French', async () => {
    const { root } = await openSettings('fr');
    const section = () => root().querySelector('[data-section="knowledge"]')!;
    expect(squash(section().querySelector('legend'))).to.equal('Connaissances de l’agent IA');
    buttonIn(section(), 'Ajouter une page')!.click();
    await until(() => section().querySelectorAll('[data-doc]').length === 1, 'a new page');
    fill(section().querySelector<HTMLInputElement>('input[name="docUrl"]')!, 'javascript:alert(1)');
    fill(section().querySelector<HTMLInputElement>('input[name="tryQuestion"]')!, 'Livrez-vous au Canada ?');
    await until(() => !buttonIn(section(), 'Tester')?.disabled, 'the Test button');
    buttonIn(section(), 'Tester')!.click();
    await until(() => squash(section().querySelector('[data-try-result]')).startsWith('Test impossible'), 'the refusal');
    expect(squash(section().querySelector('[data-try-result]'))).to.contain('knowledge[0].url');
  });
});
