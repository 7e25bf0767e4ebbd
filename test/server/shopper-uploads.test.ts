// A shopper's images (issue 17 B1, R16): the upload route with the shopper's ticket token,
// the merchant's `chat.attachments` switch and the per-ticket count, against the real server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, endChat, startChat, startServer, tinyPng, type Api, type RunningServer } from './harness.js';

/** The count a ticket may hold on this test server (`UPLOADS_PER_TICKET`, only ever lower than 100). */
const PER_TICKET = 3;

describe('shopper uploads (issue 17 B1)', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), UPLOADS_PER_TICKET: String(PER_TICKET) } });
    call = api(server);
  });
  after(() => server.stop());

  const upload = async (ticketId: string, token: string | null, body: Uint8Array = tinyPng()) => {
    const r = await fetch(`${server.origin}/parties/ticket/${ticketId}/uploads`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body as BodyInit,
    });
    const json = (await r.json()) as { url?: string; error?: { code: string; message: string } };
    return { status: r.status, code: json.error?.code ?? null, url: json.url ?? null };
  };
  const setAttachments = async (on: boolean) => {
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const saved = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, chat: { ...settings.chat, attachments: on } } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  };

  it('takes an image on the shopper\'s own open ticket and the message shows it; refuses another\'s token, no token and a closed ticket', async () => {
    const own = await startChat(call, 'sup-own');
    const other = await startChat(call, 'sup-other');
    const ok = await upload(own.ticket.id, own.ticketToken);
    assert.equal(ok.status, 201);

    const peer = Peer.ticket(server, own.ticket.id, own.ticketToken);
    await peer.opened();
    peer.send({ type: 'hello', lastSeq: 0 });
    await peer.until((p) => p.of('sync').length === 1, 'sync');
    const clientId = crypto.randomUUID();
    peer.send({ type: 'send', clientId, body: '', attachments: [{ type: 'image', url: ok.url! }] });
    await peer.until((p) => p.of('message').some((m) => m.message.clientId === clientId), 'the image message');
    assert.equal(peer.of('message').find((m) => m.message.clientId === clientId)!.message.attachments[0]!.url, ok.url);
    peer.close();

    assert.deepEqual(await upload(own.ticket.id, other.ticketToken).then((r) => [r.status, r.code]), [403, 'forbidden']);
    assert.deepEqual(await upload(own.ticket.id, null).then((r) => [r.status, r.code]), [401, 'unauthorized']);
    assert.deepEqual(await upload(own.ticket.id, 'not.a.token').then((r) => [r.status, r.code]), [401, 'unauthorized']);

    await endChat(server, own.ticket.id, own.ticketToken);
    assert.deepEqual(await upload(own.ticket.id, own.ticketToken).then((r) => [r.status, r.code]), [409, 'ticket_closed']);
  });

  it('review r2 #1: an upload that does not say its length is refused 411 and spends none of the ticket\'s images (a chunked body cut off by its client ends like a whole one in wrangler dev)', async () => {
    const chat = await startChat(call, 'sup-chunked');
    for (let i = 0; i <= PER_TICKET; i++) {
      const png = tinyPng();
      const r = await fetch(`${server.origin}/parties/ticket/${chat.ticket.id}/uploads`, {
        method: 'POST',
        headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${chat.ticketToken}` },
        // A stream has no length: fetch sends it chunked.
        body: new ReadableStream({ start: (c) => (c.enqueue(png), c.close()) }),
        duplex: 'half',
      } as RequestInit);
      assert.equal(r.status, 411);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'bad_request');
    }
    // None was stored or counted: the ticket still takes its images.
    for (let i = 0; i < PER_TICKET; i++) assert.equal((await upload(chat.ticket.id, chat.ticketToken)).status, 201);
  });

  it('refuses an oversized image and one image more than a ticket may hold, each with a typed error', async () => {
    const chat = await startChat(call, 'sup-count');
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(tinyPng());
    assert.deepEqual(await upload(chat.ticket.id, chat.ticketToken, huge).then((r) => [r.status, r.code]), [413, 'too_large']);
    const answers: Array<[number, string | null]> = [];
    for (let i = 0; i < PER_TICKET + 2; i++) answers.push(await upload(chat.ticket.id, chat.ticketToken).then((r) => [r.status, r.code]));
    assert.deepEqual(answers, [...Array(PER_TICKET).fill([201, null]), [413, 'quota_exceeded'], [413, 'quota_exceeded']]);
    // The team's count is its own (test/server/uploads-quota.test.ts): the shopper's images take none of it.
    const agent = await agentToken(call);
    const team: Array<[number, string | null]> = [];
    for (let i = 0; i < PER_TICKET + 1; i++) team.push(await upload(chat.ticket.id, agent).then((r) => [r.status, r.code]));
    assert.deepEqual(team, [...Array(PER_TICKET).fill([201, null]), [413, 'quota_exceeded']], 'the count holds for agents too');
  });

  it('refuses what is no image (by its bytes, whatever its Content-Type) with unsupported_type', async () => {
    const chat = await startChat(call, 'sup-type');
    const r = await upload(chat.ticket.id, chat.ticketToken, new TextEncoder().encode('<svg onload=alert(1)></svg>'));
    assert.deepEqual([r.status, r.code], [415, 'unsupported_type']);
  });

  it('a flood of twenty uploads at once: no more than the ticket holds are stored, the others are refused with typed errors, none fails', async () => {
    const chat = await startChat(call, 'sup-flood');
    const answers = await Promise.all(Array.from({ length: 20 }, () => upload(chat.ticket.id, chat.ticketToken)));
    assert.equal(answers.filter((a) => a.status === 201).length <= PER_TICKET, true, JSON.stringify(answers));
    for (const a of answers.filter((x) => x.status !== 201)) assert.equal(['quota_exceeded', 'rate_limited'].includes(a.code ?? ''), true, JSON.stringify(a));
  });

  it('chat.attachments off: the config says so, shoppers are refused attachments_off, agents still upload; on again, shoppers may', async () => {
    const chat = await startChat(call, 'sup-off');
    try {
      await setAttachments(false);
      const config = await call('GET', `main/${SHOP}/config`);
      assert.equal(config.body.attachments, false);
      assert.deepEqual(await upload(chat.ticket.id, chat.ticketToken).then((r) => [r.status, r.code]), [403, 'attachments_off']);
      assert.equal((await upload(chat.ticket.id, await agentToken(call))).status, 201);
    } finally {
      await setAttachments(true);
    }
    // On (the default), the config leaves the field out: absent means yes.
    assert.equal('attachments' in (await call('GET', `main/${SHOP}/config`)).body, false);
    assert.equal((await upload(chat.ticket.id, chat.ticketToken)).status, 201);
  });

  it('chat.attachments switched off after an image was staged: the message carrying it is refused attachments_off and nothing is stored; text still goes, agents still send images; on again, the same image goes', async () => {
    const chat = await startChat(call, 'sup-staged');
    const staged = await upload(chat.ticket.id, chat.ticketToken);
    assert.equal(staged.status, 201, 'staged while images were on');
    const image = [{ type: 'image' as const, url: staged.url! }];
    const shopper = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    const team = Peer.ticket(server, chat.ticket.id, await agentToken(call), { origin: null });
    try {
      await Promise.all([shopper.opened(), team.opened()]);
      shopper.send({ type: 'hello', lastSeq: 0 });
      team.send({ type: 'hello', lastSeq: 0 });
      await Promise.all([shopper.until((p) => p.of('sync').length === 1, 'sync'), team.until((p) => p.of('sync').length === 1, 'sync')]);
      await setAttachments(false);
      shopper.send({ type: 'send', clientId: 'staged-image', body: 'Here is the photo', attachments: image });
      shopper.send({ type: 'send', clientId: 'words-only', body: 'And some words' });
      await shopper.until((p) => p.of('ack').some((a) => a.clientId === 'words-only'), 'the text-only message is acked');
      const refusal = shopper.of('error').find((e) => e.clientId === 'staged-image');
      assert.equal(refusal?.code, 'attachments_off', JSON.stringify(shopper.of('error')));
      assert.equal(shopper.of('ack').some((a) => a.clientId === 'staged-image'), false);

      // An agent's image goes while shoppers' are off.
      const teamImage = await upload(chat.ticket.id, await agentToken(call));
      team.send({ type: 'send', clientId: 'team-image', body: '', attachments: [{ type: 'image', url: teamImage.url! }] });
      await team.until((p) => p.of('ack').some((a) => a.clientId === 'team-image'), 'the agent image is acked');

      // Stored: nothing of the refused message, for anyone who syncs again.
      const again = Peer.ticket(server, chat.ticket.id, await agentToken(call), { origin: null });
      await again.opened();
      again.send({ type: 'hello', lastSeq: 0 });
      await again.until((p) => p.of('sync').length === 1, 'a fresh sync');
      const stored = again.of('sync')[0]!.messages;
      again.close();
      assert.deepEqual(stored.flatMap((m) => (m.clientId && ['staged-image', 'words-only', 'team-image'].includes(m.clientId) ? [m.clientId] : [])), ['words-only', 'team-image']);
      assert.equal(stored.some((m) => m.body === 'Here is the photo'), false);
      assert.equal([...shopper.of('message'), ...team.of('message')].some((f) => f.message.clientId === 'staged-image'), false, 'no one was sent it');
    } finally {
      await setAttachments(true);
    }
    // The refused send claimed nothing: on again, the same image goes.
    shopper.send({ type: 'send', clientId: 'staged-again', body: 'Here is the photo', attachments: image });
    await shopper.until((p) => p.of('message').some((m) => m.message.clientId === 'staged-again'), 'the image message');
    assert.equal(shopper.of('message').find((m) => m.message.clientId === 'staged-again')!.message.attachments[0]!.url, staged.url);
    shopper.close();
    team.close();
  });

  it('refuses a chat.attachments that is not a boolean (the settings stay as they were)', async () => {
    const admin = await agentToken(call);
    const settings = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    const r = await call('PUT', `main/${SHOP}/settings`, { token: admin, body: { ...settings, chat: { attachments: 'no' } } });
    assert.equal(r.status, 400);
    assert.equal(typeof r.body.error.code, 'string');
    assert.equal('attachments' in (await call('GET', `main/${SHOP}/config`)).body, false);
  });
});
