// A burst into one shop room (issue 19): 200 messages across 50 chats sent at once, so
// the ticket rooms' index pushes reach the shop together and are applied in turns
// (party/core/index-turn.ts). Every agent's feed socket must end on every ticket's latest
// state, never step a ticket back, carry the unread total the list holds (R14), and the
// search must find every one of the 200 texts (issue 17: no text lost to the batching).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { Peer, SHOP, agentToken, api, startChat, startServer, type Api, type RunningServer } from './harness.js';

type TicketFrame = { type: 'ticket'; ticket: { id: string; unread: number; lastMessage?: { seq: number; body: string } }; unreadTotal: number };

const CHATS = 50;
const EACH = 4;
const run = Date.now().toString(36);

describe('shop feed under a burst (issue 19)', () => {
  let server: RunningServer;
  let call: Api;
  let agent: string;
  before(async () => {
    server = await startServer();
    call = api(server);
    agent = await agentToken(call);
  });
  after(() => server.stop());

  const feed = () => new Peer(`${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${agent}&v=1`, null);
  const ticketFrames = (p: Peer) => (p.frames as unknown as Array<{ type: string }>).filter((f): f is TicketFrame => f.type === 'ticket');
  /** Each ticket's newest state on this socket. */
  const latest = (p: Peer) => new Map(ticketFrames(p).map((f) => [f.ticket.id, f.ticket]));

  it('gives every agent socket every ticket of 200 messages across 50 chats in its latest state, in order, and search finds every text', async () => {
    // The chats start one after another: the burst is their messages, not their creation.
    const chats: Array<Awaited<ReturnType<typeof startChat>>> = [];
    for (let i = 0; i < CHATS; i++) chats.push(await startChat(call, `burst-${run}-${i}`, `opening burst${run}c${i}`));
    const feeds = [feed(), feed()];
    await Promise.all(feeds.map((f) => f.until((p) => p.frames.some((x) => (x as { type: string }).type === 'inbox'), 'the inbox')));
    const shoppers = chats.map((c) => Peer.ticket(server, c.ticket.id, c.ticketToken));
    await Promise.all(shoppers.map((s) => s.opened()));

    // Every socket sends its messages at once: the pushes reach the shop room together.
    const bodies = chats.map((_, i) => Array.from({ length: EACH }, (_, k) => `word${run}c${i}m${k} and more`));
    shoppers.forEach((s, i) => bodies[i]!.forEach((body, k) => s.send({ type: 'send', clientId: `burst-${i}-${k}`, body })));

    const lastBody = (i: number) => bodies[i]![EACH - 1]!;
    for (const f of feeds) {
      await f.until((p) => {
        const now = latest(p);
        return chats.every((c, i) => now.get(c.ticket.id)?.lastMessage?.body === lastBody(i));
      }, 'every ticket in its latest state', 30_000);
    }
    for (const f of feeds) {
      const now = latest(f);
      for (const c of chats) {
        const t = now.get(c.ticket.id)!;
        assert.equal(t.lastMessage?.seq, EACH + 1, `${c.ticket.id}: the opening message and ${EACH} more`);
        assert.equal(t.unread, EACH + 1);
        // A ticket's frames never go back to an older state (a turn sends its newest only).
        const seqs = ticketFrames(f).filter((x) => x.ticket.id === c.ticket.id).map((x) => x.ticket.lastMessage?.seq ?? 0);
        assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), `${c.ticket.id}'s frames in order`);
      }
    }

    // R14: the last frame's unread total is what the listed tickets hold.
    let sum = 0;
    let cursor = '';
    do {
      const page = (await call('GET', `main/${SHOP}/tickets?status=open&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: agent, origin: null })).body;
      for (const t of page.tickets as Array<{ unread: number }>) sum += t.unread;
      cursor = page.nextCursor ?? '';
    } while (cursor);
    for (const f of feeds) assert.equal(ticketFrames(f).at(-1)!.unreadTotal, sum);

    // Every one of the 200 texts is searchable, each finding its own ticket only.
    for (let i = 0; i < CHATS; i++) {
      for (let k = 0; k < EACH; k++) {
        const r = await call('GET', `main/${SHOP}/tickets?q=${encodeURIComponent(`word${run}c${i}m${k}`)}`, { token: agent, origin: null });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.deepEqual((r.body.tickets as Array<{ id: string }>).map((t) => t.id), [chats[i]!.ticket.id], `word${run}c${i}m${k}`);
      }
    }
    for (const p of [...feeds, ...shoppers]) p.close();
  });

  it("feeds the dev bench's pushes to the shop room (bench/suites/shop-alone.ts), dropping anything but a bench ticket's number and text", async () => {
    const plain = await fetch(`${server.origin}/__bench/shop-pushes`);
    assert.equal(plain.status, 426);
    assert.equal(((await plain.json()) as { error: { code: string } }).error.code, 'upgrade_required');
    const inbox = feed();
    await inbox.until((p) => p.frames.some((x) => (x as { type: string }).type === 'inbox'), 'the inbox');
    // A web page's socket (any Origin) is refused before anything is made (review r2 #4).
    const page = new WebSocket(`${server.origin.replace('http', 'ws')}/__bench/shop-pushes`, { origin: 'https://evil.example' });
    const refused = await new Promise<number>((resolve) => (page.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)), page.once('open', () => resolve(101))));
    assert.equal(refused, 403);
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/__bench/shop-pushes`);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    for (const junk of ['not json', '{"ticket":1000,"body":"x"}', '{"ticket":-1,"body":"x"}', '{"ticket":1.5,"body":"x"}', '{"ticket":"3","body":"x"}', '{"ticket":3,"body":7}', '{"ticket":3}']) ws.send(junk);
    ws.send(JSON.stringify({ ticket: 3, body: `bench push ${run}` }));
    await inbox.until((p) => latest(p).get('shop-bench-3')?.lastMessage?.body === `bench push ${run}`, 'the bench push');
    assert.deepEqual([...latest(inbox).keys()].filter((id) => id.startsWith('shop-bench-')), ['shop-bench-3'], 'the junk frames made no ticket');
    assert.equal(latest(inbox).get('shop-bench-3')?.lastMessage?.seq, 1);
    ws.close();
    inbox.close();
  });
});
