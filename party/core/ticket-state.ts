/**
 * A ticket's state machine, pure (DESIGN §7): what a message, a read, a status change,
 * a snooze's expiry and a settings save do to the ticket's meta. No storage and no
 * clock: the room passes the time in, stores the meta and announces the changes.
 */
import type { Attachment, Customer, FrameErrorCode, Message, Receipts, Ticket, TicketContext, TicketStatus } from '../../src/protocol/index.js';
import type { AiSettings } from './ai/responder.js';
import { isAwayReply, type AwaySettings, type AwayState } from './away-reply.js';
import type { NotificationSettings } from './outbound.js';
import type { SmsChannel } from './sms/twilio.js';
import type { EventLog } from './ticket-events.js';
import type { TicketContent } from './content-languages.js';
import { boundContext } from './ticket-context.js';

export interface TicketMeta extends AwayState {
  ticket: Ticket;
  lastSeq: number;
  receipts: Receipts;
  /** Seqs of shopper messages no agent has read yet; `ticket.unread` is its length. */
  unreadSeqs: number[];
  /** Bumped on every change, so the shop's index keeps only the newest state. */
  revision: number;
  ai?: AiSettings;
  /** Turns in a row the AI agent could not resolve. */
  aiMisses?: number;
  notifications?: NotificationSettings;
  /** An SMS ticket's way out (the shop's Twilio settings); absent while SMS is off. */
  sms?: SmsChannel;
  /** The shop turned rating after the chat off (`chat.rating: false`, issue 17). */
  ratingOff?: boolean;
  /** The revision of the shop's settings the fields above come from (R12). */
  settingsRevision?: number;
  /** Who did what (ticket-events.ts): the event count and the ticket as last stored. */
  events?: EventLog;
  /** The shopper's content language when it is not the shop's default (issue 17, `ticket-language.ts`). */
  lang?: string;
}

/** What a ticket follows of its shop's settings, pushed again after every save (R12). */
export interface TicketSettings {
  revision: number;
  away: AwaySettings;
  /** Absent when the AI agent is off. */
  ai?: AiSettings;
  notifications?: NotificationSettings;
  /** Present while the shop's SMS channel is on; only SMS tickets keep it. */
  sms?: SmsChannel;
  /** The content of each translated language, for tickets in it (issue 17, `ticket-language.ts`). */
  languages?: Record<string, TicketContent>;
  /** `chat.rating: false` (issue 17). */
  ratingOff?: boolean;
}

export interface NewTicket {
  id: string;
  shop: string;
  customer: Customer | null;
  handler: Ticket['handler'];
  channel?: Ticket['channel'];
  /** `context`: what the shopper's page said with `setContext` (ticket-context.ts). */
  first: { clientId: string; body: string; attachments?: Attachment[]; context?: TicketContext };
  /** The shop's office hours and away message, for the automatic away reply (R9). */
  away?: AwaySettings;
  /** With the AI agent on (handler `ai`): what it answers from and how it hands off (R10, R11). */
  ai?: AiSettings;
  /** Where the shop's notification webhooks go (R14). */
  notifications?: NotificationSettings;
  sms?: SmsChannel;
  /** An SMS ticket of a number that sent STOP (and not START since). */
  optedOut?: boolean;
  /** `chat.rating: false` (issue 17). */
  ratingOff?: boolean;
  /** The revision of the settings above. */
  settingsRevision?: number;
  /** The shopper's content language, when not the shop's default (issue 17). */
  lang?: string;
}

/** A change refused, as the `error` frame will say it. */
export interface Refusal {
  code: FrameErrorCode;
  message: string;
}

/** The longest snooze: one year (README "Protocol"). */
export const MAX_SNOOZE_MS = 365 * 86_400_000;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The meta of a new ticket, before its first message (R6). */
export function newMeta(init: NewTicket, now: number): TicketMeta {
  const at = iso(now);
  return {
    ticket: {
      id: init.id,
      shop: init.shop,
      channel: init.channel ?? 'chat',
      status: 'open',
      customer: init.customer,
      assignee: null,
      handler: init.handler,
      createdAt: at,
      updatedAt: at,
      unread: 0,
      waitingSince: null,
      ...(init.optedOut ? { optedOut: true } : {}),
      ...(init.first.context ? { context: boundContext(init.first.context) } : {}),
    },
    lastSeq: 0,
    receipts: { shopper: 0, agent: 0 },
    unreadSeqs: [],
    revision: 0,
    ...(init.away ? { away: init.away } : {}),
    ...(init.ai && init.handler === 'ai' ? { ai: init.ai } : {}),
    ...(init.notifications ? { notifications: init.notifications } : {}),
    ...(init.sms && init.channel === 'sms' ? { sms: init.sms } : {}),
    ...(init.ratingOff ? { ratingOff: true } : {}),
    settingsRevision: init.settingsRevision ?? 0,
    ...(init.lang ? { lang: init.lang } : {}),
  };
}

/** What a new message (its seq is `lastSeq + 1`) does to the ticket: activity, unread, waiting, receipts, assignee. */
export function applyMessage(meta: TicketMeta, message: Message): void {
  const { seq, author, body, createdAt } = message;
  const t = meta.ticket;
  meta.lastSeq = seq;
  // The away auto-reply (R9) is the server talking, not news: the inbox row keeps the shopper's words.
  if (!isAwayReply(author)) t.lastMessage = { seq, body: body.slice(0, 140), author, createdAt };
  if (author.role === 'shopper') {
    if (t.status === 'snoozed') {
      t.status = 'open';
      t.snoozeUntil = null;
    }
    meta.unreadSeqs.push(seq);
    t.unread = meta.unreadSeqs.length;
    t.waitingSince ??= createdAt;
    // Whoever writes has read everything before.
    meta.receipts.shopper = seq;
  } else if (author.role === 'agent' || author.role === 'ai') {
    t.waitingSince = null;
    if (author.role === 'agent') {
      meta.receipts.agent = seq;
      clearUnread(meta);
      if (!t.assignee && author.id) t.assignee = { id: author.id, name: author.name ?? author.id };
    }
  }
  bump(meta);
  t.updatedAt = createdAt;
}

/** A read receipt up to `seq`: the seq now read, or null when it moves nothing. */
export function applyRead(meta: TicketMeta, role: keyof Receipts, seq: number): number | null {
  const upTo = Math.min(seq, meta.lastSeq);
  if (upTo <= meta.receipts[role]) return null;
  meta.receipts[role] = upTo;
  if (role === 'agent') clearUnread(meta);
  return upTo;
}

function clearUnread(meta: TicketMeta): void {
  meta.unreadSeqs = meta.unreadSeqs.filter((s) => s > meta.receipts.agent);
  meta.ticket.unread = meta.unreadSeqs.length;
}

/** Sets a status (a snooze until a time within a year); a closed ticket stays closed. */
export function applyStatus(meta: TicketMeta, status: TicketStatus, snoozeUntil: string | undefined, now: number): Refusal | null {
  const t = meta.ticket;
  if (t.status === 'closed') return { code: 'ticket_closed', message: 'This chat has ended and cannot be reopened.' };
  if (status === 'snoozed' && snoozeUntil !== undefined) {
    const until = Date.parse(snoozeUntil);
    if (Number.isNaN(until)) return { code: 'bad_frame', message: 'snoozeUntil must be an ISO date.' };
    // Bounded, so that every snooze has an alarm time the runtime accepts.
    if (until > now + MAX_SNOOZE_MS) return { code: 'bad_frame', message: 'A snooze lasts at most one year.' };
    // A past date would be a snooze that is already over (and an alarm the runtime refuses): issue 13 #6.
    if (until <= now) return { code: 'bad_frame', message: 'snoozeUntil must be in the future.' };
  }
  t.status = status;
  t.snoozeUntil = status === 'snoozed' && snoozeUntil ? new Date(snoozeUntil).toISOString() : null;
  return null;
}

/** A past `snoozeUntil` means open (applied lazily, DESIGN §7); true when it reopened the ticket. */
export function expireSnooze(meta: TicketMeta, now: number): boolean {
  const t = meta.ticket;
  if (t.status !== 'snoozed' || !t.snoozeUntil || Date.parse(t.snoozeUntil) > now) return false;
  t.status = 'open';
  t.snoozeUntil = null;
  return true;
}

/** When the ticket's snooze ends, or null when it is not snoozed. */
export const snoozeEnd = (meta: TicketMeta): number | null =>
  meta.ticket.status === 'snoozed' && meta.ticket.snoozeUntil ? Date.parse(meta.ticket.snoozeUntil) : null;

/**
 * Follows newly saved settings (R12): `stale` for a revision already applied,
 * `ai_off` when the AI agent answering this open ticket was switched off (the ticket
 * must go to the team), `applied` otherwise. A ticket with the team stays with the
 * team when the agent is switched on.
 */
export function applySavedSettings(meta: TicketMeta, settings: TicketSettings): 'stale' | 'ai_off' | 'applied' {
  if (settings.revision <= (meta.settingsRevision ?? 0)) return 'stale';
  meta.settingsRevision = settings.revision;
  meta.away = settings.away;
  if (settings.notifications) meta.notifications = settings.notifications;
  else delete meta.notifications;
  if (settings.sms && meta.ticket.channel === 'sms') meta.sms = settings.sms;
  else delete meta.sms;
  if (settings.ratingOff) meta.ratingOff = true;
  else delete meta.ratingOff;
  const aiAnswering = meta.ticket.handler === 'ai' && meta.ai;
  if (aiAnswering && settings.ai) meta.ai = settings.ai;
  return aiAnswering && !settings.ai && meta.ticket.status !== 'closed' ? 'ai_off' : 'applied';
}

/**
 * Counts a change: the revision goes up on the meta (the index keeps the highest, DESIGN §7)
 * and on the ticket itself, so the inbox orders its copies by it where `updatedAt` does not
 * move (a read, a rating, the page's context): a list page answered before a rating must
 * not take the rating back off the row.
 */
export function bump(meta: TicketMeta): void {
  meta.ticket.revision = ++meta.revision;
}

/** Records a change that adds no message; `touch` marks it as activity (`updatedAt`). */
export function revise(meta: TicketMeta, now: number, touch: boolean): void {
  bump(meta);
  if (touch) meta.ticket.updatedAt = iso(now);
}

/** The ticket fields whose change is announced with a `ticket` frame. */
export const summary = (t: Ticket): string => `${t.status}|${t.snoozeUntil ?? ''}|${t.assignee?.id ?? ''}|${t.handler}`;
