// The shop's ticket index after a kill -9 (issue 19, h16 item 2; R13, R14): messages are
// acknowledged, the server dies before their push to the shop's index lands (each push
// held back by the dev knob INDEX_PUSH_DELAY_MS), and after a restart the inbox list shows
// the last message and the unread count without any new traffic on that ticket: the room
// wakes by itself and sends its state once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, startChat, startServer, type RunningServer } from './harness.js';

interface Listed {
  id: string;
  unread: number;
  lastMessage?: { seq: number; body: string };
}

describe('the ticket index after a crash', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), INDEX_PUSH_DELAY_MS: '3000' } });
  });
  after(async () => {
    await server?.stop();
  });

  it('a kill -9 before the index push lands: after a restart the inbox list catches up with the room by itself (R13, R14)', async () => {
    const call = api(server);
    const admin = await agentToken(call);
    const chat = await startChat(call, `index-crash-${Date.now()}`, 'Where is my parcel?');
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    await shopper.until((p) => p.of('sync').length === 1, 'the sync');
    const bodies = ['It was due Monday', 'The tracking says delivered', 'But it is not here'];
    for (const [i, body] of bodies.entries()) shopper.send({ type: 'send', clientId: `index-crash-${i}`, body });
    await shopper.until((p) => p.of('ack').length === bodies.length, 'the acks');
    const last = Math.max(...shopper.of('ack').map((a) => a.seq));
    // Acknowledged, stored; the shop's copy still has the first message only.
    server.crash();
    await server.restart();

    const listed = async (): Promise<Listed | undefined> =>
      ((await call('GET', `main/${SHOP}/tickets?limit=100`, { token: admin })).body.tickets as Listed[]).find((t) => t.id === chat.ticket.id);
    let row: Listed | undefined;
    const end = Date.now() + 60_000;
    while ((row = await listed())?.lastMessage?.seq !== last) {
      if (Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.deepEqual({ seq: row?.lastMessage?.seq, body: row?.lastMessage?.body, unread: row?.unread }, { seq: last, body: 'But it is not here', unread: 1 + bodies.length });
    shopper.terminate();
  });
});
