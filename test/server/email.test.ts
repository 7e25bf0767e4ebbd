// Issue 16, e-mail notifications for the team (R14, R19) on the real server: a fake
// Postmark and a fake Resend of ours on loopback (each checks its token header as the
// real API does, and records what it accepts) get one e-mail per ticket event, never
// one per message of a burst, one reminder per waiting period, and one e-mail after a
// 500; settings without a token are refused with a typed error and send nothing.
// The windows are shortened with the server vars EMAIL_COALESCE_SECONDS and WAIT_REMINDER_SECONDS.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, endChat, sleep, waitFor, startChat, startServer, type Api, type RunningServer } from './harness.js';

/** Long enough for a chat to be started, ended and rated inside one window, under load too. */
const COALESCE_S = 4;
const REMINDER_S = 6;
const TOKEN = 'pm-server-token-1';
const INBOX = 'https://team.example/inbox.html';

interface Mail {
  provider: 'postmark' | 'resend';
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The status the fake answered. */
  status: number;
}

describe('e-mail notifications (issue 16, R14, R19)', () => {
  let server: RunningServer;
  let call: Api;
  let admin: string;
  let fake: Server;
  let base = '';
  const mails: Mail[] = [];
  /** Answers 500 to this many accepted-looking requests first (a provider's bad minute). */
  let failNext = 0;

  /** The e-mails the fake accepted that link to this ticket. */
  const accepted = (ticketId: string) =>
    mails.filter((m) => m.status === 200 && JSON.stringify(m.body).includes(`#ticket=${encodeURIComponent(ticketId)}`));

  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), EMAIL_COALESCE_SECONDS: String(COALESCE_S), WAIT_REMINDER_SECONDS: String(REMINDER_S) } });
    call = api(server);
    admin = await agentToken(call);
    fake = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const provider = req.url === '/email' ? 'postmark' : req.url === '/emails' ? 'resend' : null;
        // As the real APIs: the token header or 401, JSON or 422.
        const authorised =
          provider === 'postmark' ? req.headers['x-postmark-server-token'] === TOKEN : provider === 'resend' && req.headers.authorization === `Bearer ${TOKEN}`;
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          return void res.writeHead(422).end('{"ErrorCode":402,"Message":"Invalid JSON"}');
        }
        const status = req.method !== 'POST' || !provider ? 404 : !authorised ? 401 : failNext > 0 ? (failNext--, 500) : 200;
        if (provider) mails.push({ provider, headers: req.headers, body, status });
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 200 ? '{"id":"4ef9a417-02e9-4d39-ad75-9611e0fcc33c","MessageID":"b7bc2f4a"}' : '{}');
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
  });
  after(async () => {
    fake.closeAllConnections();
    fake.close();
    await server.stop();
  });

  /** Saves `notifications.email` over the current settings; answers the route's reply. */
  async function saveEmail(email: Record<string, unknown> | undefined) {
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    return call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, notifications: { ...settings.notifications, email } } });
  }
  const postmark = (events: string[]) => ({ enabled: true, provider: 'postmark', token: TOKEN, from: 'Shop <support@shop.example>', to: ['team@shop.example', 'lead@shop.example'], events, apiBaseUrl: base, inboxUrl: INBOX });

  it('a new ticket sends one e-mail through Postmark with who wrote, the first lines (escaped in HTML) and the inbox link; a burst of 10 messages sends one more', async () => {
    const saved = await saveEmail(postmark(['ticket.created', 'message.created']));
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.notifications.email.token, undefined, 'the token is write-only');

    const chat = await startChat(call, `mail-${Date.now()}`, 'Hi <b>there</b> & "you"\nsecond line');
    await waitFor(() => accepted(chat.ticket.id).length === 1, 15_000, 'the new-ticket e-mail');
    const [mail] = accepted(chat.ticket.id);
    assert.equal(mail!.provider, 'postmark');
    assert.equal(mail!.headers['content-type'], 'application/json');
    const b = mail!.body as Record<string, string>;
    assert.equal(b.From, 'Shop <support@shop.example>');
    assert.equal(b.To, 'team@shop.example, lead@shop.example');
    assert.equal(b.MessageStream, 'outbound');
    assert.equal(b.Subject, 'New chat from Ada');
    assert.match(b.TextBody!, /Ada wrote:\n> Hi <b>there<\/b> & "you"\n> second line/);
    assert.ok(b.TextBody!.includes(`${INBOX}#ticket=${encodeURIComponent(chat.ticket.id)}`));
    assert.ok(b.HtmlBody!.includes('Hi &lt;b&gt;there&lt;/b&gt; &amp; &quot;you&quot;<br>second line'), b.HtmlBody);
    assert.ok(!b.HtmlBody!.includes('<b>there'), 'the shopper’s text is never HTML');
    assert.ok(b.HtmlBody!.includes(`<a href="${INBOX}#ticket=${encodeURIComponent(chat.ticket.id)}">`));

    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    for (let i = 1; i <= 10; i++) shopper.send({ type: 'send', clientId: crypto.randomUUID(), body: `burst ${i}` });
    await shopper.until((p) => p.of('ack').length === 10, '10 acks');
    await waitFor(() => accepted(chat.ticket.id).length === 2, 15_000, 'the burst e-mail');
    const burst = accepted(chat.ticket.id)[1]!.body as Record<string, string>;
    assert.equal(burst.Subject, '10 new messages from Ada');
    assert.match(burst.TextBody!, /> burst 1\n[\s\S]*> burst 5\n[\s\S]*…and 5 more\./);
    // A whole window later nothing else came: one e-mail for the burst, not ten.
    await sleep((COALESCE_S + 2) * 1000);
    assert.equal(accepted(chat.ticket.id).length, 2);
    shopper.close();
  });

  it('reminds the team once when a shopper waits past the delay, again only in a new waiting period, and not when the team answered', async () => {
    assert.equal((await saveEmail(postmark(['ticket.waiting']))).status, 200);
    const waiting = await startChat(call, `wait-${Date.now()}`, 'Where is my parcel?');
    const answered = await startChat(call, `answered-${Date.now()}`, 'Quick question');
    const agent = Peer.ticket(server, answered.ticket.id, admin, { origin: null });
    await agent.opened();
    agent.send({ type: 'hello', lastSeq: 0 });
    agent.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Hi! Yes?' });
    await agent.until((p) => p.of('ack').length === 1, 'the answer');

    await waitFor(() => accepted(waiting.ticket.id).length === 1, 20_000, 'the reminder');
    const reminder = accepted(waiting.ticket.id)[0]!.body as Record<string, string>;
    assert.match(reminder.Subject!, /^Ada has waited \d+ min for an answer$/);
    await sleep((REMINDER_S + 2) * 1000);
    assert.equal(accepted(waiting.ticket.id).length, 1, 'at most once per waiting period');
    assert.equal(accepted(answered.ticket.id).length, 0, 'an answered shopper is not waiting');

    // The team answers, the shopper writes again: a new waiting period, a new reminder.
    const peer = Peer.ticket(server, waiting.ticket.id, admin, { origin: null });
    await peer.opened();
    peer.send({ type: 'hello', lastSeq: 0 });
    peer.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Looking into it' });
    await peer.until((p) => p.of('ack').length === 1, 'the answer');
    const shopper = Peer.ticket(server, waiting.ticket.id, waiting.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    shopper.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Any news?' });
    await shopper.until((p) => p.of('ack').length === 1, 'the shopper’s ack');
    await waitFor(() => accepted(waiting.ticket.id).length === 2, 20_000, 'the second period’s reminder');
    for (const p of [agent, peer, shopper]) p.close();
  });

  it('a rating grouped with the new chat in one e-mail keeps its score in the subject (issue 17 review)', async () => {
    assert.equal((await saveEmail(postmark(['ticket.created', 'ticket.rated']))).status, 200);
    // A quick question: asked, ended and rated within one window, so one e-mail tells of all three.
    const chat = await startChat(call, `rated-${Date.now()}`, 'Do you ship to Canada?');
    await endChat(server, chat.ticket.id, chat.ticketToken);
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    shopper.send({ type: 'rate', score: 4, comment: 'Fast answer' });
    await shopper.until((p) => p.of('ticket').some((f) => f.ticket.rating), 'the rating');
    shopper.close();
    await waitFor(() => accepted(chat.ticket.id).length === 1, 15_000, 'the e-mail');
    await sleep((COALESCE_S + 1) * 1000);
    const sent = accepted(chat.ticket.id).map((m) => m.body as Record<string, string>);
    assert.equal(sent.length, 1, 'one e-mail for the window');
    assert.equal(sent[0]!.Subject, '★ 4/5 · New chat from Ada');
    assert.match(sent[0]!.TextBody!, /Ada wrote:\n> Fast answer/, "the rating's comment is quoted");
  });

  it('retries a 500 from Resend with the same Idempotency-Key and the Bearer token: one e-mail sent', async () => {
    assert.equal((await saveEmail({ ...postmark(['ticket.created']), provider: 'resend' })).status, 200);
    failNext = 1;
    const chat = await startChat(call, `resend-${Date.now()}`, 'Hello Resend');
    await waitFor(() => accepted(chat.ticket.id).length === 1, 20_000, 'the e-mail after the retry');
    const tries = mails.filter((m) => JSON.stringify(m.body).includes(encodeURIComponent(chat.ticket.id)));
    assert.deepEqual(tries.map((m) => m.status), [500, 200]);
    assert.equal(tries[0]!.headers['idempotency-key'], tries[1]!.headers['idempotency-key']);
    assert.ok(String(tries[0]!.headers['idempotency-key']).length > 10);
    const b = tries[1]!.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(b).sort(), ['from', 'html', 'subject', 'text', 'to']);
    assert.deepEqual(b.to, ['team@shop.example', 'lead@shop.example']);
    assert.equal(b.subject, 'New chat from Ada');
  });

  it('refuses enabled e-mail settings without a token or recipients (typed error), keeps a stored token only for the same provider, and sends nothing', async () => {
    assert.equal((await saveEmail(undefined)).status, 200);
    const { token: _token, ...noToken } = postmark(['ticket.created']);
    const refused = await saveEmail(noToken);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'bad_request');
    assert.match(refused.body.error.message, /notifications\.email\.token/);
    const noRecipients = await saveEmail({ ...postmark(['ticket.created']), to: [] });
    assert.equal(noRecipients.status, 400);
    assert.match(noRecipients.body.error.message, /notifications\.email\.to/);
    const badAddress = await saveEmail({ ...postmark(['ticket.created']), to: ['not an address'] });
    assert.equal(badAddress.status, 400);
    assert.equal((await call('GET', `main/${SHOP}/settings`, { token: admin })).body.notifications.email, undefined, 'nothing was stored');

    const chat = await startChat(call, `nomail-${Date.now()}`, 'Anyone?');
    await sleep((COALESCE_S + 2) * 1000);
    assert.equal(mails.filter((m) => JSON.stringify(m.body).includes(encodeURIComponent(chat.ticket.id))).length, 0, 'nothing sent');

    // A stored token survives a GET → PUT round trip, never a new provider or API host.
    assert.equal((await saveEmail(postmark(['ticket.created']))).status, 200);
    const roundTrip = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: admin, body: roundTrip })).status, 200);
    const moved = await saveEmail({ ...noToken, apiBaseUrl: 'https://attacker.example' });
    assert.equal(moved.status, 400);
    assert.match(moved.body.error.message, /notifications\.email\.token: required/);
    assert.equal((await saveEmail(undefined)).status, 200);
  });
});
