// The inbox search's reading of what is typed (issue 17 E1), shared by the server's
// FTS5 query and the inbox's live matching: plain words, the last a prefix, phone
// numbers by their digits; no FTS operator or column filter survives as syntax.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchingIds } from '../../party/core/ticket-search.js';
import { customerText, searchTerms, textsMatch } from '../../src/protocol/search.js';

describe('inbox search terms (issue 17)', () => {
  it('reads words only, folded, at most 8, and a phone number as its digits', () => {
    assert.deepEqual(searchTerms('  Zoë   O\u2019Brien  '), ['zoe', 'o', 'brien']);
    assert.deepEqual(searchTerms('"refund" OR * NEAR(a b) body:x -y ^z'), ['refund', 'or', 'near', 'a', 'b', 'body', 'x', 'y']);
    assert.deepEqual(searchTerms('*'), []);
    assert.deepEqual(searchTerms('"'), []);
    assert.deepEqual(searchTerms('(415) 555-0100'), ['4155550100']);
    assert.deepEqual(searchTerms('+1 415.555.0100'), ['14155550100']);
    assert.deepEqual(searchTerms('12'), ['12']);
  });

  it('quotes every term in the FTS query, the last as a prefix, so nothing typed is an operator', () => {
    const q = matchingIds('refund" OR * NEAR(');
    assert.ok(q);
    assert.deepEqual(q.args, ['"refund"', '"or"', '"near"*']);
    // One MATCH per word, each nested as `IN (...)`: workerd's SQLite refuses a compound SELECT of more than 5 terms (review).
    assert.equal(q.sql.split('MATCH ?').length - 1, 3);
    assert.equal(q.sql.includes('INTERSECT'), false);
    for (const arg of q.args) assert.match(arg, /^"[\p{L}\p{N}]+"\*?$/u);
    assert.equal(matchingIds('*** ---'), null);
  });

  it('matches a ticket the way the server does: every term somewhere, the last as a prefix; phones without country code', () => {
    const ticket = { customer: { id: 'c1', name: 'Grace Hopper', email: 'grace@example.com', phone: '+14155550100' } };
    const texts = [customerText(ticket), 'Where is my parcel?'];
    assert.equal(textsMatch(texts, searchTerms('grace parc')), true);
    assert.equal(textsMatch(texts, searchTerms('grace@example.com')), true);
    assert.equal(textsMatch(texts, searchTerms('(415) 555-01')), true);
    assert.equal(textsMatch(texts, searchTerms('5550100')), true);
    assert.equal(textsMatch(texts, searchTerms('gra parcel')), false, 'only the last word is a prefix');
    assert.equal(textsMatch(texts, searchTerms('grace refund')), false);
    assert.equal(textsMatch(texts, []), false);
  });
});
