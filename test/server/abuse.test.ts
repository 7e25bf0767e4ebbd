// Issue 12 "Server hardening" against a real `wrangler dev`: races and floods.
// Bounded: fixed sizes, floods of a few seconds, loopback only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Peer, SHOP, api, shopperSession, startServer, type Api, type RunningServer } from './harness.js';

describe('server hardening: races and floods', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer();
    call = api(server);
  });
  after(() => server.stop());

  /** The shopper ends the chat over its socket (R8) and waits until it is closed. */
  const endChat = async (ticketId: string, ticketToken: string) => {
    const p = Peer.ticket(server, ticketId, ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 0 });
    p.send({ type: 'end' });
    await p.until((q) => q.of('ticket').some((f) => f.ticket.status === 'closed'), 'closed');
    p.close();
  };

  it('R8, R13: one open chat per shopper, however many starts arrive at once (20 rounds of 5)', async () => {
    for (let round = 0; round < 20; round++) {
      // Even rounds with a fresh shopper; odd rounds right after that shopper ended the chat.
      const customer = `race-${Math.floor(round / 2)}`;
      const { token } = await shopperSession(call, customer);
      const clientIds = Array.from({ length: 5 }, () => crypto.randomUUID());
      const answers = await Promise.all(
        clientIds.map((clientId, i) => call('POST', `main/${SHOP}/chats`, { token, body: { clientId, body: `start ${round}.${i}` } })),
      );
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409], `round ${round}: ${statuses.join(', ')}`);
      const created = answers.find((a) => a.status === 201)!;
      for (const a of answers.filter((x) => x.status === 409)) {
        assert.equal(a.body.error.code, 'chat_active');
        assert.equal(a.body.ticket.id, created.body.ticket.id, `round ${round}: the 409 names the open ticket`);
        assert.equal(typeof a.body.ticketToken, 'string');
      }
      // A retry of the winning start is still answered 200 with the same ticket.
      const winner = clientIds[answers.indexOf(created)]!;
      const retry = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: winner, body: 'again' } });
      assert.equal(retry.status, 200);
      assert.equal(retry.body.ticket.id, created.body.ticket.id);
      if (round % 2 === 0) await endChat(created.body.ticket.id, created.body.ticketToken);
    }
  });

  it('R6: parallel retries of one start give one ticket: one 201, the others 200 with it', async () => {
    const { token } = await shopperSession(call, 'race-same-id');
    const clientId = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('POST', `main/${SHOP}/chats`, { token, body: { clientId, body: 'once' } })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.ticket.id)).size, 1);
  });
});
