// The plain launcher of issue 19 in real Chromium against the msw mock: the skeleton shown
// while the chat's code loads is shaped like what comes (the FAQ home, or the thread of an
// active chat), and the box the lazy code shows things in beside the launcher (the reply
// preview's place). The first hover is in widget-launcher-load.test.ts (a page of its own).
import { expect } from '@open-wc/testing';
import type { CustomerHubChat } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until } from './mock-server.js';
import { chatCodeLoaded, place } from './launcher-harness.js';
import { $, useMockShop } from './widget-harness.js';

useMockShop();

afterEach(() => document.querySelectorAll('customer-hub-chat').forEach((n) => n.remove()));

describe('<customer-hub-chat> plain launcher (issue 19)', () => {
  // First in this file: the page has not loaded the chat's code yet, so the skeletons stay
  // in view while it comes over the network.
  it('item 2: while the chat loads, the skeleton is the FAQ home without an active chat, the thread with one', async () => {
    const active = `active-${Math.random()}.myshopify.com`;
    localStorage.setItem(`customer-hub-chat:${active}:active`, '1');
    const home = place(`home-${Math.random()}.myshopify.com`, { open: '' });
    const thread = place(active, { open: '' });
    await Promise.all([home.updateComplete, thread.updateComplete]);
    expect(chatCodeLoaded(), 'the chat is still loading').to.equal(false);
    const shapes = (el: CustomerHubChat) => {
      const skeleton = $(el, '[part="panel"] [aria-busy="true"]')!;
      expect(skeleton.textContent).to.equal('Loading the chat…');
      return [...skeleton.querySelectorAll('span:not(.visually-hidden)')].map((s) => s.getBoundingClientRect());
    };
    // The FAQ home: a title, then the search and the questions, each the width of the list.
    const [title, ...rows] = shapes(home);
    expect(rows.length).to.equal(4);
    for (const r of rows) {
      expect(r.height).to.be.at.least(30);
      expect(r.width).to.be.greaterThan(title!.width);
      expect(Math.round(r.left)).to.equal(Math.round(rows[0]!.left));
      expect(Math.round(r.right)).to.equal(Math.round(rows[0]!.right));
    }
    expect(title!.top).to.be.below(rows[0]!.top);
    // The thread: a team bubble on the left, the shopper's on the right, as the thread shows them.
    const bubbles = shapes(thread);
    expect(bubbles.length).to.equal(3);
    const [team, own] = bubbles;
    expect(own!.right).to.be.greaterThan(team!.right);
    expect(own!.left).to.be.greaterThan(team!.left);
    localStorage.removeItem(`customer-hub-chat:${active}:active`);
    // The chat then takes the skeleton's place.
    await until(() => !!$(home, '[part="faq-item"]'), 'the FAQ home');
    expect($(home, '.skeleton.home')).to.equal(null);
  });

  it('gives the lazy code one box beside the launcher, at the start of its shadow root, kept', async () => {
    const el = place(DEV_SHOP);
    await el.updateComplete;
    const box = el.launcherBox();
    expect(box.getAttribute('aria-live')).to.equal('polite');
    expect(el.shadowRoot!.firstChild).to.equal(box);
    expect(el.launcherBox()).to.equal(box);
    el.show();
    await el.updateComplete;
    expect(el.shadowRoot!.firstChild, 'still first with the panel open').to.equal(box);
    expect($(el, '[part="launcher"]')!.previousSibling).to.equal(box);
  });

  // Issue 19 item 1: the first load draws only the closed launcher; its other faces come with
  // the frame's code, which is in whenever the chat is open or has news. They look as before.
  it('draws the launcher open, and closed with an unread badge, once the frame is in (R14)', async () => {
    const el = place(DEV_SHOP);
    await el.updateComplete;
    const launcher = $(el, '[part="launcher"]')!;
    const icon = launcher.querySelector('path')!.getAttribute('d');
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    el.show();
    await el.updateComplete;
    expect(launcher.getAttribute('aria-label')).to.equal('Close chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(launcher.querySelector('path')!.getAttribute('d')).not.to.equal(icon);
    el.hide();
    // What the panel does when replies arrive while the chat is closed.
    el.setUnread(120);
    await el.updateComplete;
    expect(launcher.querySelector('path')!.getAttribute('d')).to.equal(icon);
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat, 120 unread messages');
    const badge = $(el, '[part="badge"]')!;
    expect(badge.textContent).to.equal('99+');
    expect(badge.getAttribute('aria-hidden')).to.equal('true');
    const look = getComputedStyle(badge);
    expect([look.position, look.backgroundColor, look.height]).to.deep.equal(['absolute', 'rgb(196, 0, 26)', '22px']);
    el.setUnread(0);
    await el.updateComplete;
    expect($(el, '[part="badge"]')).to.equal(null);
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
  });
});
