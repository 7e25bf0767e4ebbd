// Issue 17 in the inbox's settings, in Chromium against the msw mock: the "E-mails to
// shoppers" section appears once team e-mails are set up; its switches and storefront
// page are saved as the merchant set them, and the public config follows (README
// "Shopper e-mails"). Keyboard-reachable controls and axe as everywhere in the inbox.
import { expect } from '@open-wc/testing';
import '../../src/inbox.js';
import { devBackend } from '../../server-mock/handlers.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { button, one, settingsSection, settle, signedIn, textOf } from './inbox-harness.js';
import { useMockShop } from './mock-server.js';

const backend = devBackend();
useMockShop(backend);

describe('<customer-hub-inbox> shopper e-mail settings (issue 17)', () => {
  it('shows "E-mails to shoppers" once e-mail is set up, and saves its switches and storefront page', async () => {
    const el = await signedIn();
    await settingsSection(el, 'notifications');
    await settle(el, () => !!one(el, 'fieldset[data-section="email"]'), 'the settings');
    expect(one(el, 'fieldset[data-section="shopper-emails"]')).to.equal(undefined);
    const fill = (name: string, text: string) => {
      const field = one<HTMLInputElement | HTMLTextAreaElement>(el, `[name="${name}"]`)!;
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    one<HTMLInputElement>(el, 'input[name="emailEnabled"]')!.click();
    await settle(el, () => !!one(el, 'fieldset[data-section="shopper-emails"]'), 'the shopper e-mails section');
    expect(textOf(el, 'fieldset[data-section="shopper-emails"] legend')).to.equal('E-mails to shoppers');
    expect(one<HTMLInputElement>(el, 'input[name="transcript"]')!.checked, 'on by default').to.equal(true);
    expect(one<HTMLInputElement>(el, 'input[name="replyNotice"]')!.checked, 'on by default').to.equal(true);
    fill('emailToken', 'pm-token');
    fill('emailFrom', 'support@shop.example');
    fill('emailTo', 'team@shop.example');
    one<HTMLInputElement>(el, 'input[name="replyNotice"]')!.click();
    fill('storefrontUrl', 'https://shop.example/pages/help');
    await expect(el).to.be.accessible();
    button(el, 'Save settings')!.click();
    await settle(el, () => textOf(el, '.bar [role="status"]').includes('Saved'), 'saved');

    const shop = await backend.shop(DEV_SHOP);
    const stored = (await shop.settings()).notifications.email!;
    expect(stored).to.deep.include({ replyNotice: false, storefrontUrl: 'https://shop.example/pages/help' });
    expect(stored.transcript, 'left on (absent means on)').to.not.equal(false);
    const config = await shop.config();
    expect(config.transcript).to.equal(true);
    expect(config.replyByEmail).to.equal(undefined);
  });
});
