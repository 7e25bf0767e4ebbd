// The AI agent, its handoff and notification webhooks on the real server (R10, R11,
// R14): settings saved by an admin, a chat over real sockets, and outbound requests
// from the Durable Object to a receiver here, retried by the room's alarm.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startFakeHttp, type FakeHttp } from '../unit/fake-http.js';
import { waitFor } from '../unit/support.js';
import { Peer, SHOP, agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';

describe('AI agent and webhooks on the reference server', () => {
  let server: RunningServer;
  let call: Api;
  let receiver: FakeHttp;
  let receiverUrl = '';
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let failFirst = 0;
  before(async () => {
    server = await startServer();
    call = api(server);
    receiver = await startFakeHttp(({ headers, body }, res) => {
      if (failFirst > 0) {
        failFirst--;
        return void res.writeHead(503).end();
      }
      received.push({ headers, body });
      res.writeHead(204).end();
    });
    receiverUrl = `${receiver.base}/hooks`;
  });
  after(async () => {
    receiver.close();
    await server.stop();
  });

  it('answers from the FAQ, hands off on request into the inbox, and notifies a signed webhook, retrying after a 503', async () => {
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const saved = await call('PUT', `main/${SHOP}/settings`, {
      token: admin,
      body: {
        ...settings,
        ai: { ...settings.ai, enabled: true, handoff: { target: 'inbox' } },
        notifications: { webhookUrl: receiverUrl, secret: 'whsec_e2e', events: ['ticket.created', 'ticket.handoff'] },
      },
    });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.notifications.secret, undefined, 'the secret is write-only');
    failFirst = 1;

    const chat = await startChat(call, `ai-${Date.now()}`, 'How long does shipping take?');
    assert.equal(chat.ticket.handler, 'ai');
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length === 1, 'sync');
    const answer = shopper.of('sync')[0]!.messages[1]!;
    assert.deepEqual([answer.author.role, answer.body.split('\n')[0]], ['ai', 'Orders ship within 2 business days; delivery takes 3 to 5 days.']);

    const inboxHas = async () =>
      (await call('GET', `main/${SHOP}/tickets?status=open`, { token: admin })).body.tickets.some((t: { id: string }) => t.id === chat.ticket.id);
    assert.equal(await inboxHas(), false, 'the AI handles it: not in the inbox');
    shopper.send({ type: 'send', clientId: 'human', body: 'Can I talk to a person?' });
    await shopper.until((p) => p.of('ticket').some((f) => f.ticket.handler === 'team'), 'the handoff');
    await waitFor(inboxHas, 5000, 'in the inbox');

    // ticket.created failed once (503) and came again on the room's alarm; ticket.handoff went through.
    await waitFor(() => received.length >= 2, 15_000, 'both notifications');
    const events = received.map((r) => JSON.parse(r.body) as { event: string; id: string });
    assert.deepEqual(events.map((e) => e.event).sort(), ['ticket.created', 'ticket.handoff']);
    for (const r of received) {
      const ts = String(r.headers['x-customerhub-timestamp']);
      assert.equal(r.headers['x-customerhub-signature'], `sha256=${createHmac('sha256', 'whsec_e2e').update(`${ts}.${r.body}`).digest('hex')}`);
    }
    shopper.close();
    await call('PUT', `main/${SHOP}/settings`, { token: admin, body: settings });
  });

  it('greets back "hi" and "hello?" without counting them as failed turns, and answers the question after them: no handoff (issue 18, R10, R11)', async () => {
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const saved = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, ai: { ...settings.ai, enabled: true, maxUnresolvedTurns: 2, handoff: { target: 'inbox' } } } });
    assert.equal(saved.status, 200);
    try {
      const chat = await startChat(call, `ai-hi-${Date.now()}`, 'hi');
      const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
      await shopper.opened();
      shopper.send({ type: 'hello', lastSeq: 0 });
      await shopper.until((p) => p.of('sync').length === 1, 'sync');
      const aiSaid = () => shopper.of('sync')[0]!.messages.concat(shopper.of('message').map((f) => f.message)).filter((m) => m.author.role !== 'shopper');
      await shopper.until(() => aiSaid().length === 1, 'the reply to hi');
      shopper.send({ type: 'send', clientId: 'hello', body: 'hello?' });
      await shopper.until(() => aiSaid().length === 2, 'the reply to hello?');
      shopper.send({ type: 'send', clientId: 'question', body: 'How long does shipping take?' });
      await shopper.until(() => aiSaid().length === 3, 'the answer');
      assert.deepEqual(
        aiSaid().map((m) => [m.author.role, m.body.split('\n')[0]]),
        [
          ['ai', 'Hi! What can I help you with?'],
          ['ai', 'Hi! What can I help you with?'],
          ['ai', 'Orders ship within 2 business days; delivery takes 3 to 5 days.'],
        ],
      );
      assert.equal(shopper.of('ticket').some((f) => f.ticket.handler === 'team'), false, 'no handoff');
      const open = (await call('GET', `main/${SHOP}/tickets?status=open`, { token: admin })).body.tickets as Array<{ id: string }>;
      assert.equal(open.some((t) => t.id === chat.ticket.id), false, 'not in the inbox: the AI still has it');
      shopper.close();
    } finally {
      await call('PUT', `main/${SHOP}/settings`, { token: admin, body: settings });
    }
  });
});
