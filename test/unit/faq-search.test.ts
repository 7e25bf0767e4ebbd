// FAQ search (R3, issue 13 item 15): words in any order, accents and case folded,
// answers searched too, light plural stemming, best match first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchFaqs, stem, words } from '../../src/chat/faq-search.js';
import type { Faq } from '../../src/protocol/index.js';

const faq = (id: string, question: string, answer: string): Faq => ({ id, question, answer });
const faqs: Faq[] = [
  faq('shipping', 'How long does shipping take?', 'Orders ship within 2 business days; delivery takes 3 to 5 days.'),
  faq('returns', 'What is your return policy?', 'You can return unworn items within 30 days for a full refund.'),
  faq('sizes', 'How do your sizes run?', 'Our sizes run true to size; see the size guide on each product.'),
  faq('livraison', 'Quels sont les délais d’expédition ?', 'Nous expédions sous 2 jours ouvrés.'),
  faq('time', 'What time do you open?', 'We answer every day from 9 to 5; shipping questions too.'),
];
const ids = (query: string) => searchFaqs(faqs, query).map((f) => f.id);

describe('FAQ search', () => {
  it('folds case and accents into plain words', () => {
    assert.deepEqual(words('Délais d’EXPÉDITION ?'), ['delais', 'd', 'expedition']);
    assert.equal(stem('refunds'), 'refund');
    assert.equal(stem('is'), 'is');
    assert.equal(stem('address'), 'address');
  });

  it('finds a word of the answer, in the plural ("refunds")', () => {
    assert.deepEqual(ids('refunds'), ['returns']);
  });

  it('takes the words in any order and ranks the FAQ matching more of them first ("shipping time")', () => {
    // "time" asks about opening hours and mentions shipping; "shipping" has only one of the words.
    assert.deepEqual(ids('shipping time'), ['time', 'shipping']);
    assert.deepEqual(ids('time shipping'), ['time', 'shipping']);
  });

  it('ranks a match in the question above one in the answer only', () => {
    // Both mention shipping; the one asking about it comes first.
    assert.deepEqual(ids('shipping'), ['shipping', 'time']);
  });

  it('ignores accents and case in the query too', () => {
    assert.deepEqual(ids('EXPEDITION'), ['livraison']);
    assert.deepEqual(ids('délais'), ['livraison']);
  });

  it('matches the start of a word while the shopper is still typing', () => {
    assert.deepEqual(ids('siz'), ['sizes']);
  });

  it('ignores common words unless the query has nothing else, and lists everything for an empty query', () => {
    assert.deepEqual(ids('what is the return policy'), ['returns']);
    assert.deepEqual(ids('   '), faqs.map((f) => f.id));
    assert.deepEqual(ids('how'), ['shipping', 'sizes']);
    assert.deepEqual(ids('zebra'), []);
  });
});
