// The plain launcher of issue 19 in real Chromium against the msw mock, in a page of its
// own (nothing loaded the chat's code before): the launcher is drawn without it, and the
// first hover loads it, before any click.
import { expect } from '@open-wc/testing';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until } from './mock-server.js';
import { chatCodeLoaded, place } from './launcher-harness.js';
import { $, useMockShop } from './widget-harness.js';

useMockShop();

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
