// Server hardening (issue 12) against a real `wrangler dev`: storage that strangers can
// make the server create, bodies it must not buffer, bounds on snoozes (R15).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEV_AGENT_KEY, DEV_ENV, DEV_SHOP } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';

/** An operator's admin key for every shop, besides the dev shop's own key. */
const ROOT_KEY = 'root-admin-key';
const VARS: Record<string, string> = {
  ...(DEV_ENV as Record<string, string>),
  AGENT_KEYS: JSON.stringify([
    { key: DEV_AGENT_KEY, id: 'agent-dev', name: 'Alex (Support)', role: 'admin', shops: [DEV_SHOP] },
    { key: ROOT_KEY, id: 'root', name: 'Operator', role: 'admin', shops: ['*'] },
  ]),
};

describe('server hardening', () => {
  let server: RunningServer;
  let call: Api;
  let agent: string;
  before(async () => {
    server = await startServer({ vars: VARS });
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

  /**
   * Streams `total` bytes as a chunked body (no Content-Length) over a raw socket,
   * honouring backpressure, until the server answers (the server may reset the
   * connection right after its answer, so the answer is read off the wire as it comes).
   */
  const chunkedPost = (path: string, total: number, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string; sent: number }>((resolve) => {
      const { hostname, port } = new URL(server.origin);
      const socket = connect(Number(port), hostname);
      const head = [`POST /parties/${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Content-Type: application/octet-stream', 'Transfer-Encoding: chunked'];
      for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
      const chunk = Buffer.concat([Buffer.from(`${(64 * 1024).toString(16)}\r\n`), Buffer.alloc(64 * 1024, 0x61), Buffer.from('\r\n')]);
      let sent = 0;
      let received = '';
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        socket.destroy();
        const [top = '', body = ''] = received.split('\r\n\r\n');
        resolve({ status: Number(top.split(' ')[1] ?? 0), body, sent });
      };
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => {
        received += d;
        const end = received.indexOf('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(received)?.[1];
        if (end >= 0 && length && received.length >= end + 4 + Number(length)) finish();
      });
      socket.on('error', finish);
      socket.on('close', finish);
      const pump = (): void => {
        while (!received && !done && sent < total) {
          sent += 64 * 1024;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (!received && !done) socket.write('0\r\n\r\n');
      };
      socket.once('connect', () => {
        socket.write(head.join('\r\n') + '\r\n\r\n');
        pump();
      });
    });

  /** Durable Object databases of a class on disk (`--persist-to`): one per room ever created. */
  const databases = (className: 'Main' | 'Ticket'): number => {
    try {
      return readdirSync(join(server.persistDir, 'v3/do', `customer-hub-chat-${className}`)).filter((f) => /^[0-9a-f]{64}\.sqlite$/.test(f)).length;
    } catch {
      return 0;
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

  it('refuses a 48 MB chunked body as soon as it passes the limit, without reading it all (item 14)', async () => {
    const total = 48 * 1024 * 1024;
    const chat = await startChat(call, 'abuse-chunked');
    const routes: Array<[string, Record<string, string>]> = [
      [`main/${SHOP}/session`, {}],
      [`main/${SHOP}/settings`, { Authorization: `Bearer ${agent}` }],
      [`ticket/${chat.ticket.id}/uploads`, { Authorization: `Bearer ${chat.ticketToken}` }],
    ];
    for (const [path, headers] of routes) {
      const r = await chunkedPost(path, total, headers);
      assert.equal(r.status, 413, path);
      assert.equal(JSON.parse(r.body).error.code, 'too_large', path);
      // Whatever the socket buffers held, far less than the whole body went out.
      assert.ok(r.sent < total / 2, `${path}: ${r.sent} bytes sent before the answer`);
    }
    // The server still answers.
    assert.equal((await call('GET', `main/${SHOP}/config`)).status, 200);
  });

  it('creates no ticket storage for made-up ticket ids (item 12)', async () => {
    const chat = await startChat(call, 'abuse-ids');
    const before = databases('Ticket');
    assert.ok(before >= 1);
    const uuid = () => crypto.randomUUID();
    const madeUp = [
      ...Array.from({ length: 40 }, uuid),
      ...Array.from({ length: 10 }, () => `${uuid()}.${'0'.repeat(24)}`),
      // A real id's MAC on another uuid.
      `${uuid()}.${chat.ticket.id.split('.')[1]}`,
    ];
    for (const id of madeUp) {
      const r = await fetch(`${server.origin}/parties/ticket/${id}/uploads/${uuid()}`);
      assert.equal(r.status, 404, id);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'not_found');
    }
    assert.equal(databases('Ticket'), before, 'databases after 51 GETs');
    for (const id of madeUp.slice(0, 5)) {
      const r = await fetch(`${server.origin}/parties/ticket/${id}/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${agent}` }, body: 'x' });
      assert.equal(r.status, 404, id);
      const peer = Peer.ticket(server, id, agent, { origin: null });
      assert.equal(await peer.closed(), 4003);
      assert.equal(peer.of('error')[0]?.code, 'not_found');
    }
    assert.equal(databases('Ticket'), before);
    // The real ticket still works.
    assert.equal((await fetch(`${server.origin}/parties/ticket/${chat.ticket.id}/uploads/${uuid()}`)).status, 404);
    const peer = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await peer.opened();
    peer.send({ type: 'hello', lastSeq: 0 });
    await peer.until((p) => p.of('sync').length === 1, 'sync on the real ticket');
    peer.close();
  });

  it('creates no shop storage for shops nobody installed, until an admin saves their settings (item 12)', async () => {
    const before = databases('Main');
    assert.ok(before >= 1);
    for (let i = 0; i < 20; i++) {
      const r = await call('GET', `main/made-up-${i}.myshopify.com/config`);
      assert.deepEqual([r.status, r.body.error.code], [404, 'not_found']);
    }
    const shop = 'new-store.myshopify.com';
    assert.equal((await call('POST', `main/${shop}/session`, { body: {} })).status, 404);
    assert.equal((await call('POST', `main/${shop}/agents/session`, { body: { agentKey: 'guess' } })).status, 404);
    assert.equal((await call('POST', `main/${shop}/agents/session`, { body: { agentKey: DEV_AGENT_KEY } })).status, 404, 'a key for another shop');
    assert.equal(databases('Main'), before);

    // The operator's key installs it: a token, then saved settings; from then on it is served.
    const login = await call('POST', `main/${shop}/agents/session`, { body: { agentKey: ROOT_KEY } });
    assert.equal(login.status, 200);
    const settings = await call('GET', `main/${DEV_SHOP}/settings`, { token: agent });
    const saved = await call('PUT', `main/${shop}/settings`, { token: login.body.token, body: { ...settings.body, welcomeMessage: 'Welcome to the new store' } });
    assert.equal(saved.status, 200);
    const config = await call('GET', `main/${shop}/config`);
    assert.deepEqual([config.status, config.body.welcomeMessage], [200, 'Welcome to the new store']);
    assert.equal((await call('POST', `main/${shop}/session`, { body: {} })).status, 200);
  });

  it('R12: saved settings reach tickets already open, from their next message on (item 20)', async () => {
    const shop = 'settings-follow.myshopify.com';
    const admin = (await call('POST', `main/${shop}/agents/session`, { body: { agentKey: ROOT_KEY } })).body.token as string;
    const base = (await call('GET', `main/${DEV_SHOP}/settings`, { token: agent })).body;
    const week = (day: string[][]) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, day]));
    const save = async (change: Record<string, unknown>) => {
      const r = await call('PUT', `main/${shop}/settings`, { token: admin, body: { ...base, ...change } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    };
    const open = { ...base.officeHours, timezone: 'UTC', holidays: [], weekly: week([['00:00', '24:00']]) };
    await save({ officeHours: open, ai: { ...base.ai, enabled: false } });
    const chat = async (customer: string) => {
      const session = await call('POST', `main/${shop}/session`, { body: { devCustomer: { id: customer, name: customer } } });
      const r = await call('POST', `main/${shop}/chats`, { token: session.body.token, body: { clientId: crypto.randomUUID(), body: 'Where is my parcel?' } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const peer = Peer.ticket(server, r.body.ticket.id, r.body.ticketToken);
      await peer.opened();
      peer.send({ type: 'hello', lastSeq: 0 });
      await peer.until((p) => p.of('sync').length === 1, 'sync');
      return { peer, ticket: r.body.ticket as { id: string; handler: string } };
    };

    // Office hours (R9): the team closes; the open ticket's next message gets the new away reply.
    const team = await chat('follow-hours');
    assert.equal(team.ticket.handler, 'team');
    await save({ officeHours: { ...open, weekly: week([]), awayMessage: 'Closed for inventory today.' }, ai: { ...base.ai, enabled: false } });
    team.peer.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Anyone there?' });
    await team.peer.until((p) => p.of('message').some((m) => m.message.author.name === 'away'), 'the away reply');
    assert.equal(team.peer.of('message').find((m) => m.message.author.name === 'away')!.message.body, 'Closed for inventory today.');

    // The AI agent switched off mid-conversation: the ticket goes to the team, with a notice (R10, R11).
    await save({ officeHours: open, ai: { ...base.ai, enabled: true, handoff: { target: 'inbox' } } });
    const withAi = await chat('follow-ai');
    assert.equal(withAi.ticket.handler, 'ai');
    await save({ officeHours: open, ai: { ...base.ai, enabled: false } });
    await withAi.peer.until((p) => p.of('ticket').some((f) => f.ticket.handler === 'team'), 'handed to the team');
    assert.ok(withAi.peer.of('message').some((m) => m.message.author.role === 'system' && m.message.author.name === 'handoff'), 'a notice in the thread');
    await waitFor(
      async () => (await call('GET', `main/${shop}/tickets?status=open`, { token: admin })).body.tickets.some((t: { id: string }) => t.id === withAi.ticket.id),
      5000,
      'in the inbox',
    );
    // The team's ticket stays with the team when the AI agent comes back on.
    await save({ officeHours: open, ai: { ...base.ai, enabled: true, handoff: { target: 'inbox' } } });
    team.peer.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Still there?' });
    await team.peer.until((p) => p.of('message').some((m) => m.message.body === 'Still there?'), 'the message');
    assert.equal(team.peer.of('message').some((m) => m.message.author.role === 'ai'), false);
    team.peer.close();
    withAi.peer.close();
  });
});
