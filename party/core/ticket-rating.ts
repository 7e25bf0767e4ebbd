/**
 * Rating after the chat (issue 17, README "Rating after the chat"): a `rate` frame is the
 * one write a closed chat accepts, once, from its shopper; and who closed the chat, so
 * the shopper's ended view can say so. The room's frame queue serialises frames, so of
 * any number of `rate` frames at once exactly one finds the ticket unrated.
 */
import { isBlankBody, type ClientFrame, type FrameOf, type Ticket } from '../../src/protocol/index.js';
import { errorFrame, type Participant } from './participant.js';
import { iso, type Refusal, type TicketMeta } from './ticket-state.js';

/** What rating needs of the room: store and announce the ticket, tell the shop's webhook and e-mail. */
export interface RatingRoom {
  now(): number;
  commit(meta: TicketMeta): Promise<void>;
  notify(): Promise<void>;
}

/** Why this participant may not rate this ticket now, or null. */
export function rateRefusal(p: Participant, meta: TicketMeta): Refusal | null {
  const t = meta.ticket;
  if (p.role !== 'shopper') return { code: 'forbidden', message: 'Only the shopper rates a chat.' };
  if (t.channel !== 'chat') return { code: 'forbidden', message: 'Only chats are rated.' };
  if (meta.ratingOff) return { code: 'rating_off', message: 'This shop does not ask for ratings.' };
  if (t.status !== 'closed') return { code: 'not_closed', message: 'A chat is rated once it has ended.' };
  if (t.rating) return { code: 'already_rated', message: 'This chat was rated already.' };
  return null;
}

/** Stores the shopper's rating (score 1–5 checked by the frame's schema; the comment trimmed, a blank one dropped). */
export async function rate(room: RatingRoom, p: Participant, meta: TicketMeta, frame: FrameOf<ClientFrame, 'rate'>): Promise<void> {
  const refused = rateRefusal(p, meta);
  if (refused) return p.send(errorFrame(refused.code, refused.message));
  const comment = frame.comment?.trim();
  meta.ticket.rating = { score: frame.score, ...(comment && !isBlankBody(comment) ? { comment } : {}), at: iso(room.now()) };
  await room.commit(meta);
  await room.notify();
}

/** Who is closing the ticket: the shopper, or the agent by their display name (absent when unknown). */
export function closer(p: Participant): NonNullable<Ticket['closedBy']> {
  return p.role === 'agent' && p.name ? { role: 'agent', name: p.name } : { role: p.role };
}
