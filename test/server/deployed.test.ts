// The server as a store uses it (issue 13): the script-tag build loads from another
// origin with the right cache headers, and a ticket token made on a request with no
// `Origin` (a same-origin GET on a reload, or a server-side client) opens its chat.
// Needs `npm run build && node scripts/site.mjs` first (npm test's build step does it).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Peer, SHOP, api, shopperSession, startServer, type RunningServer } from './harness.js';

const SITE = new URL('../../dist/site/', import.meta.url).pathname;
const STORE = 'https://store.example';

describe('the deployed server', () => {
  let server: RunningServer;
  before(async () => {
    assert.ok(existsSync(`${SITE}cdn/customer-hub-chat.js`), 'run `npm run build && node scripts/site.mjs` first');
    server = await startServer();
  });
  after(() => server?.stop());

  describe('script-tag builds on /cdn/ (issue 13 item 1)', () => {
    const get = (path: string) => fetch(`${server.origin}${path}`, { headers: { Origin: STORE } });
    const chunk = readdirSync(`${SITE}cdn/chunks`).find((f) => /^panel-.+\.js$/.test(f));

    for (const entry of ['/cdn/customer-hub-chat.js', '/cdn/customer-hub-inbox.js']) {
      it(`${entry}: CORS for any store, and a short cache (it keeps its name across releases)`, async () => {
        const r = await get(entry);
        assert.equal(r.status, 200);
        assert.match(r.headers.get('content-type') ?? '', /javascript/);
        assert.equal(r.headers.get('access-control-allow-origin'), '*');
        const cache = r.headers.get('cache-control') ?? '';
        assert.match(cache, /max-age=300\b/);
        assert.doesNotMatch(cache, /immutable/);
      });
    }

    it('hashed chunks: CORS and immutable for a year', async () => {
      assert.ok(chunk, 'the build has a panel chunk');
      const r = await get(`/cdn/chunks/${chunk}`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    });

    it('package.json points public CDNs (unpkg, jsDelivr) at the script-tag build', async () => {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, string>;
      for (const field of ['unpkg', 'jsdelivr']) {
        assert.equal(pkg[field], './dist/cdn/customer-hub-chat.js', field);
        assert.ok(existsSync(new URL(`../../${pkg[field]}`, import.meta.url)), `${field} names a built file`);
      }
    });

    it('the headers file itself is not served', async () => {
      const r = await fetch(`${server.origin}/_headers`);
      assert.notEqual(await r.text().then((t) => t.includes('Access-Control-Allow-Origin')), true);
    });
  });

  describe('ticket tokens made without an Origin (issue 13 items 2 and 14)', () => {
    const call = () => api(server);
    /** A chat started by a page on `page`, then fetched again with a GET that carries no Origin (a reload). */
    async function reloadedChat(customer: string, page: string | null) {
      const { token } = await (async () => {
        const r = await call()('POST', `main/${SHOP}/session`, { body: { devCustomer: { id: customer, name: 'Ada' } }, origin: page });
        assert.equal(r.status, 200);
        return r.body as { token: string };
      })();
      const started = await call()('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Hello' }, origin: page });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const active = await call()('GET', `main/${SHOP}/chats/active`, { token, origin: null });
      assert.equal(active.status, 200);
      return { ticketId: active.body.ticket.id as string, ticketToken: active.body.ticketToken as string };
    }
    const outcome = async (peer: Peer): Promise<string> => {
      await peer.opened().catch(() => undefined);
      peer.send({ type: 'hello', lastSeq: 0 });
      await peer.until((p) => p.closeCode !== null || p.of('sync').length > 0, 'sync or close');
      const seen = peer.closeCode !== null ? String(peer.closeCode) : 'sync';
      peer.close();
      return seen;
    };

    it('a same-origin page reloads mid-chat: its socket opens with the token of a GET that had no Origin', async () => {
      const chat = await reloadedChat(`same-origin-${Date.now()}`, server.origin);
      assert.equal(await outcome(Peer.ticket(server, chat.ticketId, chat.ticketToken, { origin: server.origin })), 'sync');
    });

    it('that token still opens nothing from a foreign page, nor from another allowed page', async () => {
      const chat = await reloadedChat(`same-origin-foreign-${Date.now()}`, server.origin);
      assert.equal(await outcome(Peer.ticket(server, chat.ticketId, chat.ticketToken, { origin: 'https://evil.example' })), '4003');
      assert.equal(await outcome(Peer.ticket(server, chat.ticketId, chat.ticketToken, { origin: 'http://localhost:5173' })), '4003');
    });

    it('a server-side client (no Origin anywhere) opens its chat', async () => {
      const chat = await reloadedChat(`node-${Date.now()}`, null);
      assert.equal(await outcome(Peer.ticket(server, chat.ticketId, chat.ticketToken, { origin: null })), 'sync');
    });

    it('a token bound to a page origin stays bound to it', async () => {
      const customer = `bound-${Date.now()}`;
      const { token } = await shopperSession(call(), customer);
      const started = await call()('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body: 'Hi' } });
      const { ticket, ticketToken } = started.body;
      assert.equal(await outcome(Peer.ticket(server, ticket.id, ticketToken, { origin: null })), '4003');
      assert.equal(await outcome(Peer.ticket(server, ticket.id, ticketToken, { origin: server.origin })), '4003');
      assert.equal(await outcome(Peer.ticket(server, ticket.id, ticketToken)), 'sync');
    });
  });
});
