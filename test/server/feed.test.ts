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
