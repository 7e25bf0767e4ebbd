// ChatClient + the real partykit transport (partysocket + fetch) against the msw
// mock, which runs the server's domain core in the page (DESIGN §4, §7; R3, R4, R6, R7).
import { expect } from '@open-wc/testing';
import { ChatClient, createPartykitTransport, type ServerFrame } from '../../src/index.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import { startMockServer, until } from './mock-server.js';

describe('ChatClient over the partykit transport and the msw mock', () => {
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  before(async () => {
    mock = await startMockServer();
  });
  after(() => mock.stop());

  const transportFor = (customerId: string) =>
    createPartykitTransport({ host: 'localhost:1999', shop: DEV_SHOP, devCustomer: { id: customerId, name: 'Ada' } });

  const storedClientIds = async (ticketId: string) =>
    [...(await mock.backend.ticket(ticketId).storage.list<{ clientId?: string }>({ prefix: 'm:' })).values()].map((m) => m.clientId);

  it('starts a chat, receives an agent reply live, and delivers an outbox message once after a reload', async () => {
    const storageKey = `test-${Math.random()}`;
    const client = new ChatClient({ transport: transportFor('c-reload'), storageKey });
    await client.start();
    // R3: the seeded shop publishes FAQs, so they come first.
    expect(client.$view.get()).to.equal('faq');
    expect(client.$config.get()!.faqs.map((f) => f.id)).to.deep.equal(['shipping', 'returns', 'sizes']);

    const created: string[] = [];
    client.on('ticket-created', (t) => created.push(t.id));
    client.send('Where is my order?');
    // R6: the first message creates the ticket.
    await until(() => client.$messages.get()[0]?.seq === 1, 'the first message stored');
    const ticket = client.$ticket.get()!;
    expect(created).to.deep.equal([ticket.id]);
    expect(client.$view.get()).to.equal('thread');
    await until(() => client.$connection.get() === 'open', 'the socket to open');

    // R7: an agent reply arrives live.
    const agentFrames: ServerFrame[] = [];
    const agent = await mock.backend.connect(
      ticket.id,
      { shop: DEV_SHOP, role: 'agent', sub: 'agent-dev', name: 'Alex', exp: 0 },
      (f) => agentFrames.push(f),
    );
    if ('ok' in agent) throw new Error(agent.message);
    const arrived: string[] = [];
    client.on('message', (m) => arrived.push(m.body));
    await agent.receive(JSON.stringify({ type: 'send', clientId: 'agent-1', body: 'It ships today.' }));
    await until(() => client.$messages.get().length === 2, 'the agent reply');
    const reply = client.$messages.get()[1]!;
    expect([reply.author.role, reply.author.name, reply.body]).to.deep.equal(['agent', 'Alex', 'It ships today.']);
    expect(arrived).to.deep.equal(['It ships today.']);
    expect(client.$unread.get()).to.equal(1);
    client.markRead();
    await until(() => agentFrames.some((f) => f.type === 'receipt' && f.role === 'shopper' && f.seq === 2), 'the read receipt');
    expect(client.$unread.get()).to.equal(0);
    client.destroy();

    // A reload: the new page sends before its socket is up, then is reloaded again.
    const second = new ChatClient({ transport: transportFor('c-reload'), storageKey });
    await second.start();
    expect(second.$view.get()).to.equal('thread');
    const unsent = second.send('Sent while reconnecting')!;
    expect(second.$messages.get().at(-1)!.state).to.equal('sending');
    second.destroy();
    expect(localStorage.getItem(`${storageKey}:outbox:c-reload`)).to.contain(unsent);

    const third = new ChatClient({ transport: transportFor('c-reload'), storageKey });
    await third.start();
    await until(() => third.$messages.get().some((m) => m.clientId === unsent && m.seq !== undefined), 'the outbox delivered');
    expect(third.$messages.get().map((m) => m.body)).to.deep.equal(['Where is my order?', 'It ships today.', 'Sent while reconnecting']);
    expect((await storedClientIds(ticket.id)).filter((id) => id === unsent)).to.have.length(1);
    expect(localStorage.getItem(`${storageKey}:outbox:c-reload`)).to.equal(null);
    third.destroy();
    agent.close();
  });

  it('delivers once when the page reloads after sending but before the ack', async () => {
    const storageKey = `test-${Math.random()}`;
    const first = new ChatClient({ transport: transportFor('c-ack'), storageKey });
    await first.start();
    first.send('Hello');
    await until(() => first.$connection.get() === 'open' && first.$messages.get()[0]?.seq === 1, 'the chat');
    await until(() => first.$messages.get().length === 1 && first.$ticket.get() !== null, 'ready');
    // Wait for the sync, then send and reload at once.
    await new Promise((r) => setTimeout(r, 100));
    const clientId = first.send('Did this arrive?')!;
    first.destroy();

    const again = new ChatClient({ transport: transportFor('c-ack'), storageKey });
    await again.start();
    await until(() => again.$messages.get().some((m) => m.clientId === clientId && m.state === 'sent'), 'the message sent');
    const ids = await storedClientIds(again.$ticket.get()!.id);
    expect(ids.filter((id) => id === clientId)).to.have.length(1);
    expect(again.$messages.get().filter((m) => m.clientId === clientId)).to.have.length(1);
    again.destroy();
  });

  it('reports a socket refused for another ticket instead of retrying forever', async () => {
    const client = new ChatClient({ transport: transportFor('c-refused'), storageKey: `t-${Math.random()}` });
    await client.start();
    client.send('Hi');
    await until(() => client.$connection.get() === 'open', 'open');
    const errors: string[] = [];
    client.on('error', (e) => errors.push(e.code));
    // Another customer's token for this ticket is refused with 4003.
    const intruder = createPartykitTransport({ host: 'localhost:1999', shop: DEV_SHOP, devCustomer: { id: 'c-other' } });
    await intruder.startChat({ clientId: crypto.randomUUID(), body: 'mine' });
    const states: string[] = [];
    const conn = intruder.connect(client.$ticket.get()!.id, { frame: () => {}, state: (s) => states.push(s) });
    await until(() => states.includes('unauthorized'), 'the refusal');
    conn.close();
    expect(states.filter((s) => s === 'open')).to.have.length(0);
    expect(errors).to.deep.equal([]);
    client.destroy();
  });
});
