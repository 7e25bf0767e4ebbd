/**
 * Who did what to a ticket (issue 17): assigned, snoozed, closed, reopened, handed off
 * by the AI agent, rated. Events are derived from what changed in the ticket since the
 * last stored write, so every way a change happens (a frame, the AI agent's turn, a
 * shopper's text, a snooze running out) is recorded without each knowing of events.
 *
 * Storage: a ring of `MAX_EVENTS` keys `e:000`…`e:099`, each `{ n, event }`; an event is
 * one more entry in the write that stores the change (O(1), bounded). Agents get them
 * in an `events` frame; the shopper's sockets, syncs and history never do.
 */
import type { Author, Ticket, TicketEvent } from '../../src/protocol/index.js';
import type { KVStorage } from './storage.js';
import { iso, type TicketMeta } from './ticket-state.js';

/** Events kept per ticket: the newest win. */
export const MAX_EVENTS = 100;

/** What the last stored write of the ticket looked like, and how many events it has had. */
export interface EventLog {
  n: number;
  seen: Seen;
}

interface Seen {
  status: Ticket['status'];
  until: string | null;
  assignee: string | null;
  handler: Ticket['handler'];
  score: number | null;
}

interface StoredEvent {
  n: number;
  event: TicketEvent;
}

const eventKey = (n: number): string => `e:${String(n % MAX_EVENTS).padStart(3, '0')}`;

/** A rating, once the ticket carries one (issue 17 "Rating": `ticket.rating.score`). */
function scoreOf(t: Ticket): number | null {
  return t.rating?.score ?? null;
}

const seenOf = (t: Ticket): Seen => ({
  status: t.status,
  until: t.status === 'snoozed' ? (t.snoozeUntil ?? null) : null,
  assignee: t.assignee?.id ?? null,
  handler: t.handler,
  score: scoreOf(t),
});

const AI: Author = { role: 'ai', name: 'AI' };

/** The events between `before` and the ticket as it is now. */
function diff(before: Seen, now: Seen, t: Ticket): Array<Omit<TicketEvent, 'id' | 'at' | 'afterSeq' | 'by'> & { by?: Author }> {
  const out: Array<Omit<TicketEvent, 'id' | 'at' | 'afterSeq' | 'by'> & { by?: Author }> = [];
  if (before.handler === 'ai' && now.handler === 'team') out.push({ kind: 'handed_off', by: AI });
  if (before.assignee !== now.assignee) out.push({ kind: 'assigned', to: t.assignee ?? null });
  if (now.status === 'snoozed' && (before.status !== 'snoozed' || before.until !== now.until)) out.push({ kind: 'snoozed', ...(now.until ? { until: now.until } : {}) });
  else if (now.status === 'closed' && before.status !== 'closed') out.push({ kind: 'closed' });
  else if (now.status === 'open' && before.status !== 'open') out.push({ kind: 'reopened' });
  if (now.score !== null && before.score === null) out.push({ kind: 'rated', score: now.score });
  return out;
}

/**
 * The events of the change about to be stored, done by `by` (null: the server itself),
 * as storage entries to add to that write; updates `meta.events`. A ticket's first
 * write only starts the log.
 */
export function changeEvents(meta: TicketMeta, by: Author | null, now: number, newId: () => string): { entries: Record<string, StoredEvent>; events: TicketEvent[] } {
  const seen = seenOf(meta.ticket);
  const log = meta.events;
  meta.events = { n: log?.n ?? 0, seen };
  if (!log) return { entries: {}, events: [] };
  const entries: Record<string, StoredEvent> = {};
  const events: TicketEvent[] = [];
  for (const change of diff(log.seen, seen, meta.ticket)) {
    // A shopper is named by role only: events outlive a customers/redact of their name.
    const who = change.by ?? (by?.role === 'shopper' ? { role: 'shopper' as const } : by);
    const { by: _, ...what } = change;
    const event: TicketEvent = { id: newId(), at: iso(now), afterSeq: meta.lastSeq, ...what, ...(who ? { by: who } : {}) };
    const n = meta.events.n++;
    entries[eventKey(n)] = { n, event };
    events.push(event);
  }
  return { entries, events };
}

/** The ticket's events, oldest first (at most `MAX_EVENTS`). */
export async function storedEvents(storage: KVStorage): Promise<TicketEvent[]> {
  const stored = [...(await storage.list<StoredEvent>({ prefix: 'e:' })).values()];
  return stored.sort((a, b) => a.n - b.n).map((s) => s.event);
}
