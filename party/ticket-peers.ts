/**
 * A ticket room's participants as the core sees them (issue 19, the hot path): built
 * once from the sockets and kept until one joins or leaves, and each frame serialised
 * once per broadcast, not once per socket.
 *
 * Why: partyserver's `getConnections()` deserialises every socket's attachment on each
 * call, and one message looks its peers up several times (the message, the ticket, the
 * events, the presence, the reply notice): that was 6% of a message's CPU in workerd,
 * and `JSON.stringify` ran once per socket for the same frame.
 */
import type { Connection } from 'partyserver';
import type { ServerFrame } from '../src/protocol/index.js';
import type { Participant } from './core/ticket-room.js';
import { expireSocket, isExpired } from './socket-expiry.js';

/** What the room keeps in each socket's state (ticket.ts). */
export interface PeerState {
  role: Participant['role'];
  userId: string;
  name?: string;
  /** When the token that opened the socket expires (ms); the socket closes then (4001). */
  exp?: number;
  /** Which token opened it (its signature), for the sockets-per-token cap. */
  tokenKey?: string;
}

interface Peer {
  conn: Connection<PeerState>;
  state: Readonly<PeerState>;
  participant: Participant;
}

export class TicketPeers {
  private list: Peer[] | null = null;
  /** The frame being broadcast and its text: the same object sent to the next socket reuses it. */
  private last: { frame: ServerFrame; text: string } | null = null;

  constructor(private readonly sockets: () => Iterable<Connection<PeerState>>) {}

  /** A socket joined or left: the list is built again on next use. */
  changed(): void {
    this.list = null;
  }

  /** Who gets the room's frames: open sockets whose token still holds (expired ones are closed on the way). */
  *live(now: number): Iterable<Participant> {
    for (const peer of (this.list ??= this.build())) {
      // A socket closing since the list was built (its onClose may not have run yet) gets nothing.
      if (peer.conn.readyState !== WebSocket.READY_STATE_OPEN) continue;
      if (isExpired(peer.state, now)) expireSocket(peer.conn);
      else yield peer.participant;
    }
  }

  /** The room's view of one socket (also for the socket a frame came from). */
  participant(conn: Connection<PeerState>, state: Readonly<PeerState>): Participant {
    const p: Participant = {
      id: conn.id,
      role: state.role,
      userId: state.userId,
      send: (frame) => {
        try {
          conn.send(this.text(frame));
        } catch {
          // The socket closed meanwhile; the client resumes with hello.
        }
      },
    };
    if (state.name) p.name = state.name;
    return p;
  }

  private build(): Peer[] {
    const list: Peer[] = [];
    for (const conn of this.sockets()) {
      const state = conn.state;
      // A socket accepted but not yet through onConnect has no state: it joins the list when onConnect calls changed().
      if (state) list.push({ conn, state, participant: this.participant(conn, state) });
    }
    return list;
  }

  /** A broadcast sends one frame object to every socket in a row: it is serialised for the first only. */
  private text(frame: ServerFrame): string {
    if (this.last?.frame !== frame) {
      this.last = { frame, text: JSON.stringify(frame) };
      // Forgotten once this turn ends: a frame object is never reused after a change to it.
      queueMicrotask(() => (this.last = null));
    }
    return this.last.text;
  }
}
