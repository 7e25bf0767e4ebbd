// SMS tickets through Twilio against the real `wrangler dev` and a fake Twilio of the
// test's own (issue 16; R13 one inbox for chat and SMS, R15 SMS tickets reopen, R16
// the profile by phone): signed webhooks in, replies out with their delivery states.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Message, Ticket } from '../../src/protocol/index.js';
import { DEV_ENV } from '../../party/core/seed.js';
import { FakeTwilio, sid } from './fake-twilio.js';
import { Peer, SHOP, agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';

/** The URL Twilio is given (a proxy in front of the server): webhooks are signed over it. */
const PUBLIC = 'https://chat.example.test';
const SHOP_NUMBER = '+15145550100';
/** A closed SMS ticket takes the next text within this (a test knob; a day in production). */
const REOPEN_SECONDS = 8;
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

describe('SMS through Twilio', () => {
  let server: RunningServer;
  let call: Api;
  let twilio: FakeTwilio;
  let agent: string;
  const inboundPath = `/parties/main/${SHOP}/sms/twilio`;
  let phoneSeq = 0;
  /** A fresh shopper number per test. */
  const phone = () => `+1514555${String(1000 + phoneSeq++).padStart(4, '0')}`;

  before(async () => {
    [server, twilio] = await Promise.all([startServer({ vars: { ...(DEV_ENV as Record<string, string>), SMS_REOPEN_SECONDS: String(REOPEN_SECONDS) } }), new FakeTwilio().start()]);
    call = api(server);
    agent = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: agent })).body;
    const sms = { enabled: true, accountSid: twilio.accountSid, authToken: twilio.authToken, from: SHOP_NUMBER, publicUrl: PUBLIC, apiBaseUrl: twilio.base };
    const saved = await call('PUT', `main/${SHOP}/settings`, { token: agent, body: { ...settings, sms } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.sms.authToken, undefined, 'the auth token is write-only');
  });
  after(async () => {
    await server?.stop();
    await twilio?.stop();
  });

  /** A text from `from` to the shop's number, as Twilio posts it (signed over the public URL). */
  const text = (from: string, body: string, extra: Record<string, string> = {}, opts: { signedUrl?: string; signature?: string | null } = {}) =>
    twilio.webhook(`${server.origin}${inboundPath}`, { AccountSid: twilio.accountSid, MessageSid: sid('SM'), From: from, To: SHOP_NUMBER, Body: body, NumMedia: '0', ...extra }, { signedUrl: `${PUBLIC}${inboundPath}`, ...opts });

  const smsTickets = async (): Promise<Ticket[]> => (await call('GET', `main/${SHOP}/tickets?channel=sms&limit=100`, { token: agent })).body.tickets;
  /** The number's SMS ticket once its last message says `body`. */
  const ticketOf = (from: string, body: string) =>
    eventually(async () => (await smsTickets()).find((t) => t.customer?.phone === from && t.lastMessage?.body === body), `the SMS ticket of ${from} saying ${body}`);
  /** An agent's socket on a ticket, synced. */
  const agentPeer = async (ticketId: string) => {
    const peer = Peer.ticket(server, ticketId, agent);
    await peer.opened();
    peer.send({ type: 'hello', lastSeq: 0 });
    await peer.until((p) => p.of('sync').length > 0, 'sync');
    return peer;
  };
  const freshSync = async (ticketId: string) => {
    const peer = await agentPeer(ticketId);
    const sync = peer.of('sync')[0]!;
    peer.close();
    return sync;
  };
  const reply = async (peer: Peer, body: string) => {
    const clientId = crypto.randomUUID();
    peer.send({ type: 'send', clientId, body });
    await peer.until((p) => p.frames.some((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId), 'ack or error');
    return peer.frames.find((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId)!;
  };
  /** Twilio's status callback for the reply sent with `form`, posted to the server as the proxy would pass it on. */
  const statusCallback = (form: URLSearchParams, params: Record<string, string>, signature?: string) => {
    const callback = new URL(form.get('StatusCallback')!);
    return twilio.webhook(`${server.origin}${callback.pathname}${callback.search}`, { AccountSid: twilio.accountSid, ...params }, { signedUrl: callback.href, ...(signature ? { signature } : {}) });
  };

  it('R13, R16: a text starts an SMS ticket, live in the inbox feed, with the profile matched by the phone from Shopify', async () => {
    const from = phone();
    const customer = JSON.stringify({ id: 9700, first_name: 'Maya', last_name: 'Lin', email: 'maya@example.com', phone: `+1 (514) 555-${from.slice(-4)}` });
    const hook = await fetch(`${server.origin}/parties/main/${SHOP}/webhooks/shopify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Topic': 'customers/create', 'X-Shopify-Event-Id': 'sms-c-1', 'X-Shopify-Shop-Domain': SHOP, 'X-Shopify-Hmac-Sha256': createHmac('sha256', 'dev-shopify-secret').update(customer).digest('base64') },
      body: customer,
    });
    assert.equal(hook.status, 200);
    const feed = new Peer(`${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${encodeURIComponent(agent)}&v=1`);
    await feed.opened();
    await feed.until((p) => p.frames.length > 0, 'inbox frame');

    const r = await text(from, 'Where is my parcel?');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('Content-Type') ?? '', /^text\/xml/);
    assert.equal(await r.text(), '<?xml version="1.0" encoding="UTF-8"?><Response/>');

    await feed.until((p) => p.frames.some((f) => (f as { type: string; ticket?: Ticket }).type === 'ticket' && (f as { ticket: Ticket }).ticket.customer?.phone === from), 'the ticket on the feed');
    feed.close();
    const ticket = await ticketOf(from, 'Where is my parcel?');
    assert.equal(ticket.channel, 'sms');
    assert.equal(ticket.status, 'open');
    assert.equal(ticket.unread, 1);
    assert.deepEqual(ticket.customer, { id: '9700', phone: from, name: 'Maya Lin', email: 'maya@example.com' });
    const profile = await call('GET', `main/${SHOP}/profiles/9700`, { token: agent });
    assert.equal(profile.body.phone, from);
    assert.equal(twilio.sends().length, 0, 'nothing was sent back');

    // A number Shopify does not know: the ticket's customer is the number.
    const stranger = phone();
    await text(stranger, 'Hi');
    assert.deepEqual((await ticketOf(stranger, 'Hi')).customer, { id: `sms:${stranger}`, phone: stranger });
  });

  it('a bad or missing signature, or one over another URL, is refused with 403 and stores nothing', async () => {
    const from = phone();
    assert.equal((await text(from, 'forged', {}, { signature: null })).status, 403);
    assert.equal((await text(from, 'forged', {}, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' })).status, 403);
    // Signed over the server's own URL, while Twilio was given the public one.
    assert.equal((await text(from, 'forged', {}, { signedUrl: `${server.origin}${inboundPath}` })).status, 403);
    // Another account's number, correctly signed: not this shop's channel.
    assert.equal((await text(from, 'elsewhere', { To: '+15145559999' })).status, 404);
    // An unknown shop is refused like on every route.
    const other = await twilio.webhook(`${server.origin}/parties/main/nobody.myshopify.com/sms/twilio`, { From: from }, {});
    assert.equal(other.status, 404);
    await text(from, 'real');
    await ticketOf(from, 'real');
    const sync = await freshSync((await smsTickets()).find((t) => t.customer?.phone === from)!.id);
    assert.deepEqual(sync.messages.map((m: Message) => m.body), ['real'], 'none of the refused texts was stored');
  });

  it("Twilio's retry of the same MessageSid is one message", async () => {
    const from = phone();
    const params = { MessageSid: sid('SM') };
    assert.equal((await text(from, 'once', params)).status, 200);
    assert.equal((await text(from, 'once', params)).status, 200);
    await text(from, 'after');
    const ticket = await ticketOf(from, 'after');
    const sync = await freshSync(ticket.id);
    assert.deepEqual(sync.messages.map((m: Message) => m.body), ['once', 'after']);
  });

  it('twenty texts at once from one number make one ticket holding all twenty', async () => {
    const from = phone();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => text(from, `burst ${i}`)));
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [200]);
    const ticket = await eventually(async () => {
      const mine = (await smsTickets()).filter((t) => t.customer?.phone === from);
      return mine.length === 1 && (await freshSync(mine[0]!.id)).messages.length === 20 && mine[0];
    }, 'twenty messages in one ticket');
    assert.equal((await smsTickets()).filter((t) => t.customer?.phone === from).length, 1);
    const bodies = (await freshSync(ticket.id)).messages.map((m: Message) => m.body).sort();
    assert.deepEqual(bodies, Array.from({ length: 20 }, (_, i) => `burst ${i}`).sort());
  });

  it('a reply is exactly one API call with the right auth and fields; status callbacks move it to delivered, live and after a sync', async () => {
    const from = phone();
    await text(from, 'Can you help?');
    const ticket = await ticketOf(from, 'Can you help?');
    const peer = await agentPeer(ticket.id);
    const before = twilio.sends().length;
    const ack = await reply(peer, 'Sure, your order ships today.');
    assert.equal(ack.type, 'ack');
    const seq = (ack as { seq: number }).seq;
    await eventually(async () => twilio.created.length > 0 && twilio.sends().length > before, 'the API call');
    const [sent] = twilio.sends().slice(before);
    assert.equal(twilio.sends().length, before + 1);
    assert.equal(sent!.headers.authorization, `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`);
    assert.match(String(sent!.headers['content-type']), /^application\/x-www-form-urlencoded/);
    assert.equal(sent!.form.get('To'), from);
    assert.equal(sent!.form.get('From'), SHOP_NUMBER);
    assert.equal(sent!.form.get('Body'), 'Sure, your order ships today.');
    assert.equal(sent!.form.get('StatusCallback'), `${PUBLIC}/parties/main/${SHOP}/sms/twilio/status?ticket=${encodeURIComponent(ticket.id)}&seq=${seq}`);
    const message = twilio.created.at(-1)!;
    const stored = (await freshSync(ticket.id)).messages.find((m: Message) => m.seq === seq);
    assert.deepEqual(stored?.delivery, { state: 'sending' });

    // A forged callback changes nothing.
    assert.equal((await statusCallback(sent!.form, { MessageSid: message.sid, MessageStatus: 'failed' }, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).status, 403);
    assert.equal((await statusCallback(sent!.form, { MessageSid: message.sid, MessageStatus: 'sent' })).status, 204);
    assert.equal((await statusCallback(sent!.form, { MessageSid: message.sid, MessageStatus: 'delivered' })).status, 204);
    // Late and out of order: never back.
    assert.equal((await statusCallback(sent!.form, { MessageSid: message.sid, MessageStatus: 'sent' })).status, 204);
    await peer.until((p) => p.of('delivery').some((d) => d.state === 'delivered'), 'delivered');
    assert.deepEqual(peer.of('delivery').map((d) => [d.seq, d.state]), [[seq, 'sent'], [seq, 'delivered']]);
    peer.close();
    const synced = (await freshSync(ticket.id)).messages.find((m: Message) => m.seq === seq);
    assert.deepEqual(synced?.delivery, { state: 'delivered' });
    assert.equal(twilio.sends().length, before + 1, 'exactly one API call');

    // A failure from the carrier says Twilio's error in words.
    const again = await agentPeer(ticket.id);
    const second = (await reply(again, 'Are you there?')) as { seq: number };
    await eventually(async () => twilio.sends().length === before + 2, 'the second call');
    await statusCallback(twilio.sends().at(-1)!.form, { MessageSid: twilio.created.at(-1)!.sid, MessageStatus: 'undelivered', ErrorCode: '30003' });
    await again.until((p) => p.of('delivery').some((d) => d.seq === second.seq && d.state === 'failed'), 'failed');
    assert.equal(again.of('delivery').find((d) => d.state === 'failed')!.error, '30003: Unreachable destination handset');
    again.close();
  });

  it('a 500 then a 201 sends one message, retried with the same idempotency key', async () => {
    const from = phone();
    await text(from, 'Hello?');
    const ticket = await ticketOf(from, 'Hello?');
    const peer = await agentPeer(ticket.id);
    const [sendsBefore, createdBefore] = [twilio.sends().length, twilio.created.length];
    twilio.script = [500];
    await reply(peer, 'Retry me');
    await eventually(async () => twilio.created.length > createdBefore, 'the retry', 30_000);
    await sleep(1500);
    const tries = twilio.sends().slice(sendsBefore);
    assert.equal(tries.length, 2);
    assert.equal(twilio.created.length, createdBefore + 1, 'one message sent');
    assert.equal(tries[0]!.headers['i-twilio-idempotency-token'], tries[1]!.headers['i-twilio-idempotency-token']);
    assert.equal(tries[0]!.form.toString(), tries[1]!.form.toString());
    peer.close();
  });

  it('STOP opts the number out: a reply is refused with opted_out and nothing is sent; START opts back in; over 1,600 characters is too_large', async () => {
    const from = phone();
    await text(from, 'Hi there');
    const ticket = await ticketOf(from, 'Hi there');
    const peer = await agentPeer(ticket.id);
    await text(from, 'Stop');
    await peer.until((p) => p.of('ticket').some((f) => f.ticket.optedOut === true), 'optedOut');
    const before = twilio.sends().length;
    const refused = await reply(peer, 'Are you sure?');
    assert.deepEqual([refused.type, (refused as { code: string }).code], ['error', 'opted_out']);
    const long = await reply(peer, 'x'.repeat(1601));
    assert.equal((long as { code: string }).code, 'opted_out');
    await text(from, 'START');
    await peer.until((p) => p.of('ticket').some((f) => f.ticket.optedOut === false), 'opted back in');
    assert.equal((await reply(peer, 'y'.repeat(1601)) as { code: string }).code, 'too_large');
    assert.equal((await reply(peer, 'Welcome back')).type, 'ack');
    await eventually(async () => twilio.sends().length === before + 1, 'the reply after START');
    assert.equal(twilio.sends().at(-1)!.form.get('Body'), 'Welcome back');
    const bodies = (await freshSync(ticket.id)).messages.map((m: Message) => m.body);
    assert.deepEqual(bodies, ['Hi there', 'Stop', 'START', 'Welcome back'], 'refused replies were not stored');
    peer.close();
  });

  it('an MMS image is fetched with the account credentials into the uploads and served; other media are listed, not fetched', async () => {
    const from = phone();
    const image = twilio.addMedium('image/png', PNG);
    const pdf = twilio.addMedium('application/pdf', new TextEncoder().encode('%PDF-1.4'));
    await text(from, 'Photo of the damage', { NumMedia: '2', MediaUrl0: image, MediaContentType0: 'image/png', MediaUrl1: pdf, MediaContentType1: 'application/pdf' });
    const ticket = await ticketOf(from, 'Photo of the damage');
    const [m] = (await freshSync(ticket.id)).messages as Message[];
    assert.equal(m!.attachments.length, 2);
    const [img, file] = m!.attachments;
    assert.equal(img!.type, 'image');
    assert.ok(img!.url.startsWith(`${server.origin}/parties/ticket/${ticket.id}/uploads/`), img!.url);
    assert.deepEqual([img!.width, img!.height], [1, 1]);
    assert.deepEqual(file, { type: 'file', url: pdf, contentType: 'application/pdf' });
    const served = await fetch(img!.url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('Content-Type'), 'image/png');
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), PNG);
    const fetched = twilio.calls.filter((c) => c.method === 'GET');
    assert.equal(fetched.filter((c) => image.endsWith(c.path)).length, 1);
    assert.equal(fetched.find((c) => image.endsWith(c.path))!.headers.authorization, `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`);
    assert.equal(fetched.find((c) => c.path.startsWith('/cdn/'))!.headers.authorization, undefined, 'the CDN never gets the credentials');
    assert.equal(fetched.filter((c) => pdf.endsWith(c.path)).length, 0, 'a non-image is not fetched');
  });

  it('R15: a text after the SMS ticket closed reopens it within the window, and starts a new ticket after it', async () => {
    const from = phone();
    await text(from, 'First question');
    const first = await ticketOf(from, 'First question');
    const peer = await agentPeer(first.id);
    peer.send({ type: 'status', status: 'closed' });
    await peer.until((p) => p.of('ticket').some((f) => f.ticket.status === 'closed'), 'closed');
    await text(from, 'One more thing');
    await peer.until((p) => p.of('ticket').some((f) => f.ticket.status === 'open'), 'reopened');
    const reopened = await ticketOf(from, 'One more thing');
    assert.equal(reopened.id, first.id);
    peer.send({ type: 'status', status: 'closed' });
    await peer.until((p) => p.of('ticket').filter((f) => f.ticket.status === 'closed').length === 2, 'closed again');
    peer.close();
    await sleep(REOPEN_SECONDS * 1000 + 500);
    await text(from, 'New topic');
    const fresh = await ticketOf(from, 'New topic');
    assert.notEqual(fresh.id, first.id);
    assert.equal(fresh.status, 'open');
    const old = (await call('GET', `main/${SHOP}/tickets?channel=sms&status=closed&limit=100`, { token: agent })).body.tickets.find((t: Ticket) => t.id === first.id);
    assert.equal(old.status, 'closed');
  });

  it('R13: one profile has an open chat ticket and an open SMS ticket at once', async () => {
    const from = phone();
    const customer = JSON.stringify({ id: 9800, first_name: 'Noor', last_name: 'Haddad', phone: from });
    await fetch(`${server.origin}/parties/main/${SHOP}/webhooks/shopify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Topic': 'customers/create', 'X-Shopify-Event-Id': 'sms-c-2', 'X-Shopify-Shop-Domain': SHOP, 'X-Shopify-Hmac-Sha256': createHmac('sha256', 'dev-shopify-secret').update(customer).digest('base64') },
      body: customer,
    });
    const chat = await startChat(call, '9800', 'From the website');
    await text(from, 'And from my phone');
    const sms = await ticketOf(from, 'And from my phone');
    const all: Ticket[] = (await call('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent })).body.tickets.filter((t: Ticket) => t.customer?.id === '9800');
    assert.deepEqual(all.map((t) => t.channel).sort(), ['chat', 'sms']);
    assert.deepEqual(new Set(all.map((t) => t.id)), new Set([chat.ticket.id, sms.id]));
    // The chat's shopper cannot send an MMS-style `file` attachment.
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await shopper.opened();
    shopper.send({ type: 'hello', lastSeq: 0 });
    shopper.send({ type: 'send', clientId: crypto.randomUUID(), body: 'x', attachments: [{ type: 'file', url: 'https://api.twilio.com/x', contentType: 'application/pdf' }] });
    await shopper.until((p) => p.of('error').length > 0, 'refusal');
    assert.equal(shopper.of('error')[0]!.code, 'bad_frame');
    shopper.close();
  });
});
