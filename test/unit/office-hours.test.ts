// Office hours (R9): open or not, and when next open, across time zones, holidays and
// both daylight-saving transitions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOpenAt, officeStatus, type OfficeHours } from '../../party/core/office-hours.js';

const nineToFive = [['09:00', '17:00']];
const hours = (timezone: string, extra: Partial<OfficeHours> = {}): OfficeHours => ({
  timezone,
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [['10:00', '12:00'], ['14:00', '16:00']], sun: [] },
  holidays: [],
  ...extra,
});
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('office hours', () => {
  const table: Array<[string, string, boolean, string | null]> = [
    // zone, instant (UTC), open?, next open (UTC)
    ['Europe/Paris', '2026-11-26T08:30:00Z', true, null], // Thu 09:30 CET
    ['Europe/Paris', '2026-11-26T07:59:00Z', false, '2026-11-26T08:00:00.000Z'], // Thu 08:59 CET
    ['Europe/Paris', '2026-11-27T16:00:00Z', false, '2026-11-28T09:00:00.000Z'], // Fri 17:00 → Sat 10:00 CET
    ['Europe/Paris', '2026-11-28T11:30:00Z', false, '2026-11-28T13:00:00.000Z'], // Sat 12:30, between two ranges
    ['America/New_York', '2026-11-26T13:59:00Z', false, '2026-11-26T14:00:00.000Z'], // Thu 08:59 EST
    ['Asia/Tokyo', '2026-11-26T00:00:00Z', true, null], // Thu 09:00 JST
    ['Asia/Kolkata', '2026-11-26T03:29:00Z', false, '2026-11-26T03:30:00.000Z'], // 08:59 IST (+05:30)
    // Spring forward: Paris jumps 02:00 → 03:00 on Sunday 2026-03-29; Monday opens 09:00 CEST = 07:00Z.
    ['Europe/Paris', '2026-03-28T20:00:00Z', false, '2026-03-30T07:00:00.000Z'],
    // Fall back: Paris goes 03:00 → 02:00 on Sunday 2026-10-25; Monday opens 09:00 CET = 08:00Z.
    ['Europe/Paris', '2026-10-24T20:00:00Z', false, '2026-10-26T08:00:00.000Z'],
    // New York: spring forward 2026-03-08, fall back 2026-11-01.
    ['America/New_York', '2026-03-07T23:00:00Z', false, '2026-03-09T13:00:00.000Z'],
    ['America/New_York', '2026-10-31T23:00:00Z', false, '2026-11-02T14:00:00.000Z'],
  ];
  for (const [zone, when, open, next] of table) {
    it(`${zone} at ${when}: ${open ? 'open' : `closed, next open ${next}`}`, () => {
      const status = officeStatus(hours(zone), at(when));
      assert.deepEqual([status.isOpen, iso(status.nextOpenAt)], [open, next]);
    });
  }

  it('treats holidays as closed days in the shop\u2019s zone', () => {
    const h = hours('Europe/Paris', { holidays: ['2026-12-25'] });
    assert.equal(isOpenAt(h, at('2026-12-25T10:00:00Z')), false);
    assert.equal(iso(officeStatus(h, at('2026-12-25T10:00:00Z')).nextOpenAt), '2026-12-26T09:00:00.000Z'); // Sat 10:00 CET
  });

  it('says never when the week has no hours', () => {
    const none = hours('UTC', { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    assert.deepEqual(officeStatus(none, at('2026-11-26T10:00:00Z')), { isOpen: false, nextOpenAt: null });
  });

  it('answers the same when asked again and again through a closed night and into the morning', () => {
    // The closed answer is remembered until the next opening: asking the same schedule
    // repeatedly must agree with a fresh copy of it at every instant.
    const h = hours('Europe/Paris', { holidays: ['2026-11-27'] });
    const start = at('2026-11-26T16:30:00Z'); // Thu 17:30 CET, closed; Fri is a holiday
    for (let t = start; t < start + 3 * 24 * 3600_000; t += 17 * 60_000 + 13_000) {
      assert.deepEqual(officeStatus(h, t), officeStatus(structuredClone(h), t), new Date(t).toISOString());
    }
    assert.deepEqual(officeStatus(h, at('2026-11-28T09:00:00Z')), { isOpen: true, nextOpenAt: null }); // Sat 10:00 CET
  });
});
