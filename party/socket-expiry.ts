/**
 * Sockets outlive no token (issue 12 item 10), and one alarm per Durable Object serves
 * everything due in it. The expiry lives in `conn.state` and the close is driven by the
 * room's alarm, since rooms hibernate and in-memory timers die with them; every frame
 * and every push checks it too.
 */
import type { Connection } from 'partyserver';
import { refuse } from './http/socket-gate.js';

export const isExpired = (state: { exp?: number } | null | undefined, now: number): boolean => state?.exp !== undefined && state.exp <= now;

export function expireSocket(conn: Connection): void {
  try {
    refuse(conn, { close: 4001, code: 'forbidden', message: 'The token has expired.', reason: 'token expired' });
  } catch {
    // Already closed.
  }
}

/** Closes the expired sockets; returns when the next of the others expires, or null. */
export function expireSockets<S extends { exp?: number }>(conns: Iterable<Connection<S>>, now: number): number | null {
  let next: number | null = null;
  for (const conn of conns) {
    if (isExpired(conn.state, now)) expireSocket(conn);
    else if (conn.state?.exp !== undefined) next = next === null ? conn.state.exp : Math.min(next, conn.state.exp);
  }
  return next;
}

/** The sockets whose token still holds; expired ones are closed on the way. */
export function* liveSockets<S extends { exp?: number }>(conns: Iterable<Connection<S>>, now: number): Iterable<Connection<S>> {
  for (const conn of conns) {
    if (isExpired(conn.state, now)) expireSocket(conn);
    else yield conn;
  }
}

/** One alarm per object serves everything (snoozes, delivery retries, token expiry): keep the earliest due time. */
export async function alarmAt(storage: DurableObjectStorage, at: number): Promise<void> {
  const current = await storage.getAlarm();
  if (current === null || at < current || current < Date.now()) await storage.setAlarm(at);
}
