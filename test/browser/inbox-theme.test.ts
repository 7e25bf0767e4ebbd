// Issue 15, theming: `<customer-hub-inbox theme>` as the chat's (`auto` follows the
// system, `light` and `dark` override it), in the inbox and in its ticket view's own
// shadow root, in Chromium against the msw mock.
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/inbox.js';
import type { CustomerHubInbox } from '../../src/inbox.js';
import { devBackend } from '../../server-mock/handlers.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { startMockServer } from './mock-server.js';
import { one, row, settle, signedIn } from './inbox-harness.js';

const backend = devBackend();
let mock: Awaited<ReturnType<typeof startMockServer>>;
before(async () => {
  mock = await startMockServer(backend);
  // A shopper's chat to open in the ticket view.
  const shop = await backend.shop(DEV_SHOP);
  await shop.startChat({ shop: DEV_SHOP, role: 'shopper', sub: 'theme-shopper', name: 'Theo Theme', exp: 0 }, { clientId: crypto.randomUUID(), body: 'Hello' }, location.origin);
});
after(() => mock.stop());
afterEach(async () => {
  await emulateMedia({ colorScheme: 'no-preference' });
  localStorage.clear();
});

// The theme's text colours (src/theme/tokens.ts), as the browser computes them.
const LIGHT = 'rgb(26, 26, 26)';
const DARK = 'rgb(242, 242, 245)';

/** The text colour of the inbox and of its open ticket's view. */
function colours(el: CustomerHubInbox): [string, string] {
  const ticket = el.shadowRoot!.querySelector('customer-hub-inbox-ticket')!;
  return [getComputedStyle(el).color, getComputedStyle(ticket).color];
}

async function withTicketOpen(): Promise<CustomerHubInbox> {
  const el = await signedIn();
  await settle(el, () => !!row(el, 'Theo Theme'), 'the ticket');
  row(el, 'Theo Theme')!.click();
  await settle(el, () => !!one(el, 'textarea[part="input"]'), 'the ticket view');
  return el;
}

describe('<customer-hub-inbox theme> (issue 15)', () => {
  it('theme="dark" darkens the inbox and its ticket view on a light system; "light" and "auto" follow', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await withTicketOpen();
    expect(colours(el)).to.deep.equal([LIGHT, LIGHT]);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(colours(el)).to.deep.equal([DARK, DARK]);
    el.theme = 'auto';
    await el.updateComplete;
    expect(colours(el)).to.deep.equal([LIGHT, LIGHT]);
  });

  it('theme="light" keeps it light on a dark system, where "auto" is dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await withTicketOpen();
    expect(colours(el)).to.deep.equal([DARK, DARK]);
    el.setAttribute('theme', 'light');
    await el.updateComplete;
    expect(colours(el)).to.deep.equal([LIGHT, LIGHT]);
  });
});
