/**
 * "You have a reply" (issue 17, README "Shopper e-mails"): when the team replies to a
 * shopper with no socket open, the room's alarm checks again after the notice delay
 * (5 minutes; `REPLY_NOTICE_SECONDS`); if the shopper is still away and has not read
 * the reply, one e-mail goes to their account's address with a link back to the chat.
 * Replies of the window are coalesced into that one e-mail, and no other goes until the
 * shopper has read what the last one told of. Also the away reply's line saying so (R9).
 */
import type { Message, Ticket } from '../../../src/protocol/index.js';
import type { Outgoing } from '../outbound.js';
import type { EmailSettings } from '../settings.js';
import type { KVStorage } from '../storage.js';
import type { TicketMeta } from '../ticket-state.js';
import { emailRequest, escapeHtml, quotingEmail, type Email } from './compose.js';
import { knownShop, pageOf, shopperWords } from './shopper-words.js';
import { maskAddress, shopperAddress } from './transcript.js';

export const DEFAULT_REPLY_NOTICE_MS = 5 * 60_000;
/** The page parameter that opens the widget at the chat (README "Shopper e-mails"). */
export const OPEN_PARAM = 'chc';

interface PendingNotice {
  id: string;
  dueAt: number;
  /** The first reply of the window: read up to it, the shopper needs no e-mail. */
  seq: number;
  replies: Array<{ author: string; body: string }>;
  count: number;
}

const PENDING_KEY = 'email:reply-notice';
/** The last seq a sent notice told of: none again until the shopper has read up to it. */
const TOLD_KEY = 'email:reply-told';
const SHOWN_REPLIES = 3;

export interface ReplyNoticeDeps {
  now(): number;
  newId(): string;
  schedule?(at: number): void;
  sendOut(request: Outgoing): Promise<void>;
  /** Whether a shopper socket of this ticket is open now. */
  shopperOnline(): boolean;
  delayMs?: number;
}

/** The shop's e-mail settings and the shopper's address, when reply notices can go to this ticket's shopper. */
function noticeTarget(meta: TicketMeta): { email: EmailSettings; to: string } | null {
  const email = meta.notifications?.email;
  const to = shopperAddress(meta.ticket);
  if (!email || email.replyNotice === false || meta.ticket.channel !== 'chat' || !to) return null;
  return { email, to };
}

/** The away reply (R9), with a line saying the answer also comes by e-mail when it will. */
export function awayText(meta: TicketMeta, message: string): string {
  const target = noticeTarget(meta);
  if (!target) return message;
  // In the ticket's language (issue 17), like the away message it follows.
  return `${message}\n\n${shopperWords(meta).awayByEmail(maskAddress(target.to))}`;
}

export class ReplyNotice {
  constructor(
    private readonly storage: KVStorage,
    private readonly deps: ReplyNoticeDeps,
  ) {}

  /** A team reply was stored (in the room's frame queue). */
  async agentReplied(meta: TicketMeta, message: Message): Promise<void> {
    if (!noticeTarget(meta)) return;
    const pending = await this.storage.get<PendingNotice>(PENDING_KEY);
    if (pending) {
      pending.count++;
      if (pending.replies.length < SHOWN_REPLIES) pending.replies.push(replyOf(message));
      return void (await this.storage.put(PENDING_KEY, pending));
    }
    if (this.deps.shopperOnline()) return;
    const told = await this.storage.get<number>(TOLD_KEY);
    if (told !== undefined && meta.receipts.shopper < told) return;
    const dueAt = this.deps.now() + (this.deps.delayMs ?? DEFAULT_REPLY_NOTICE_MS);
    await this.storage.put(PENDING_KEY, { id: this.deps.newId(), dueAt, seq: message.seq, replies: [replyOf(message)], count: 1 } satisfies PendingNotice);
    this.deps.schedule?.(dueAt);
  }

  /** Sends the notice when due and still wanted; returns when it must run next, or null. */
  async wake(meta: TicketMeta): Promise<number | null> {
    const pending = await this.storage.get<PendingNotice>(PENDING_KEY);
    if (!pending) return null;
    if (pending.dueAt > this.deps.now()) return pending.dueAt;
    await this.storage.delete(PENDING_KEY);
    const target = noticeTarget(meta);
    // Back on the page, or read meanwhile (on another device too): no e-mail.
    if (!target || this.deps.shopperOnline() || meta.receipts.shopper >= pending.seq) return null;
    await this.storage.put(TOLD_KEY, meta.lastSeq);
    const email = composeReplyNotice(meta, pending, replyLink(target.email, meta.ticket, pageOf(meta.ticket)));
    await this.deps.sendOut(emailRequest({ ...target.email, to: [target.to] }, email, `reply-notice:${meta.ticket.id}:${pending.id}`));
    return null;
  }
}

/** An agent without a display name is named in the shopper's language when the e-mail is written. */
const replyOf = (m: Message): { author: string; body: string } => ({ author: m.author.name || '', body: m.body });

/**
 * Where the e-mail's link goes: the page the chat was started on when known, else the
 * storefront URL setting, else the shop's domain; `?chc=open` opens the chat there.
 */
export function replyLink(email: EmailSettings, ticket: Ticket, pageUrl?: string): string {
  let url: URL;
  try {
    url = new URL(pageUrl ?? email.storefrontUrl ?? `https://${ticket.shop}/`);
  } catch {
    // A stored address that does not parse never costs the shopper their e-mail.
    url = new URL(`https://${ticket.shop}/`);
  }
  url.searchParams.set(OPEN_PARAM, 'open');
  return url.toString();
}

/** In the shopper's language, naming the shop as they know it (issue 17). */
function composeReplyNotice(meta: TicketMeta, pending: PendingNotice, link: string): Email {
  const words = shopperWords(meta);
  const shop = knownShop(meta);
  const subject = words.replySubject(pending.count, shop.name);
  const label = words.continueOn(shop.storefront?.site ?? null);
  const close = { text: `${label}: ${link}`, html: `<p><a href="${escapeHtml(link)}">${escapeHtml(label)}</a></p>` };
  const replies = pending.replies.map((r) => ({ ...r, author: r.author || words.team }));
  return quotingEmail(subject, replies, pending.count, close, words);
}
