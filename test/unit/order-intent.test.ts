// Which messages ask about the shopper's order (issue 18), so the AI agent answers them
// from the shopper's orders, and which go on to the FAQs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderIntent } from '../../party/core/orders/order-intent.js';

describe('issue 18: order intent', () => {
  it('recognises order questions in English and French, with the number typed', () => {
    const cases: Array<[string, { lang: string; number?: string }]> = [
      ['Where is my order?', { lang: 'en' }],
      ["where's my package", { lang: 'en' }],
      ['has #1001 shipped?', { lang: 'en', number: '1001' }],
      ['Can I track my order 1002 please', { lang: 'en', number: '1002' }],
      ['Order #1003', { lang: 'en', number: '1003' }],
      ['#1004?', { lang: 'en', number: '1004' }],
      ['Où est ma commande ?', { lang: 'fr' }],
      ['ou est ma commande', { lang: 'fr' }],
      ['Suivi de mon colis svp', { lang: 'fr' }],
      ['ma commande #1005 a-t-elle été expédiée ?', { lang: 'fr', number: '1005' }],
      ['Commande #1006', { lang: 'fr', number: '1006' }],
      ['Quand vais-je recevoir mon colis ?', { lang: 'fr' }],
      ['Mes commandes sont-elles parties ?', { lang: 'fr' }],
    ];
    for (const [q, want] of cases) assert.deepEqual(orderIntent(q), want, q);
  });

  it('leaves shipping, returns and other questions to the FAQs', () => {
    for (const q of [
      'How long does shipping take to Canada?',
      'Do you ship to Canada?',
      'Can I return a jacket I bought last week?',
      'I want a refund for my order',
      'Quels sont les délais de livraison ?',
      'Puis-je retourner ma commande ?',
      'Talk to a human',
      'What sizes do you have in 1000 colours?',
      // General questions about delivery or ordering name no order of the shopper's (review of issue 18).
      'Combien de temps prend la livraison ?',
      'La livraison est-elle gratuite ?',
      'Combien coûte la livraison ?',
      'Combien de temps pour la livraison au Canada ?',
      'une commande passée hier peut-elle être modifiée ?',
      'Bonjour, la commande minimum est de combien ?',
      'My package arrived damaged',
    ]) {
      assert.equal(orderIntent(q), null, q);
    }
  });
});
