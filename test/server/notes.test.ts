// Internal notes (issue 17 E2) against the real server: an agent's `note` frame reaches
// the agents' sockets and their syncs, and nothing the shopper can see: every frame the
// shopper's socket receives, its sync and history after a reconnect, the shop's index,
// and the shop's webhook (a receiver of the test's own on loopback) are inspected. The
// shopper's seqs stay gapless; a note is not a reply (R18 assignment, R19 waiting).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Note } from '../../src/protocol/index.js';
import { startFakeHttp, type FakeHttp, type Received } from '../unit/fake-http.js';
import { Peer, SHOP, agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';
import { sendShopifyWebhook } from './shopify-webhook.js';

describe('internal notes (issue 17)', () => {
  let server: RunningServer;
  let call: Api;
  let receiver: FakeHttp;
  const received: Received[] = [];
  let agent: string;

  before(async () => {
    [server, receiver] = await Promise.all([
      startServer(),
      startFakeHttp((request, res) => {
        received.push(request);
        res.writeHead(204).end();
      }),
    ]);
    call = api(server);
    agent = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: agent, origin: null })).body;
    const notifications = { webhookUrl: `${receiver.base}/hooks`, secret: 'whsec_notes', events: ['ticket.created', 'message.created', 'ticket.closed', 'ticket.handoff'] };
    const saved = await call('PUT', `main/${SHOP}/settings`, { token: agent, origin: null, body: { ...settings, notifications } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  });
  after(async () => {
    receiver?.close();
    await server?.stop();
  });

  const notesOf = (p: Peer): Note[] => p.of('notes').flatMap((f) => f.notes);
  const synced = async (peer: Peer): Promise<Peer> => {
    await peer.opened();
    peer.send({ type: 'hello', lastSeq: 0 });
    await peer.until((p) => p.of('sync').length > 0, 'sync');
    return peer;
  };
  const listed = async (id: string) =>
    ((await call('GET', `main/${SHOP}/tickets?limit=100`, { token: agent, origin: null })).body.tickets as Array<Record<string, any>>).find((t) => t.id === id)!;

  it('reaches agents only: no shopper frame, sync, history, index row or webhook carries a note, and the shopper\u2019s seqs have no gap', async () => {
    const secret = `NOTE-${Date.now().toString(36)}`;
    const chat = await startChat(call, `notes-${Date.now()}`, 'Where is my order?');
    const shopper = await synced(Peer.ticket(server, chat.ticket.id, chat.ticketToken));
    const team = await synced(Peer.ticket(server, chat.ticket.id, agent, { origin: null }));
    const colleague = await synced(Peer.ticket(server, chat.ticket.id, agent, { origin: null }));
    // An agent's sync carries the ticket's notes (none yet).
    await team.until((p) => p.of('notes').length > 0, 'the notes after sync');
    assert.deepEqual(notesOf(team), []);

    // A note before any reply: not a reply (no assignment, the shopper still waits).
    team.send({ type: 'note', clientId: 'n1', body: `${secret} one: check the warehouse` });
    await colleague.until((p) => notesOf(p).some((n) => n.clientId === 'n1'), 'the note at the other agent');
    const first = notesOf(colleague).find((n) => n.clientId === 'n1')!;
    assert.deepEqual([first.author.role, first.author.id, first.afterSeq], ['agent', 'agent-dev', 1]);
    assert.ok(!team.of('ticket').length, 'a note changes nothing of the ticket');
    const waiting = await listed(chat.ticket.id);
    assert.equal(waiting.assignee ?? null, null);
    assert.ok(waiting.waitingSince, 'R19: the shopper still waits');
    assert.equal(waiting.lastMessage.body, 'Where is my order?');

    team.send({ type: 'send', clientId: 'r1', body: 'Let me look.' });
    team.send({ type: 'note', clientId: 'n2', body: `${secret} two` });
    team.send({ type: 'send', clientId: 'r2', body: 'It left yesterday.' });
    team.send({ type: 'note', clientId: 'n3', body: `${secret} three` });
    // A resent note (same clientId) is stored once.
    team.send({ type: 'note', clientId: 'n3', body: `${secret} three` });
    await team.until((p) => p.of('ack').length === 2 && new Set(notesOf(p).map((n) => n.clientId)).size === 3, 'acks and notes');
    // The colleague's socket gets the third note a moment after the writer's (its own frame).
    await colleague.until((p) => new Set(notesOf(p).map((n) => n.clientId)).size === 3, 'the notes at the other agent');
    assert.deepEqual(notesOf(colleague).map((n) => [n.clientId, n.afterSeq]), [['n1', 1], ['n2', 2], ['n3', 3]]);
    await shopper.until((p) => p.of('message').some((f) => f.message.seq === 3), 'the replies');

    // The shopper refuses to learn anything by writing one.
    shopper.send({ type: 'note', clientId: 'sneaky', body: 'shopper note' });
    await shopper.until((p) => p.of('error').some((f) => f.clientId === 'sneaky'), 'the refusal');
    assert.equal(shopper.of('error').find((f) => f.clientId === 'sneaky')!.code, 'forbidden');

    // The shopper reconnects: sync and history from the start.
    const again = await synced(Peer.ticket(server, chat.ticket.id, chat.ticketToken));
    again.send({ type: 'history', beforeSeq: 4, limit: 100 });
    await again.until((p) => p.of('history').length > 0, 'history');
    for (const peer of [shopper, again]) {
      const wire = JSON.stringify(peer.frames);
      assert.ok(!wire.includes(secret), 'a note reached a shopper frame');
      assert.ok(!wire.includes('shopper note'));
      assert.equal(peer.of('notes').length, 0);
    }
    const seqs = again.of('sync')[0]!.messages.map((m) => m.seq);
    assert.deepEqual(seqs, [1, 2, 3], 'the shopper\u2019s seqs have no gap');
    assert.deepEqual(again.of('history')[0]!.messages.map((m) => m.seq), [1, 2, 3]);
    const live = shopper.frames.filter((f) => f.type === 'message').map((f) => (f.type === 'message' ? f.message.seq : 0));
    assert.deepEqual(live, [2, 3]);

    // An agent's new socket gets every note again, in order, after its sync.
    const later = await synced(Peer.ticket(server, chat.ticket.id, agent, { origin: null }));
    await later.until((p) => p.of('notes').length > 0, 'notes');
    assert.deepEqual(notesOf(later).map((n) => n.body), [`${secret} one: check the warehouse`, `${secret} two`, `${secret} three`]);
    assert.ok(later.frames.findIndex((f) => f.type === 'sync') < later.frames.findIndex((f) => f.type === 'notes'));

    // The shop's index and the webhook: the replies, never a note.
    await new Promise<void>(async (resolve, reject) => {
      const end = Date.now() + 15_000;
      while (!received.some((r) => r.body.includes('It left yesterday.'))) {
        if (Date.now() > end) return reject(new Error('the webhook of the last reply never came'));
        await new Promise((r) => setTimeout(r, 100));
      }
      resolve();
    });
    assert.ok(!received.some((r) => r.body.includes(secret)), 'a note reached the webhook');
    const search = await call('GET', `main/${SHOP}/tickets?q=${secret}`, { token: agent, origin: null });
    assert.deepEqual(search.body.tickets, [], 'notes are not in the search index');
    assert.equal((await listed(chat.ticket.id)).lastMessage.body, 'It left yesterday.');
    for (const p of [shopper, again, team, colleague, later]) p.close();
  });

  it('a customer\u2019s redaction deletes the ticket\u2019s notes and takes its messages\u2019 words out of the search', async () => {
    const id = String(Date.now());
    const word = `gazebo${Date.now().toString(36)}`;
    const chat = await startChat(call, id, `My ${word} arrived broken`);
    const team = await synced(Peer.ticket(server, chat.ticket.id, agent, { origin: null }));
    team.send({ type: 'note', clientId: 'before-redact', body: `Customer ${id} is upset about the ${word}` });
    await team.until((p) => notesOf(p).length === 1, 'the note');
    team.close();
    const found = async () => ((await call('GET', `main/${SHOP}/tickets?q=${word}`, { token: agent, origin: null })).body.tickets as Array<{ id: string }>).map((t) => t.id);
    for (let i = 0; i < 50 && !(await found()).includes(chat.ticket.id); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await found(), [chat.ticket.id]);

    const redacted = await sendShopifyWebhook(server.origin, 'customers/redact', { shop_id: 1, shop_domain: SHOP, customer: { id: Number(id) }, orders_to_redact: [] });
    assert.equal(redacted.status, 200);
    assert.deepEqual(await found(), [], 'the search forgot the words');
    const after = await synced(Peer.ticket(server, chat.ticket.id, agent, { origin: null }));
    await after.until((p) => p.of('notes').length > 0, 'the notes after sync');
    assert.deepEqual(notesOf(after), [], 'the notes are gone');
    after.close();
  });

  it('refuses blank and malformed notes with typed errors, and keeps serving', async () => {
    const chat = await startChat(call, `notes-bad-${Date.now()}`);
    const team = await synced(Peer.ticket(server, chat.ticket.id, agent, { origin: null }));
    team.send({ type: 'note', clientId: 'blank', body: ' \u200b ' });
    team.send({ type: 'note', clientId: 'empty', body: '' });
    team.send(JSON.stringify({ type: 'note', body: 'no client id' }));
    team.send({ type: 'note', clientId: 'long', body: 'x'.repeat(4001) });
    await team.until((p) => p.of('error').length >= 4, 'four refusals');
    // A body over the limit is `too_large`, as for `send`.
    assert.deepEqual(team.of('error').map((f) => f.code).sort(), ['bad_frame', 'bad_frame', 'bad_frame', 'too_large']);
    team.send({ type: 'note', clientId: 'fine', body: 'still here' });
    await team.until((p) => notesOf(p).some((n) => n.clientId === 'fine'), 'a good note after the bad ones');
    assert.equal(notesOf(team).length, 1);
    team.close();
  });
});
