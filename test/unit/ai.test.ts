// The AI agent (R10) and its handoff (R11): the default retrieval responder and the
// room's AI turn, in English and French.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetrievalResponder, knowledgeFrom, type AiSettings } from '../../party/core/ai/responder.js';
import { asksForHuman, tokens } from '../../party/core/ai/retrieval.js';
import { MemoryBackend } from '../../party/memory/memory-backend.js';
import { DEV_ENV, DEV_SHOP, devSettings } from '../../party/core/seed.js';
import { roomHarness } from './room-harness.js';

const knowledge = knowledgeFrom(devSettings().faqs, [
  { title: 'Livraison', text: 'La livraison prend 3 à 5 jours ouvrés en France métropolitaine.\n\nLes retours sont gratuits sous 30 jours.' },
  { title: 'Gift cards', text: 'Gift cards never expire and can be used online or in store.', url: 'https://demo.example/gift-cards' },
]);
const settings = (target: AiSettings['handoff']['target'] = 'inbox', message?: string): AiSettings => ({
  knowledge,
  maxUnresolvedTurns: 2,
  handoff: { target, ...(message ? { message } : {}) },
});

describe('retrieval responder', () => {
  const responder = new RetrievalResponder(settings());

  it('answers FAQ-covered questions in English, citing the FAQ', async () => {
    const out = await responder.respond({ question: 'How long will shipping take?', unresolvedTurns: 0 });
    assert.equal(out.kind, 'answer');
    assert.ok(out.kind === 'answer' && out.text.startsWith('Orders ship within 2 business days'));
    assert.equal(out.kind === 'answer' && out.source, 'How long does shipping take?');
    const gift = await responder.respond({ question: 'Do gift cards expire?', unresolvedTurns: 0 });
    assert.deepEqual(gift.kind === 'answer' && [gift.source, gift.url], ['Gift cards', 'https://demo.example/gift-cards']);
  });

  it('answers in French from French knowledge, accents or not', async () => {
    const out = await responder.respond({ question: 'Combien de temps prend la livraison en France ?', unresolvedTurns: 0 });
    assert.equal(out.kind === 'answer' && out.source, 'Livraison');
    assert.match(out.kind === 'answer' ? out.text : '', /3 à 5 jours/);
    assert.deepEqual(tokens('Livraisons rapides'), tokens('livraison rapide'));
  });

  it('hands off at once when the shopper asks for a person, in English or French', async () => {
    for (const q of ['Can I talk to a person please?', 'I want a human', 'Je voudrais parler à un conseiller', 'Puis-je parler avec quelqu’un ?']) {
      assert.ok(asksForHuman(q), q);
      assert.deepEqual(await responder.respond({ question: q, unresolvedTurns: 0 }), { kind: 'handoff', reason: 'human_requested' });
    }
  });

  it('asks to rephrase, then hands off after maxUnresolvedTurns misses', async () => {
    const first = await responder.respond({ question: 'Do you sell spaceships?', unresolvedTurns: 0 });
    assert.equal(first.kind, 'clarify');
    const fr = await responder.respond({ question: 'Vendez-vous des fusées pour la lune ?', unresolvedTurns: 0 });
    assert.match(fr.kind === 'clarify' ? fr.text : '', /reformuler/);
    assert.deepEqual(await responder.respond({ question: 'Do you sell spaceships?', unresolvedTurns: 1 }), { kind: 'handoff', reason: 'unresolved' });
  });
});

describe('the AI turn in a ticket', () => {
  const create = (h: ReturnType<typeof roomHarness>, ai: AiSettings, first: string) =>
    h.room.create({ id: 't1', shop: 's', customer: { id: 'c1' }, handler: 'ai', first: { clientId: 'f', body: first }, ai });

  it('R10: answers first; R11 inbox: a person request hands the whole transcript to the team', async () => {
    const h = roomHarness();
    await create(h, settings('inbox'), 'What is your return policy?');
    const shopper = h.join('shopper', 'c1');
    await shopper.say({ type: 'send', clientId: 'q2', body: 'OK, can I talk to a person now?' });
    await shopper.say({ type: 'hello', lastSeq: 0 });
    const sync = shopper.of('sync')[0]!;
    assert.deepEqual(sync.messages.map((m) => `${m.author.role}${m.author.name ? `(${m.author.name})` : ''}`), ['shopper', 'ai(AI)', 'shopper', 'system(handoff)']);
    assert.match(sync.messages[1]!.body, /return unworn items within 30 days[\s\S]*Source: What is your return policy\?/);
    assert.equal(sync.ticket.handler, 'team');
    assert.ok(sync.ticket.waitingSince, 'the shopper now waits for a person (R19)');
    assert.equal(h.changes.at(-1)!.ticket.handler, 'team');
  });

  it('R11 message: the merchant\u2019s message is shown and the agent stops', async () => {
    const h = roomHarness();
    await create(h, settings('message', 'E-mail us at help@demo.example'), 'I want a human');
    const shopper = h.join('shopper', 'c1');
    await shopper.say({ type: 'send', clientId: 'q2', body: 'How long does shipping take?' });
    await shopper.say({ type: 'hello', lastSeq: 0 });
    assert.deepEqual(shopper.of('sync')[0]!.messages.map((m) => [m.author.role, m.body]), [
      ['shopper', 'I want a human'],
      ['ai', 'E-mail us at help@demo.example'],
      ['shopper', 'How long does shipping take?'],
    ]);
  });

  it('keeps AI tickets out of the inbox until the handoff (R10, R13)', async () => {
    const backend = new MemoryBackend({ env: DEV_ENV, seed: () => ({ ...devSettings(), ai: { ...devSettings().ai, enabled: true } }) });
    const shop = await backend.shop(DEV_SHOP);
    const claims = { shop: DEV_SHOP, role: 'shopper' as const, sub: 'ai-c1', exp: 0 };
    const started = await shop.startChat(claims, { clientId: 'x1', body: 'How do your sizes run?' }, null);
    assert.equal(started.ticket.handler, 'ai');
    await new Promise((r) => setTimeout(r, 10));
    assert.equal((await shop.listTickets({ limit: 50 })).tickets.length, 0, 'the AI handles it');
    const conn = await backend.connect(started.ticket.id, claims, () => {});
    assert.ok(!('ok' in conn));
    await conn.receive(JSON.stringify({ type: 'send', clientId: 'x2', body: 'Let me speak to a human' }));
    await new Promise((r) => setTimeout(r, 10));
    const inbox = (await shop.listTickets({ limit: 50 })).tickets;
    assert.deepEqual(inbox.map((t) => [t.id, t.handler]), [[started.ticket.id, 'team']]);
  });
});
