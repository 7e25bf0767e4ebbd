// The FAQ home and merchant content in the shopper's language end to end (issue 17 items
// D1, D2): the demo storefront in Chromium against the real reference server, settings
// saved by an admin over HTTP, then the widget in English and French and the inbox's
// language editor. Saves faq-home.png, faq-answer.png, french.png and
// inbox-settings-languages.png to test/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { agentToken, api, startServer, type Api, type RunningServer } from '../server/harness.js';
import { launch, openPage, problems, shot } from './browser.js';

const SHOP = 'demo.myshopify.com';
const EXTRA = [
  { id: 'gift-cards', question: 'Can I pay with a gift card?', answer: 'Yes: enter its code at checkout.', published: true },
  { id: 'exchange', question: 'Can I exchange an item?', answer: 'Yes, within 30 days, for another size or colour.', published: true },
  { id: 'stores', question: 'Do you have physical stores?', answer: 'We sell online only.', published: true },
];
const FRENCH = {
  welcomeMessage: 'Bonjour ! Comment pouvons-nous vous aider ?',
  faqs: [
    { id: 'shipping', question: 'Combien de temps prend la livraison ?', answer: 'Les commandes partent sous 2 jours ouvrés.' },
    { id: 'returns', question: 'Quelle est votre politique de retour ?', answer: 'Vous pouvez retourner un article non porté sous 30 jours.' },
  ],
};

describe('FAQ home and content per language (issue 17 D1, D2)', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let call: Api;
  before(async () => {
    server = await startServer();
    base = server.origin.replace('127.0.0.1', 'localhost');
    call = api(server);
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const put = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, faqs: [...settings.faqs, ...EXTRA], translations: { fr: FRENCH } } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('R3: the FAQ home (top questions, chevrons, the way to a person pinned) and an answer, "No" carrying the question into the composer', async () => {
    const page = await openPage(browser, { viewport: { width: 1200, height: 820 } });
    await page.goto(`${base}/launcher.html?customer=e2e-faq-${Date.now()}`);
    await page.locator('customer-hub-chat .launcher').click();
    const rows = page.locator('customer-hub-chat [part="faq-item"]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 5, 'the top five of six');
    assert.ok(await page.locator('customer-hub-chat .faq-foot').getByRole('button', { name: 'Chat with us' }).isVisible());
    await shot(page, 'faq-home');
    await page.getByRole('button', { name: 'What is your return policy?' }).click();
    await page.getByText('You can return unworn items within 30 days').waitFor();
    await shot(page, 'faq-answer');
    await page.getByRole('button', { name: 'Still need help? Chat with us' }).click();
    const input = page.getByRole('textbox', { name: 'Write a message' });
    await input.waitFor();
    assert.equal(await input.inputValue(), 'What is your return policy?');
    assert.deepEqual(await problems(page), []);
  });

  it('R3 R4: a French shopper reads the French FAQ, the English original where untranslated; the inbox edits French beside English', async () => {
    const fr = await openPage(browser);
    await fr.goto(`${base}/launcher.html?customer=e2e-fr-content-${Date.now()}&lang=fr`);
    await fr.getByRole('button', { name: 'Ouvrir le chat' }).click();
    await fr.getByRole('heading', { name: 'Questions fréquentes' }).waitFor();
    await fr.getByRole('button', { name: FRENCH.faqs[0]!.question }).waitFor();
    await fr.getByRole('button', { name: 'How do your sizes run?' }).waitFor();
    await shot(fr, 'french');
    assert.deepEqual(await problems(fr), []);

    const agent = await openPage(browser, { viewport: { width: 1400, height: 900 } });
    await agent.goto(`${base}/inbox.html`);
    await agent.getByLabel('Agent key').fill('dev-agent-key');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('button', { name: 'Settings' }).click();
    const section = agent.locator('customer-hub-inbox-settings [data-section="languages"]');
    await section.locator('[data-lang="fr"]').waitFor();
    assert.equal(await section.getByLabel('Welcome message (français)').inputValue(), FRENCH.welcomeMessage);
    assert.equal(await section.getByLabel('Away message (français)').getAttribute('placeholder'), await section.locator('.lang-original').nth(1).textContent());
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(agent, 'inbox-settings-languages');
    assert.deepEqual(await problems(agent), []);
  });
});
