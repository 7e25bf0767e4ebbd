// Merchant content in the shopper's language (issue 17 item D1; R3, R4, R9, R11, R12)
// against the real `wrangler dev`: the settings' `translations` validated, `GET config`
// and the shop feed in the shopper's language with per-item fallback, and a ticket's
// away reply, handoff message and AI answers in the language it started in.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Peer, SHOP, agentToken, api, shopperSession, startServer, type Api, type RunningServer } from './harness.js';

const FR = {
  welcomeMessage: 'Bonjour ! Comment pouvons-nous vous aider ?',
  awayMessage: 'Nous sommes absents. Nous vous répondrons dès notre retour.',
  handoffMessage: 'Écrivez-nous à aide@boutique.fr',
  faqs: [{ id: 'shipping', question: 'Quels sont les délais de livraison ?', answer: 'La livraison prend trois jours ouvrés en France métropolitaine.' }],
};

describe('merchant content in the shopper language (issue 17 D1)', () => {
  let server: RunningServer;
  let call: Api;
  let admin: string;
  // The seeded settings, restored before each test.
  let seeded: Record<string, any>;
  const put = (body: unknown) => call('PUT', `main/${SHOP}/settings`, { token: admin, body });
  const withFrench = (extra: Record<string, unknown> = {}) => ({ ...seeded, translations: { fr: FR }, ...extra });

  before(async () => {
    server = await startServer();
    call = api(server);
    admin = await agentToken(call);
    seeded = (await call('GET', `main/${SHOP}/settings`, { token: admin })).body;
  });
  beforeEach(async () => assert.equal((await put(seeded)).status, 200));
  after(() => server.stop());

  it('R12: settings without translations (the old shape) are still accepted and read back unchanged', async () => {
    assert.equal(seeded.translations, undefined);
    const r = await put(seeded);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, seeded);
    const config = await call('GET', `main/${SHOP}/config?lang=fr`);
    assert.equal(config.body.welcomeMessage, seeded.welcomeMessage, 'no French content: the default');
  });

  it('R12: translations round-trip; bad ones get a typed 400 that names the field, and nothing stored changes', async () => {
    const ok = await put(withFrench({ defaultLanguage: 'en' }));
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.translations, { fr: FR });
    const bad: Array<[unknown, RegExp]> = [
      [{ xx: { welcomeMessage: 'Hi' } }, /translations\.xx: unknown language/],
      [{ 'fr-CA': { welcomeMessage: 'Allô' } }, /unknown language/],
      [{ en: { welcomeMessage: 'Hello' } }, /translations\.en: the default language/],
      [{ fr: { faqs: [{ id: 'no-such-faq', question: 'Q ?' }] } }, /no FAQ has the id no-such-faq/],
      [{ fr: { faqs: [{ id: 'shipping', question: 'A' }, { id: 'shipping', question: 'B' }] } }, /translated twice/],
      [{ fr: { welcomeMessage: 'x'.repeat(4001) } }, /translations\.fr\.welcomeMessage/],
      [{ fr: { welcomeMessage: 42 } }, /translations\.fr\.welcomeMessage/],
      [{ fr: 'Bonjour' }, /translations\.fr/],
      ['fr', /translations/],
      [Object.fromEntries(['de', 'es', 'it', 'nl', 'pt', 'sv', 'da', 'fi', 'pl', 'cs', 'ja'].map((l) => [l, { welcomeMessage: l }])), /at most 10 languages/],
    ];
    for (const [translations, message] of bad) {
      const r = await put({ ...seeded, translations });
      assert.equal(r.status, 400, JSON.stringify(translations).slice(0, 80));
      assert.equal(r.body.error.code, 'bad_request');
      assert.match(r.body.error.message, message);
    }
    const unknownDefault = await put({ ...seeded, defaultLanguage: 'klingon' });
    assert.equal(unknownDefault.status, 400);
    assert.match(unknownDefault.body.error.message, /defaultLanguage/);
    assert.deepEqual((await call('GET', `main/${SHOP}/settings`, { token: admin })).body.translations, { fr: FR });
  });

  it('R3 R4 R9: GET config in the shopper language (fr-CA → fr), each untranslated item in the default language', async () => {
    assert.equal((await put(withFrench())).status, 200);
    const en = (await call('GET', `main/${SHOP}/config`)).body;
    for (const lang of ['fr', 'fr-CA', 'FR_ca']) {
      const fr = (await call('GET', `main/${SHOP}/config?lang=${lang}`)).body;
      assert.equal(fr.welcomeMessage, FR.welcomeMessage, lang);
      assert.equal(fr.officeHours.awayMessage, FR.awayMessage, lang);
      assert.deepEqual(fr.faqs.map((f: { id: string }) => f.id), en.faqs.map((f: { id: string }) => f.id), 'same FAQs, same order');
      assert.deepEqual(fr.faqs[0], { id: 'shipping', question: FR.faqs[0]!.question, answer: FR.faqs[0]!.answer });
      // Not translated: the English question and answer.
      assert.deepEqual(fr.faqs[1], en.faqs[1]);
      assert.equal(JSON.stringify(fr).includes(FR.handoffMessage), false, 'the handoff message is not public config');
    }
    for (const lang of ['de', 'x', '', '<script>', 'e'.repeat(300)]) {
      const r = await call('GET', `main/${SHOP}/config?lang=${encodeURIComponent(lang)}`);
      assert.equal(r.status, 200, lang);
      assert.deepEqual(r.body, en, `${lang.slice(0, 10)}: the default language`);
    }
  });

  it('R12: a shop whose default language is French serves its plain fields to everyone and English only where translated', async () => {
    const english = { welcomeMessage: 'Hello from Lyon!' };
    assert.equal((await put({ ...seeded, defaultLanguage: 'fr', welcomeMessage: 'Bonjour de Lyon !', translations: { en: english } })).status, 200);
    assert.equal((await call('GET', `main/${SHOP}/config?lang=en-GB`)).body.welcomeMessage, english.welcomeMessage);
    assert.equal((await call('GET', `main/${SHOP}/config?lang=de`)).body.welcomeMessage, 'Bonjour de Lyon !');
    assert.equal((await call('GET', `main/${SHOP}/config`)).body.welcomeMessage, 'Bonjour de Lyon !');
  });

  it('R12: the shop feed pushes each open widget the saved config in its own language', async () => {
    const feed = async (lang: string) => {
      const { token } = await shopperSession(call, `feed-${lang || 'none'}`);
      const p = new Peer(`${server.origin.replace('http', 'ws')}/parties/main/${SHOP}?token=${token}&v=1&lang=${lang}`, null);
      await p.until((q) => q.frames.some((f: any) => f.type === 'config'), 'the first config');
      return p;
    };
    const [fr, en] = [await feed('fr-CA'), await feed('')];
    assert.equal((await put(withFrench())).status, 200);
    const welcome = (p: Peer) => (p.frames as any[]).filter((f) => f.type === 'config').at(-1).config.welcomeMessage;
    await fr.until((p) => welcome(p) === FR.welcomeMessage, 'the French config');
    await en.until((p) => (p.frames as any[]).filter((f) => f.type === 'config').length === 2, 'the English config');
    assert.equal(welcome(en), seeded.welcomeMessage);
    fr.close();
    en.close();
  });

  /** A chat started by a shopper whose widget says `lang`; its live frames. */
  async function chatIn(lang: string | undefined, who: string, body: string) {
    const { token } = await shopperSession(call, `${who}-${Date.now()}`);
    const r = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body, ...(lang ? { lang } : {}) } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const p = Peer.ticket(server, r.body.ticket.id, r.body.ticketToken);
    await p.opened();
    p.send({ type: 'hello', lastSeq: 0 });
    return p;
  }
  const messages = (p: Peer) => p.of('sync').flatMap((f) => f.messages).concat(p.of('message').map((f) => f.message));
  const bodies = (p: Peer) => messages(p).map((m) => m.body);
  const aiAnswer = (p: Peer) => messages(p).find((m) => m.author.role === 'ai')?.body;

  it('R9: the away reply stored in a ticket is in the language the shopper started it in', async () => {
    const closed = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, []]));
    assert.equal((await put(withFrench({ officeHours: { ...seeded.officeHours, weekly: closed } }))).status, 200);
    const fr = await chatIn('fr-CA', 'away-fr', 'Bonjour ?');
    const en = await chatIn(undefined, 'away-en', 'Hello?');
    const de = await chatIn('de', 'away-de', 'Hallo?');
    await fr.until((p) => bodies(p).includes(FR.awayMessage), 'the French away reply');
    await en.until((p) => bodies(p).includes(seeded.officeHours.awayMessage), 'the English away reply');
    await de.until((p) => bodies(p).includes(seeded.officeHours.awayMessage), 'the default away reply');
    assert.equal(bodies(en).includes(FR.awayMessage), false);
    for (const p of [fr, en, de]) p.close();
  });

  it('R10 R11: the AI agent answers from the FAQ in the ticket language, and its handoff message is in it', async () => {
    const ai = { ...seeded.ai, enabled: true, handoff: { target: 'message', message: 'E-mail us at help@shop.example' } };
    assert.equal((await put(withFrench({ ai }))).status, 200);
    const fr = await chatIn('fr', 'ai-fr', 'Quels sont les délais de livraison ?');
    await fr.until((p) => aiAnswer(p) !== undefined, 'the AI answer');
    assert.match(aiAnswer(fr)!, /trois jours ouvrés/, 'the French FAQ answer');
    fr.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Je veux parler à un humain' });
    await fr.until((p) => bodies(p).includes(FR.handoffMessage), 'the French handoff message');

    const en = await chatIn(undefined, 'ai-en', 'I want to talk to a human');
    await en.until((p) => bodies(p).includes(ai.handoff.message), 'the English handoff message');
    fr.close();
    en.close();
  });

  it('R12: a ticket already open follows a saved change of its language content', async () => {
    const ai = { ...seeded.ai, enabled: true, handoff: { target: 'message', message: 'E-mail us at help@shop.example' } };
    assert.equal((await put(withFrench({ ai }))).status, 200);
    const fr = await chatIn('fr', 'follow-fr', 'Quels sont les délais de livraison ?');
    await fr.until((p) => aiAnswer(p) !== undefined, 'the AI answer');
    const changed = { ...FR, handoffMessage: 'Appelez-nous au 01 23 45 67 89' };
    assert.equal((await put(withFrench({ ai, translations: { fr: changed } }))).status, 200);
    fr.send({ type: 'send', clientId: crypto.randomUUID(), body: 'Je veux parler à un humain' });
    await fr.until((p) => bodies(p).includes(changed.handoffMessage), 'the saved French handoff message');
    fr.close();
  });
});
