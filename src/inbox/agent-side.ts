/**
 * What only agents get of a ticket's room (issue 17): its "who did what" events, the
 * other agents viewing and typing, and the `assign` frame. It sits between the
 * transport and the shared delivery core (`TicketThread`, which the widget also
 * ships), so none of this adds a byte to the shopper's widget.
 */
import { atom } from 'nanostores';
import type { ChatMessage } from '../client/message-list.js';
import type { Presence, ServerFrame, TicketEvent } from '../protocol/index.js';
import type { ChatTransport, TicketConnection } from '../transports/types.js';

export class AgentSide {
  /** The ticket's events, oldest first. */
  readonly $events = atom<readonly TicketEvent[]>([]);
  /** The other agents with the ticket open (this agent left out). */
  readonly $others = atom<Presence>([]);
  private connection: TicketConnection | null = null;

  constructor(readonly agentId: string) {}

  /** The transport's `connect`, with the agents' frames taken here and the rest passed on. */
  wrap(connect: ChatTransport['connect']): ChatTransport['connect'] {
    return (ticketId, handlers) =>
      (this.connection = connect(ticketId, {
        ...handlers,
        frame: (f) => (f.type === 'events' || f.type === 'presence' ? this.take(f) : handlers.frame(f)),
      }));
  }

  /** Sends `assign {agentId}` (null: unassign); false when not connected. */
  assign(agentId: string | null): boolean {
    if (!this.connection) return false;
    this.connection.send({ type: 'assign', agentId });
    return true;
  }

  /** The newest seq of a reply by another agent among `messages` (0 if none). */
  othersLastReply(messages: readonly ChatMessage[]): { seq: number; name: string } {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i]!;
      if (m.author.role === 'agent' && m.author.id !== this.agentId && m.seq) return { seq: m.seq, name: m.author.name ?? '' };
    }
    return { seq: 0, name: '' };
  }

  private take(f: Extract<ServerFrame, { type: 'events' | 'presence' }>): void {
    if (f.type === 'presence') return this.$others.set(f.agents.filter((a) => a.id !== this.agentId));
    // A sync sends them all again after a reconnect: each event once, in the order first seen.
    const known = new Map(this.$events.get().map((e) => [e.id, e]));
    for (const e of f.events) known.set(e.id, e);
    this.$events.set([...known.values()]);
  }
}
