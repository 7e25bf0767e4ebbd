// The header's expected reply time (issue 17 part A): which replies count as first
// replies, the bounded sample list, and the median said in steps people use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ticket } from '../../src/protocol/index.js';
import { MemoryStorage } from '../../party/core/storage.js';
import { REPLY_SAMPLES, firstReplyDelay, recordReplyDelay, typicalReplyMinutes } from '../../party/core/reply-estimate.js';
import type { OfficeHours } from '../../party/core/office-hours.js';

const ALL_DAY = [['00:00', '24:00']];
const open: OfficeHours = { timezone: 'UTC', weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: [] };
const closedOn = (day: string): OfficeHours => ({ ...open, holidays: [day] });
const MIN = 60_000;
const t0 = Date.parse('2026-12-01T10:00:00Z');
const ticket = (over: Partial<Ticket>): Ticket => ({
  id: 't1', shop: 's', channel: 'chat', status: 'open', customer: null, assignee: null, handler: 'team',
  createdAt: new Date(t0).toISOString(), updatedAt: new Date(t0).toISOString(), unread: 0, waitingSince: null, ...over,
});
const waiting = ticket({ waitingSince: new Date(t0).toISOString() });
const reply = (after: number, role: 'agent' | 'ai' = 'agent') =>
  ticket({ waitingSince: null, assignee: { id: 'a', name: 'A' }, lastMessage: { seq: 2, body: 'Hi', author: { role }, createdAt: new Date(t0 + after).toISOString() } });

describe('first reply delays (issue 17 A)', () => {
  it('counts an agent reply that ends the wait of a ticket nobody had taken', () => {
    assert.equal(firstReplyDelay(waiting, reply(4 * MIN), open), 4 * MIN);
  });
  it('counts no later reply (taken already), no AI reply, no wait begun while closed, nothing without a wait', () => {
    assert.equal(firstReplyDelay({ ...waiting, assignee: { id: 'a', name: 'A' } }, reply(MIN), open), null);
    assert.equal(firstReplyDelay(waiting, reply(MIN, 'ai'), open), null);
    assert.equal(firstReplyDelay(waiting, reply(MIN), closedOn('2026-12-01')), null);
    assert.equal(firstReplyDelay(ticket({}), reply(MIN), open), null);
    assert.equal(firstReplyDelay(null, reply(MIN), open), null);
  });
});

describe('typical reply minutes (issue 17 A)', () => {
  it('says nothing below three replies, then the median rounded up to a step', async () => {
    const s = new MemoryStorage();
    await recordReplyDelay(s, 30_000);
    await recordReplyDelay(s, 50 * MIN);
    assert.equal(await typicalReplyMinutes(s), null);
    await recordReplyDelay(s, 4 * MIN);
    assert.equal(await typicalReplyMinutes(s), 5, 'median 4 minutes: "within 5 minutes"');
    await recordReplyDelay(s, 100 * MIN);
    assert.equal(await typicalReplyMinutes(s), 30, 'median of 0.5, 4, 50, 100 is 27 minutes');
  });
  it('keeps only the latest replies: one bounded list, however many replies', async () => {
    const s = new MemoryStorage();
    for (let i = 0; i < REPLY_SAMPLES; i++) await recordReplyDelay(s, 300 * MIN);
    assert.equal(await typicalReplyMinutes(s), 360);
    for (let i = 0; i < REPLY_SAMPLES; i++) await recordReplyDelay(s, 2 * MIN);
    assert.equal(await typicalReplyMinutes(s), 2);
    assert.equal((await s.get<number[]>('reply-delays'))!.length, REPLY_SAMPLES);
  });
});
