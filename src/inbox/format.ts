/** How the inbox words times, waits and names (R14, R19). */
import type { Author, Ticket } from '../protocol/index.js';
import type { InboxTranslation } from '../i18n/inbox.js';
import { formatPhone } from './sms.js';
import { formatTime } from '../i18n/time.js';

const MINUTE = 60_000;

/** Compact relative time: "now", "3m", "2h", "5d" (and their French forms). */
export function ago(iso: string | undefined | null, now: number, t: InboxTranslation): string {
  const at = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(at)) return '';
  const minutes = Math.floor(Math.max(0, now - at) / MINUTE);
  return minutes < 1 ? t.now : span(minutes, t);
}

/** A number of minutes as "3m", "2h" or "5d" (and their French forms). */
function span(minutes: number, t: InboxTranslation): string {
  if (minutes < 60) return t.ago(minutes, 'm');
  if (minutes < 60 * 24) return t.ago(Math.floor(minutes / 60), 'h');
  return t.ago(Math.floor(minutes / (60 * 24)), 'd');
}

/** How long the shopper has waited for an answer, in minutes, or null when nobody waits. */
export function waitedMinutes(ticket: Ticket, now: number): number | null {
  if (!ticket.waitingSince || ticket.status === 'closed') return null;
  const since = Date.parse(ticket.waitingSince);
  return Number.isFinite(since) ? Math.max(0, Math.floor((now - since) / MINUTE)) : null;
}

/** "<1m" for the first minute (a new ticket has not waited a minute at second zero), then as `ago` words it. */
export function waitLabel(minutes: number, t: InboxTranslation): string {
  return minutes < 1 ? t.underMinute : span(minutes, t);
}

/** R19: check in every 3 to 5 minutes. Amber past 3, red past 5. */
export function waitLevel(minutes: number | null): 'ok' | 'warn' | 'late' {
  if (minutes === null || minutes < 3) return 'ok';
  return minutes < 5 ? 'warn' : 'late';
}

/**
 * A system message in the agent's words (issue 13 #9). The server sends a kind in
 * `author.name` and, for a handoff, a reason code as the body: neither is for people.
 */
export function systemText(author: Author, body: string, t: InboxTranslation): string {
  const reasons = t.handoffReasons;
  const why = Object.hasOwn(reasons, body) ? reasons[body as keyof typeof reasons] : reasons.other;
  if (author.name === 'handoff') return t.systemHandoff(why);
  if (author.name === 'handoff-external') return t.systemHandoffExternal(why);
  // The away reply's body is the merchant's own message: shown as written.
  if (author.name === 'away') return t.systemAway(body);
  return body.trim() ? body : t.systemNotice;
}

/**
 * The row's one-line preview of a ticket's last message (R14), in the agent's words: "You:"
 * for `agentId`'s own reply, the colleague's name for another agent's (review: every agent
 * reply read "You:").
 */
export function previewText(ticket: Ticket, t: InboxTranslation, agentId?: string): string {
  const last = ticket.lastMessage;
  if (!last) return t.noPreview;
  if (last.author.role === 'system') return systemText(last.author, last.body, t);
  const mine = !last.author.id || last.author.id === agentId;
  const agent = mine ? t.you : last.author.name || t.inbox;
  const who = last.author.role === 'agent' ? `${agent}: ` : last.author.role === 'ai' ? `${t.ai}: ` : '';
  return `${who}${last.body || t.image}`;
}

/** Who the shopper is, for people: their name, e-mail, phone number (SMS tickets, written for reading) or id. */
export function customerName(ticket: Ticket, t: InboxTranslation): string {
  const c = ticket.customer;
  return c?.name?.trim() || c?.email || (c?.phone ? formatPhone(c.phone) : '') || (c && !c.id.startsWith('anon:') ? c.id : t.visitor);
}

export function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}

/** A day without its time ("Aug 3, 2026"): when a shopper became a customer. */
export function date(iso: string, locale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(locale, { dateStyle: 'medium' });
}

export function dateTime(iso: string, locale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A message's time, as the widget words it (one formatter, issue 17): "9:47 AM", "09:47" in en-GB. */
export function time(iso: string, locale: string): string {
  return Number.isNaN(Date.parse(iso)) ? '' : formatTime(locale, iso);
}

/** Snooze presets: in an hour, tomorrow 9:00, next Monday 9:00 (local time). */
export function snoozePresets(now: Date): { hour: Date; tomorrow: Date; week: Date } {
  const hour = new Date(now.getTime() + 60 * MINUTE);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const week = new Date(now);
  week.setDate(now.getDate() + (((8 - now.getDay()) % 7) || 7));
  week.setHours(9, 0, 0, 0);
  return { hour, tomorrow, week };
}
