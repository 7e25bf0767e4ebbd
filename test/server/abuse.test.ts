// Issue 12 "Server hardening" against a real `wrangler dev`: races and floods.
// Bounded: fixed sizes, floods of a few seconds, loopback only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PAGE_ORIGIN, Peer, SHOP, api, shopperSession, startChat, startServer, type Api, type RunningServer } from './harness.js';

/** A real 3×2 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

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

  it('an empty or whitespace-only send is refused with bad_frame; a picture without text is stored', async () => {
    const chat = await startChat(call, 'empty-bodies');
    const p = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 1 });
    p.send({ type: 'send', clientId: 'empty', body: '' });
    p.send({ type: 'send', clientId: 'blank', body: ' \n\t\u00a0 ' });
    const upload = await fetch(`${server.origin}/parties/ticket/${chat.ticket.id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${chat.ticketToken}`, 'Content-Type': 'image/png', Origin: PAGE_ORIGIN },
      body: PNG,
    });
    assert.equal(upload.status, 201);
    const { id: _id, ...attachment } = (await upload.json()) as { id: string; type: 'image'; url: string };
    p.send({ type: 'send', clientId: 'picture', body: '', attachments: [attachment] });
    await p.until((q) => q.of('error').length === 2 && q.of('ack').length === 1, 'two refusals and one ack');
    assert.deepEqual(p.of('error').map((e) => [e.code, e.clientId]), [['bad_frame', 'empty'], ['bad_frame', 'blank']]);
    assert.equal(p.of('ack')[0]!.clientId, 'picture');
    assert.deepEqual(p.of('message').map((f) => f.message.clientId), ['picture'], 'only the picture was stored');
    p.close();
  });

  it('a refused send names its clientId: oversized frame, over-long body, bad attachments', async () => {
    const chat = await startChat(call, 'too-large');
    const p = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 1 });
    p.send(JSON.stringify({ type: 'send', clientId: 'huge', body: 'x'.repeat(17_000) }));
    p.send(JSON.stringify({ type: 'send', clientId: 'long', body: 'x'.repeat(4001) }));
    p.send(JSON.stringify({ type: 'send', clientId: 'odd', body: 'hi', attachments: 'nope' }));
    p.send(JSON.stringify({ type: 'send', body: 'x'.repeat(17_000) }));
    await p.until((q) => q.of('error').length === 4, 'four errors');
    assert.deepEqual(p.of('error').map((e) => [e.code, e.clientId]), [
      ['too_large', 'huge'],
      ['too_large', 'long'],
      ['bad_frame', 'odd'],
      ['too_large', undefined],
    ]);
    p.close();
  });
});
