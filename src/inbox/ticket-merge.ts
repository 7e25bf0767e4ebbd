/**
 * Which of two copies of one ticket the inbox keeps (feed frames, list pages and the
 * open thread's own copy cross). `updatedAt` orders activity; a read is no activity
 * (issue 13 #10) and only lowers `unread`, so at the same `updatedAt` the copy from
 * before a read must not bring the ticket back as unread.
 */
import type { Ticket } from '../protocol/index.js';

/** The copy to keep of `had` and `incoming`; null when `had` stays as it is. */
export function mergeTicket(had: Ticket | undefined, incoming: Ticket): Ticket | null {
  if (!had) return incoming;
  // The revision orders every change; `updatedAt` only activity (a copy from an older server has no revision).
  if (had.revision !== undefined && incoming.revision !== undefined ? had.revision > incoming.revision : had.updatedAt > incoming.updatedAt) return null;
  const next = had.updatedAt === incoming.updatedAt && had.unread < incoming.unread ? { ...incoming, unread: had.unread } : incoming;
  return JSON.stringify(had) === JSON.stringify(next) ? null : next;
}
