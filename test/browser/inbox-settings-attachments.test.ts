// The inbox's switch for shoppers' images (issue 17 B1, R12): "Shoppers can send images" in
// the settings' General section, on by default, saved as `chat.attachments`, which the shop's
// public config then says (real Chromium, the msw mock over the server's own code).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until, useMockShop } from './mock-server.js';

const dev = useMockShop();

describe('<customer-hub-inbox-settings> shoppers\' images switch (issue 17 B1)', () => {
  it('the inbox settings switch it: "Shoppers can send images", on by default, saved as chat.attachments', async () => {
    const inbox = await fixture<CustomerHubInbox>(html`<customer-hub-inbox host="localhost:1999" shop=${DEV_SHOP} lang="en"></customer-hub-inbox>`);
    const root = inbox.shadowRoot!;
    await until(() => !!root.querySelector('input[name="agentKey"]'), 'the sign-in form');
    root.querySelector<HTMLInputElement>('input[name="agentKey"]')!.value = 'dev-agent-key';
    root.querySelector<HTMLFormElement>('.signin form')!.requestSubmit();
    await until(() => !!root.querySelector('[part="ticket-list"]'), 'the signed-in inbox');
    const find = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
    await until(() => !!find('Settings'), 'the Settings button');
    find('Settings')!.click();
    const form = () => root.querySelector('customer-hub-inbox-settings')?.shadowRoot;
    await until(() => !!form()?.querySelector('input[name="chatAttachments"]'), 'the switch');
    const box = form()!.querySelector<HTMLInputElement>('input[name="chatAttachments"]')!;
    expect(box.checked, 'on by default').to.equal(true);
    expect(box.closest('label')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Shoppers can send images');
    box.click();
    [...form()!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Save settings')!.click();
    const shop = await dev.mock.backend.shop(DEV_SHOP);
    let saved: boolean | undefined;
    await until(() => {
      void shop.settings().then((s) => (saved = s.chat?.attachments));
      return saved === false;
    }, 'chat.attachments saved off');
    expect((await shop.config()).attachments).to.equal(false);
  });
});
