/**
 * Office hours (R9): a weekly schedule in an IANA time zone, with holidays.
 * Times are evaluated in the shop's zone for each real instant, so daylight-saving
 * changes need no special case.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface OfficeHours {
  timezone: string;
  weekly: Record<Weekday, string[][]>;
  holidays: string[];
}

export interface OfficeStatus {
  isOpen: boolean;
  /** When the team is next open (epoch ms), or null when open now or never. */
  nextOpenAt: number | null;
}

const MINUTE = 60_000;
const STEP = 15 * MINUTE;
const HORIZON = 14 * 24 * 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock day, date and minute of the day at `at` in `timeZone`. */
export function localTime(timeZone: string, at: number): { weekday: Weekday; date: string; minute: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    weekday: parts.weekday!.slice(0, 3).toLowerCase() as Weekday,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const toMinute = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOpenAt(hours: OfficeHours, at: number): boolean {
  const t = localTime(hours.timezone, at);
  if (hours.holidays.includes(t.date)) return false;
  return (hours.weekly[t.weekday] ?? []).some(
    ([from, to]) => from !== undefined && to !== undefined && t.minute >= toMinute(from) && t.minute < toMinute(to),
  );
}

export function officeStatus(hours: OfficeHours, now: number): OfficeStatus {
  if (isOpenAt(hours, now)) return { isOpen: true, nextOpenAt: null };
  // Coarse steps find the first open quarter hour; minute steps back find the edge.
  const start = Math.floor(now / MINUTE) * MINUTE;
  for (let t = start + STEP; t <= start + HORIZON; t += STEP) {
    if (!isOpenAt(hours, t)) continue;
    let edge = t;
    while (edge - MINUTE > now && isOpenAt(hours, edge - MINUTE)) edge -= MINUTE;
    return { isOpen: false, nextOpenAt: edge };
  }
  return { isOpen: false, nextOpenAt: null };
}
