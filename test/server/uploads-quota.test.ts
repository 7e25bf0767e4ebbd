// Whose limits an upload spends (issue 17 B1, R16), against the real server: a shopper's
// daily bytes pay only for images stored, also when twenty arrive at once; and the shopper's
// per-ticket limits and the team's are kept apart, so neither side can fill the other's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { agentToken, api, endChat, startChat, startServer, tinyPng, type Api, type RunningServer } from './harness.js';

/** Images a ticket holds per side on this test server (`UPLOADS_PER_TICKET`). */
const PER_TICKET = 4;
/** One image of the burst, and the shopper's day: six of them. */
const SIZE = 256 * 1024;
const DAILY = 6 * SIZE;

describe('upload limits: who pays for what (issue 17 B1)', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), UPLOADS_PER_TICKET: String(PER_TICKET), UPLOAD_DAILY_BYTES: String(DAILY) } });
    call = api(server);
  });
  after(() => server.stop());

  /** PNG-headed bytes of any size: the route checks the magic bytes, not the pixels. */
  const png = (size: number) => {
    const b = new Uint8Array(size);
    b.set(tinyPng().subarray(0, 24));
    return b;
  };
  const upload = async (ticketId: string, token: string, body: Uint8Array = tinyPng()) => {
    const r = await fetch(`${server.origin}/parties/ticket/${ticketId}/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${token}` }, body: body as BodyInit });
    const json = (await r.json()) as { error?: { code: string } };
    return { status: r.status, code: json.error?.code ?? null, retryAfter: r.headers.get('Retry-After') };
  };

  it('only bytes stored spend the shopper\u2019s day: twenty uploads at once, the ticket keeps its count and the refused ones cost nothing in the next chat', async () => {
    const first = await startChat(call, 'quota-burst');
    const burst = await Promise.all(Array.from({ length: 20 }, () => upload(first.ticket.id, first.ticketToken, png(SIZE))));
    const stored = burst.filter((r) => r.status === 201).length;
    assert.equal(stored, PER_TICKET, JSON.stringify(burst));
    for (const r of burst.filter((x) => x.status !== 201)) assert.deepEqual([r.status, r.code], [413, 'quota_exceeded']);
    await endChat(server, first.ticket.id, first.ticketToken);

    // Four of six stored: the next chat takes exactly two more, then the day is over.
    const next = await startChat(call, 'quota-burst');
    assert.deepEqual(await upload(next.ticket.id, next.ticketToken, png(SIZE)).then((r) => [r.status, r.code]), [201, null]);
    assert.deepEqual(await upload(next.ticket.id, next.ticketToken, png(SIZE)).then((r) => [r.status, r.code]), [201, null]);
    const over = await upload(next.ticket.id, next.ticketToken, png(SIZE));
    assert.deepEqual([over.status, over.code], [429, 'rate_limited']);
    assert.ok(Number(over.retryAfter) > 0, 'says when to try again');
  });

  it('a shopper\u2019s unsent uploads never take the team\u2019s room in the ticket, nor the team\u2019s the shopper\u2019s; each side\u2019s own limits still hold', async () => {
    const agent = await agentToken(call);
    const chat = await startChat(call, 'quota-sides');
    // The shopper fills their count with images they never send.
    for (let i = 0; i < PER_TICKET; i++) assert.equal((await upload(chat.ticket.id, chat.ticketToken)).status, 201);
    assert.deepEqual(await upload(chat.ticket.id, chat.ticketToken).then((r) => [r.status, r.code]), [413, 'quota_exceeded']);
    assert.deepEqual(await upload(chat.ticket.id, agent).then((r) => [r.status, r.code]), [201, null], 'the agent still sends an image');

    // The team fills its 20 MB of the ticket (no daily budget for agents): the shopper's own count is the only limit they meet.
    const team = await startChat(call, 'quota-team-bytes');
    for (let i = 0; i < 4; i++) assert.equal((await upload(team.ticket.id, agent, png(5 * 1024 * 1024))).status, 201);
    assert.deepEqual(await upload(team.ticket.id, agent).then((r) => [r.status, r.code]), [413, 'quota_exceeded'], 'the team\u2019s 20 MB hold');
    assert.deepEqual(await upload(team.ticket.id, team.ticketToken).then((r) => [r.status, r.code]), [201, null], 'the shopper still sends an image');
  });
});

describe('upload limits with the defaults: the reviewer\u2019s 20 MB (issue 17 B1)', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer({ vars: DEV_ENV as Record<string, string> });
    call = api(server);
  });
  after(() => server.stop());

  it('four unsent 5 MB uploads of the shopper fill their 20 MB of the ticket, and the agent\u2019s image still goes', async () => {
    const send = (ticketId: string, token: string, body: Uint8Array) =>
      fetch(`${server.origin}/parties/ticket/${ticketId}/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${token}` }, body: body as BodyInit }).then(async (r) => [r.status, ((await r.json()) as { error?: { code: string } }).error?.code ?? null]);
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(tinyPng().subarray(0, 24));
    const chat = await startChat(call, 'quota-reviewer');
    for (let i = 0; i < 4; i++) assert.deepEqual(await send(chat.ticket.id, chat.ticketToken, big), [201, null]);
    assert.deepEqual(await send(chat.ticket.id, chat.ticketToken, tinyPng()), [413, 'quota_exceeded'], 'the shopper\u2019s 20 MB hold');
    assert.deepEqual(await send(chat.ticket.id, await agentToken(call), tinyPng()), [201, null], 'the agent\u2019s 3\u00d72 PNG goes');
  });
});
