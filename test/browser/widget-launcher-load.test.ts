// The plain launcher of issue 19 in real Chromium against the msw mock, in a page of its
// own (nothing loaded the chat's code before): the launcher is drawn without it, and the
// first hover loads it, before any click.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { CustomerHubChat } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until } from './mock-server.js';
import { $, transport, useMockShop } from './widget-harness.js';

useMockShop();
// The test runner's own modules fill the default 250 entries: room for the chat's.
performance.setResourceTimingBufferSize(100_000);

/** The chat's own modules this page has fetched so far (the lazy chunk's entry and the panel). */
const chatCodeLoaded = () => performance.getEntriesByType('resource').some((r) => /\/chat\/(panel-host|panel)\.(ts|js)/.test(r.name));

function place(shop: string, attrs: Record<string, string> = {}): CustomerHubChat {
  const el = document.createElement('customer-hub-chat') as CustomerHubChat;
  el.setAttribute('shop', shop);
  el.setAttribute('lang', 'en');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.transport = transport();
  document.body.append(el);
  return el;
}

afterEach(() => document.querySelectorAll('customer-hub-chat').forEach((n) => n.remove()));

describe('<customer-hub-chat> plain launcher, first load (issue 19)', () => {
  it('item 1: the launcher is drawn with no chat code; the first hover loads it, before any click', async () => {
    const el = place(DEV_SHOP);
    await until(() => !!$(el, '[part="launcher"]'), 'the launcher');
    expect(chatCodeLoaded(), 'no chat code for a launcher nobody touched').to.equal(false);
    const launcher = $(el, '[part="launcher"]')!;
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(el.open).to.equal(false);
    launcher.dispatchEvent(new PointerEvent('pointerenter'));
    await until(chatCodeLoaded, 'the chat code, on hover');
    expect(el.open, 'hovering opens nothing').to.equal(false);
    expect($(el, '[part="panel"]')).to.equal(null);
  });

});
