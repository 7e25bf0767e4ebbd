// The widget header's face and expected reply time (issue 17 part A, R9, R12): the
// shop's name and https logo, the team's display names, the median of recent first
// replies counted only for waits that began while open, and the merchant's sentence.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEV_AGENT_KEY, DEV_ENV } from '../../party/core/seed.js';
import { SHOP, agentToken, answeredChat, api, startServer, type Api, type RunningServer } from './harness.js';

const KEYS = [
  { key: DEV_AGENT_KEY, id: 'agent-dev', name: 'Alex (Support)', role: 'admin', shops: [SHOP] },
  { key: 'key-sam', id: 'agent-sam', name: 'Sam', role: 'agent', shops: [SHOP] },
  { key: 'key-lea', id: 'agent-lea', name: 'Léa', role: 'agent', shops: [SHOP] },
  { key: 'key-kim', id: 'agent-kim', name: 'Kim', role: 'agent', shops: [SHOP] },
  { key: 'key-other', id: 'agent-other', name: 'Other shop', role: 'agent', shops: ['other.myshopify.com'] },
  { key: 'key-operator', id: 'agent-op', name: 'Operator', role: 'admin', shops: ['*'] },
];
const ALL_DAY = [['00:00', '24:00']];
/** Today's date where the shop is (its holidays are in its own time zone, not UTC). */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('header config: shop face and expected reply time (issue 17 A)', () => {
  let server: RunningServer;
  let call: Api;
  let admin: string;
  before(async () => {
    server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), AGENT_KEYS: JSON.stringify(KEYS) } });
    call = api(server);
    admin = await agentToken(call);
  });
  after(() => server.stop());

  const config = async () => (await call('GET', `main/${SHOP}/config`)).body;
  const save = async (change: (s: any) => void) => {
    const s = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
    change(s);
    return call('PUT', `main/${SHOP}/settings`, { token: admin, body: s });
  };
  const answered = (customer: string) => answeredChat(server, admin, customer);

  it('lists a few of the shop\'s own team by display name only, never their keys or other shops\' agents', async () => {
    const c = await config();
    assert.deepEqual(c.team, [{ name: 'Alex (Support)' }, { name: 'Sam' }, { name: 'Léa' }]);
    const text = JSON.stringify(c);
    for (const secret of ['key-sam', DEV_AGENT_KEY, 'agent-sam', 'Other shop', 'Operator']) assert.ok(!text.includes(secret), secret);
  });

  it('takes the shop name and an https logo; refuses a logo that is not https with a typed error', async () => {
    for (const bad of ['http://shop.example/logo.png', 'javascript:alert(1)', 'https://x/"onerror=1']) {
      const r = await save((s) => (s.logoUrl = bad));
      assert.equal(r.status, 400, bad);
      assert.equal(typeof r.body.error.code, 'string');
      assert.match(r.body.error.message, /logoUrl/);
    }
    assert.equal((await save((s) => ((s.shopName = 'Maison Lune'), (s.logoUrl = 'https://cdn.example/logo.png')))).status, 200);
    const c = await config();
    assert.equal(c.shopName, 'Maison Lune');
    assert.equal(c.logoUrl, 'https://cdn.example/logo.png');
  });

  it('counts no first reply to a wait that began while closed, and says when the team is back (R9)', async () => {
    // Closed today (a holiday), open all day otherwise: back at midnight.
    assert.equal((await save((s) => (s.officeHours = { ...s.officeHours, weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ALL_DAY])), holidays: [todayIn(s.officeHours.timezone)] }))).status, 200);
    const closed = await config();
    assert.equal(closed.officeHours.isOpen, false);
    assert.ok(Date.parse(closed.officeHours.nextOpenAt) > Date.now());
    for (const who of ['closed-1', 'closed-2', 'closed-3']) await answered(who);
    assert.equal((await config()).replyMinutes, null, 'night-time waits say nothing about how fast the team answers');
  });

  it('gives the median of recent first replies once three are known, while open', async () => {
    assert.equal((await save((s) => (s.officeHours.holidays = []))).status, 200);
    assert.equal((await config()).officeHours.isOpen, true);
    await answered('open-1');
    await answered('open-2');
    assert.equal((await config()).replyMinutes, null, 'two replies are too few to say "typically"');
    await answered('open-3');
    // Replies within seconds are said as "within a minute" (the shop records the delay as it takes the reply's push).
    let minutes: unknown = null;
    for (let i = 0; i < 50 && minutes !== 1; i++) {
      minutes = (await config()).replyMinutes;
      if (minutes !== 1) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(minutes, 1);
  });

  it('lets the merchant\'s sentence win, trimmed, and drops it when cleared', async () => {
    assert.equal((await save((s) => (s.replyTimeMessage = '  We answer within a day.  '))).status, 200);
    assert.equal((await config()).replyMessage, 'We answer within a day.');
    assert.equal((await save((s) => delete s.replyTimeMessage)).status, 200);
    assert.equal((await config()).replyMessage, undefined);
  });

  it('says the merchant\'s sentence in the shopper\'s language, the default language\'s where none was written (issue 17 review)', async () => {
    const configIn = async (lang: string) => (await call('GET', `main/${SHOP}/config?lang=${lang}`)).body;
    const saved = await save((s) => {
      s.replyTimeMessage = 'We answer within a day.';
      s.translations = { fr: { replyTimeMessage: '  Nous répondons dans la journée.  ' } };
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal((await configIn('fr-CA')).replyMessage, 'Nous répondons dans la journée.');
    assert.equal((await configIn('en')).replyMessage, 'We answer within a day.');
    assert.equal((await configIn('de')).replyMessage, 'We answer within a day.', 'a language the shop has not: the default');
    assert.equal((await config()).replyMessage, 'We answer within a day.');

    assert.equal((await save((s) => (s.translations = { fr: { replyTimeMessage: '   ', welcomeMessage: 'Bonjour !' } }))).status, 200);
    assert.equal((await configIn('fr')).replyMessage, 'We answer within a day.', 'blank: the default language\'s sentence');
    assert.equal((await save((s) => ((s.translations = { fr: { replyTimeMessage: 'Sous une heure.' } }), delete s.replyTimeMessage))).status, 200);
    assert.equal((await configIn('fr')).replyMessage, 'Sous une heure.');
    assert.equal((await configIn('en')).replyMessage, undefined, 'the default has none: the computed estimate');

    const tooLong = await save((s) => (s.translations = { fr: { replyTimeMessage: 'x'.repeat(201) } }));
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body.error.message, /translations\.fr\.replyTimeMessage/);
    assert.equal((await configIn('fr')).replyMessage, 'Sous une heure.', 'the refused save changed nothing');
    assert.equal((await save((s) => delete s.translations)).status, 200);
  });
});
