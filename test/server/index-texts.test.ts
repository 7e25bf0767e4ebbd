// The inbox search after a lost index push (r2 finding 3, issue 17 "Inbox search"; issue 19's
// crash recovery): a message is acknowledged, the server is killed (kill -9) before its push
// to the shop's index lands (held back by the dev knob INDEX_PUSH_DELAY_MS), and after a
// restart the room's catch-up brings back the message's text with its state: it is found.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, sleep, startChat, startServer, type RunningServer } from './harness.js';

describe('the inbox search after a lost index push', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), INDEX_PUSH_DELAY_MS: '3000' } });
  });
  after(async () => {
    await server?.stop();
  });

  it('a kill -9 before the push of a message lands: after a restart the message is found by its words (issue 17, R13)', async () => {
    const call = api(server);
    const run = Date.now().toString(36);
    const chat = await startChat(call, `texts-crash-${run}`, 'Hello there');
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length === 1, 'the sync');
    shopper.send({ type: 'send', clientId: `texts-crash-${run}`, body: `about the zebra${run}q` });
    await shopper.until((p) => p.of('ack').length === 1, 'the ack');
    const seq = shopper.of('ack')[0]!.seq as number;
    // Acknowledged and stored; its push still waits (the knob), and dies with the server.
    server.crash();
    await server.restart();
    const admin = await agentToken(call);
    // The shopper reloads: the room starts and catches the shop's index up.
    const again = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await again.opened();
    again.send({ type: 'hello', lastSeq: seq });
    const listed = async () => (await call('GET', `main/${SHOP}/tickets?limit=100`, { token: admin })).body.tickets.find((t: { id: string }) => t.id === chat.ticket.id);
    for (let i = 0; i < 150 && (await listed())?.lastMessage?.seq !== seq; i++) await sleep(200);
    assert.equal((await listed())?.lastMessage?.seq, seq, 'the list caught up');
    const found = await call('GET', `main/${SHOP}/tickets?q=zebra${run}q`, { token: admin });
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.tickets.map((t: { id: string }) => t.id), [chat.ticket.id], 'the message is found by its words');
    again.close();
  });
});
