// The inbox search after a turn of index pushes (issue 19 goal 5, issue 17 "Inbox search";
// R13): a turn's message texts go into the search in two statements, as JSON
// (party/core/ticket-search.ts addAll). Texts that JSON or SQLite's JSON reading could
// bend (a NUL in the middle, a lone surrogate, quotes and backslashes) must be found by
// every word as a text pushed alone is. The pushes come from the dev bench socket
// (party/bench-shop.ts), all at once, so the shop applies them in turns of many.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { Peer, SHOP, agentToken, api, startServer, type Api, type RunningServer } from './harness.js';

const TICKETS = 30;
const run = Date.now().toString(36);

describe('inbox search after a turn of pushes (issue 19)', () => {
  let server: RunningServer;
  let call: Api;
  let agent: string;
  before(async () => {
    server = await startServer();
    call = api(server);
    agent = await agentToken(call);
  });
  after(() => server.stop());

  const found = async (words: string): Promise<string[]> => {
    const res = await call('GET', `main/${SHOP}/tickets?q=${encodeURIComponent(words)}&limit=100`, { token: agent });
    assert.equal(res.status, 200);
    return (res.body.tickets as Array<{ id: string }>).map((t) => t.id);
  };

  it('finds every word of every text of a burst, the words after a NUL or a lone surrogate included (R13)', async () => {
    const feed = new Peer(`${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${agent}&v=1`, null);
    await feed.until((p) => p.frames.some((f) => (f as { type: string }).type === 'inbox'), 'the inbox', 30_000);
    const pushes = new WebSocket(`${server.origin.replace('http', 'ws')}/__bench/shop-pushes`);
    await new Promise((resolve, reject) => (pushes.once('open', resolve), pushes.once('error', reject)));
    const word = (what: string, k: number) => `${what}${run}x${k}y`; // `y`: the last word matches as a prefix, and x1 is one of x10
    const texts = (k: number) => [
      `${word('nulhead', k)}\u0000${word('nultail', k)}`,
      `${word('lonehead', k)}\ud800${word('lonetail', k)}`,
      `"${word('quoted', k)}" \\ ${word('slashed', k)} ]}`,
    ];
    for (let k = 0; k < TICKETS; k++) for (const body of texts(k)) pushes.send(JSON.stringify({ ticket: k, body }));
    // The feed tells of each ticket's last text once its turn was stored, its words with it.
    const last = (k: number) => texts(k).at(-1);
    await feed.until((p) => {
      const seen = new Map<string, string | undefined>();
      for (const f of p.frames as Array<{ type: string; ticket?: { id: string; lastMessage?: { body: string } } }>) if (f.type === 'ticket' && f.ticket) seen.set(f.ticket.id, f.ticket.lastMessage?.body);
      return Array.from({ length: TICKETS }, (_, k) => k).every((k) => seen.get(`shop-bench-${k}`) === last(k));
    }, "every ticket's last text on the feed", 60_000);
    for (let k = 0; k < TICKETS; k++) {
      for (const what of ['nulhead', 'nultail', 'lonehead', 'lonetail', 'quoted', 'slashed']) {
        assert.deepEqual(await found(word(what, k)), [`shop-bench-${k}`], `"${what}" of ticket ${k}`);
      }
    }
    pushes.close();
    feed.close();
  });
});
