// The plain launcher and the login gate (R2, issue 19 item 3) in real Chromium against the
// msw mock: a launcher whose gate is not known yet is not shown, so a visitor the gate
// hides never sees it flash, and a visitor it lets in (or an unreachable server) gets it.
// Visibility is sampled on every change of the shadow root and on every frame from the
// element's creation: no timing thresholds.
import { expect } from '@open-wc/testing';
import type { CustomerHubChat } from '../../src/index.js';
import type { ChatTransport } from '../../src/transports/types.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until } from './mock-server.js';
import { $, transport, useMockShop, type Customer } from './widget-harness.js';
import '../../src/define.js';

const dev = useMockShop();

afterEach(() => document.querySelectorAll('customer-hub-chat').forEach((n) => n.remove()));

/** Places the element as a page does and records whether its launcher was ever visible, from its creation on. */
function watched(t: ChatTransport): { el: CustomerHubChat; seenVisible: () => boolean; stop: () => void } {
  const el = document.createElement('customer-hub-chat');
  el.setAttribute('shop', DEV_SHOP);
  el.setAttribute('lang', 'en');
  el.transport = t;
  let seen = false;
  let running = true;
  const sample = (): void => {
    const launcher = $(el, '[part="launcher"]');
    if (launcher?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) seen = true;
  };
  const observer = new MutationObserver(sample);
  observer.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
  new MutationObserver(sample).observe(el, { attributes: true });
  const frame = (): void => {
    sample();
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.body.append(el);
  return {
    el,
    seenVisible: () => (sample(), seen),
    stop: () => {
      running = false;
      observer.disconnect();
    },
  };
}

describe('<customer-hub-chat> launcher and the login gate (R2, issue 19 item 3)', () => {
  it('R2: with "logged-in", an anonymous visitor never sees the launcher, not even for a frame before the gate is known', async () => {
    await dev.saveSettings((s) => (s.loginStatus = 'logged-in'));
    const w = watched(transport(null));
    await until(() => w.el.hidden, 'the element hidden by the gate');
    // A few frames more: nothing shows it afterwards either.
    for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
    w.stop();
    expect(w.seenVisible(), 'the launcher was visible at some frame').to.equal(false);
    expect($(w.el, '[part="launcher"]'), 'its box is kept, hidden').to.exist;
  });

  it('R2: with chat off, no visitor sees the launcher for a frame', async () => {
    await dev.saveSettings((s) => (s.enabled = false));
    const w = watched(transport());
    await until(() => w.el.hidden, 'the element hidden by the gate');
    for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
    w.stop();
    expect(w.seenVisible()).to.equal(false);
  });

  it('R2: a logged-in customer of a "logged-in" shop gets the launcher once the chat knows them', async () => {
    await dev.saveSettings((s) => (s.loginStatus = 'logged-in'));
    const customer: Customer = { id: `gate-${Math.random()}`, name: 'Ada' };
    const w = watched(transport(customer));
    await until(w.seenVisible, 'the launcher shown');
    w.stop();
    expect(w.el.hidden).to.equal(false);
  });

  it('R2: where nothing gates the chat, the launcher shows (at its first draw when an earlier page said so)', async () => {
    localStorage.clear();
    const first = watched(transport(null));
    await until(first.seenVisible, 'the launcher shown once the gate answered');
    first.stop();
    first.el.remove();
    // The next page trusts that answer: visible as soon as it is drawn, before any network.
    localStorage.setItem(`customer-hub-chat:${DEV_SHOP}:gate`, JSON.stringify({ gated: false, at: Date.now() }));
    const t = transport(null);
    t.getConfig = () => new Promise(() => undefined);
    const next = watched(t);
    await until(() => !!$(next.el, '[part="launcher"]'), 'the launcher drawn');
    expect(next.seenVisible(), 'visible at its first draw').to.equal(true);
    next.stop();
  });

  it('an unreachable server never keeps the launcher hidden', async () => {
    const t = transport(null);
    t.getConfig = () => Promise.reject(new TypeError('Failed to fetch'));
    const w = watched(t);
    await until(w.seenVisible, 'the launcher shown');
    w.stop();
  });
});
