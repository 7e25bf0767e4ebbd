// The settings form's widget-header controls (issue 17 part A, R12) in Chromium, through
// the real HTTP routes against the msw mock: the shop's name, its https logo and the
// reply-time sentence reach the widget's config; an http logo is refused, nothing saved.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { devBackend } from '../../server-mock/handlers.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { WAIT_MS, useMockShop, until } from './mock-server.js';

const backend = devBackend();
useMockShop(backend);

async function openSettings(): Promise<() => ShadowRoot> {
  const el = await fixture<CustomerHubInbox>(html`<customer-hub-inbox host="localhost:1999" shop=${DEV_SHOP} lang="en"></customer-hub-inbox>`);
  await until(() => !!el.shadowRoot!.querySelector('input[name="agentKey"]'), 'the sign-in form');
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="agentKey"]')!.value = 'dev-agent-key';
  el.shadowRoot!.querySelector<HTMLFormElement>('.signin form')!.requestSubmit();
  const settings = () => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Settings');
  await until(() => !!settings(), 'the Settings button');
  settings()!.click();
  const root = () => el.shadowRoot!.querySelector('customer-hub-inbox-settings')!.shadowRoot!;
  await until(() => !!el.shadowRoot!.querySelector('customer-hub-inbox-settings')?.shadowRoot?.querySelector('[data-section="header"]'), 'the header section');
  return root;
}

const fill = (root: ShadowRoot, name: string, text: string) => {
  const field = root.querySelector<HTMLInputElement>(`[data-section="header"] input[name="${name}"]`)!;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};
const status = (root: ShadowRoot) => (root.querySelector('.bar [role="status"]')?.textContent ?? '').trim();

describe('issue 17: the widget header settings', () => {
  it('R12: saves the shop name, an https logo and the reply-time sentence into the widget config; refuses an http logo', async () => {
    const root = (await openSettings())();
    const shop = await backend.shop(DEV_SHOP);
    fill(root, 'logoUrl', 'http://cdn.example/logo.png');
    root.querySelector('form')!.requestSubmit();
    await until(() => status(root).includes('logoUrl'), 'the refusal, naming the field');
    expect((await shop.config()).logoUrl).to.equal(undefined);

    fill(root, 'shopName', 'Maison Lune');
    fill(root, 'logoUrl', 'https://cdn.example/logo.png');
    fill(root, 'replyTimeMessage', 'We answer within the hour.');
    root.querySelector('form')!.requestSubmit();
    await until(() => status(root).startsWith('Saved'), 'saved');
    const config = await shop.config();
    expect([config.shopName, config.logoUrl, config.replyMessage]).to.deep.equal(['Maison Lune', 'https://cdn.example/logo.png', 'We answer within the hour.']);

    // Emptied: the sentence goes, and the header says the team's own reply time again.
    fill(root, 'replyTimeMessage', '');
    root.querySelector('form')!.requestSubmit();
    let cleared = false;
    // Bounded by time, not by tries: on a busy machine the save can take seconds.
    for (const end = performance.now() + WAIT_MS; !cleared && performance.now() < end; ) {
      cleared = (await shop.config()).replyMessage === undefined;
      if (!cleared) await new Promise((r) => setTimeout(r, 50));
    }
    expect(cleared).to.equal(true);
  });
});
