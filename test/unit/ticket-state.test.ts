// The ticket state machine on its own (party/core/ticket-state.ts): no storage, no
// sockets, the time passed in. The room's behaviour over frames is in ticket-room.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Author, Message } from '../../src/protocol/index.js';
import type { AiSettings } from '../../party/core/ai/responder.js';
import type { OfficeHours } from '../../party/core/office-hours.js';
import {
  MAX_SNOOZE_MS,
  applyMessage,
  applySavedSettings,
  applyStatus,
  expireSnooze,
  iso,
  newMeta,
  type NewTicket,
  type TicketMeta,
} from '../../party/core/ticket-state.js';

const NOW = 1_800_000_000_000;
const closed: OfficeHours = { timezone: 'UTC', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
const ai: AiSettings = { knowledge: [], maxUnresolvedTurns: 2, handoff: { target: 'inbox' } };

function ticket(init: Partial<NewTicket> = {}): TicketMeta {
  return newMeta({ id: 't1', shop: 'demo.myshopify.com', customer: { id: 'c1' }, handler: 'team', first: { clientId: 'f', body: 'Hi' }, ...init }, NOW);
}

function write(meta: TicketMeta, author: Author, body: string, at = NOW): Message {
  const message: Message = { id: `m${meta.lastSeq + 1}`, seq: meta.lastSeq + 1, author, body, attachments: [], createdAt: iso(at) };
  applyMessage(meta, message);
  return message;
}

describe('ticket state', () => {
  it('R9, R18: the away reply leaves the inbox row on the shopper\u2019s words; an agent reply clears unread and waiting', () => {
    const meta = ticket();
    write(meta, { role: 'shopper', id: 'c1' }, 'Where is my order?');
    write(meta, { role: 'system', name: 'away' }, 'We are closed.');
    assert.equal(meta.ticket.lastMessage?.body, 'Where is my order?');
    assert.equal(meta.ticket.unread, 1);
    assert.equal(meta.ticket.waitingSince, iso(NOW));
    write(meta, { role: 'agent', id: 'a1', name: 'Bo' }, 'On its way.');
    assert.deepEqual([meta.ticket.unread, meta.ticket.waitingSince, meta.ticket.assignee], [0, null, { id: 'a1', name: 'Bo' }]);
    assert.equal(meta.revision, 3);
  });

  it('R15: a snooze is bounded to a year, ends lazily, and a closed ticket stays closed', () => {
    const meta = ticket();
    assert.equal(applyStatus(meta, 'snoozed', iso(NOW + MAX_SNOOZE_MS + 1), NOW)?.code, 'bad_frame');
    assert.equal(applyStatus(meta, 'snoozed', iso(NOW + 60_000), NOW), null);
    assert.equal(expireSnooze(meta, NOW + 59_999), false);
    assert.equal(expireSnooze(meta, NOW + 60_000), true);
    assert.deepEqual([meta.ticket.status, meta.ticket.snoozeUntil], ['open', null]);
    assert.equal(applyStatus(meta, 'closed', undefined, NOW), null);
    assert.equal(applyStatus(meta, 'open', undefined, NOW)?.code, 'ticket_closed');
  });

  it('R12: saved settings apply once per revision; switching the AI agent off asks for the team', () => {
    const withAi = ticket({ handler: 'ai', ai, settingsRevision: 1 });
    const away = { hours: closed, message: 'Away' };
    assert.equal(applySavedSettings(withAi, { revision: 1, away }), 'stale');
    assert.equal(applySavedSettings(withAi, { revision: 2, away, ai }), 'applied');
    assert.equal(applySavedSettings(withAi, { revision: 3, away }), 'ai_off');
    const ended = ticket({ handler: 'ai', ai, settingsRevision: 1 });
    applyStatus(ended, 'closed', undefined, NOW);
    assert.equal(applySavedSettings(ended, { revision: 2, away }), 'applied', 'a closed chat is handed to no one');
    const team = ticket({ settingsRevision: 1 });
    assert.equal(applySavedSettings(team, { revision: 2, away, ai }), 'applied');
    assert.equal(team.ai, undefined, 'a ticket with the team stays with the team');
  });
});
