/**
 * When the team is back (R9), as a person says it: "today at 9:00", "tomorrow at 9:00",
 * "Monday at 9:00", and the date beyond a week. A weekday alone would say "Back
 * Tuesday" on a Tuesday. Days are the shopper's calendar days (their time zone).
 */
import type { Translation } from '../i18n/index.js';
import { formatTime } from '../i18n/time.js';

const DAY_MS = 86_400_000;

/** Calendar days from `now` to `at` in the local time zone (0 today, 1 tomorrow, -1 yesterday). */
export function daysBetween(now: Date, at: Date): number {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  // Rounded: a day across a daylight-saving change is 23 or 25 hours long.
  return Math.round((start(at) - start(now)) / DAY_MS);
}

export function backWhen(t: Translation, locale: string, at: Date, now: Date = new Date()): string {
  const time = formatTime(locale, at);
  const days = daysBetween(now, at);
  if (days <= 0) return t.backToday(time);
  if (days === 1) return t.backTomorrow(time);
  const day = new Intl.DateTimeFormat(locale, days < 7 ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  return t.backOn(day, time);
}
