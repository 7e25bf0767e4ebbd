// Image uploads (DESIGN §5, R16) and the deploy bundle, against the real server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { wranglerEnv } from '../../scripts/wrangler-env.mjs';
import { DEV_ENV } from '../../party/core/seed.js';
import { Peer, SHOP, agentToken, api, shopperSession, startChat, startServer, tinyPng, type Api, type RunningServer } from './harness.js';


describe('uploads', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer();
    call = api(server);
  });
  after(() => server.stop());

  const upload = (ticketId: string, body: Uint8Array | string, token?: string, type = 'image/png') =>
    fetch(`${server.origin}/parties/ticket/${ticketId}/uploads`, {
      method: 'POST',
      headers: { 'Content-Type': type, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body as BodyInit,
    });
  const local = (url: string) => url.replace(/^http:\/\/[^/]+/, server.origin);

  it('stores a PNG checked by its bytes and serves it back with nosniff and a closed CSP', async () => {
    const chat = await startChat(call, 'up-1');
    const r = await upload(chat.ticket.id, tinyPng(), chat.ticketToken);
    assert.equal(r.status, 201);
    const att = (await r.json()) as { id: string; type: string; url: string; width: number; height: number };
    assert.deepEqual([att.type, att.width, att.height], ['image', 3, 2]);
    const img = await fetch(local(att.url));
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
    assert.match(img.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.deepEqual(new Uint8Array(await img.arrayBuffer()), tinyPng());
  });

  it('stores a 4 MB image across chunks and returns it byte for byte', async () => {
    const chat = await startChat(call, 'up-big');
    const big = new Uint8Array(4 * 1024 * 1024);
    big.set(tinyPng());
    for (let i = 100; i < big.length; i += 997) big[i] = i % 251;
    const r = await upload(chat.ticket.id, big, chat.ticketToken);
    assert.equal(r.status, 201);
    const { url } = (await r.json()) as { url: string };
    const back = new Uint8Array(await (await fetch(local(url))).arrayBuffer());
    assert.equal(back.length, big.length);
    assert.ok(back.every((b, i) => b === big[i]));
  });

  it('refuses HTML disguised as PNG, SVG, oversized files, other tickets and missing tokens', async () => {
    const chat = await startChat(call, 'up-bad');
    const other = await startChat(call, 'up-other');
    const polyglot = await upload(chat.ticket.id, '<html><script>alert(1)</script></html>', chat.ticketToken);
    assert.deepEqual([polyglot.status, ((await polyglot.json()) as { error: { code: string } }).error.code], [415, 'unsupported_type']);
    const svg = await upload(chat.ticket.id, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', chat.ticketToken, 'image/svg+xml');
    assert.equal(svg.status, 415);
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(tinyPng());
    assert.equal((await upload(chat.ticket.id, huge, chat.ticketToken)).status, 413);
    assert.equal((await upload(chat.ticket.id, tinyPng(), other.ticketToken)).status, 403);
    assert.equal((await upload(chat.ticket.id, tinyPng())).status, 401);
    assert.equal((await fetch(`${server.origin}/parties/ticket/${chat.ticket.id}/uploads/00000000-0000-4000-8000-000000000000`)).status, 404);
  });

  it('lets an agent of the shop upload to the ticket', async () => {
    const chat = await startChat(call, 'up-agent');
    assert.equal((await upload(chat.ticket.id, tinyPng(), await agentToken(call))).status, 201);
  });

  it('R16: a message carries only images uploaded to its own ticket, with the sizes the server read (item 15)', async () => {
    const chat = await startChat(call, 'up-claims');
    const other = await startChat(call, 'up-claims-other');
    const own = (await (await upload(chat.ticket.id, tinyPng(), chat.ticketToken)).json()) as { id: string; url: string };
    const foreign = (await (await upload(other.ticket.id, tinyPng(), other.ticketToken)).json()) as { url: string };
    const peer = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await peer.opened();
    peer.send({ type: 'hello', lastSeq: 0 });
    await peer.until((p) => p.of('sync').length === 1, 'sync');
    const tracker = own.url.replace(/^http:\/\/[^/]+/, 'https://tracker.example');
    const bad = ['javascript:alert(1)', tracker, foreign.url, `${own.url}?t=1`, own.url.replace(own.id, '00000000-0000-4000-8000-000000000000')];
    for (const url of bad) {
      const clientId = crypto.randomUUID();
      peer.send({ type: 'send', clientId, body: 'look', attachments: [{ type: 'image', url, width: 2 ** 53 - 1, height: 1 }] });
      await peer.until((p) => p.of('error').some((e) => e.clientId === clientId), `refusal of ${url}`);
      assert.equal(peer.of('error').find((e) => e.clientId === clientId)!.code, 'bad_frame');
    }
    const clientId = crypto.randomUUID();
    peer.send({ type: 'send', clientId, body: 'my parcel', attachments: [{ type: 'image', url: own.url, alt: 'parcel', width: 2 ** 53 - 1, height: 7 }] });
    await peer.until((p) => p.of('message').some((m) => m.message.clientId === clientId), 'the message');
    assert.deepEqual(peer.of('message').find((m) => m.message.clientId === clientId)!.message.attachments, [
      { type: 'image', url: own.url, alt: 'parcel', width: 3, height: 2 },
    ]);
    assert.equal(peer.of('message').length, 1, 'no refused message was stored');
    peer.close();
  });

  it('refuses images on the message that creates a chat (nothing can be uploaded before it)', async () => {
    const { token } = await shopperSession(call, 'up-first');
    const r = await call('POST', `main/${SHOP}/chats`, {
      token,
      body: { clientId: crypto.randomUUID(), body: 'hi', attachments: [{ type: 'image', url: 'https://tracker.example/p.gif' }] },
    });
    assert.deepEqual([r.status, r.body.error.code], [400, 'bad_request']);
  });

  it('bounds what one ticket stores: 10 images a minute, 20 MB in all (item 13)', async () => {
    const fast = await startChat(call, 'up-rate');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await upload(fast.ticket.id, tinyPng(), fast.ticketToken)).status);
    assert.deepEqual(statuses, [...Array(10).fill(201), 429]);

    const big = await startChat(call, 'up-quota');
    const image = new Uint8Array(4.5 * 1024 * 1024);
    image.set(tinyPng());
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) sizes.push((await upload(big.ticket.id, image, big.ticketToken)).status);
    assert.deepEqual(sizes, [201, 201, 201, 201, 413]);
    const last = await upload(big.ticket.id, image, big.ticketToken);
    assert.equal(((await last.json()) as { error: { code: string } }).error.code, 'quota_exceeded');
  });
});

describe('uploads no message refers to', () => {
  let server: RunningServer;
  let call: Api;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), UPLOAD_TTL_SECONDS: '2' } });
    call = api(server);
  });
  after(() => server.stop());

  it('are removed by the ticket room after UPLOAD_TTL_SECONDS; sent ones are kept (item 13)', async () => {
    const chat = await startChat(call, 'up-sweep');
    const post = (body: Uint8Array) =>
      fetch(`${server.origin}/parties/ticket/${chat.ticket.id}/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${chat.ticketToken}` }, body: body as BodyInit });
    const sent = (await (await post(tinyPng())).json()) as { url: string };
    const unsent = (await (await post(tinyPng())).json()) as { url: string };
    const local = (url: string) => url.replace(/^http:\/\/[^/]+/, server.origin);
    const peer = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await peer.opened();
    peer.send({ type: 'hello', lastSeq: 0 });
    const clientId = crypto.randomUUID();
    peer.send({ type: 'send', clientId, body: 'photo', attachments: [{ type: 'image', url: sent.url }] });
    await peer.until((p) => p.of('ack').some((a) => a.clientId === clientId), 'ack');
    peer.close();
    const end = Date.now() + 15_000;
    while ((await fetch(local(unsent.url))).status !== 404) {
      assert.ok(Date.now() < end, 'the unsent upload was never removed');
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal((await fetch(local(sent.url))).status, 200);
    // Its bytes left the quota too: the ticket takes a new image.
    assert.equal((await post(tinyPng())).status, 201);
  });
});

describe('deploy check', () => {
  it('bundles the Worker offline with wrangler deploy --dry-run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'chc-deploy-'));
    const root = new URL('../../', import.meta.url).pathname;
    await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
      cwd: root,
      env: wranglerEnv(root),
    });
    assert.ok(statSync(join(out, 'server.js')).size > 10_000);
  });
});
