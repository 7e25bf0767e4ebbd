// A refused ticket socket tells the shopper what happened (issue 13 item 2): a page
// that may not open the chat (close 4003) is never told to reload, since a reload
// would be refused the same way; an expired session (4001) still is.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { CustomerHubChat, CustomerHubErrorEvent } from '../../src/index.js';
import { fr } from '../../src/i18n/fr.js';
import type { Ticket, WidgetConfig } from '../../src/protocol/index.js';
import type { ChatTransport, SocketRefusal } from '../../src/transports/types.js';
import { until } from './mock-server.js';

const config: WidgetConfig = {
  enabled: true,
  loginStatus: 'all',
  welcomeMessage: 'Hi',
  faqs: [],
  policy: {},
  officeHours: { timezone: 'UTC', isOpen: true, nextOpenAt: null, awayMessage: '' },
  ai: { enabled: false },
};
const at = '2026-11-26T10:00:00.000Z';
const ticket: Ticket = {
  id: 't-refused',
  shop: 'demo.myshopify.com',
  channel: 'chat',
  status: 'open',
  customer: { id: 'c1' },
  handler: 'team',
  createdAt: at,
  updatedAt: at,
  unread: 0,
  lastMessage: { seq: 1, body: 'Hello', author: { role: 'shopper' }, createdAt: at },
};

/** An open chat whose every socket the server refuses with `refusal`. */
const refusing = (refusal: SocketRefusal): ChatTransport => ({
  getConfig: async () => config,
  getSession: async () => ({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', customer: { id: 'c1' } }),
  startChat: () => Promise.reject(new Error('not here')),
  getActiveChat: async () => ({ ticket, ticketToken: 'tt' }),
  connect: (_id, handlers) => {
    setTimeout(() => {
      handlers.frame({ type: 'error', code: 'forbidden', message: 'refused' });
      handlers.state('unauthorized', refusal);
    }, 0);
    return { send: () => undefined, close: () => handlers.state('closed') };
  },
});

async function mount(refusal: SocketRefusal): Promise<CustomerHubChat> {
  localStorage.clear();
  const el = await fixture<CustomerHubChat>(html`<customer-hub-chat shop="demo.myshopify.com" mode="inline" lang="en" .transport=${refusing(refusal)}></customer-hub-chat>`);
  await until(() => !!el.shadowRoot!.querySelector('[part="notice"][role="alert"]'), 'the refusal notice');
  return el;
}
const notice = (el: CustomerHubChat) => el.shadowRoot!.querySelector('[part="notice"][role="alert"]')!.textContent!.trim();

describe('a refused ticket socket', () => {
  it('4003: says the chat cannot be opened on this page, and never to reload', async () => {
    const el = await mount('forbidden');
    expect(notice(el)).to.equal("This chat can't be opened on this page.");
    expect(el.shadowRoot!.textContent).not.to.match(/reload/i);
  });

  it('4001: says the session expired and a reload mends it', async () => {
    const el = await mount('expired');
    expect(notice(el)).to.equal('Your chat session has expired. Reload the page to continue.');
  });
});

describe('the refusal as an event (issue 14: clients emit codes, views translate them)', () => {
  it("fires customer-hub-error with the code and the shopper's language, not the client's words", async () => {
    localStorage.clear();
    const events: Array<{ code: string; message: string }> = [];
    const el = await fixture<CustomerHubChat>(
      html`<customer-hub-chat shop="demo.myshopify.com" mode="inline" lang="fr" .transport=${refusing('forbidden')} @customer-hub-error=${(e: CustomerHubErrorEvent) => events.push(e.error)}></customer-hub-chat>`,
    );
    await until(() => !!el.shadowRoot!.querySelector('[part="notice"][role="alert"]'), 'the refusal notice');
    await until(() => events.length >= 2, 'both errors: the frame and the refusal');
    // The error frame of each refused try (one reconnect with a fresh session), then the refusal itself.
    expect(new Set(events.map((e) => e.code))).to.deep.equal(new Set(['forbidden']));
    for (const e of events) expect(e.message).to.equal(fr.chatForbidden);
  });
});
