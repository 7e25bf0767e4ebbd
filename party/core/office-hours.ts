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

/**
 * A zone's offset from UTC over each quarter hour, remembered: every zone's offset
 * changes only on a quarter hour, and one `formatToParts` costs about a millisecond
 * in workerd, paid on every shopper message (bench/).
 */
const offsets = new Map<string, number>();

function offsetAt(timeZone: string, at: number): number {
  const key = `${timeZone}@${Math.floor(at / STEP)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const p: Record<string, string> = {};
    for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    offset = wall - Math.floor(at / MINUTE) * MINUTE;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The wall-clock day, date and minute of the day at `at` in `timeZone`. */
function localTime(timeZone: string, at: number): { weekday: Weekday; date: string; minute: number } {
  const wall = new Date(at + offsetAt(timeZone, at));
  return {
    weekday: WEEKDAYS[wall.getUTCDay()]!,
    date: wall.toISOString().slice(0, 10),
    minute: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
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

/**
 * While closed, the answer holds until the next opening: remembered per schedule (a
 * schedule is never changed in place; saving settings makes a new one). The search
 * below costs hundreds of time-zone conversions, and a closed shop's rooms ask on
 * every shopper message.
 */
const closedSpans = new WeakMap<OfficeHours, { from: number; until: number; nextOpenAt: number | null }>();

export function officeStatus(hours: OfficeHours, now: number): OfficeStatus {
  const known = closedSpans.get(hours);
  if (known && now >= known.from && now < known.until) return { isOpen: false, nextOpenAt: known.nextOpenAt };
  const status = searchStatus(hours, now);
  if (!status.isOpen) closedSpans.set(hours, { from: now, until: status.nextOpenAt ?? now + STEP, nextOpenAt: status.nextOpenAt });
  return status;
}

function searchStatus(hours: OfficeHours, now: number): OfficeStatus {
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
