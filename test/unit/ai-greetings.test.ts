// Greetings, thanks and "ok" are not failed turns for the AI agent (issue 18, R10, R11):
// they get a prompt back in the shopper's language, never the "not sure" line, and never
// count towards `maxUnresolvedTurns`; a greeting with a question is the question.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { courtesyOf } from '../../party/core/ai/greetings.js';
import { LlmResponder } from '../../party/core/ai/llm.js';
import { RetrievalResponder, knowledgeFrom, type AiSettings } from '../../party/core/ai/responder.js';
import { devSettings } from '../../party/core/seed.js';
import { roomHarness } from './room-harness.js';

const knowledge = knowledgeFrom(devSettings().faqs, []);
const settings: AiSettings = { knowledge, maxUnresolvedTurns: 2, handoff: { target: 'inbox' } };

describe('AI agent: greetings and thanks (issue 18, R10, R11)', () => {
  it('reads a message of greetings, thanks or "ok" alone as a courtesy, in English or French', () => {
    const en = ['hi', 'Hello!', 'hello?', 'hey there', 'Good morning', 'HI 👋', '👋', '👋🏽!', '🙏', 'thanks', 'Thank you so much!', 'ok', 'OK, got it', 'great, thanks'];
    const fr = ['bonjour', 'Bonjour !', 'salut', 'coucou', 'merci', 'merci beaucoup', "d'accord", 'Bonsoir à tous'];
    for (const t of en) assert.equal(courtesyOf(t)?.lang, 'en', t);
    for (const t of fr) assert.equal(courtesyOf(t)?.lang, 'fr', t);
    assert.equal(courtesyOf('merci beaucoup')?.kind, 'thanks');
    assert.equal(courtesyOf('hey there')?.kind, 'hello');
  });

  it('reads a greeting with a question as the question', () => {
    for (const t of ['hi, where is my order?', 'Hello, how long does shipping take?', 'bonjour, quels sont les délais de livraison ?', 'thanks, and can I return it?', '', '?', 'there', 'good', '😡', '📦?', '👋 📦']) {
      assert.equal(courtesyOf(t), null, t);
    }
  });

  it('the default responder prompts back in the shopper\'s language, not "not sure"', async () => {
    const r = new RetrievalResponder(settings);
    assert.deepEqual(await r.respond({ question: 'hi', unresolvedTurns: 1 }), { kind: 'clarify', text: 'Hi! What can I help you with?' });
    assert.deepEqual(await r.respond({ question: 'Bonjour !', unresolvedTurns: 1 }), { kind: 'clarify', text: 'Bonjour ! Comment puis-je vous aider ?' });
    assert.equal((await r.respond({ question: 'hi, how long does shipping take?', unresolvedTurns: 1 })).kind, 'answer');
  });

  it('the LLM responder prompts back too, without calling the model or handing off', async () => {
    let calls = 0;
    const r = new LlmResponder({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', model: 'm', knowledge, fetch: async () => (calls++, new Response('{}', { status: 500 })) });
    assert.deepEqual(await r.respond({ question: 'merci beaucoup', unresolvedTurns: 0 }), { kind: 'clarify', text: 'Avec plaisir ! Puis-je vous aider pour autre chose ?' });
    assert.equal(calls, 0);
  });

  it('"hi", "hello?", "bonjour", "thanks" in a chat: prompts back, no handoff, and the question after them is answered', async () => {
    const h = roomHarness();
    await h.room.create({ id: 't1', shop: 's', customer: { id: 'c1' }, handler: 'ai', first: { clientId: 'f', body: 'hi' }, ai: settings });
    const shopper = h.join('shopper', 'c1');
    for (const [i, body] of ['hello?', 'bonjour', 'thanks', 'ok', 'How long does shipping take?'].entries()) await shopper.say({ type: 'send', clientId: `q${i}`, body });
    await shopper.say({ type: 'hello', lastSeq: 0 });
    const sync = shopper.of('sync')[0]!;
    const ai = sync.messages.filter((m) => m.author.role !== 'shopper');
    assert.deepEqual(
      ai.slice(0, 5).map((m) => [m.author.role, m.body]),
      [
        ['ai', 'Hi! What can I help you with?'],
        ['ai', 'Hi! What can I help you with?'],
        ['ai', 'Bonjour ! Comment puis-je vous aider ?'],
        ['ai', "You're welcome! Is there anything else I can help you with?"],
        ['ai', 'Is there anything else I can help you with?'],
      ],
    );
    assert.equal(ai.length, 6);
    assert.match(ai[5]!.body, /Orders ship within 2 business days/);
    assert.equal(sync.ticket.handler, 'ai', 'no handoff: the AI still has the chat');
  });

  it('a real miss still counts: two unanswerable questions around a greeting hand off (R11)', async () => {
    const h = roomHarness();
    await h.room.create({ id: 't1', shop: 's', customer: { id: 'c1' }, handler: 'ai', first: { clientId: 'f', body: 'Do you sell submarines?' }, ai: settings });
    const shopper = h.join('shopper', 'c1');
    await shopper.say({ type: 'send', clientId: 'q1', body: 'hello?' });
    await shopper.say({ type: 'send', clientId: 'q2', body: 'Can you engrave a violin?' });
    await shopper.say({ type: 'hello', lastSeq: 0 });
    const sync = shopper.of('sync')[0]!;
    assert.deepEqual(sync.messages.at(-1)!.author, { role: 'system', name: 'handoff' });
    assert.equal(sync.messages.at(-1)!.body, 'unresolved');
    assert.equal(sync.ticket.handler, 'team');
  });
});
