// The away reply's e-mail line (issue 17 part H, R9) is in the ticket's content language
// (review: a French ticket's away reply ended in an English sentence).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awayText } from '../../party/core/email/reply-notice.js';

type Meta = Parameters<typeof awayText>[0];
const meta = (lang?: string): Meta =>
  ({
    ...(lang ? { lang } : {}),
    notifications: { email: { enabled: true, provider: 'postmark', token: 't', from: 'a@shop.example', to: ['team@shop.example'], events: [] } },
    ticket: { channel: 'chat', customer: { id: 'c1', email: 'lea@example.com' } },
  }) as unknown as Meta;

describe('the away reply says the answer also comes by e-mail', () => {
  it('in French for a French ticket, in English otherwise', () => {
    assert.equal(awayText(meta('fr'), 'Nous sommes absents.'), 'Nous sommes absents.\n\nSi vous quittez cette page, nous vous écrirons aussi à l•••@example.com quand nous répondrons.');
    assert.equal(awayText(meta(), 'We are away.'), "We are away.\n\nIf you leave this page, we'll also e-mail you at l•••@example.com when we reply.");
  });
});
