// Server hardening (issue 12) against a real `wrangler dev`: storage that strangers can
// make the server create, bodies it must not buffer, bounds on snoozes (R15).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Peer, SHOP, agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';

describe('server hardening', () => {
  let server: RunningServer;
  let call: Api;
  let agent: string;
  before(async () => {
    server = await startServer();
    call = api(server);
    agent = await agentToken(call);
  });
  after(() => server.stop());

  /** Polls the server gently (the machine is shared) until `check` holds. */
  const waitFor = async (check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const listedAs = async (id: string, status: string): Promise<boolean> =>
    (await call('GET', `main/${SHOP}/tickets?status=${status}`, { token: agent })).body.tickets.some((t: { id: string }) => t.id === id);

  it('R15: a snooze beyond one year is refused and room and index both stay open (item 17)', async () => {
    const chat = await startChat(call, 'abuse-snooze');
    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    await team.until((p) => p.of('sync').length === 1, 'sync');
    const tooFar = ['+275760-09-13T00:00:00.000Z', new Date(Date.now() + 2 * 365 * 86_400_000).toISOString()];
    for (const [i, snoozeUntil] of tooFar.entries()) {
      team.send({ type: 'status', status: 'snoozed', snoozeUntil });
      await team.until((p) => p.of('error').length === i + 1, `refusal of ${snoozeUntil}`);
      assert.equal(team.of('error')[i]!.code, 'bad_frame');
    }
    assert.equal(team.of('ticket').some((f) => f.ticket.status === 'snoozed'), false);
    // A fresh look at the room and at the index: both open.
    team.send({ type: 'hello', lastSeq: 0 });
    await team.until((p) => p.of('sync').length === 2, 'second sync');
    assert.equal(team.of('sync')[1]!.ticket.status, 'open');
    await waitFor(() => listedAs(chat.ticket.id, 'open'), 5000, 'listed as open');

    // Within the bound: snoozed in the room and in the index alike.
    team.send({ type: 'status', status: 'snoozed', snoozeUntil: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await team.until((p) => p.of('ticket').some((f) => f.ticket.status === 'snoozed'), 'snoozed');
    await waitFor(() => listedAs(chat.ticket.id, 'snoozed'), 5000, 'listed as snoozed');
    team.close();
  });
});
