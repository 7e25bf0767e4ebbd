/**
 * What Shopify's privacy webhooks do inside one ticket room (privacy.ts decides which
 * rooms): hand over a customer's conversation (`customers/data_request`) and redact it
 * (`customers/redact`). The room runs these between frames (`TicketRoom.rewrite`), so no
 * message is appended while its storage is rewritten.
 *
 * Redacting keeps the merchant's record of the conversation (the team's replies, times,
 * statuses) and removes the customer from it: their messages' text, images and name, the
 * ticket's customer, their name, e-mail and phone wherever the team wrote them, every
 * image they uploaded wherever a message carries it, and any outbound request not yet
 * sent (each carries the transcript). The ticket is closed.
 */
import type { Author, Message, Ticket } from '../../src/protocol/index.js';
import type { KVStorage } from './storage.js';
import { isCustomers } from './ticket-index.js';
import { bump, type TicketMeta } from './ticket-state.js';

/** Who a privacy request is about, as Shopify names them (any of the three). */
export interface DataSubject {
  id?: string;
  email?: string;
  phone?: string;
  /** Their name as the shop's profile has it (Shopify's request carries none): scrubbed from the team's replies too. */
  name?: string;
}

/** What stands in for removed text, and for the customer of a redacted ticket. */
export const REDACTED = '[redacted]';
export const REDACTED_CUSTOMER_ID = 'redacted';

/** A ticket's conversation as handed to the merchant. */
export interface TicketExport {
  ticket: Ticket;
  messages: Message[];
}

export async function exportTicket(storage: KVStorage, meta: TicketMeta | null): Promise<TicketExport | null> {
  if (!meta) return null;
  return { ticket: meta.ticket, messages: [...(await storage.list<Message>({ prefix: 'm:' })).values()] };
}

/** A redacted ticket for the shop's index; `lastSeq`: its last message, through which the search forgets its texts. */
export interface RedactedTicket {
  ticket: Ticket;
  revision: number;
  lastSeq: number;
}

/** Durable Object storage takes at most 128 keys per put. */
const BATCH = 100;

/**
 * Redacts the subject's data in this room; returns the new ticket and its revision for
 * the shop's index, or null when the ticket is not theirs (already redacted: a retry
 * changes nothing).
 */
export async function redactTicket(storage: KVStorage, meta: TicketMeta | null, who: DataSubject): Promise<RedactedTicket | null> {
  if (!meta || !isCustomers(meta.ticket, who)) return null;
  const scrub = scrubber([meta.ticket.customer?.name, who.name], [meta.ticket.customer?.email, who.email, who.phone]);
  const messages = await storage.list<Message>({ prefix: 'm:' });
  const keep = await teamUploads(storage, [...messages.values()]);
  let writes: Record<string, Message> = {};
  for (const [key, m] of messages) {
    const redacted = redactMessage(m, scrub, keep);
    if (JSON.stringify(redacted) === JSON.stringify(m)) continue;
    writes[key] = redacted;
    if (Object.keys(writes).length === BATCH) {
      await storage.put(writes);
      writes = {};
    }
  }
  if (Object.keys(writes).length) await storage.put(writes);
  // The shopper's images, and any upload that is not the team's, go; pending and dead
  // deliveries go too (their bodies hold the transcript), and the team's internal notes about them (ticket-notes.ts).
  for (const prefix of ['u:', 'ux:', 'd:', 'dead:', 'n:', 'nc:']) {
    for (const key of (await storage.list({ prefix })).keys()) {
      const id = key.slice(prefix.length).split(':')[0]!;
      if ((prefix === 'u:' || prefix === 'ux:') && keep.has(id)) continue;
      await storage.delete(key);
    }
  }
  // E-mails not sent yet quote the conversation (the team's digest, the shopper's reply notice).
  for (const key of ['email:digest', 'email:reply-notice']) await storage.delete(key);
  const t = meta.ticket;
  t.customer = { id: REDACTED_CUSTOMER_ID };
  // What the shopper's page said (setContext: a cart, an order number, any field) is theirs too,
  // and so are the words of their rating (the score says nothing of them).
  delete t.context;
  if (t.rating?.comment) t.rating = { score: t.rating.score, at: t.rating.at };
  if (t.lastMessage) {
    const { author, body } = redactMessage({ author: t.lastMessage.author, body: t.lastMessage.body, attachments: [] }, scrub, keep);
    t.lastMessage = { ...t.lastMessage, author, body };
  }
  t.status = 'closed';
  t.snoozeUntil = null;
  delete t.waitingSince;
  bump(meta);
  await storage.put('meta', meta);
  return { ticket: t, revision: meta.revision, lastSeq: meta.lastSeq };
}

/**
 * The uploads kept through the redaction: the team's that a team message carries (issue
 * 17 B1). An upload stored before uploads named their side counts as the team's only
 * when no shopper message carries it too (agents could then re-send the shopper's photo:
 * it goes with the shopper's). Unsent uploads go, whoever made them, as before.
 */
async function teamUploads(storage: KVStorage, messages: Message[]): Promise<Set<string>> {
  const carried = { team: new Set<string>(), shopper: new Set<string>() };
  for (const m of messages) for (const a of m.attachments) carried[m.author.role === 'shopper' ? 'shopper' : 'team'].add(uploadIdOf(a.url));
  const keep = new Set<string>();
  for (const id of carried.team) {
    const meta = await storage.get<{ by?: string }>(`u:${id}`);
    if (meta && (meta.by ? meta.by === 'team' : !carried.shopper.has(id))) keep.add(id);
  }
  return keep;
}

function redactMessage<M extends Pick<Message, 'author' | 'body' | 'attachments'>>(m: M, scrub: (text: string) => string, keep: Set<string>): M {
  if (m.author.role === 'shopper') {
    const author: Author = { role: 'shopper' };
    return { ...m, author, body: REDACTED, attachments: [] };
  }
  // A team message keeps its words and the team's images; a shopper's image it carried goes.
  return { ...m, body: scrub(m.body), attachments: m.attachments.filter((a) => keep.has(uploadIdOf(a.url))) };
}

/** Replaces the names (and each of their words) and the exact `terms` in a text, ignoring case. */
function scrubber(names: Array<string | undefined>, terms: Array<string | undefined>): (text: string) => string {
  const words = new Set<string>();
  for (const name of names) for (const w of [name ?? '', ...(name ?? '').split(/\s+/)]) if (w.trim().length >= 2) words.add(w.trim());
  for (const term of terms) if (term?.trim()) words.add(term.trim());
  if (!words.size) return (text) => text;
  // Longest first, so a full name goes before its first name; whole words only.
  const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, REDACTED);
}

/** An attachment URL's upload id (its last path segment). */
const uploadIdOf = (url: string): string => url.split('?')[0]!.split('/').pop() ?? '';
