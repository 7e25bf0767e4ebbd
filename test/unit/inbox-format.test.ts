// How the inbox words what the server sends as codes (issue 13 #9, #10): every system
// message kind and handoff reason, in each language, and the first minute of a wait.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inboxEn } from '../../src/i18n/inbox-en.js';
import { inboxFr } from '../../src/i18n/inbox-fr.js';
import { previewText, systemText, time, waitLabel } from '../../src/inbox/format.js';
import type { Ticket } from '../../src/protocol/index.js';

const CODES = ['human_requested', 'unresolved', 'error', 'handoff', 'handoff-external', 'away'];

describe('inbox wording', () => {
  for (const [lang, t] of [['en', inboxEn], ['fr', inboxFr]] as const) {
    it(`words every handoff reason, known or not, without its code (${lang})`, () => {
      for (const name of ['handoff', 'handoff-external']) {
        for (const reason of ['human_requested', 'unresolved', 'error', 'some_new_reason', '', 'toString', '__proto__']) {
          const text = systemText({ role: 'system', name }, reason, t);
          assert.ok(text.length > 20, `${name}/${reason}: ${text}`);
          for (const code of [...CODES, 'some_new_reason', 'function', 'object']) assert.ok(!text.includes(code), `${name}/${reason} shows ${code}: ${text}`);
        }
      }
    });

    it(`shows the merchant's away message as written, marked as automatic (${lang})`, () => {
      const text = systemText({ role: 'system', name: 'away' }, 'Back on Monday.', t);
      assert.ok(text.includes('Back on Monday.'));
      assert.notEqual(text, 'Back on Monday.');
    });

    it(`previews a handed-off ticket in words (${lang})`, () => {
      const at = '2026-01-01T00:00:00.000Z';
      const ticket: Ticket = { id: 't', shop: 's', channel: 'chat', status: 'open', customer: null, handler: 'team', createdAt: at, updatedAt: at, unread: 1, lastMessage: { seq: 2, body: 'human_requested', author: { role: 'system', name: 'handoff' }, createdAt: at } };
      assert.equal(previewText(ticket, t), systemText({ role: 'system', name: 'handoff' }, 'human_requested', t));
    });

    it(`previews the agent's own reply as "${t.you}", a colleague's by their name (${lang}, review)`, () => {
      const at = '2026-01-01T00:00:00.000Z';
      const reply = (id: string, name: string): Ticket => ({ id: 't', shop: 's', channel: 'chat', status: 'open', customer: null, handler: 'team', createdAt: at, updatedAt: at, unread: 0, lastMessage: { seq: 2, body: 'On its way', author: { role: 'agent', id, name }, createdAt: at } });
      assert.equal(previewText(reply('a1', 'Alex'), t, 'a1'), `${t.you}: On its way`);
      assert.equal(previewText(reply('b2', 'Bea'), t, 'a1'), 'Bea: On its way');
    });
  }

  it('reads a wait under a minute as such, then in minutes (R19)', () => {
    assert.equal(waitLabel(0, inboxEn), '<1m');
    assert.equal(waitLabel(1, inboxEn), '1m');
    assert.equal(waitLabel(4, inboxEn), '4m');
    assert.equal(waitLabel(0, inboxFr), '<1 min');
  });

  it('reads a message time as the widget and the event history do: "9:47 AM", not "09:47 AM" (walker #8)', () => {
    const at = new Date(2026, 11, 1, 9, 47).toISOString();
    assert.match(time(at, 'en'), /^9:47\sAM$/u);
    assert.match(time(new Date(2026, 11, 1, 21, 5).toISOString(), 'en'), /^9:05\sPM$/u);
    // French keeps its 24-hour clock, as the widget shows it.
    assert.equal(time(at, 'fr'), '9:47');
    assert.equal(time(new Date(2026, 11, 1, 21, 5).toISOString(), 'fr'), '21:05');
  });
});
