/**
 * The open ticket's internal notes on the agent's side (issue 17): the `notes` frames
 * the room sends agents (after each sync, and each new note), and the agent's notes on
 * their way. Notes travel beside the delivery core, on the same socket: the shopper's
 * widget shares that core and must carry none of this.
 */
import { atom } from 'nanostores';
import { newClientId } from '../client/client-id.js';
import type { Note } from '../protocol/index.js';
import type { ChatTransport, TicketConnection } from '../transports/types.js';

/** A note as the thread shows it: stored, or still on its way (`pending`). */
export interface ThreadNote extends Note {
  pending?: boolean;
}

export class AgentNotes {
  /** The ticket's notes in the order written (the pending ones last). */
  readonly $notes = atom<readonly ThreadNote[]>([]);
  private stored = new Map<string, Note>();
  private pending = new Map<string, ThreadNote>();
  private connection: TicketConnection | null = null;
  /** Whether the room has sent this socket its notes (after its sync): sends go out from then on. */
  private synced = false;

  constructor(private readonly author: () => { id: string; name: string }) {}

  /** The transport's `connect`, with the notes frames taken off on the way in. */
  wrap(connect: ChatTransport['connect']): ChatTransport['connect'] {
    return (ticketId, handlers) => {
      const connection = connect(ticketId, {
        state: (state, refusal) => {
          this.synced = false;
          handlers.state(state, refusal);
        },
        frame: (frame) => {
          if (frame.type !== 'notes') return handlers.frame(frame);
          this.received(frame.notes, !this.synced);
          this.synced = true;
        },
      });
      this.connection = connection;
      return connection;
    };
  }

  /** Writes a note; shown at once as pending, stored once whatever the resends. */
  send(body: string, afterSeq: number): string | null {
    const text = body.trim();
    if (!text) return null;
    const clientId = newClientId();
    const { id, name } = this.author();
    this.pending.set(clientId, { id: clientId, clientId, author: { role: 'agent', id, name }, body: text, createdAt: new Date().toISOString(), afterSeq, pending: true });
    this.publish();
    if (this.synced) this.connection?.send({ type: 'note', clientId, body: text });
    return clientId;
  }

  private received(notes: Note[], afterSync: boolean): void {
    for (const note of notes) {
      this.stored.set(note.id, note);
      if (note.clientId) this.pending.delete(note.clientId);
    }
    // After a sync: what was on its way when the socket dropped goes again (the room dedupes by clientId).
    if (afterSync) for (const note of this.pending.values()) this.connection?.send({ type: 'note', clientId: note.clientId!, body: note.body });
    this.publish();
  }

  private publish(): void {
    this.$notes.set([...this.stored.values(), ...this.pending.values()]);
  }
}
