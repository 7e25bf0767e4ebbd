// <customer-hub-chat> with the keyboard and a screen reader (issue 13 item 13): the
// launcher and panel behave as a WAI-ARIA dialog, the End chat confirmation takes
// focus and Escape cancels it, and axe finds nothing in any view, long threads included.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DEV_SHOP } from '../../party/core/seed.js';
import { TransportError, type CustomerHubChat } from '../../src/index.js';
import { $, accessible, $$, button, clientOf, focused, mount, openToComposer, sendText, settle, text, transport, useMockShop } from './widget-harness.js';

const dev = useMockShop();

/** What has focus, by a readable name (chai printing DOM nodes on failure hangs the browser). */
const focusName = (el: CustomerHubChat) => {
  const f = focused(el);
  if (!f) return 'outside the widget';
  return f.getAttribute('part') ?? f.getAttribute('aria-label') ?? f.textContent!.trim();
};
const inPanel = (el: CustomerHubChat) => !!focused(el) && !!$(el, '[part="panel"]')?.contains(focused(el));
const panelFocusables = (el: CustomerHubChat) =>
  $$(el, '[part="panel"] :is(button, a[href], input, textarea, [tabindex="0"])').filter((e) => !e.hasAttribute('disabled'));

describe('<customer-hub-chat> keyboard (item 13)', () => {
  for (const key of ['Enter', ' '] as const) {
    it(`opening from the launcher with ${key === ' ' ? 'Space' : key} moves focus into the panel`, async () => {
      const el = await mount();
      $(el, '[part="launcher"]')!.focus();
      await sendKeys({ press: key === ' ' ? 'Space' : key });
      await settle(el, () => el.open && $$(el, '[part="faq-item"]').length > 0, 'the open FAQ');
      await settle(el, () => focusName(el) === 'Search questions', `focus on the search box (now: ${focusName(el)})`);
      expect(inPanel(el)).to.equal(true);
    });
  }

  it('Tab and Shift+Tab cycle within the open panel (dialog semantics)', async () => {
    const el = await mount();
    el.show();
    await settle(el, () => $$(el, '[part="faq-item"]').length > 0 && inPanel(el), 'the open FAQ with focus');
    expect($(el, '[part="panel"]')!.getAttribute('aria-modal')).to.equal('true');
    const all = panelFocusables(el);
    all.at(-1)!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusName(el)).to.equal(all[0]!.getAttribute('aria-label') ?? all[0]!.textContent!.trim());
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusName(el)).to.equal(all.at(-1)!.textContent!.trim());
    // Tab from the launcher goes into the panel (it comes first in the DOM), not out of the widget.
    $(el, '[part="launcher"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(inPanel(el)).to.equal(true);
  });

  it('opening an answer with the keyboard moves focus to it, and back to the questions returns to the search box', async () => {
    const el = await mount();
    el.show();
    await settle(el, () => $$(el, '[part="faq-item"]').length > 0 && inPanel(el), 'the open FAQ with focus');
    $$(el, '[part="faq-item"]')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el, () => focused(el)?.getAttribute('part') === 'thread', `focus on the answer (now: ${focusName(el)})`);
    expect(focused(el)!.textContent).to.contain($$(el, '[part="message"]')[1]!.textContent!.trim());
    $(el, '.link-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el, () => focusName(el) === 'Search questions', `focus on the search box (now: ${focusName(el)})`);
  });

  it('Escape closes the panel from inside it and from the launcher; focus returns to the launcher', async () => {
    const el = await mount();
    el.show();
    await settle(el, () => inPanel(el), 'focus in the panel');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(focusName(el)).to.equal('launcher');
    el.show();
    await settle(el, () => inPanel(el), 'focus in the panel again');
    $(el, '[part="launcher"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(focusName(el)).to.equal('launcher');
  });

  it('R8: the End chat confirmation takes focus, Escape cancels it (the panel stays open), and ending focuses "Start a new chat"', async () => {
    const el = await mount();
    await openToComposer(el);
    sendText(el, 'Hello');
    await settle(el, () => !!$(el, '[part="end-chat-button"]'), 'the thread');
    $(el, '[part="end-chat-button"]')!.click();
    await settle(el, () => !!$(el, '.confirm'), 'the confirmation');
    await settle(el, () => !!$(el, '.confirm')!.contains(focused(el)), `focus in the confirmation (now: ${focusName(el)})`);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '.confirm')).to.equal(null);
    expect(el.open).to.equal(true);
    expect(focusName(el)).to.equal('end-chat-button');
    await sendKeys({ press: 'Enter' });
    await settle(el, () => !!$(el, '.confirm'), 'the confirmation again');
    $(el, '.confirm .primary')!.click();
    await settle(el, () => !!$(el, '.ended'), 'the ended view');
    await settle(el, () => focusName(el) === 'Start a new chat', `focus on "Start a new chat" (now: ${focusName(el)})`);
  });
});

describe('<customer-hub-chat> axe in every view (item 13)', () => {
  for (const [theme, lang] of [['light', 'en'], ['dark', 'fr']] as const) {
    it(`launcher, FAQ, answer, welcome, long thread, confirmation and ended are clean (${theme}, ${lang})`, async function () {
      this.timeout(60_000);
      const el = await mount({ theme, lang });
      await accessible(el);
      el.show();
      await settle(el, () => $$(el, '[part="faq-item"]').length > 0, 'faq');
      await accessible(el);
      $$(el, '[part="faq-item"]')[0]!.click();
      await el.updateComplete;
      await accessible(el);
      $$(el, '.row .primary')[0]!.click();
      await settle(el, () => !!$(el, 'textarea'), 'welcome');
      await accessible(el);
      sendText(el, 'Hello');
      await settle(el, () => !!$(el, '[part="end-chat-button"]'), 'thread');
      const room = dev.mock.backend.ticket(clientOf(el).$ticket.get()!.id).room;
      for (let i = 0; i < 40; i++) await room.post({ role: 'agent', id: 'a1', name: 'Alex' }, `Line ${i} of a long answer`);
      await settle(el, () => text(el).includes('Line 39'), 'the long thread');
      const thread = $(el, '[part="thread"]')!;
      expect(thread.scrollHeight).to.be.greaterThan(thread.clientHeight);
      await accessible(el);
      $(el, '[part="end-chat-button"]')!.click();
      await el.updateComplete;
      await accessible(el);
      $(el, '.confirm .primary')!.click();
      await settle(el, () => !!$(el, '.ended'), 'ended');
      await accessible(el);
    });
  }

  it('login, error and away views are clean', async () => {
    const anon = await mount({ customer: null, mode: 'inline' });
    await settle(anon, () => $$(anon, '[part="faq-item"]').length > 0, 'the anonymous FAQ');
    await accessible(anon);
    $$(anon, '[part="faq-item"]')[0]!.click();
    await anon.updateComplete;
    $(anon, '.row .primary')!.click();
    await settle(anon, () => !!$(anon, '.login'), 'login');
    await accessible(anon);

    const broken = transport();
    broken.getConfig = () => Promise.reject(new TransportError('network', 'The chat server could not be reached.'));
    const failing = await mount({ mode: 'inline', transport: broken });
    await settle(failing, () => !!button(failing, 'Try again'), 'the error view');
    await accessible(failing);

    const closed = structuredClone(dev.original);
    closed.officeHours = { timezone: 'UTC', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], awayMessage: 'We are closed.' };
    await (await dev.mock.backend.shop(DEV_SHOP)).saveSettings(closed);
    const away = await mount({ mode: 'inline' });
    await openToComposer(away);
    sendText(away, 'Anyone?');
    await settle(away, () => $$(away, '.system').length === 1, 'the away reply');
    await accessible(away);
  });
});


