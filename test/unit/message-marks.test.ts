// How a thread's views mark its messages (R16, R17): a run of one author is labelled
// once, "Seen" and the delivery state go under the newest message they describe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../src/client/chat-client.js';
import { deliveryWord, newest, sameAuthor } from '../../src/client/message-marks.js';

const message = (key: string, role: ChatMessage['author']['role'], id: string, state?: ChatMessage['state']): ChatMessage => ({
  key,
  author: { role, id },
  body: key,
  attachments: [],
  createdAt: '2026-01-01T10:00:00.000Z',
  state,
});

describe('message marks', () => {
  it('continues a run only for the same role and the same author', () => {
    const a = message('a', 'agent', 'ana');
    assert.equal(sameAuthor(a, message('b', 'agent', 'ana')), true);
    assert.equal(sameAuthor(a, message('c', 'agent', 'bob')), false);
    assert.equal(sameAuthor(a, message('d', 'shopper', 'ana')), false);
    assert.equal(sameAuthor(undefined, a), false);
  });

  it('finds the newest message of a kind, or none', () => {
    const list = [message('1', 'agent', 'ana', 'seen'), message('2', 'shopper', 's'), message('3', 'agent', 'ana', 'sent'), message('4', 'shopper', 's')];
    assert.equal(newest(list, (m) => m.author.role === 'agent')?.key, '3');
    assert.equal(newest(list, (m) => m.state === 'seen')?.key, '1');
    assert.equal(newest(list, (m) => m.author.role === 'ai'), undefined);
  });

  it('words each delivery state', () => {
    const t = { sending: 'Sending…', sent: 'Sent', seen: 'Seen' };
    assert.deepEqual((['sending', 'sent', 'seen'] as const).map((s) => deliveryWord(s, t)), ['Sending…', 'Sent', 'Seen']);
  });
});
