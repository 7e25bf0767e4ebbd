// Image uploads (DESIGN §5, R16) and the deploy bundle, against the real server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { wranglerEnv } from '../../scripts/wrangler-env.mjs';
import { agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';

/** A real 3×2 PNG. */
function tinyPng(): Uint8Array {
  return Uint8Array.from(Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  ));
}

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
