// The inbox search, `GET tickets?q=` (issue 17 E1), against the real server: the
// shop's SQLite full-text index finds a ticket by its customer's name, e-mail and
// phone and by any message's words, treats what is typed as plain words, never
// returns another shop's tickets, refuses shopper tokens, and follows new messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { FakeTwilio, sid } from './fake-twilio.js';
import { Peer, SHOP, agentToken, api, startServer, type Api, type RunningServer } from './harness.js';

const OTHER = 'search-other.myshopify.com';
const OTHER_KEY = 'search-other-agent-key';
const run = Date.now().toString(36);
/** The URL Twilio is given (a proxy in front of the server): its webhooks are signed over it. */
const PUBLIC = 'https://chat.example.test';

describe('inbox search (issue 17)', () => {
  let server: RunningServer;
  let call: Api;
  let agent: string;
  before(async () => {
    const keys = [...(JSON.parse(DEV_ENV.AGENT_KEYS!) as object[]), { key: OTHER_KEY, id: 'agent-other', name: 'Olga', role: 'admin', shops: [OTHER] }];
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), AGENT_KEYS: JSON.stringify(keys) } });
    call = api(server);
    agent = await agentToken(call);
  });
  after(() => server.stop());

  const search = async (q: string, token = agent, shop = SHOP, extra = '') => {
    const r = await call('GET', `main/${shop}/tickets?q=${encodeURIComponent(q)}${extra}`, { token, origin: null });
    return r;
  };
  const ids = async (q: string): Promise<string[]> => {
    const r = await search(q);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return (r.body.tickets as Array<{ id: string }>).map((t) => t.id);
  };

  /** A chat whose customer has this name and e-mail (signed identity claims come from `devCustomer`). */
  async function chatOf(shop: string, customer: { id: string; name: string; email?: string }, body: string) {
    const s = await call('POST', `main/${shop}/session`, { body: { devCustomer: customer } });
    assert.equal(s.status, 200, JSON.stringify(s.body));
    const r = await call('POST', `main/${shop}/chats`, { token: s.body.token, body: { clientId: crypto.randomUUID(), body } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return { ticket: r.body.ticket as { id: string }, ticketToken: r.body.ticketToken as string, sessionToken: s.body.token as string };
  }

  /** Waits until the search answers with `id` among its tickets (the index is fed after the message is acked). */
  async function found(q: string, id: string, present = true): Promise<void> {
    for (let i = 0; i < 50; i++) {
      if ((await ids(q)).includes(id) === present) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`"${q}" ${present ? 'never found' : 'still finds'} ${id}`);
  }

  it('finds a ticket by the customer name, e-mail and message words, the last word as a prefix', async () => {
    const chat = await chatOf(SHOP, { id: `s-${run}-1`, name: `Zebulon Quist${run}`, email: `zq${run}@example.org` }, `My parcel wombat${run} never arrived`);
    await found(`quist${run}`, chat.ticket.id);
    await found(`zebulon quist${run}`, chat.ticket.id);
    await found(`zq${run}@example.org`, chat.ticket.id);
    await found(`wombat${run}`, chat.ticket.id);
    // The last word is a prefix; the words may sit in different texts (name, message).
    await found(`zebulon wombat${run.slice(0, 3)}`, chat.ticket.id);
    await found(`PARCEL Wombat${run}`, chat.ticket.id);
    // Every word must be found: one absent word narrows, never widens.
    assert.deepEqual(await ids(`wombat${run} platypus${run}`), []);
  });

  it('finds an SMS ticket by phone number, typed with or without the country code and separators', async () => {
    const twilio = await new FakeTwilio().start();
    try {
      const settings = (await call('GET', `main/${SHOP}/settings`, { token: agent, origin: null })).body;
      const sms = { enabled: true, accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+15145550100', publicUrl: PUBLIC, apiBaseUrl: twilio.base };
      assert.equal((await call('PUT', `main/${SHOP}/settings`, { token: agent, origin: null, body: { ...settings, sms } })).status, 200);
      const digits = String(Date.now()).slice(-7);
      const phone = `+1415${digits}`;
      const path = `/parties/main/${SHOP}/sms/twilio`;
      const params = { AccountSid: twilio.accountSid, MessageSid: sid('SM'), From: phone, To: '+15145550100', Body: 'Hello by text', NumMedia: '0' };
      const posted = await twilio.webhook(`${server.origin}${path}`, params, { signedUrl: `${PUBLIC}${path}` });
      assert.ok(posted.status < 300, `twilio webhook ${posted.status}`);
      let ticketId = '';
      for (let i = 0; i < 50 && !ticketId; i++) {
        const list = await call('GET', `main/${SHOP}/tickets?channel=sms&limit=100`, { token: agent, origin: null });
        ticketId = (list.body.tickets as Array<{ id: string; customer: { phone?: string } | null }>).find((t) => t.customer?.phone === phone)?.id ?? '';
        if (!ticketId) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(ticketId, 'the SMS ticket');
      await found(phone, ticketId);
      await found(`415${digits}`, ticketId);
      await found(`(415) ${digits.slice(0, 3)}-${digits.slice(3)}`, ticketId);
      await found(digits, ticketId);
      await found(`415${digits.slice(0, 2)}`, ticketId);
      assert.ok(!(await ids(`9${digits}9`)).includes(ticketId));
    } finally {
      await twilio.stop();
    }
  });

  it('finds a ticket by eight words spread over its messages, and a blank search matches nothing (review)', async () => {
    // Before: six words or more answered 500 (a compound SELECT past workerd SQLite's limit), a blank `q` the whole list.
    const chat = await chatOf(SHOP, { id: `s-${run}-many`, name: 'Ines Many' }, `where is my order number ${run}`);
    const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    team.send({ type: 'send', clientId: `many-${run}`, body: 'it left the warehouse yesterday' });
    await team.until((p) => p.of('ack').length > 0, 'the reply');
    team.close();
    await found(`where is my order number ${run} warehouse yesterday`, chat.ticket.id);
    for (const blank of [' ', '   ', '\t']) {
      const r = await search(blank);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.tickets, [], `q=${JSON.stringify(blank)}`);
    }
  });

  it('treats FTS syntax as plain words: no error, no widening', async () => {
    const chat = await chatOf(SHOP, { id: `s-${run}-fts`, name: `Fts Person${run}` }, `Order kumquat${run} please`);
    await found(`kumquat${run}`, chat.ticket.id);
    const k = `kumquat${run}`;
    // Each payload read as plain words: true = it names words of the ticket (found), false = it does not (nothing of this run).
    const payloads: Array<[string, boolean]> = [
      [`"${k}`, true],
      [`${k}"`, true],
      [`${k} OR *`, true], // the words "kumquat…" and "or…" (a prefix of "Order")
      [`NEAR(${k} please)`, false], // "near" is not a word of the ticket: not an operator either
      [`${k} please NEAR`, false],
      [`body:${k}`, false], // "body" is a word here, not a column filter
      [`${k}*`, true],
      [`-${k}`, true], // not a negation
      [`${k} NOT please`, false], // "not" is a word, not an operator
      [`${k} AND`, false],
      [`"${k}" "please"`, true],
      [`{body}: ${k}`, false],
      ['*', false],
      ['"', false],
      ['^', false],
      ['ticket_id:*', false],
      ["'); DROP TABLE tickets; --", false],
      ['( ) { } [ ] - + : ;', false],
      ['a'.repeat(200), false],
      ['\u0000', false],
    ];
    for (const [q, finds] of payloads) {
      const r = await search(q);
      assert.equal(r.status, 200, `${q}: ${JSON.stringify(r.body)}`);
      const got = (r.body.tickets as Array<{ id: string }>).map((t) => t.id);
      // Never wider than the plain words: a payload with the unique word finds that ticket alone.
      if (finds) assert.deepEqual(got, [chat.ticket.id], q);
      else assert.ok(!got.includes(chat.ticket.id), `${q} found the ticket`);
      if (q.includes(k)) assert.ok(got.every((id) => id === chat.ticket.id), `${q} widened the search`);
    }
    // A query of no word at all matches nothing, rather than everything.
    assert.deepEqual(await ids('*'), []);
    // The list itself still works after every payload.
    assert.equal((await call('GET', `main/${SHOP}/tickets`, { token: agent, origin: null })).status, 200);
    // Over the length limit: a typed error, not a crash.
    const long = await search('a'.repeat(201));
    assert.equal(long.status, 400);
    assert.equal(long.body.error.code, 'bad_request');
  });

  it('never returns another shop\u2019s tickets, and refuses shopper and other-shop tokens', async () => {
    const word = `marmoset${run}`;
    const mine = await chatOf(SHOP, { id: `s-${run}-mine`, name: 'Mine' }, `About the ${word}`);
    const otherAgent = (await call('POST', `main/${OTHER}/agents/session`, { body: { agentKey: OTHER_KEY } })).body.token as string;
    assert.ok(otherAgent);
    const theirs = await chatOf(OTHER, { id: `s-${run}-theirs`, name: 'Theirs' }, `About the ${word} too`);
    await found(word, mine.ticket.id);
    assert.deepEqual(await ids(word), [mine.ticket.id]);
    // The other shop's agent finds theirs only.
    for (let i = 0; i < 50; i++) {
      const r = await search(word, otherAgent, OTHER);
      assert.equal(r.status, 200);
      if (r.body.tickets.length) {
        assert.deepEqual(r.body.tickets.map((t: { id: string }) => t.id), [theirs.ticket.id]);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Another shop's token on this shop, a shopper's session token, a ticket token, none.
    for (const token of [otherAgent, mine.sessionToken, mine.ticketToken, undefined]) {
      const r = await call('GET', `main/${SHOP}/tickets?q=${word}`, { origin: null, ...(token ? { token } : {}) });
      assert.ok(r.status === 401 || r.status === 403, `status ${r.status} for ${String(token).slice(0, 12)}: ${JSON.stringify(r.body).slice(0, 200)}`);
      assert.ok(r.body.error.code, JSON.stringify(r.body));
      assert.ok(!JSON.stringify(r.body).includes(word));
    }
  });

  it('pages results like the list and follows new messages (live)', async () => {
    const word = `quokka${run}`;
    const chats = [];
    for (let i = 0; i < 3; i++) chats.push(await chatOf(SHOP, { id: `s-${run}-page-${i}`, name: `Pager ${i}` }, `The ${word} number ${i}`));
    for (const c of chats) await found(word, c.ticket.id);
    const first = await search(word, agent, SHOP, '&limit=2');
    assert.equal(first.body.tickets.length, 2);
    assert.ok(first.body.nextCursor);
    const second = await search(word, agent, SHOP, `&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    assert.equal(second.body.tickets.length, 1);
    assert.equal(second.body.nextCursor, null);
    const paged = [...first.body.tickets, ...second.body.tickets].map((t: { id: string }) => t.id);
    // Newest activity first, as the list.
    assert.deepEqual(paged, chats.map((c) => c.ticket.id).reverse());

    // A later message with a new word: the ticket is found by it, and moves first.
    const later = `capybara${run}`;
    assert.deepEqual(await ids(later), []);
    const team = Peer.ticket(server, chats[0]!.ticket.id, agent, { origin: null });
    await team.opened();
    team.send({ type: 'hello', lastSeq: 0 });
    // Several messages in a burst: each one's words are indexed, not only the newest.
    for (let i = 0; i < 5; i++) team.send({ type: 'send', clientId: `search-${run}-${i}`, body: `${later}${i} is on its way` });
    await team.until((p) => p.of('ack').length === 5, 'acks');
    team.close();
    for (let i = 0; i < 5; i++) await found(`${later}${i}`, chats[0]!.ticket.id);
    assert.equal((await ids(word))[0], chats[0]!.ticket.id);
  });
});
