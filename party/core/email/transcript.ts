/**
 * "E-mail me this conversation" (issue 17, README "Shopper e-mails"): the shopper's
 * own ticket, e-mailed to the address of their store account, never to one named in
 * the request, at most once per ticket per `TRANSCRIPT_INTERVAL_MS`, through the shop's
 * e-mail provider and the room's delivery queue. Plain text and HTML, every message
 * text escaped in the HTML, images as links.
 */
import type { Message, Ticket } from '../../../src/protocol/index.js';
import type { Outgoing } from '../outbound.js';
import type { KVStorage } from '../storage.js';
import type { TicketMeta } from '../ticket-state.js';
import { emailRequest, escapeHtml, type Email } from './compose.js';
import { knownShop, shopperWords, type KnownShop, type ShopperWords } from './shopper-words.js';

/** One transcript per ticket per ten minutes: a thousand clicks send one e-mail. */
export const TRANSCRIPT_INTERVAL_MS = 10 * 60_000;
const SENT_KEY = 'email:transcript';
/** One address, nothing a provider would read as a list or a header. */
const ONE_ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

export type TranscriptOutcome =
  | { ok: true; sentTo: string }
  | { ok: false; status: number; code: 'login_required' | 'no_email' | 'email_off' | 'rate_limited'; message: string; retryAfterSeconds?: number };

export interface TranscriptRoom {
  storage: KVStorage;
  meta: TicketMeta;
  /** The messages the shopper may see, oldest first (internal notes never among them). */
  shopperVisibleMessages(): Promise<Message[]>;
  now: number;
  sendOut(request: Outgoing): Promise<void>;
}

/** The account's address, or null: an anonymous visitor or an account without one. */
export function shopperAddress(ticket: Ticket): string | null {
  const c = ticket.customer;
  if (!c || c.id.startsWith('anon:') || !c.email) return null;
  return ONE_ADDRESS.test(c.email) ? c.email : null;
}

/** `ada@example.com` → `a•••@example.com`: enough for the shopper to recognise, little for anyone else. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}

/** Sends the transcript, or says why not; runs in the room's frame queue, so twenty at once send one. */
export async function emailTranscript(room: TranscriptRoom): Promise<TranscriptOutcome> {
  const { meta, now } = room;
  const ticket = meta.ticket;
  if (!ticket.customer || ticket.customer.id.startsWith('anon:')) {
    return { ok: false, status: 403, code: 'login_required', message: 'Log in to your store account to get this conversation by e-mail.' };
  }
  const email = meta.notifications?.email;
  if (!email || email.transcript === false) return { ok: false, status: 409, code: 'email_off', message: 'This shop does not send conversations by e-mail.' };
  const to = shopperAddress(ticket);
  if (!to) return { ok: false, status: 409, code: 'no_email', message: 'Your store account has no e-mail address.' };
  const sentAt = await room.storage.get<number>(SENT_KEY);
  if (sentAt !== undefined && now - sentAt < TRANSCRIPT_INTERVAL_MS) {
    const retryAfterSeconds = Math.ceil((sentAt + TRANSCRIPT_INTERVAL_MS - now) / 1000);
    return { ok: false, status: 429, code: 'rate_limited', message: `This conversation was just sent to ${maskAddress(to)}: you can send it again in ${Math.ceil(retryAfterSeconds / 60)} min.`, retryAfterSeconds };
  }
  await room.storage.put(SENT_KEY, now);
  const composed = composeTranscript(ticket, await room.shopperVisibleMessages(), shopperWords(meta), knownShop(meta));
  await room.sendOut(emailRequest({ ...email, to: [to] }, composed, `transcript:${ticket.id}:${now}`));
  return { ok: true, sentTo: maskAddress(to) };
}

/** Who wrote, as the shopper reads it. */
function authorOf(m: Message, words: ShopperWords): string {
  if (m.author.role === 'shopper') return words.you;
  if (m.author.role === 'ai') return words.ai;
  if (m.author.role === 'system') return words.automatic;
  return m.author.name || words.team;
}

/** What a message says to the shopper: a handoff's stored body is its reason code (R11), said in words as the widget does. */
function bodyOf(m: Message, words: ShopperWords): string {
  if (m.author.role !== 'system') return m.body;
  return m.author.name === 'handoff' ? words.handoff : m.author.name === 'handoff-external' ? words.handoffEmail : m.body;
}

/** In the shopper's language, naming the shop as they know it and signed with its storefront (issue 17). */
export function composeTranscript(ticket: Ticket, messages: Message[], words: ShopperWords, shop: KnownShop): Email {
  const subject = words.transcriptSubject(shop.name);
  const started = words.started(ticket.createdAt.slice(0, 10));
  const when = (m: Message) => `${m.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
  const text = [
    `${subject} (${started})`,
    '',
    ...messages.flatMap((m) => [
      `${authorOf(m, words)}, ${when(m)}:`,
      ...(bodyOf(m, words) ? bodyOf(m, words).split(/\r?\n/) : []),
      ...m.attachments.map((a) => `[image] ${a.url}`),
      '',
    ]),
    ...(shop.storefront ? [`${shop.name} · ${shop.storefront.url}`] : [shop.name]),
  ].join('\n');
  const signature = shop.storefront
    ? `${escapeHtml(shop.name)} · <a href="${escapeHtml(shop.storefront.url)}">${escapeHtml(shop.storefront.site)}</a>`
    : escapeHtml(shop.name);
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(subject)}</strong> (${escapeHtml(started)})</p>`,
    ...messages.map(
      (m) =>
        `<p style="margin:1em 0 0"><strong>${escapeHtml(authorOf(m, words))}</strong> <small>${escapeHtml(when(m))}</small></p>` +
        `<p style="margin:0;white-space:pre-wrap">${escapeHtml(bodyOf(m, words))}</p>` +
        m.attachments.map((a) => `<p style="margin:0"><a href="${escapeHtml(httpOnly(a.url))}">${escapeHtml(words.viewImage)}</a></p>`).join(''),
    ),
    `<p style="margin:2em 0 0;color:#666">${signature}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** A link only when it is http(s): an attachment URL is checked on the way in, and again here. */
const httpOnly = (url: string): string => (/^https?:\/\//i.test(url) ? url : '#');
