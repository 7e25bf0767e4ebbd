// Issue 12 "Server hardening" against a real `wrangler dev`: races and floods.
// Bounded: fixed sizes, floods of a few seconds, loopback only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_AGENT_KEY, DEV_ENV } from '../../party/core/seed.js';
import { signToken } from '../../party/core/auth.js';
import { PAGE_ORIGIN, Peer, SHOP, agentToken, api, endChat, shopperSession, startChat, startServer, tinyPng, type Api, type RunningServer } from './harness.js';

const GUARDED_KEY = 'guarded-agent-key';


describe('server hardening: races and floods', () => {
  let server: RunningServer;
  let call: Api;
  let agent: string;
  before(async () => {
    // guarded.myshopify.com is installed (it has an agent key), so its sign-in answers wrong keys with 401.
    const keys = [...(JSON.parse(DEV_ENV.AGENT_KEYS!) as object[]), { key: GUARDED_KEY, id: 'agent-guard', name: 'Gus', role: 'agent', shops: ['guarded.myshopify.com'] }];
    // The shop feed caps lowered to 6 shopper and 3 team sockets, to reach them with a few.
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), AGENT_KEYS: JSON.stringify(keys), FEED_SOCKETS: '6/3' } });
    call = api(server);
    agent = await agentToken(call);
  });
  after(() => server.stop());


  it('R8, R13: one open chat per shopper, however many starts arrive at once (20 rounds of 5)', async () => {
    for (let round = 0; round < 20; round++) {
      // Even rounds with a fresh shopper; odd rounds right after that shopper ended the chat.
      const customer = `race-${Math.floor(round / 2)}`;
      const { token } = await shopperSession(call, customer);
      const clientIds = Array.from({ length: 5 }, () => crypto.randomUUID());
      const answers = await Promise.all(
        clientIds.map((clientId, i) => call('POST', `main/${SHOP}/chats`, { token, body: { clientId, body: `start ${round}.${i}` } })),
      );
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409], `round ${round}: ${statuses.join(', ')}`);
      const created = answers.find((a) => a.status === 201)!;
      for (const a of answers.filter((x) => x.status === 409)) {
        assert.equal(a.body.error.code, 'chat_active');
        assert.equal(a.body.ticket.id, created.body.ticket.id, `round ${round}: the 409 names the open ticket`);
        assert.equal(typeof a.body.ticketToken, 'string');
      }
      // A retry of the winning start is still answered 200 with the same ticket.
      const winner = clientIds[answers.indexOf(created)]!;
      const retry = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: winner, body: 'again' } });
      assert.equal(retry.status, 200);
      assert.equal(retry.body.ticket.id, created.body.ticket.id);
      if (round % 2 === 0) await endChat(server, created.body.ticket.id, created.body.ticketToken);
    }
  });

  it('R6: parallel retries of one start give one ticket: one 201, the others 200 with it', async () => {
    const { token } = await shopperSession(call, 'race-same-id');
    const clientId = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('POST', `main/${SHOP}/chats`, { token, body: { clientId, body: 'once' } })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.ticket.id)).size, 1);
  });

  it('an empty or whitespace-only send is refused with bad_frame; a picture without text is stored', async () => {
    const chat = await startChat(call, 'empty-bodies');
    const p = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 1 });
    p.send({ type: 'send', clientId: 'empty', body: '' });
    p.send({ type: 'send', clientId: 'blank', body: ' \n\t\u00a0 ' });
    const upload = await fetch(`${server.origin}/parties/ticket/${chat.ticket.id}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${chat.ticketToken}`, 'Content-Type': 'image/png', Origin: PAGE_ORIGIN },
      body: Buffer.from(tinyPng()),
    });
    assert.equal(upload.status, 201);
    const { id: _id, ...attachment } = (await upload.json()) as { id: string; type: 'image'; url: string };
    p.send({ type: 'send', clientId: 'picture', body: '', attachments: [attachment] });
    await p.until((q) => q.of('error').length === 2 && q.of('ack').length === 1, 'two refusals and one ack');
    assert.deepEqual(p.of('error').map((e) => [e.code, e.clientId]), [['bad_frame', 'empty'], ['bad_frame', 'blank']]);
    assert.equal(p.of('ack')[0]!.clientId, 'picture');
    assert.deepEqual(p.of('message').map((f) => f.message.clientId), ['picture'], 'only the picture was stored');
    p.close();
  });

  it('a refused send names its clientId: oversized frame, over-long body, bad attachments', async () => {
    const chat = await startChat(call, 'too-large');
    const p = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 1 });
    p.send(JSON.stringify({ type: 'send', clientId: 'huge', body: 'x'.repeat(17_000) }));
    p.send(JSON.stringify({ type: 'send', clientId: 'long', body: 'x'.repeat(4001) }));
    p.send(JSON.stringify({ type: 'send', clientId: 'odd', body: 'hi', attachments: 'nope' }));
    p.send(JSON.stringify({ type: 'send', body: 'x'.repeat(17_000) }));
    await p.until((q) => q.of('error').length === 4, 'four errors');
    assert.deepEqual(p.of('error').map((e) => [e.code, e.clientId]), [
      ['too_large', 'huge'],
      ['too_large', 'long'],
      ['bad_frame', 'odd'],
      ['too_large', undefined],
    ]);
    p.close();
  });

  /** Sends one message and resolves with its send → ack time in ms. */
  const sendAck = async (peer: Peer, clientId: string, body: string): Promise<number> => {
    const t = performance.now();
    peer.send({ type: 'send', clientId, body });
    await peer.until((p) => p.of('ack').some((a) => a.clientId === clientId) || p.of('error').some((e) => e.clientId === clientId), `ack of ${clientId}`, 30_000);
    assert.ok(peer.of('ack').some((a) => a.clientId === clientId), `${clientId} was acked`);
    return performance.now() - t;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('flood isolation: a hello and typing flood on one ticket costs a bounded amount, and another ticket\u2019s send → ack stays near its quiet value', async () => {
    // The flooded ticket holds a thread worth syncing: 60 messages of 2,000 characters.
    const flooded = await startChat(call, 'flood-hello');
    const writer = Peer.ticket(server, flooded.ticket.id, flooded.ticketToken);
    const team = Peer.ticket(server, flooded.ticket.id, agent, { origin: null });
    await Promise.all([writer.opened(), team.opened()]);
    for (let i = 0; i < 60; i++) (i % 2 ? team : writer).send({ type: 'send', clientId: `fill-${i}`, body: `${i} ${'x'.repeat(2000)}` });
    await writer.until((p) => p.of('ack').length === 30, 'the thread', 30_000);
    await team.until((p) => p.of('ack').length === 30, 'the thread', 30_000);
    const listeners = [team, Peer.ticket(server, flooded.ticket.id, agent, { origin: null }), Peer.ticket(server, flooded.ticket.id, agent, { origin: null })];
    await Promise.all(listeners.map((l) => l.opened()));

    const bystanderChat = await startChat(call, 'flood-bystander');
    const bystander = Peer.ticket(server, bystanderChat.ticket.id, bystanderChat.ticketToken);
    await bystander.opened();
    bystander.send({ type: 'hello', lastSeq: 1 });
    await bystander.until((p) => p.of('sync').length === 1, 'bystander sync');
    /**
     * The bystander's send → ack times, one message every 100 ms whatever the answers do
     * (open loop, the same cadence quiet and loaded): a stalled server delays every
     * message sent meanwhile, not just one.
     */
    const paced = async (tag: string, n: number) => {
      const times: Promise<number>[] = [];
      for (let i = 0; i < n; i++) {
        times.push(sendAck(bystander, `${tag}-${i}`, 'a calm question'));
        await new Promise((r) => setTimeout(r, 100));
      }
      return Promise.all(times);
    };
    const quiet = await paced('quiet', 10);

    const helloFlood = Peer.ticket(server, flooded.ticket.id, flooded.ticketToken);
    const typingFlood = Peer.ticket(server, flooded.ticket.id, flooded.ticketToken);
    await Promise.all([helloFlood.opened(), typingFlood.opened()]);
    // Two seconds of flood (1,000 hellos and 2,000 typing frames a second) while the
    // bystander sends a message every 100 ms on its own ticket.
    const start = performance.now();
    const flood = (async () => {
      for (let step = 0; step < 20; step++) {
        for (let i = 0; i < 100; i++) helloFlood.send({ type: 'hello', lastSeq: 0 });
        for (let i = 0; i < 200; i++) typingFlood.send({ type: 'typing', active: i % 2 === 0 });
        await new Promise((r) => setTimeout(r, 100));
      }
      typingFlood.send({ type: 'typing', active: false });
    })();
    const during = await paced('during', 20);
    await flood;
    // Let held hellos and typing come out, then count what the floods cost.
    await new Promise((r) => setTimeout(r, 2500));
    const seconds = (performance.now() - start) / 1000;

    // The bystander first: its ticket shares the machine, not the room.
    const calm = median(quiet);
    const loaded = median(during);
    // Generous: the machine is shared, and the flood's 3,000 frames a second come from this
    // process, on the same two cores as the server (CI, server files three at a time beside
    // the unit and package suites: 544 ms against 68 ms quiet, stop 25). Before pacing the
    // median was 100× the quiet one: a stall of the room still fails this by far.
    assert.ok(loaded <= calm * 10 + 250, `bystander send → ack: ${loaded.toFixed(1)} ms during the flood, ${calm.toFixed(1)} ms quiet (all: ${during.map((d) => d.toFixed(0)).join(', ')})`);
    const syncs = helloFlood.of('sync').length;
    assert.ok(syncs >= 1, 'the flooder was answered');
    assert.ok(syncs <= 10 + Math.ceil(seconds * 2) + 1, `${syncs} syncs in ${seconds.toFixed(1)} s (burst 10, then 2 per second)`);
    assert.equal(helloFlood.of('error').length, 0, 'excess hellos are held, not refused');
    for (const l of listeners) {
      // The held last state comes out at the next turn of the once-a-second throttle: on a
      // busy machine that can be after the 2.5 s above, so wait for it (bounded) before
      // counting; the count's bound is still the flood's seconds.
      await l.until((q) => q.of('typing').at(-1)?.active === false, 'the last typing state', 15_000).catch(() => {});
      const typing = l.of('typing');
      assert.ok(typing.length <= Math.ceil(seconds) + 2, `${typing.length} typing frames in ${seconds.toFixed(1)} s (one per second)`);
      assert.equal(typing.at(-1)?.active, false, 'the last state wins');
    }
    for (const p of [writer, helloFlood, typingFlood, bystander, ...listeners]) p.close();
  });

  it('hellos beyond the budget are held and merged: the latest is answered, none refused', async () => {
    const chat = await startChat(call, 'hello-burst');
    const p = Peer.ticket(server, chat.ticket.id, chat.ticketToken);
    await p.opened();
    for (let i = 0; i < 15; i++) p.send({ type: 'hello', lastSeq: i === 14 ? 1 : 0 });
    await p.until((q) => q.of('sync').length === 11, 'ten at once and the held one');
    assert.deepEqual(p.of('sync').map((f) => f.messages.length), [...Array(10).fill(1), 0], 'the held hello answers the last lastSeq');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(p.of('sync').length, 11);
    assert.equal(p.of('error').length, 0);
    p.close();
  });

  it('the send budget is per shopper per ticket, not per socket', async () => {
    const chat = await startChat(call, 'many-sockets');
    const sockets = Array.from({ length: 4 }, () => Peer.ticket(server, chat.ticket.id, chat.ticketToken));
    await Promise.all(sockets.map((s) => s.opened()));
    const start = performance.now();
    sockets.forEach((s, k) => {
      for (let i = 0; i < 30; i++) s.send({ type: 'send', clientId: `ms-${k}-${i}`, body: `from socket ${k}: ${i}` });
    });
    for (const s of sockets) await s.until((p) => p.of('ack').length + p.of('error').length === 30, 'answers', 20_000);
    const seconds = (performance.now() - start) / 1000;
    const acks = sockets.reduce((n, s) => n + s.of('ack').length, 0);
    assert.ok(acks <= 40 + Math.ceil(seconds * 2), `${acks} of 120 stored in ${seconds.toFixed(1)} s`);
    assert.ok(sockets.every((s) => s.of('error').every((e) => e.code === 'rate_limited' && e.clientId?.startsWith('ms-'))));
    // The agent's budget is their own.
    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await team.opened();
    await sendAck(team, 'agent-reply', 'Here to help');
    for (const s of [...sockets, team]) s.close();
  });

  it('caps sockets per token and per ticket: an extra one is accepted, gets rate_limited, then close 4029', async () => {
    const chat = await startChat(call, 'socket-caps');
    // Distinct ticket tokens of the same shopper, as several tabs would hold.
    const tokenFor = (n: number) =>
      // Signed as the server signs ticket tokens (its audience and kind), each a second apart in `iat`.
      signToken(DEV_ENV.CHAT_SECRET!, { shop: SHOP, role: 'shopper', sub: 'socket-caps', tid: chat.ticket.id, origin: PAGE_ORIGIN, name: 'Ada' }, Date.now() - n * 1000).then((t) => t.token);
    const tokens = await Promise.all([1, 2, 3].map(tokenFor));
    /** Opens `n` sockets at once; resolves with how many were admitted and the refusals seen. */
    const open = async (token: string, n: number) => {
      const peers = Array.from({ length: n }, () => Peer.ticket(server, chat.ticket.id, token));
      await Promise.all(peers.map((p) => p.opened()));
      for (const p of peers) p.send({ type: 'hello', lastSeq: 0 });
      await Promise.all(peers.map((p) => p.until((q) => q.of('sync').length === 1 || q.closeCode !== null, 'sync or close')));
      const refused = peers.filter((p) => p.closeCode !== null);
      for (const p of refused) assert.deepEqual([p.closeCode, p.frames.map((f) => (f.type === 'error' ? f.code : f.type))], [4029, ['rate_limited']]);
      return { admitted: peers.filter((p) => p.closeCode === null), refused: refused.length };
    };
    const a = await open(tokens[0]!, 6);
    assert.deepEqual([a.admitted.length, a.refused], [4, 2], 'four sockets per token');
    const b = await open(tokens[1]!, 4);
    assert.deepEqual([b.admitted.length, b.refused], [4, 0]);
    const c = await open(tokens[2]!, 4);
    assert.deepEqual([c.admitted.length, c.refused], [2, 2], 'ten on the shopper\u2019s side');
    // The team still gets in, and a closed socket frees its seat.
    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await team.opened();
    await sendAck(team, 'caps-agent', 'Agents are not locked out');
    a.admitted[0]!.terminate();
    await new Promise((r) => setTimeout(r, 500));
    const d = await open(tokens[2]!, 1);
    assert.deepEqual([d.admitted.length, d.refused], [1, 0], 'a seat came free');
    for (const p of [...a.admitted, ...b.admitted, ...c.admitted, ...d.admitted, team]) p.close();
  });

  it('caps shop feed sockets per token and per shop: an extra one is accepted, gets rate_limited, then close 4029 (issue 13 #4)', async () => {
    const feedUrl = (token: string) => `${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${encodeURIComponent(token)}&v=1`;
    /** Opens `n` feed sockets at once; resolves with the admitted ones (they got their first frame) and the refusals. */
    const open = async (token: string, n: number) => {
      const peers = Array.from({ length: n }, () => new Peer(feedUrl(token), null));
      await Promise.all(peers.map((p) => p.until((q) => q.closeCode !== null || q.frames.some((f) => f.type !== 'error'), 'welcome or close')));
      const refused = peers.filter((p) => p.closeCode !== null);
      for (const p of refused) assert.deepEqual([p.closeCode, p.frames.map((f) => (f.type === 'error' ? f.code : f.type))], [4029, ['rate_limited']]);
      return { admitted: peers.filter((p) => p.closeCode === null), refused: refused.length };
    };
    const [one, two] = await Promise.all([shopperSession(call, 'feed-caps-1'), shopperSession(call, 'feed-caps-2')]);
    const a = await open(one.token, 6);
    assert.deepEqual([a.admitted.length, a.refused], [4, 2], 'four sockets per token');
    /** A feed frame's type (feed frames are not ticket frames). */
    const kind = (p: Peer) => (p.frames[0] as { type?: string } | undefined)?.type;
    assert.ok(a.admitted.every((p) => kind(p) === 'config'));
    const b = await open(two.token, 4);
    assert.deepEqual([b.admitted.length, b.refused], [2, 2], 'six shoppers\u2019 sockets per shop (FEED_SOCKETS here)');
    // The team's side has its own cap: strangers with free session tokens never lock the inbox out.
    const team = await open(agent, 1);
    assert.deepEqual([team.admitted.length, team.refused], [1, 0]);
    assert.equal(kind(team.admitted[0]!), 'inbox');
    // A closed socket frees its seat.
    a.admitted[0]!.terminate();
    await new Promise((r) => setTimeout(r, 500));
    const c = await open(two.token, 1);
    assert.deepEqual([c.admitted.length, c.refused], [1, 0], 'a seat came free');
    for (const p of [...a.admitted, ...b.admitted, ...c.admitted, ...team.admitted]) p.close();
  });

  describe('agent sign-in throttling', () => {
    const signIn = (agentKey: string, address: string, shop = SHOP) =>
      call('POST', `main/${shop}/agents/session`, { body: { agentKey }, origin: null, headers: { 'CF-Connecting-IP': address } });
    const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

    it('per client address: five wrong keys, then 429 with Retry-After, and the right key works once the wait is over', async () => {
      const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(`guess-${i}`, '203.0.113.7')));
      const statuses = guesses.map((g) => g.status);
      assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(','));
      assert.equal(statuses.filter((s) => s === 429).length, 25);
      const throttled = guesses.find((g) => g.status === 429)!;
      assert.equal(throttled.body.error.code, 'rate_limited');
      const wait = Number(throttled.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 5, `Retry-After ${wait}`);
      // The right key from that address waits too (else guessing would go on)...
      const early = await signIn(DEV_AGENT_KEY, '203.0.113.7');
      assert.equal(early.status, 429);
      // ...but not from another address, and not for ever.
      assert.equal((await signIn(DEV_AGENT_KEY, '198.51.100.9')).status, 200);
      await sleep(Number(early.headers.get('retry-after')));
      const later = await signIn(DEV_AGENT_KEY, '203.0.113.7');
      assert.equal(later.status, 200);
      assert.equal(typeof later.body.token, 'string');
    });

    it('per shop: wrong keys from many addresses throttle that shop\u2019s wrong keys for a while, never its right key (issue 13 #1)', async () => {
      const shop = 'guarded.myshopify.com';
      const guesses = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn(`guess-${i}`, `192.0.2.${i + 1}`, shop)));
      const statuses = guesses.map((g) => g.status);
      assert.equal(statuses.filter((s) => s === 401).length, 20, statuses.join(','));
      assert.equal(statuses.filter((s) => s === 429).length, 5);
      const fresh = await signIn('another-guess', '192.0.2.200', shop);
      assert.equal(fresh.status, 429, 'a new address is throttled on that shop too');
      // The agents of the throttled shop still sign in, from fresh addresses and from a guesser's.
      const agent = await signIn(GUARDED_KEY, '192.0.2.203', shop);
      assert.equal(agent.status, 200, 'the right key is never refused by the shop bucket');
      assert.equal(typeof agent.body.token, 'string');
      assert.equal((await signIn(GUARDED_KEY, '192.0.2.1', shop)).status, 200);
      assert.equal((await signIn('still-a-guess', '192.0.2.204', shop)).status, 429, 'and wrong keys still wait');
      assert.equal((await signIn('a-guess', '192.0.2.201')).status, 401, 'another shop is not throttled');
      await sleep(Number(fresh.headers.get('retry-after')));
      assert.equal((await signIn('after-the-wait', '192.0.2.202', shop)).status, 401, 'tried again, not refused');
    });
  });
});
