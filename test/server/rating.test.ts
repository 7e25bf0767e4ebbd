// Issue 17, rating after the chat (CSAT) and "closed by", on the real server: a `rate`
// frame is the one write a closed chat accepts, once, from its own shopper; every other
// try gets a typed error and leaves the stored rating as it was; the rating reaches the
// ticket, the inbox index, a signed `ticket.rated` webhook and the team's e-mail (fakes
// of ours on loopback); `chat.rating: false` turns it off. Who closed the chat is on the ticket.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import type { Ticket } from '../../src/protocol/index.js';
import { Peer, SHOP, agentToken, api, sleep, waitFor, endChat, startChat, startServer, type Api, type RunningServer } from './harness.js';

const SECRET = 'whsec_rating';
const MAIL_TOKEN = 'pm-rating-token';
const INBOX = 'https://team.example/inbox.html';

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, any>;
}

describe('rating after the chat (issue 17)', () => {
  let server: RunningServer;
  let call: Api;
  let admin: string;
  let receiver: Server;
  let base = '';
  const received: Received[] = [];
  const hooks = (ticketId: string, event: string) => received.filter((r) => r.url === '/hook' && r.body.event === event && r.body.ticket?.id === ticketId);
  const mails = (ticketId: string) => received.filter((r) => r.url === '/email' && r.raw.includes(encodeURIComponent(ticketId)));
  let n = 0;
  const customer = () => `rating-${process.pid}-${++n}`;

  /** The ticket as the inbox index lists it (closed tab). */
  const listed = async (id: string): Promise<Ticket | undefined> =>
    ((await call('GET', `main/${SHOP}/tickets?status=closed&limit=100`, { token: admin })).body.tickets as Ticket[]).find((t) => t.id === id);

  /** The ticket as a fresh socket of its shopper syncs it (what a reload shows). */
  async function synced(id: string, token: string): Promise<Ticket> {
    const p = Peer.ticket(server, id, token);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 0 });
    await p.until((q) => q.of('sync').length > 0, 'sync');
    p.close();
    return p.of('sync')[0]!.ticket;
  }

  async function shopperPeer(id: string, token: string): Promise<Peer> {
    const p = Peer.ticket(server, id, token);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 0 });
    await p.until((q) => q.of('sync').length > 0, 'sync');
    return p;
  }

  async function saveSettings(change: (s: Record<string, any>) => Record<string, any>): Promise<void> {
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const r = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: change(settings) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), EMAIL_COALESCE_SECONDS: '1' } });
    call = api(server);
    admin = await agentToken(call);
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        // As Postmark: the token header or 401.
        if (req.url === '/email' && req.headers['x-postmark-server-token'] !== MAIL_TOKEN) return void res.writeHead(401).end('{}');
        received.push({ url: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw || '{}') as Record<string, any> });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"MessageID":"b7bc2f4a"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    await saveSettings((s) => ({
      ...s,
      notifications: {
        ...s.notifications,
        webhookUrl: `${base}/hook`,
        secret: SECRET,
        events: ['ticket.rated'],
        email: { enabled: true, to: ['team@shop.example'], events: ['ticket.rated'], provider: 'postmark', token: MAIL_TOKEN, from: 'support@shop.example', apiBaseUrl: base, inboxUrl: INBOX },
      },
    }));
  });
  after(async () => {
    receiver.closeAllConnections();
    receiver.close();
    await server.stop();
  });

  it('config says rating is on by default; the shopper who ended the chat rates it once (comment trimmed); it reaches the ticket, the index, a signed webhook and the e-mail', async () => {
    assert.equal((await call('GET', `main/${SHOP}/config`)).body.rating, true, 'chat.rating is on unless turned off');
    const chat = await startChat(call, customer());
    await endChat(server, chat.ticket.id, chat.ticketToken);
    const shopper = await shopperPeer(chat.ticket.id, chat.ticketToken);
    assert.deepEqual(shopper.of('sync')[0]!.ticket.closedBy, { role: 'shopper' }, 'the shopper closed it (End chat)');
    assert.equal(shopper.of('sync')[0]!.ticket.rating, undefined);

    shopper.send({ type: 'rate', score: 4, comment: '  Quick and kind.  ' });
    await shopper.until((q) => q.of('ticket').some((f) => f.ticket.rating), 'the rated ticket');
    const rating = shopper.of('ticket').find((f) => f.ticket.rating)!.ticket.rating!;
    assert.equal(rating.score, 4);
    assert.equal(rating.comment, 'Quick and kind.');
    assert.ok(!Number.isNaN(Date.parse(rating.at)));

    // Once: a second rating is refused and changes nothing.
    shopper.send({ type: 'rate', score: 1, comment: 'changed my mind' });
    await shopper.until((q) => q.of('error').length > 0, 'the refusal');
    assert.equal(shopper.of('error')[0]!.code, 'already_rated');
    shopper.close();
    assert.deepEqual((await synced(chat.ticket.id, chat.ticketToken)).rating, rating, 'after a reload: the stored rating, unchanged');

    await waitFor(() => hooks(chat.ticket.id, 'ticket.rated').length > 0, 10_000, 'the ticket.rated webhook');
    const hook = hooks(chat.ticket.id, 'ticket.rated')[0]!;
    const ts = String(hook.headers['x-customerhub-timestamp']);
    assert.equal(hook.headers['x-customerhub-signature'], `sha256=${createHmac('sha256', SECRET).update(`${ts}.${hook.raw}`).digest('hex')}`);
    assert.deepEqual(hook.body.ticket.rating, rating);

    await waitFor(() => mails(chat.ticket.id).length > 0, 15_000, 'the rating e-mail');
    const mail = mails(chat.ticket.id)[0]!.body;
    assert.match(mail.Subject, /rated the chat 4\/5/);
    assert.match(mail.TextBody, /Quick and kind\./);

    let row: Ticket | undefined;
    for (let i = 0; i < 50 && !(row = await listed(chat.ticket.id))?.rating; i++) await sleep(100);
    assert.deepEqual(row?.rating, rating, 'the inbox row carries the rating');
    // Rating is no activity, so only the revision tells the rated copy from the one before (README "Protocol").
    const ended = shopper.of('sync')[0]!.ticket;
    assert.equal(row!.updatedAt, ended.updatedAt, 'updatedAt stays');
    assert.ok(typeof ended.revision === 'number' && row!.revision! > ended.revision, `the revision went up (${ended.revision} -> ${row!.revision})`);
    await sleep(500);
    assert.equal(hooks(chat.ticket.id, 'ticket.rated').length, 1, 'one webhook');
  });

  it('twenty rate frames at once from two tabs store exactly one rating', async () => {
    const chat = await startChat(call, customer());
    await endChat(server, chat.ticket.id, chat.ticketToken);
    const tabs = [await shopperPeer(chat.ticket.id, chat.ticketToken), await shopperPeer(chat.ticket.id, chat.ticketToken)];
    for (let i = 0; i < 10; i++) for (const [k, tab] of tabs.entries()) tab.send({ type: 'rate', score: k === 0 ? 5 : 2, comment: `tab ${k} try ${i}` });
    // Each tab hears of the one stored rating, and gets an error for each of its frames that did not store it.
    for (const tab of tabs) await tab.until((q) => q.of('ticket').some((f) => f.ticket.rating), 'the rated ticket');
    await sleep(500);
    const stored = (await synced(chat.ticket.id, chat.ticketToken)).rating!;
    assert.ok(stored);
    const ratingsSeen = new Set(tabs.flatMap((t) => t.of('ticket').map((f) => JSON.stringify(f.ticket.rating ?? null))));
    assert.deepEqual([...ratingsSeen].filter((r) => r !== 'null'), [JSON.stringify(stored)], 'one rating was ever announced');
    const errors = tabs.flatMap((t) => t.of('error'));
    assert.ok(errors.every((e) => e.code === 'already_rated' || e.code === 'rate_limited'), JSON.stringify(errors));
    await waitFor(() => hooks(chat.ticket.id, 'ticket.rated').length > 0, 10_000, 'the webhook');
    await sleep(500);
    assert.equal(hooks(chat.ticket.id, 'ticket.rated').length, 1, 'one ticket.rated event');
    for (const tab of tabs) tab.close();
  });

  it('refuses with typed errors: an open chat, an agent, bad scores and comments; another customer cannot even connect; nothing is stored', async () => {
    const chat = await startChat(call, customer());
    const shopper = await shopperPeer(chat.ticket.id, chat.ticketToken);
    shopper.send({ type: 'rate', score: 5 });
    await shopper.until((q) => q.of('error').length > 0, 'refusal');
    assert.equal(shopper.of('error')[0]!.code, 'not_closed', 'an open chat is not rated');

    // The team closes it: the ticket says by whom (the agent's display name).
    const agent = Peer.ticket(server, chat.ticket.id, admin, { origin: null });
    await agent.opened();
    agent.send({ type: 'hello', lastSeq: 0 });
    agent.send({ type: 'status', status: 'closed' });
    await shopper.until((q) => q.of('ticket').some((f) => f.ticket.status === 'closed'), 'closed');
    assert.deepEqual(shopper.of('ticket').find((f) => f.ticket.status === 'closed')!.ticket.closedBy, { role: 'agent', name: 'Alex (Support)' });

    agent.send({ type: 'rate', score: 5 });
    await agent.until((q) => q.of('error').length > 0, 'agent refusal');
    assert.equal(agent.of('error')[0]!.code, 'forbidden', 'an agent cannot rate');

    const bad: unknown[] = [
      { type: 'rate', score: 0 },
      { type: 'rate', score: 6 },
      { type: 'rate', score: 3.5 },
      { type: 'rate', score: '5' },
      { type: 'rate' },
      { type: 'rate', score: 3, comment: 'x'.repeat(1001) },
      { type: 'rate', score: 3, comment: 42 },
    ];
    for (const f of bad) shopper.send(JSON.stringify(f));
    await shopper.until((q) => q.of('error').length >= 1 + bad.length, 'the bad frames refused');
    assert.ok(shopper.of('error').slice(1).every((e) => e.code === 'bad_frame' || e.code === 'too_large'), JSON.stringify(shopper.of('error')));

    // Someone else's tokens (their session, their own chat's ticket token): the socket is refused before any frame.
    const other = await startChat(call, customer());
    for (const token of [other.sessionToken, other.ticketToken]) {
      const stranger = Peer.ticket(server, chat.ticket.id, token);
      assert.ok([4001, 4003].includes(await stranger.closed()));
      assert.deepEqual(stranger.frames.map((f) => f.type), ['error']);
    }

    // A blank comment is dropped, the score kept.
    shopper.send({ type: 'rate', score: 2, comment: ' \u200b ' });
    await shopper.until((q) => q.of('ticket').some((f) => f.ticket.rating), 'rated');
    assert.deepEqual(Object.keys(shopper.of('ticket').find((f) => f.ticket.rating)!.ticket.rating!).sort(), ['at', 'score']);
    assert.equal((await synced(chat.ticket.id, chat.ticketToken)).rating!.score, 2, 'only the valid frame was stored');
    shopper.close();
    agent.close();
  });

  it('chat.rating: false turns rating off: the config says so and a rate is refused', async () => {
    await saveSettings((s) => ({ ...s, chat: { ...s.chat, rating: false } }));
    try {
      assert.equal((await call('GET', `main/${SHOP}/config`)).body.rating, false);
      assert.equal((await call('GET', `main/${SHOP}/settings`, { token: admin })).body.chat.rating, false);
      const chat = await startChat(call, customer());
      await endChat(server, chat.ticket.id, chat.ticketToken);
      const shopper = await shopperPeer(chat.ticket.id, chat.ticketToken);
      shopper.send({ type: 'rate', score: 5 });
      await shopper.until((q) => q.of('error').length > 0, 'refusal');
      assert.equal(shopper.of('error')[0]!.code, 'rating_off');
      shopper.close();
      assert.equal((await synced(chat.ticket.id, chat.ticketToken)).rating, undefined);
    } finally {
      await saveSettings((s) => ({ ...s, chat: { ...s.chat, rating: true } }));
    }
  });
});
