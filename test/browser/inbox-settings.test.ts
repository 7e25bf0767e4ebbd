// The settings in sections (issue 17 "Settings", R12) in Chromium against the msw mock
// (the server's own domain code): a side navigation (links with aria-current, a select
// on a phone), each section saved on its own without sending or resetting another's
// unsaved edits, secrets kept write-only, and the unsaved-changes guard (another
// section, leaving the settings, closing the tab).
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { useMockShop } from './mock-server.js';
import { all, button, one, settingsSection, settle, signedIn, textOf } from './inbox-harness.js';

const dev = useMockShop();
const fill = (field: HTMLInputElement | HTMLTextAreaElement, text: string) => {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};
const settingsOf = async () => (await dev.mock.backend.shop(DEV_SHOP)).settings();
const current = (el: CustomerHubInbox) => one(el, 'nav.sections a[aria-current="page"]')?.getAttribute('data-section-link');

/** Answers the guard's question with `answer`, recording what it asked. */
function answerConfirm(answer: boolean): { asked: string[]; restore(): void } {
  const asked: string[] = [];
  const real = window.confirm;
  window.confirm = (message?: string) => (asked.push(String(message)), answer);
  return { asked, restore: () => (window.confirm = real) };
}

describe('<customer-hub-inbox> settings sections (issue 17)', () => {
  it('R12: a side navigation of eight sections, the current one aria-current, one section shown at a time', async () => {
    const el = await signedIn();
    button(el, 'Settings')!.click();
    await settle(el, () => all(el, 'nav.sections a').length === 8, 'the side navigation');
    expect(all(el, 'nav.sections a').map((a) => a.textContent!.trim())).to.deep.equal(['Chat', 'FAQ', 'Office hours', 'AI agent', 'SMS', 'Notifications', 'Team', 'Security']);
    expect(current(el)).to.equal('chat');
    expect(all(el, 'nav.sections a[aria-current="page"]')).to.have.length(1);
    expect(one(el, 'textarea[name="welcomeMessage"]')).to.exist;
    expect(one(el, '.day')).to.equal(undefined);
    await settingsSection(el, 'hours');
    expect(current(el)).to.equal('hours');
    expect(all(el, '.day')).to.have.length(7);
    expect(one(el, 'textarea[name="welcomeMessage"]')).to.equal(undefined);
    expect(textOf(el, 'form h3')).to.equal('Office hours');
    await expect(el).to.be.accessible();
  });

  it('on a phone the sections are a select, and choosing one shows it', async () => {
    await setViewport({ width: 375, height: 740 });
    try {
      const el = await signedIn();
      button(el, 'Settings')!.click();
      await settle(el, () => !!one(el, '.section-select select'), 'the select');
      expect(one(el, 'nav.sections ul')!.getClientRects().length, 'the list is hidden').to.equal(0);
      const select = one<HTMLSelectElement>(el, '.section-select select')!;
      expect(select.getBoundingClientRect().width).to.be.greaterThan(200);
      select.value = 'team';
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await settle(el, () => !!one(el, 'form[data-section="team"]'), 'the Team section');
      expect(one(el, 'input[name="macroName"]')).to.exist;
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it("saving one section sends only its settings: another section's unsaved edits are neither saved nor reset, secrets stay write-only", async () => {
    const shop = await dev.mock.backend.shop(DEV_SHOP);
    await dev.saveSettings((s) => {
      s.notifications = { ...s.notifications, webhookUrl: 'https://hooks.example/chat', secret: 'whsec_kept', events: ['ticket.created'] };
    });
    const guard = answerConfirm(true);
    try {
      const el = await signedIn();
      await settingsSection(el, 'chat');
      fill(one<HTMLTextAreaElement>(el, 'textarea[name="welcomeMessage"]')!, 'Not saved yet');
      await settingsSection(el, 'hours');
      expect(guard.asked).to.have.length(1);
      expect(guard.asked[0]).to.contain('Chat has unsaved changes');
      expect(one(el, '[data-section-link="chat"] .dot'), 'Chat marked unsaved').to.exist;
      fill(one<HTMLTextAreaElement>(el, 'textarea[name="awayMessage"]')!, 'We are away: back at 9.');
      one<HTMLFormElement>(el, 'form[data-section="hours"]')!.requestSubmit();
      await settle(el, () => textOf(el, '.bar [role="status"]').startsWith('Saved'), 'the hours saved');

      const stored = await settingsOf();
      expect(stored.officeHours.awayMessage).to.equal('We are away: back at 9.');
      expect(stored.welcomeMessage).to.equal(dev.original.welcomeMessage, 'the Chat edit was not sent');
      expect(stored.notifications.secret).to.equal('whsec_kept', 'the stored secret is kept');
      expect(stored.notifications.webhookUrl).to.equal('https://hooks.example/chat');

      // Back on Chat: its edit is still there, unsaved, and saves on its own.
      await settingsSection(el, 'chat');
      expect(one<HTMLTextAreaElement>(el, 'textarea[name="welcomeMessage"]')!.value).to.equal('Not saved yet');
      expect(textOf(el, '.bar [role="status"]')).to.equal('Unsaved changes');
      one<HTMLFormElement>(el, 'form[data-section="chat"]')!.requestSubmit();
      await settle(el, () => textOf(el, '.bar [role="status"]').startsWith('Saved'), 'Chat saved');
      expect((await settingsOf()).welcomeMessage).to.equal('Not saved yet');
      expect((await settingsOf()).officeHours.awayMessage).to.equal('We are away: back at 9.');
      expect((await shop.adminSettings()).notifications.secret, 'never shown back').to.equal(undefined);
    } finally {
      guard.restore();
    }
  });

  it('the guard: staying keeps the section and its edits; leaving the settings asks and discards; a closing tab is asked', async () => {
    const stay = answerConfirm(false);
    let el: CustomerHubInbox;
    try {
      el = await signedIn();
      await settingsSection(el, 'chat');
      fill(one<HTMLTextAreaElement>(el, 'textarea[name="welcomeMessage"]')!, 'Draft welcome');
      one(el, '[data-section-link="faq"]')!.click();
      await el.updateComplete;
      expect(stay.asked).to.have.length(1);
      expect(current(el)).to.equal('chat');
      expect(one<HTMLTextAreaElement>(el, 'textarea[name="welcomeMessage"]')!.value).to.equal('Draft welcome');

      const unload = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(unload);
      expect(unload.defaultPrevented, 'closing the tab asks').to.equal(true);

      button(el, /^Inbox/)!.click();
      await el.updateComplete;
      expect(stay.asked).to.have.length(2);
      expect(stay.asked[1]).to.contain('Unsaved changes in Chat');
      expect(one(el, 'form[data-section="chat"]'), 'still in the settings').to.exist;
    } finally {
      stay.restore();
    }
    const leave = answerConfirm(true);
    try {
      button(el, /^Inbox/)!.click();
      await settle(el, () => !!one(el, '[part="ticket-list"]'), 'back in the inbox');
      const unload = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(unload);
      expect(unload.defaultPrevented, 'nothing left to lose').to.equal(false);
      expect((await settingsOf()).welcomeMessage).to.equal(dev.original.welcomeMessage);
      await settingsSection(el, 'chat');
      expect(one<HTMLTextAreaElement>(el, 'textarea[name="welcomeMessage"]')!.value, 'the edit was discarded').to.equal(dev.original.welcomeMessage);
    } finally {
      leave.restore();
    }
  });
});
