// Retrieval that reads like a shopper (issue 18, R10, R11): stemming, folding, typos,
// synonyms, specific beating general, the shopper's language, and the two
// failures verbatim.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LlmResponder } from '../../party/core/ai/llm.js';
import { RetrievalResponder, knowledgeFrom, type ResponderOutput } from '../../party/core/ai/responder.js';
import { Bm25Index, tokens, withinOneEdit } from '../../party/core/ai/retrieval.js';
import { fold, stem } from '../../party/core/ai/stemmer.js';
import { devSettings } from '../../party/core/seed.js';

// The shop of the issue: the dev FAQs (shipping "3 to 5 days", returns), a published
// "Do you ship to Canada?" and a returns page.
const faqs = [
  ...devSettings().faqs,
  { id: 'canada', question: 'Do you ship to Canada?', answer: 'Yes: delivery to Canada takes 5–8 business days.', published: true },
  { id: 'shoes', question: 'Do your shoes run small?', answer: 'Our shoes run half a size small: order half a size up.', published: true },
];
const docs = [
  { title: 'Returns', text: 'You can return any item within 30 days. Refunds are made to the original payment method.', url: 'https://demo.example/pages/returns' },
  { title: 'Entretien', text: 'Laine : lavage à la main à froid, séchage à plat.' },
  { title: 'Care', text: 'Wool: hand wash cold and dry flat.' },
];
const responder = new RetrievalResponder({ knowledge: knowledgeFrom(faqs, docs), maxUnresolvedTurns: 2 });
const ask = (question: string) => responder.respond({ question, unresolvedTurns: 0 });
const answer = (out: ResponderOutput) => (out.kind === 'answer' ? { source: out.source, text: out.text } : { source: `(${out.kind})`, text: '' });

describe('retrieval (issue 18)', () => {
  it('issue 18 failure 1: "Can I return a jacket I bought last week?" is answered from the returns texts', async () => {
    const out = answer(await ask('Can I return a jacket I bought last week?'));
    assert.ok(['What is your return policy?', 'Returns'].includes(out.source), out.source);
    assert.match(out.text, /within 30 days/);
  });

  it('issue 18 failure 2: "How long does shipping take to Canada?" answers the Canada FAQ, never the general 3 to 5 days', async () => {
    const out = answer(await ask('How long does shipping take to Canada?'));
    assert.equal(out.source, 'Do you ship to Canada?');
    assert.match(out.text, /5–8 business days/);
    assert.doesNotMatch(out.text, /3 to 5/);
    // Asked about no country, the general FAQ still answers.
    assert.equal(answer(await ask('How long does shipping take?')).source, 'How long does shipping take?');
  });

  it('stems English and French: return/returns/returned, livraison/livrer/livrée, remboursement/remboursé', () => {
    for (const group of [['return', 'returns', 'returned', 'returning'], ['livraison', 'livrer', 'livrée', 'livrez'], ['remboursement', 'rembourser', 'remboursé'], ['shipping', 'shipped', 'ships']]) {
      assert.equal(new Set(group.map((w) => stem(fold(w)))).size, 1, group.join(' '));
    }
    assert.notEqual(stem('ship'), stem('shop'));
    assert.notEqual(stem('order'), stem('ordinary'));
  });

  it('folds case and accents', () => {
    assert.deepEqual(tokens('EXPÉDITION rapide'), tokens('expedition Rapide'));
    assert.deepEqual(tokens('Livraisons rapides'), tokens('livraison rapide'));
  });

  it('tolerates one typo in words of 5 letters or more, against the passages\u2019 words', async () => {
    assert.equal(answer(await ask('what is your retrun polciy?')).source, 'What is your return policy?');
    assert.equal(answer(await ask('how long does shiping take')).source, 'How long does shipping take?');
    assert.ok(withinOneEdit('retrun', 'return') && withinOneEdit('shiping', 'shipping') && !withinOneEdit('ship', 'shop!!'));
    // Another form of a known word is no typo: "shops" is not "shoes" (a product it would then name).
    const stores = { id: 'stores', question: 'Do you have physical stores?', answer: 'Two stores, in Paris and Lyon.', published: true };
    assert.equal(new Bm25Index(knowledgeFrom([...faqs, stores], [])).best('Where are your shops?')?.source, 'Do you have physical stores?');
    // Short words are not "corrected" into others: "shop" is not "ship".
    assert.deepEqual(new Bm25Index(knowledgeFrom(faqs, [])).top('shop', 1), []);
  });

  it('knows synonyms: money back is a refund or return, deliver and post are shipping', async () => {
    assert.equal(answer(await ask('Can I get my money back?')).source, 'What is your return policy?');
    assert.equal(answer(await ask('How many days for delivery?')).source, 'How long does shipping take?');
    assert.match(answer(await ask('Combien de temps prend la livraison ?')).text, /3 to 5 days/, 'a French question finds the English FAQ');
  });

  it('specific beats general: an FAQ naming another product or country is not an answer', async () => {
    assert.equal(answer(await ask('Do your shoes run small?')).source, 'Do your shoes run small?');
    assert.equal(answer(await ask('Do your sneakers run small?')).source, 'Do your shoes run small?', 'sneakers are shoes');
    // Jeans are not shoes: never the shoes FAQ (the general one, or a person).
    assert.notEqual(answer(await ask('Do your jeans run small?')).source, 'Do your shoes run small?');
    assert.equal(answer(await ask('How do your jeans sizes run?')).source, 'How do your sizes run?');
    // No passage names Japan: not the general 3 to 5 days, not Canada's 5-8.
    assert.equal((await ask('How long does shipping take to Japan?')).kind, 'clarify');
  });

  it('answers in the shopper\u2019s language when the shop has the answer in it', async () => {
    assert.equal(answer(await ask('Comment laver un pull en laine ?')).source, 'Entretien');
    assert.equal(answer(await ask('How do I wash a wool sweater?')).source, 'Care');
  });

  it('hands an upset shopper to a person at once', async () => {
    for (const q of ['This is ridiculous, where is my refund???', 'C\u2019est inadmissible, personne ne répond', 'NOBODY ANSWERS MY EMAILS']) {
      assert.deepEqual(await ask(q), { kind: 'handoff', reason: 'unresolved' }, q);
    }
  });

  it('keeps citing its source, with the page URL of a document', async () => {
    const out = await ask('Can I return a jacket I bought last week?');
    assert.ok(out.kind === 'answer' && /Source: (What is your return policy\?|Returns)$/.test(out.text));
    const doc = await ask('Are refunds made to the original payment method?');
    assert.deepEqual(doc.kind === 'answer' && [doc.source, doc.url], ['Returns', 'https://demo.example/pages/returns']);
  });

  it('the LLM responder is grounded by the same retrieval: the Canada FAQ first, nothing asked for Japan or an upset shopper', async () => {
    const asked: string[] = [];
    const fetchStub = (async (_url: string, init: RequestInit) => {
      const { messages } = JSON.parse(String(init.body)) as { messages: Array<{ content: string }> };
      asked.push(messages[0]!.content);
      return new Response(JSON.stringify({ choices: [{ message: { content: 'Delivery to Canada takes 5–8 business days.' } }] }), { headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const llm = new LlmResponder({ baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', model: 'm', knowledge: knowledgeFrom(faqs, docs), fetch: fetchStub });
    const out = await llm.respond({ question: 'How long does shipping take to Canada?', unresolvedTurns: 0 });
    assert.equal(out.kind === 'answer' && out.source, 'Do you ship to Canada?');
    assert.match(asked[0]!, /\[1\] Do you ship to Canada\?: /);
    assert.doesNotMatch(asked[0]!, /3 to 5 days/, 'a passage that does not name Canada is no grounding for a Canada question');
    assert.deepEqual(await llm.respond({ question: 'How long does shipping take to Japan?', unresolvedTurns: 0 }), { kind: 'handoff', reason: 'unresolved' });
    assert.deepEqual(await llm.respond({ question: 'This is ridiculous!!! Where is my refund', unresolvedTurns: 0 }), { kind: 'handoff', reason: 'unresolved' });
    assert.equal(asked.length, 1, 'the endpoint was asked only about Canada');
  });

  it('reads a 4,000-character message of junk without choking, and builds a shop\u2019s index once', async () => {
    const long = `How long does shiping take? ${'qwertyz retrunz livraisson '.repeat(150)}`.slice(0, 4000);
    // Mostly words no passage has: no answer, and no error either.
    assert.equal((await ask(long)).kind, 'clarify');
    const knowledge = knowledgeFrom(faqs, docs);
    assert.equal(Bm25Index.of(knowledge), Bm25Index.of(knowledgeFrom(faqs, docs)), 'the same knowledge, the same index');
    assert.notEqual(Bm25Index.of(knowledge), Bm25Index.of(knowledgeFrom(faqs.slice(1), docs)));
  });
});
