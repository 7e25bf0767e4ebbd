/**
 * Internal notes (issue 17): what agents write to each other in a ticket, never to the
 * shopper. Notes have their own sequence under their own keys (`n:`), beside the
 * messages (`m:`), so nothing that reads messages (the shopper's sync and history, the
 * transcript, the AI agent's context, webhooks, e-mails, the shop's search index) can
 * see one, and the shopper's `seq`s stay 1, 2, 3... without a gap (DESIGN §7).
 *
 * Storage:
 *   n:0000000007   Note number 7 of this ticket
 *   nc:<clientId>  the note's number, for dedupe (an agent's resend is stored once)
 */
import { MAX_FRAME_BYTES, isBlankBody, type ClientFrame, type FrameOf, type Message, type Note } from '../../src/protocol/index.js';
import { errorFrame, type Participant } from './participant.js';
import type { KVStorage } from './storage.js';
import { iso, type TicketMeta } from './ticket-state.js';

/** How many of the newest notes an agent's sync carries: a frame stays within its size limit for short notes, and a ticket's notes are few. */
export const NOTES_IN_SYNC = 200;

/** The bytes of notes one frame carries: under MAX_FRAME_BYTES with room for the frame around them. */
const FRAME_BUDGET = MAX_FRAME_BYTES - 512;
const encoder = new TextEncoder();

const noteKey = (n: number): string => `n:${String(n).padStart(10, '0')}`;
const noteDedupeKey = (clientId: string): string => `nc:${clientId}`;

/**
 * The messages a shopper may see, in order: the one list a transcript (e-mailed to the
 * shopper, issue 17 H) or any shopper-side export must read. Notes are never in it.
 */
export async function shopperVisibleMessages(storage: KVStorage): Promise<Message[]> {
  return [...(await storage.list<Message>({ prefix: 'm:' })).values()];
}

export interface NotesRoom {
  now(): number;
  newId(): string;
  /** Every live participant; notes go to the agents among them only. */
  peers(): Iterable<Participant>;
}

export class TicketNotes {
  constructor(
    private readonly storage: KVStorage,
    private readonly room: NotesRoom,
  ) {}

  /** A `note` frame: agents only; stored once per clientId, then sent to every agent socket. */
  async write(p: Participant, meta: TicketMeta, frame: FrameOf<ClientFrame, 'note'>): Promise<void> {
    // A shopper's socket may not write one, and learns nothing of the notes by trying.
    if (p.role !== 'agent') return p.send(errorFrame('forbidden', 'Only agents write notes.', frame.clientId));
    if (isBlankBody(frame.body)) return p.send(errorFrame('bad_frame', 'A note needs text.', frame.clientId));
    const known = await this.storage.get<number>(noteDedupeKey(frame.clientId));
    if (known !== undefined) {
      const note = await this.storage.get<Note>(noteKey(known));
      if (note) p.send({ type: 'notes', notes: [note] });
      return;
    }
    const number = (await this.lastNumber()) + 1;
    const author = { role: 'agent' as const, id: p.userId, ...(p.name ? { name: p.name } : {}) };
    // afterSeq places it after the message the agent last saw in the thread; the ticket's
    // meta is not touched: a note is not a reply (no first reply, no assignment, no waiting change).
    const note: Note = { id: this.room.newId(), clientId: frame.clientId, author, body: frame.body, createdAt: iso(this.room.now()), afterSeq: meta.lastSeq };
    await this.storage.put({ [noteKey(number)]: note, [noteDedupeKey(frame.clientId)]: number });
    for (const peer of this.room.peers()) if (peer.role === 'agent') peer.send({ type: 'notes', notes: [note] });
  }

  /** After an agent's sync: the ticket's newest notes (none for a shopper). */
  async replay(p: Participant): Promise<void> {
    if (p.role !== 'agent') return;
    const notes = [...(await this.storage.list<Note>({ prefix: 'n:', reverse: true, limit: NOTES_IN_SYNC })).values()].reverse();
    // Clients refuse frames over the frame limit: the notes go in as many frames as they need.
    let batch: Note[] = [];
    let bytes = 0;
    for (const note of notes) {
      const size = encoder.encode(JSON.stringify(note)).length;
      if (batch.length && bytes + size > FRAME_BUDGET) {
        p.send({ type: 'notes', notes: batch });
        batch = [];
        bytes = 0;
      }
      batch.push(note);
      bytes += size;
    }
    p.send({ type: 'notes', notes: batch });
  }

  /** The number of the newest note, 0 before the first: one read from the end of the `n:` keys, whatever their count. */
  private async lastNumber(): Promise<number> {
    const [key] = (await this.storage.list({ prefix: 'n:', reverse: true, limit: 1 })).keys();
    return key ? Number(key.slice(2)) : 0;
  }
}
