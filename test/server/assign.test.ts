// Assignment, "who did what" and collision (issue 17, R18) against a real `wrangler dev`:
// the `assign` frame, `GET agents`, the ticket's events and agents' presence, and that
// neither events nor presence ever reach a shopper's socket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerFrame } from '../../src/protocol/index.js';
import { DEV_AGENT_KEY, DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';

const SAM_KEY = 'sam-agent-key';
const OTHER_SHOP_KEY = 'other-shop-key';
const TEAM = JSON.stringify([
  { key: DEV_AGENT_KEY, id: 'agent-dev', name: 'Alex (Support)', role: 'admin', shops: [SHOP] },
  { key: SAM_KEY, id: 'agent-sam', name: 'Sam', role: 'agent', shops: [SHOP] },
  { key: OTHER_SHOP_KEY, id: 'agent-other', name: 'Olga', role: 'agent', shops: ['other-shop.myshopify.com'] },
]);

/** The frame types only agents may see. */
const AGENT_ONLY = new Set(['events', 'presence']);

describe('assignment, events and presence (issue 17)', () => {
  let server: RunningServer;
  let call: Api;
  let alex: string;
  let sam: string;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), AGENT_KEYS: TEAM } });
    call = api(server);
    alex = await agentToken(call);
    sam = await agentToken(call, SAM_KEY);
  });
  after(() => server.stop());

  /** Opens a ticket socket and says hello; resolves once synced. */
  const join = async (ticketId: string, token: string, agent = true): Promise<Peer> => {
    const p = Peer.ticket(server, ticketId, token, agent ? { origin: null } : {});
    await p.opened();
    p.send({ type: 'hello', lastSeq: 0 });
    await p.until((q) => q.of('sync').length > 0, 'sync');
    return p;
  };
  const lastTicket = (p: Peer) => p.of('ticket').at(-1)?.ticket;
  const events = (p: Peer) => p.of('events').flatMap((f) => f.events);
  const assertNothingForAgents = (shopper: Peer): void => {
    const leaked = shopper.frames.filter((f) => AGENT_ONLY.has(f.type));
    assert.deepEqual(leaked, [], 'the shopper never gets events or presence');
  };

  it('GET agents lists the shop\u2019s team (ids and names, no keys, no other shop\u2019s agents); shoppers are refused', async () => {
    const r = await call('GET', `main/${SHOP}/agents`, { token: sam, origin: null });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { agents: [{ id: 'agent-dev', name: 'Alex (Support)' }, { id: 'agent-sam', name: 'Sam' }] });
    assert.ok(!JSON.stringify(r.body).includes('key'), 'no agent key is ever listed');
    const chat = await startChat(call, 'assign-list');
    const shopper = await call('GET', `main/${SHOP}/agents`, { token: chat.sessionToken });
    assert.equal(shopper.status, 403);
    assert.equal((await call('GET', `main/${SHOP}/agents`, { origin: null })).status, 401);
  });

  it('assigns, reassigns and unassigns to the team only; announced to the ticket and the inbox feed; shoppers and strangers refused', async () => {
    const chat = await startChat(call, 'assign-1', 'Where is my parcel?');
    const team = await join(chat.ticket.id, alex);
    const shopper = await join(chat.ticket.id, chat.ticketToken, false);
    const feed = new Peer(`${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${sam}&v=1`, null);
    const fed = (id: string | null) => (p: Peer) =>
      (p.frames as unknown as Array<{ type: string; ticket?: { id: string; assignee?: { id: string } | null } }>).some(
        (f) => f.type === 'ticket' && f.ticket?.id === chat.ticket.id && (f.ticket?.assignee?.id ?? null) === id,
      );

    await feed.until((p) => p.frames.length > 0, 'the inbox');
    team.send({ type: 'assign', agentId: 'agent-sam' });
    await team.until((p) => lastTicket(p)?.assignee?.id === 'agent-sam', 'assigned to Sam');
    assert.deepEqual(lastTicket(team)!.assignee, { id: 'agent-sam', name: 'Sam' }, 'the team\u2019s name, not a sender\u2019s');
    await feed.until(fed('agent-sam'), 'the inbox hears of it');

    team.send({ type: 'assign', agentId: 'agent-dev' });
    await team.until((p) => lastTicket(p)?.assignee?.id === 'agent-dev', 'reassigned to Alex');
    team.send({ type: 'assign', agentId: null });
    await team.until((p) => lastTicket(p)?.assignee === null, 'unassigned');
    await feed.until(fed(null), 'the inbox hears of the unassignment');

    team.send({ type: 'assign', agentId: 'agent-other' });
    team.send({ type: 'assign', agentId: 'nobody' });
    await team.until((p) => p.of('error').length >= 2, 'two refusals');
    assert.deepEqual(team.of('error').map((e) => e.code), ['not_found', 'not_found'], 'another shop\u2019s agent is no team member');
    team.send({ type: 'assign' } as never);
    team.send({ type: 'assign', agentId: 42 } as never);
    await team.until((p) => p.of('error').length >= 4, 'bad frames');
    assert.deepEqual(team.of('error').slice(2).map((e) => e.code), ['bad_frame', 'bad_frame']);

    shopper.send({ type: 'assign', agentId: 'agent-sam' });
    await shopper.until((p) => p.of('error').length > 0, 'the shopper refused');
    assert.equal(shopper.of('error')[0]!.code, 'forbidden');
    const stored = await call('GET', `main/${SHOP}/tickets?limit=100`, { token: alex, origin: null });
    const row = stored.body.tickets.find((t: { id: string }) => t.id === chat.ticket.id);
    assert.equal(row.assignee, null, 'the refused assignments changed nothing');
    assertNothingForAgents(shopper);
    for (const p of [team, shopper, feed]) p.close();
  });

  it('R18: replying still assigns an unassigned ticket to the agent who replied', async () => {
    const chat = await startChat(call, 'assign-r18');
    const team = await join(chat.ticket.id, sam);
    team.send({ type: 'send', clientId: 'r18-reply', body: 'On it!' });
    await team.until((p) => lastTicket(p)?.assignee?.id === 'agent-sam', 'auto-assigned');
    await team.until((p) => events(p).some((e) => e.kind === 'assigned'), 'the assignment event');
    assert.deepEqual(events(team).find((e) => e.kind === 'assigned')!.to, { id: 'agent-sam', name: 'Sam' });
    team.close();
  });

  it('stores who did what, sends it to agents live and on hello, never to the shopper', async () => {
    const chat = await startChat(call, 'events-1', 'My order is late');
    const shopper = await join(chat.ticket.id, chat.ticketToken, false);
    const team = await join(chat.ticket.id, alex);
    assert.deepEqual(events(team), [], 'a new ticket has no events');
    const until = new Date(Date.now() + 3_600_000).toISOString();
    team.send({ type: 'assign', agentId: 'agent-sam' });
    team.send({ type: 'status', status: 'snoozed', snoozeUntil: until });
    await team.until((p) => events(p).length >= 2, 'assigned and snoozed');
    // The shopper writes again: the snoozed ticket reopens (R15), by the customer.
    shopper.send({ type: 'send', clientId: 'events-again', body: 'Any news?' });
    await team.until((p) => events(p).some((e) => e.kind === 'reopened'), 'reopened');
    team.send({ type: 'status', status: 'closed' });
    await team.until((p) => events(p).some((e) => e.kind === 'closed'), 'closed');

    const live = events(team);
    assert.deepEqual(live.map((e) => e.kind), ['assigned', 'snoozed', 'reopened', 'closed']);
    assert.deepEqual(live[0]!.by, { role: 'agent', id: 'agent-dev', name: 'Alex (Support)' });
    assert.deepEqual(live[0]!.to, { id: 'agent-sam', name: 'Sam' });
    assert.equal(live[1]!.until, until);
    assert.deepEqual(live[2]!.by, { role: 'shopper' }, 'the customer, by role only');
    assert.equal(live[0]!.afterSeq, 1, 'placed after the last message at the time');
    assert.equal(live[2]!.afterSeq, 2, 'with the message that reopened it');
    assert.equal(live[3]!.afterSeq, 2);

    // Stored: a new agent socket gets them all on hello; a new shopper socket gets none.
    const later = await join(chat.ticket.id, sam);
    await later.until((p) => p.of('events').length > 0, 'the stored events');
    assert.deepEqual(events(later), live);
    const shopperAgain = await join(chat.ticket.id, chat.ticketToken, false);
    shopperAgain.send({ type: 'history', beforeSeq: 10, limit: 50 });
    await shopperAgain.until((p) => p.of('history').length > 0, 'history');
    for (const p of [shopper, shopperAgain]) {
      assertNothingForAgents(p);
      for (const f of p.frames) assert.ok(!JSON.stringify(f).includes('"kind"'), `no event in a shopper's ${f.type} frame`);
    }
    for (const p of [team, later, shopper, shopperAgain]) p.close();
  });

  it('presence: two agents see each other viewing and typing, and leaving; the shopper sees none of it', async () => {
    const chat = await startChat(call, 'presence-1');
    const shopper = await join(chat.ticket.id, chat.ticketToken, false);
    const a = await join(chat.ticket.id, alex);
    await a.until((p) => p.of('presence').length > 0, 'Alex sees himself');
    assert.deepEqual(a.of('presence').at(-1)!.agents, [{ id: 'agent-dev', name: 'Alex (Support)', typing: false }]);
    const b = await join(chat.ticket.id, sam);
    const present = (p: Peer, want: Extract<ServerFrame, { type: 'presence' }>['agents']) =>
      p.until((q) => JSON.stringify(q.of('presence').at(-1)?.agents) === JSON.stringify(want), JSON.stringify(want));
    const both = [
      { id: 'agent-dev', name: 'Alex (Support)', typing: false },
      { id: 'agent-sam', name: 'Sam', typing: false },
    ];
    await Promise.all([present(a, both), present(b, both)]);

    b.send({ type: 'typing', active: true });
    await present(a, [both[0]!, { ...both[1]!, typing: true }]);
    b.send({ type: 'typing', active: false });
    await present(a, both);
    b.close();
    await present(a, [both[0]!]);
    // The shopper still hears that the team types (R7), never who is viewing.
    assertNothingForAgents(shopper);
    a.close();
    shopper.close();
  });
});
