// The shopper's client on a real browser's storage and network state (issue 13):
// what is stored, for whom, across customers, tabs and an offline start. Two
// ChatClients on this page's real `localStorage` stand for two tabs of one browser
// (a reload is a new client on the same storage); for the `storage` event a second tab
// fires, the other client writes through a same-origin iframe's localStorage, a separate
// document, so the browser sends this page the real event.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { ChatClient, TransportError, createPartykitTransport, type ChatTransport, type CustomerHubChat } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { startMockServer, until } from './mock-server.js';
import { $, settle, text } from './widget-harness.js';

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

const mount = (t: ChatTransport, storage?: string) =>
  fixture<CustomerHubChat>(
    storage
      ? html`<customer-hub-chat mode="inline" shop=${DEV_SHOP} lang="en" storage=${storage} .transport=${t}></customer-hub-chat>`
      : html`<customer-hub-chat mode="inline" shop=${DEV_SHOP} lang="en" .transport=${t}></customer-hub-chat>`,
  );
const ours = (area: Storage) => Object.keys(area).filter((k) => k.startsWith('customer-hub-chat:'));
const draftSaved = (area: Storage, value: string) => until(() => Object.values(area).some((v) => v === value), 'the draft saved');

describe('issue 13 #3: nothing stored by one customer shows to the next', () => {
  afterEach(() => sessionStorage.clear());

  it("another customer on the same browser gets an empty composer, and the last one's draft is gone", async () => {
    const ada = await mount(transport({ id: `ada-${Math.random()}`, name: 'Ada' }));
    type(await composer(ada), 'My address is 1 Privacy Lane');
    await draftSaved(localStorage, 'My address is 1 Privacy Lane');
    ada.remove();

    const ben = await mount(transport({ id: `ben-${Math.random()}`, name: 'Ben' }));
    const field = await composer(ben);
    expect(field.value).to.equal('');
    expect(Object.values(localStorage).join(' ')).not.to.include('Privacy Lane');
  });

  it('the same customer gets their own draft back', async () => {
    const customer = { id: `cara-${Math.random()}`, name: 'Cara' };
    const first = await mount(transport(customer));
    type(await composer(first), 'Half a question');
    await draftSaved(localStorage, 'Half a question');
    first.remove();
    const again = await mount(transport(customer));
    expect((await composer(again)).value).to.equal('Half a question');
  });

  it('logout() clears the chat, the draft and every stored key', async () => {
    const el = await mount(transport({ id: `dan-${Math.random()}`, name: 'Dan' }));
    const field = await composer(el);
    type(field, 'Is it in stock?', true);
    await settle(el, () => text(el).includes('Sent'), 'delivered');
    type($<HTMLTextAreaElement>(el, 'textarea')!, 'and in blue?');
    await draftSaved(localStorage, 'and in blue?');
    await el.logout();
    expect(ours(localStorage)).to.deep.equal([]);
    // The inline chat starts again with a new session (the same dev customer here): no draft.
    expect((await composer(el)).value).to.equal('');
    expect(text(el)).not.to.include('and in blue?');
  });

  it('storage="session" writes nothing to localStorage until set to "local", then moves what it holds', async () => {
    const el = await mount(transport({ id: `eve-${Math.random()}`, name: 'Eve' }), 'session');
    const field = await composer(el);
    type(field, 'Where is my order?', true);
    await settle(el, () => text(el).includes('Sent'), 'delivered');
    type($<HTMLTextAreaElement>(el, 'textarea')!, 'Also, a refund');
    await draftSaved(sessionStorage, 'Also, a refund');
    expect(ours(localStorage)).to.deep.equal([], 'nothing in localStorage before consent');
    expect(ours(sessionStorage)).not.to.be.empty;

    el.storage = 'local'; // the visitor accepted cookies
    await el.updateComplete;
    expect(ours(sessionStorage)).to.deep.equal([]);
    expect(Object.values(localStorage)).to.include('Also, a refund');
  });

  it('storage="none" keeps everything in memory', async () => {
    const el = await mount(transport({ id: `fay-${Math.random()}`, name: 'Fay' }), 'none');
    type(await composer(el), 'Hello', true);
    await settle(el, () => text(el).includes('Sent'), 'delivered');
    expect(ours(localStorage)).to.deep.equal([]);
    expect(ours(sessionStorage)).to.deep.equal([]);
  });
});

describe('issue 13 #4: two tabs on one localStorage', () => {
  /** The partykit transport over the mock whose socket never opens while offline. */
  function tab(customer: { id: string; name: string }, offline: boolean): ChatTransport {
    const inner = transport(customer);
    return {
      ...flakyNetwork(inner).transport,
      startChat: (m) => inner.startChat(m),
      connect: (id, handlers) => {
        if (!offline) return inner.connect(id, handlers);
        queueMicrotask(() => handlers.state('connecting'));
        return { send: () => undefined, close: () => undefined };
      },
    };
  }

  it('both offline, five messages each, both reload, back online: all ten stored once, each tab in its order', async () => {
    const customer = { id: `tabs-${Math.random()}`, name: 'Ada' };
    const storageKey = `tabs-${Math.random()}`;
    const opener = new ChatClient({ transport: tab(customer, false), storageKey });
    await opener.start();
    opener.send('opening');
    await until(() => opener.$messages.get()[0]?.seq === 1, 'the chat');
    const ticketId = opener.$ticket.get()!.id;
    opener.destroy();

    const [a, b] = [new ChatClient({ transport: tab(customer, true), storageKey }), new ChatClient({ transport: tab(customer, true), storageKey })];
    await Promise.all([a.start(), b.start()]);
    const sentA: string[] = [];
    const sentB: string[] = [];
    for (let i = 1; i <= 5; i++) {
      sentA.push(a.send(`A${i}`)!);
      sentB.push(b.send(`B${i}`)!);
    }
    a.destroy();
    b.destroy();

    const again = [new ChatClient({ transport: tab(customer, false), storageKey }), new ChatClient({ transport: tab(customer, false), storageKey })];
    await Promise.all(again.map((c) => c.start()));
    await until(() => again.every((c) => c.$messages.get().length === 11 && c.$messages.get().every((m) => m.seq !== undefined)), 'both tabs settled', 10_000);
    const ids = [...(await mock.backend.ticket(ticketId).storage.list<{ clientId?: string }>({ prefix: 'm:' })).values()].map((m) => m.clientId);
    expect(ids.length).to.equal(11);
    expect(new Set(ids).size).to.equal(11);
    expect(ids.filter((id) => sentA.includes(id!))).to.deep.equal(sentA);
    expect(ids.filter((id) => sentB.includes(id!))).to.deep.equal(sentB);
    for (const c of again) c.destroy();
  });
});

describe('issue 13 #4: one leading tab', () => {
  it('of two clients of one shopper, exactly one leads; when it goes, the other takes over', async () => {
    const customer = { id: `lead-${Math.random()}`, name: 'Ada' };
    const storageKey = `lead-${Math.random()}`;
    const a = new ChatClient({ transport: transport(customer), storageKey });
    const b = new ChatClient({ transport: transport(customer), storageKey });
    await Promise.all([a.start(), b.start()]);
    await until(() => a.$leader.get() || b.$leader.get(), 'a leader');
    await new Promise((r) => setTimeout(r, 50));
    expect([a.$leader.get(), b.$leader.get()].filter(Boolean)).to.have.length(1);
    const [leader, other] = a.$leader.get() ? [a, b] : [b, a];
    leader.destroy();
    await until(() => other.$leader.get(), 'the other tab to lead');
    other.destroy();
  });
});

describe('issue 13 #7: the browser goes offline', () => {
  it('shows "Reconnecting…" while navigator.onLine is false, and not after', async () => {
    const el = await fixture<CustomerHubChat>(html`<customer-hub-chat mode="inline" shop=${DEV_SHOP} lang="en" .transport=${transport({ id: `net-${Math.random()}`, name: 'Ada' })}></customer-hub-chat>`);
    type(await composer(el), 'Hello', true);
    await settle(el, () => text(el).includes('Sent'), 'delivered');
    expect(text(el)).not.to.include('Reconnecting…');
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await settle(el, () => text(el).includes('Reconnecting…'), 'the notice');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      expect(navigator.onLine).to.equal(onLine.get!.call(navigator));
    }
    window.dispatchEvent(new Event('online'));
    await settle(el, () => !text(el).includes('Reconnecting…'), 'the notice gone');
  });
});

describe('issue 13 #4: a second tab writing the outbox', () => {
  it("a tab shows and delivers what another tab queued, from the real storage event (the other tab writes through a same-origin iframe's localStorage)", async () => {
    const customer = { id: `iframe-${Math.random()}`, name: 'Ada' };
    const storageKey = `iframe-${Math.random()}`;
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const otherStorage = frame.contentWindow!.localStorage;
    const offlineTab = (t: ChatTransport): ChatTransport => ({
      ...flakyNetwork(t).transport,
      startChat: (m) => t.startChat(m),
      connect: (_id, handlers) => {
        queueMicrotask(() => handlers.state('connecting'));
        return { send: () => undefined, close: () => undefined };
      },
    });
    const here = new ChatClient({ transport: transport(customer), storageKey });
    await here.start();
    here.send('opening');
    await until(() => here.$messages.get()[0]?.seq === 1 && here.$connection.get() === 'open', 'the chat');
    const there = new ChatClient({ transport: offlineTab(transport(customer)), storage: otherStorage, storageKey });
    await there.start();
    const queued = [there.send('from the other tab, 1')!, there.send('from the other tab, 2')!];
    await until(() => queued.every((id) => here.$messages.get().some((m) => m.clientId === id)), 'the other tab’s messages shown here');
    expect(here.$messages.get().map((m) => m.body)).to.deep.equal(['opening', 'from the other tab, 1', 'from the other tab, 2']);
    // That tab closes before it could send them: this one delivers them, in order.
    there.destroy();
    await until(() => here.$messages.get().length === 3 && here.$messages.get().every((m) => m.seq !== undefined), 'delivered from this tab');
    expect(here.$messages.get().map((m) => m.clientId).slice(1)).to.deep.equal(queued);
    here.destroy();
    frame.remove();
  });
});

describe('issue 13 #2: a chat that closed while the shopper was away', () => {
  it('R8: a reload shows the closed chat read-only, with its thread and the ended notice, until "Start a new chat"', async () => {
    const customer = { id: `away-${Math.random()}`, name: 'Ada' };
    const storageKey = `away-${Math.random()}`;
    const first = new ChatClient({ transport: transport(customer), storageKey });
    await first.start();
    first.send('Where is my refund?');
    await until(() => first.$messages.get()[0]?.seq === 1 && first.$connection.get() === 'open', 'the chat');
    first.endChat();
    await until(() => first.$view.get() === 'ended', 'ended');
    first.destroy();

    const reloaded = new ChatClient({ transport: transport(customer), storageKey });
    await reloaded.start();
    expect(reloaded.$view.get()).to.equal('ended');
    await until(() => reloaded.$messages.get().some((m) => m.body === 'Where is my refund?'), 'the thread shown again');
    expect(reloaded.send('one more thing')).to.be.a('string'); // R8: a new ticket, never the closed one
    await until(() => reloaded.$view.get() === 'thread' && reloaded.$ticket.get()?.status === 'open', 'a new chat');
    reloaded.endChat();
    await until(() => reloaded.$view.get() === 'ended', 'the second chat ended');
    reloaded.startNewChat(); // the shopper leaves it: it stays gone after a reload
    reloaded.destroy();

    const later = new ChatClient({ transport: transport(customer), storageKey });
    await later.start();
    expect(later.$view.get()).not.to.equal('ended');
    expect(later.$ticket.get()).to.equal(null);
    expect(later.$messages.get()).to.deep.equal([]);
    later.destroy();
  });
});

describe('issue 13 #3: two tabs after "Start a new chat"', () => {
  it('R7: the other tab leaves the ended chat and then shows the new one live (real storage events through an iframe)', async () => {
    const customer = { id: `tabs-new-${Math.random()}`, name: 'Ada' };
    const storageKey = `tabs-new-${Math.random()}`;
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const here = new ChatClient({ transport: transport(customer), storageKey });
    await here.start();
    here.send('first question');
    await until(() => here.$messages.get()[0]?.seq === 1 && here.$connection.get() === 'open', 'the chat');
    const old = here.$ticket.get()!.id;
    const there = new ChatClient({ transport: transport(customer), storage: frame.contentWindow!.localStorage, storageKey });
    await there.start();
    await until(() => there.$ticket.get()?.id === old && there.$connection.get() === 'open', 'the other tab on the chat');
    there.endChat();
    await until(() => here.$view.get() === 'ended' && there.$view.get() === 'ended', 'both ended');

    there.startNewChat();
    await until(() => here.$view.get() !== 'ended' && here.$ticket.get() === null, 'this tab left the ended chat too');
    there.send('a new question');
    await until(() => here.$ticket.get() !== null && here.$ticket.get()!.id !== old && here.$view.get() === 'thread', 'this tab on the new chat');
    expect(here.$ticket.get()!.id).to.equal(there.$ticket.get()!.id);
    await until(() => here.$messages.get().some((m) => m.body === 'a new question' && m.seq === 1), 'the new message shown here');
    here.destroy();
    there.destroy();
    frame.remove();
  });
});
