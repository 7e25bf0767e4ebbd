// The shop room's live feed: the inbox list and its changes for agents (R13, R14,
// R19), and saved settings reaching open widgets without a reload (R12).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Peer, SHOP, agentToken, api, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';

type FeedFrame = { type: string; [k: string]: any };

describe('shop feed', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer();
    call = api(server);
  });
  after(() => server.stop());

  const feed = (token: string) => new Peer(`${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${token}&v=1`, null);
  const frames = (p: Peer) => p.frames as unknown as FeedFrame[];

  it('gives agents the inbox, then every ticket change with the unread total', async () => {
    const agent = await agentToken(call);
    const inbox = feed(agent);
    await inbox.until((p) => frames(p).some((f) => f.type === 'inbox'), 'the inbox');
    const first = frames(inbox).find((f) => f.type === 'inbox')!;
    assert.ok(Array.isArray(first.tickets));
    assert.equal(typeof first.unreadTotal, 'number');

    const chat = await startChat(call, 'feed-1', 'Do you ship to Canada?');
    await inbox.until((p) => frames(p).some((f) => f.type === 'ticket' && f.ticket.id === chat.ticket.id), 'the new ticket');
    const announced = frames(inbox).find((f) => f.type === 'ticket' && f.ticket.id === chat.ticket.id)!;
    assert.equal(announced.ticket.unread, 1);
    assert.equal(announced.ticket.lastMessage.body, 'Do you ship to Canada?');
    assert.ok(announced.ticket.waitingSince, 'R19: the wait is tracked');
    assert.equal(announced.unreadTotal, first.unreadTotal + 1);

    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'read', seq: 1 });
    team.send({ type: 'send', clientId: 'feed-reply', body: 'We do!' });
    await inbox.until(
      (p) => frames(p).some((f) => f.type === 'ticket' && f.ticket.id === chat.ticket.id && f.ticket.assignee?.id === 'agent-dev' && f.ticket.unread === 0),
      'read, answered and assigned',
    );
    const latest = frames(inbox).filter((f) => f.type === 'ticket' && f.ticket.id === chat.ticket.id).at(-1)!;
    assert.equal(latest.ticket.waitingSince, null);
    assert.equal(latest.ticket.lastMessage.body, 'We do!');
    inbox.close();
    team.close();
  });

  it('keeps the unread total equal to what the open and snoozed tickets hold, across reads, closes and a restart (R14)', async () => {
    const agent = await agentToken(call);
    // What an agent sees listed: the unread of every team ticket not closed.
    const listedUnread = async (): Promise<{ sum: number; reported: number }> => {
      let sum = 0;
      let reported = -1;
      for (const status of ['open', 'snoozed']) {
        let cursor = '';
        do {
          const page = (await call('GET', `main/${SHOP}/tickets?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: agent })).body;
          for (const t of page.tickets) sum += t.unread;
          reported = page.unreadTotal;
          cursor = page.nextCursor ?? '';
        } while (cursor);
      }
      return { sum, reported };
    };
    const inbox = feed(agent);
    const a = await startChat(call, 'total-a', 'Where is my order?');
    const b = await startChat(call, 'total-b', 'Hello?');
    const shopperB = Peer.ticket(server, b.ticket.id, b.ticketToken);
    await shopperB.opened();
    shopperB.send({ type: 'send', clientId: 'b2', body: 'Anyone there?' });
    shopperB.send({ type: 'send', clientId: 'b3', body: 'Still waiting.' });
    await inbox.until((p) => frames(p).some((f) => f.type === 'ticket' && f.ticket.id === b.ticket.id && f.ticket.unread === 3), 'three unread on b');
    const before = frames(inbox).filter((f) => f.type === 'ticket').at(-1)!.unreadTotal;
    assert.deepEqual(await listedUnread(), { sum: before, reported: before });

    const teamA = Peer.ticket(server, a.ticket.id, agent, { origin: null });
    const teamB = Peer.ticket(server, b.ticket.id, agent, { origin: null });
    await Promise.all([teamA.opened(), teamB.opened()]);
    teamA.send({ type: 'read', seq: 1 });
    teamB.send({ type: 'status', status: 'closed' });
    await inbox.until((p) => frames(p).some((f) => f.type === 'ticket' && f.ticket.id === b.ticket.id && f.ticket.status === 'closed'), 'b closed');
    await inbox.until((p) => frames(p).some((f) => f.type === 'ticket' && f.ticket.id === a.ticket.id && f.ticket.unread === 0), 'a read');
    const after = frames(inbox).filter((f) => f.type === 'ticket').at(-1)!.unreadTotal;
    assert.equal(after, before - 4, 'a read (1) and b closed (3) leave the total');
    assert.deepEqual(await listedUnread(), { sum: after, reported: after });
    for (const p of [inbox, shopperB, teamA, teamB]) p.close();

    // The shop room wakes (here after a kill -9) with the total summed from its stored index.
    server.crash();
    await server.restart();
    assert.deepEqual(await listedUnread(), { sum: after, reported: after });
  });

  it('reading is not activity: an agent reading a ticket keeps its place and time in the list (R14, issue 13 #10)', async () => {
    const agent = await agentToken(call);
    const listed = async () => (await call('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent })).body.tickets as Array<{ id: string; updatedAt: string; unread: number }>;
    const older = await startChat(call, `read-old-${Date.now()}`, 'First question');
    await new Promise((r) => setTimeout(r, 20));
    const newer = await startChat(call, `read-new-${Date.now()}`, 'Second question');
    const before = await listed();
    const was = before.find((t) => t.id === older.ticket.id)!;
    assert.ok(before.findIndex((t) => t.id === newer.ticket.id) < before.findIndex((t) => t.id === older.ticket.id), 'the newer ticket is above');

    const team = Peer.ticket(server, older.ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'read', seq: 1 });
    let after = await listed();
    for (let i = 0; i < 50 && after.find((t) => t.id === older.ticket.id)!.unread !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await listed();
    }
    const now = after.find((t) => t.id === older.ticket.id)!;
    assert.equal(now.unread, 0, 'the read reached the index');
    assert.equal(now.updatedAt, was.updatedAt, 'the time is the last activity, not the read');
    assert.deepEqual(
      after.map((t) => t.id).filter((id) => id === older.ticket.id || id === newer.ticket.id),
      [newer.ticket.id, older.ticket.id],
      'the order is unchanged',
    );
    team.close();
  });

  it('never makes the away auto-reply the row preview (R9, R14, issue 13 #9)', async () => {
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const saved = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, officeHours: { ...settings.officeHours, weekly: closed, awayMessage: 'We are away right now.' } } });
    assert.equal(saved.status, 200);
    try {
      const chat = await startChat(call, `away-${Date.now()}`, 'Are you there?');
      const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
      await shopper.opened();
      shopper.send({ type: 'hello', lastSeq: 0 });
      await shopper.until((p) => p.frames.some((f) => f.type === 'sync' && f.messages.some((m) => m.author.role === 'system')), 'the away reply in the thread');
      const page = (await call('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: admin })).body;
      const listed = page.tickets.find((t: { id: string }) => t.id === chat.ticket.id);
      assert.equal(listed.lastMessage.body, 'Are you there?');
      assert.equal(listed.lastMessage.author.role, 'shopper');
      shopper.close();
    } finally {
      await call('PUT', `main/${SHOP}/settings`, { token: admin, body: settings });
    }
  });

  it('pushes saved settings to open widgets (R12)', async () => {
    const { token } = await shopperSession(call, 'feed-widget');
    const widget = feed(token);
    await widget.until((p) => frames(p).some((f) => f.type === 'config'), 'the config');
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, welcomeMessage: 'Live update!' } });
    await widget.until((p) => frames(p).some((f) => f.type === 'config' && f.config.welcomeMessage === 'Live update!'), 'the new config');
    assert.equal(frames(widget).some((f) => f.type === 'inbox' || f.type === 'ticket'), false, 'shoppers never see the inbox');
    widget.close();
  });

  it('refuses a feed socket without a valid token for this shop', async () => {
    const none = feed('nope');
    assert.equal(await none.closed(), 4001);
  });
});
