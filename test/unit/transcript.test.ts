// The transcript e-mail's text as the shopper reads it (issue 17): a handoff to the team is
// stored with its reason code for agents (R11); the e-mail says it in words, in the shopper's
// language, as the widget does, never "human_requested" (a review found the code printed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeTranscript } from '../../party/core/email/transcript.js';
import { shopperWords } from '../../party/core/email/shopper-words.js';
import type { TicketMeta } from '../../party/core/ticket-state.js';
import type { Message, Ticket } from '../../src/protocol/index.js';

const ticket = { id: 't1', shop: 'demo.myshopify.com', createdAt: '2026-12-01T10:00:00.000Z' } as Ticket;
const at = '2026-12-01T10:01:00.000Z';
const messages = [
  { seq: 1, clientId: 'c1', author: { role: 'shopper', id: 'c' }, body: 'I want to talk to a human please', attachments: [], createdAt: at },
  { seq: 2, clientId: 'c2', author: { role: 'system', name: 'handoff' }, body: 'human_requested', attachments: [], createdAt: at },
  { seq: 3, clientId: 'c3', author: { role: 'system', name: 'handoff-external' }, body: 'unresolved', attachments: [], createdAt: at },
] as unknown as Message[];
const shop = { name: 'Demo Store', storefront: null };

describe('the transcript e-mail', () => {
  it('says a handoff in words, in English and in French, never its reason code', () => {
    for (const [lang, handoff, external] of [
      ['en', 'A member of our team will answer you here.', 'Our team has your conversation and will follow up by e-mail.'],
      ['fr', 'Un membre de notre équipe va vous répondre ici.', 'Notre équipe a reçu votre conversation et vous répondra par e-mail.'],
    ] as const) {
      const words = shopperWords({ ticket, lang } as unknown as TicketMeta);
      const mail = composeTranscript(ticket, messages, words, shop);
      for (const part of [mail.text, mail.html]) {
        assert.doesNotMatch(part, /human_requested|unresolved/, lang);
        assert.ok(part.includes(handoff), `${lang}: ${part}`);
        assert.ok(part.includes(external), lang);
      }
      assert.ok(mail.text.includes('I want to talk to a human please'));
    }
  });
});
