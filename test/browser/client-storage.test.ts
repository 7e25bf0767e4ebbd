// The shopper's client on a real browser's storage and network state (issue 13):
// what is stored, for whom, across customers, tabs and an offline start. Two
// ChatClients on this page's real `localStorage` stand for two tabs of one browser
// (a reload is a new client on the same storage); the `storage` events a second tab
// would get are covered in test/unit/outbox.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { TransportError, createPartykitTransport, type ChatTransport, type CustomerHubChat } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { startMockServer, until } from './mock-server.js';

type Mock = Awaited<ReturnType<typeof startMockServer>>;
let mock: Mock;

before(async () => {
  mock = await startMockServer();
});
after(() => mock.stop());
afterEach(() => localStorage.clear());

const transport = (customer: { id: string; name?: string }) =>
  createPartykitTransport({ host: 'localhost:1999', shop: DEV_SHOP, devCustomer: customer });

/** A transport whose HTTP calls fail like a network that is gone, until `online` is set. */
function flakyNetwork(inner: ChatTransport) {
  const state = { online: false, tries: 0 };
  const transport: ChatTransport = {
    getConfig: (signal) => inner.getConfig(signal),
    getSession: () => inner.getSession(),
    getActiveChat: () => inner.getActiveChat(),
    startChat: (first) => {
      state.tries++;
      return state.online ? inner.startChat(first) : Promise.reject(new TransportError('network', 'The chat server could not be reached.'));
    },
    connect: (id, handlers) => inner.connect(id, handlers),
  };
  return { transport, state };
}

const $ = <T extends Element = HTMLElement>(el: CustomerHubChat, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (el: CustomerHubChat) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const settle = (el: CustomerHubChat, check: () => boolean, what: string, timeoutMs = 5000) =>
  until(
    () => {
      void el.requestUpdate();
      return check();
    },
    what,
    timeoutMs,
  );

async function composer(el: CustomerHubChat) {
  await settle(el, () => !!$(el, '.faq-list') || !!$(el, 'textarea'), 'the FAQ or the composer');
  const chat = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Chat with us');
  chat?.click();
  await settle(el, () => !!$(el, 'textarea'), 'the composer');
  return $<HTMLTextAreaElement>(el, 'textarea')!;
}

function type(field: HTMLTextAreaElement, value: string, submit = false) {
  field.value = value;
  field.dispatchEvent(new Event('input'));
  if (submit) field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}

describe('issue 13 #7: a first message sent offline', () => {
  it('R6: shows "Reconnecting…", keeps "Sending…" and creates the chat by itself once the network is back', async () => {
    const net = flakyNetwork(transport({ id: `offline-${Math.random()}`, name: 'Ada' }));
    const el = await fixture<CustomerHubChat>(html`<customer-hub-chat mode="inline" shop=${DEV_SHOP} lang="en" .transport=${net.transport}></customer-hub-chat>`);
    type(await composer(el), 'Where is my order?', true);
    await settle(el, () => net.state.tries >= 1 && text(el).includes('Reconnecting…'), 'the reconnecting notice');
    expect(text(el)).to.include('Sending');
    expect(text(el)).not.to.include('Not sent');
    net.state.online = true;
    await settle(el, () => !!$(el, '.msg.shopper') && text(el).includes('Sent') && !text(el).includes('Reconnecting…'), 'delivered', 15_000);
    expect(text(el)).not.to.include('Not sent');
  });
});
