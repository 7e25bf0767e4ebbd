// Issue 15 `setContext`: what the page tells the team rides with the ticket, as an
// integrator's page calls it in Chromium against the msw mock (the server's own domain
// code): kept without loading the chat, sent with the first message with the page's URL
// (no fragment), replaced on the open ticket when the page calls it again.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { CustomerHubChat } from '../../src/index.js';
import type { Ticket } from '../../src/protocol/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { until } from './mock-server.js';
import { openToComposer, sendText, transport, useMockShop } from './widget-harness.js';

const dev = useMockShop();

function place(): CustomerHubChat {
  const el = document.createElement('customer-hub-chat') as CustomerHubChat;
  el.setAttribute('shop', DEV_SHOP);
  el.setAttribute('lang', 'en');
  el.transport = transport({ id: `ctx-${Math.random()}`, name: 'Ada' });
  document.body.append(el);
  return el;
}
const panelOf = (el: CustomerHubChat) => (el as unknown as { panelInstance: { client: { $ticket: { get(): Ticket | null } } } | null }).panelInstance;
const ticketOf = (el: CustomerHubChat) => panelOf(el)?.client.$ticket.get() ?? null;
const stored = async (id: string) => (await (await dev.mock.backend.shop(DEV_SHOP)).listTickets({ limit: 100, includeAi: true })).tickets.find((t) => t.id === id);

afterEach(() => {
  document.querySelectorAll('customer-hub-chat').forEach((n) => n.remove());
  history.replaceState(null, '', location.pathname + location.search);
});

describe('<customer-hub-chat> setContext (issue 15)', () => {
  it('keeps the context without loading the chat, sends it with the first message and the page URL without its fragment, and updates the open ticket', async () => {
    history.replaceState(null, '', `${location.pathname}?utm=mail#reviews`);
    const el = place();
    el.setContext({ cart: '2 items, 58.00 EUR', order: '#1001', vip: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(panelOf(el), 'setContext never loads the chat').to.equal(null);

    await openToComposer(el);
    sendText(el, 'Is my mug shipped?');
    await until(() => !!ticketOf(el), 'the ticket');
    const pageUrl = `${location.origin}${location.pathname}?utm=mail`;
    const context = { pageUrl, cart: '2 items, 58.00 EUR', order: '#1001', vip: true };
    expect(ticketOf(el)!.context).to.deep.equal(context);
    expect((await stored(ticketOf(el)!.id))?.context).to.deep.equal(context);

    el.setContext({ cart: '3 items, 87.00 EUR', order: '#1001', vip: true });
    await until(() => ticketOf(el)?.context?.cart === '3 items, 87.00 EUR', 'the open ticket updated');
    expect((await stored(ticketOf(el)!.id))?.context).to.deep.equal({ ...context, cart: '3 items, 87.00 EUR' });
  });

  it('pageUrl: false leaves the page URL out', async () => {
    const el = place();
    el.setContext({ pageUrl: false, cart: 'empty' });
    await openToComposer(el);
    sendText(el, 'Hello');
    await until(() => !!ticketOf(el), 'the ticket');
    expect(ticketOf(el)!.context).to.deep.equal({ cart: 'empty' });
  });
});
