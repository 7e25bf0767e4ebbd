// The page's context on the ticket (issue 15 setContext, party/core/ticket-context.ts):
// a `pageUrl` is kept only when it parses as an http(s) address, since the "you have a
// reply" e-mail links to it (review: `http://` alone made that e-mail's alarm throw).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundContext } from '../../party/core/ticket-context.js';
import { replyLink } from '../../party/core/email/reply-notice.js';

describe('the page context on a ticket', () => {
  it('drops a pageUrl that does not parse, keeps one that does', () => {
    for (const pageUrl of ['http://', 'https://', 'http://a b/', 'https://[::1', 'javascript:alert(1)']) {
      assert.deepEqual(boundContext({ pageUrl, cart: '2 items' }), { cart: '2 items' }, pageUrl);
    }
    assert.deepEqual(boundContext({ pageUrl: 'https://shop.example/products/mug?v=2' }), { pageUrl: 'https://shop.example/products/mug?v=2' });
  });

  it('the reply link falls back to the shop when a stored address does not parse', () => {
    const ticket = { shop: 'demo.myshopify.com' } as Parameters<typeof replyLink>[1];
    const email = {} as Parameters<typeof replyLink>[0];
    assert.equal(replyLink(email, ticket, 'http://'), 'https://demo.myshopify.com/?chc=open');
    assert.equal(replyLink(email, ticket, 'https://shop.example/p?x=1'), 'https://shop.example/p?x=1&chc=open');
  });
});
