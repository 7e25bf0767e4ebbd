// When the team is back (R9, issue 13 item 11): "today" and "tomorrow" by the shopper's
// calendar, a weekday within the week, never "Back Tuesday" on a Tuesday; English and French.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backWhen } from '../../src/chat/when.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';

// Local times, so the test holds in any time zone. 1 December 2026 is a Tuesday.
const now = new Date(2026, 11, 1, 7, 30);
const time = (locale: string, d: Date) => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(d);

describe('back when', () => {
  it('says "today" for later the same day, not the weekday', () => {
    const at = new Date(2026, 11, 1, 9, 0);
    assert.equal(backWhen(en, 'en', at, now), `today at ${time('en', at)}`);
    assert.equal(en.away(backWhen(en, 'en', at, now)), `We're away. Back today at ${time('en', at)}.`);
    assert.equal(backWhen(fr, 'fr', at, now), `aujourd’hui à ${time('fr', at)}`);
  });

  it('says "tomorrow" for the next calendar day, even a few hours away', () => {
    const lateNow = new Date(2026, 11, 1, 23, 0);
    const at = new Date(2026, 11, 2, 9, 0);
    assert.equal(backWhen(en, 'en', at, lateNow), `tomorrow at ${time('en', at)}`);
    assert.equal(backWhen(fr, 'fr', at, lateNow), `demain à ${time('fr', at)}`);
  });

  it('names the weekday within the week, and the date beyond it', () => {
    const monday = new Date(2026, 11, 7, 9, 0);
    assert.equal(backWhen(en, 'en', monday, now), `Monday at ${time('en', monday)}`);
    assert.equal(backWhen(fr, 'fr', monday, now), `lundi à ${time('fr', monday)}`);
    const nextTuesday = new Date(2026, 11, 8, 9, 0);
    assert.equal(backWhen(en, 'en', nextTuesday, now), `Tuesday, December 8 at ${time('en', nextTuesday)}`);
  });
});
