/**
 * The caps on a ticket's sockets (rate-limit.ts), counted across the awaits of an
 * upgrade: a socket being opened holds a seat until it counts itself among the room's
 * connections, so parallel upgrades each see the others.
 */
import type { Connection } from 'partyserver';
import { socketFits } from './core/rate-limit.js';
import type { Participant } from './core/ticket-room.js';

/** A token's signature: unique per token, short enough to keep with each socket. */
export const tokenKeyOf = (token: string): string => token.slice(token.lastIndexOf('.') + 1);

/** What the seats read of an open socket's state. */
interface SeatState {
  role: Participant['role'];
  tokenKey?: string;
}

export class SocketSeats {
  /** Sockets being opened, not yet among the connections with a state: by side and by token. */
  private joining = new Map<string, number>();

  /** A seat for one more socket under the caps, or null; returns its (idempotent) release. */
  reserve<S extends SeatState>(role: Participant['role'], tokenKey: string, open: Iterable<Connection<S>>): (() => void) | null {
    const sideKey = `side:${role}`;
    const tokenSeat = `token:${tokenKey}`;
    let side = this.joining.get(sideKey) ?? 0;
    let sameToken = this.joining.get(tokenSeat) ?? 0;
    for (const conn of open) {
      if (conn.state?.role === role) side++;
      if (conn.state?.tokenKey === tokenKey) sameToken++;
    }
    if (!socketFits(role, side, sameToken)) return null;
    this.bump(sideKey, 1);
    this.bump(tokenSeat, 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.bump(sideKey, -1);
      this.bump(tokenSeat, -1);
    };
  }

  private bump(key: string, by: number): void {
    const n = (this.joining.get(key) ?? 0) + by;
    if (n > 0) this.joining.set(key, n);
    else this.joining.delete(key);
  }
}
