/**
 * One team e-mail (R14, R19) as Postmark's or Resend's API takes it: the subject, a
 * plain-text and an HTML body (who wrote, the first lines, a link to the ticket in the
 * inbox; every outside text escaped in the HTML), and the provider's request.
 *   Postmark: POST {base}/email   X-Postmark-Server-Token   {From, To, Subject, TextBody, HtmlBody, MessageStream}
 *   Resend:   POST {base}/emails  Authorization: Bearer     {from, to, subject, text, html}  Idempotency-Key
 */
import type { Ticket } from '../../../src/protocol/index.js';
import type { Outgoing } from '../outbound.js';
import type { EmailSettings } from '../settings.js';
import { ENGLISH_QUOTES, type QuoteWords } from './shopper-words.js';

/** What happened to the ticket during one coalescing window, or the wait reminder. */
export interface EmailDigest {
  events: string[];
  /** The first few messages of the window: who wrote and what. */
  messages: Array<{ author: string; body: string }>;
  /** Every shopper message of the window, shown or not. */
  count: number;
  /** Minutes the shopper has waited (the reminder only). */
  waitedMinutes?: number;
}

export interface Email {
  subject: string;
  text: string;
  html: string;
}

const FIRST_LINES = 3;
const LINE_CHARS = 300;

export function customerName(ticket: Ticket): string {
  const c = ticket.customer as (Ticket['customer'] & { phone?: string }) | null;
  return c?.name || c?.phone || c?.email || 'A shopper';
}

/** The ticket's link in the inbox, when the settings name the inbox page. */
export function ticketLink(settings: EmailSettings, ticketId: string): string | null {
  if (!settings.inboxUrl) return null;
  const base = settings.inboxUrl.split('#')[0];
  return `${base}#ticket=${encodeURIComponent(ticketId)}`;
}

export function composeEmail(settings: EmailSettings, ticket: Ticket, digest: EmailDigest): Email {
  const name = customerName(ticket);
  const subject = oneLine(subjectOf(ticket, digest, name));
  const link = ticketLink(settings, ticket.id);
  // A rating's comment (issue 17) is quoted like a message of the shopper's.
  const comment = digest.events.includes('ticket.rated') ? ticket.rating?.comment : undefined;
  const shown = comment ? [...digest.messages, { author: name, body: comment }] : digest.messages;
  const close = link
    ? { text: `Open the ticket in the inbox: ${link}`, html: `<p><a href="${escapeHtml(link)}">Open the ticket in the inbox</a></p>` }
    : { text: `Ticket ${ticket.id}`, html: `<p>Ticket ${escapeHtml(ticket.id)}</p>` };
  return quotingEmail(subject, shown, digest.count + shown.length - digest.messages.length, close);
}

/**
 * An e-mail that quotes messages (the team's, and the shopper's "you have a reply"):
 * the subject, who wrote and their first lines, "…and N more" for the `count` not
 * quoted, and a closing line (`close.html` is HTML: escape what goes in it).
 */
export function quotingEmail(
  subject: string,
  messages: ReadonlyArray<{ author: string; body: string }>,
  count: number,
  close: { text: string; html: string },
  words: QuoteWords = ENGLISH_QUOTES,
): Email {
  const quoted = messages.map((m) => ({ author: m.author, lines: firstLines(m.body, words.image) }));
  const more = count - messages.length;
  const text = [
    subject,
    '',
    ...quoted.flatMap((m) => [`${m.author}${words.wrote}`, ...m.lines.map((l) => `> ${l}`), '']),
    ...(more > 0 ? [words.more(more), ''] : []),
    close.text,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    ...quoted.map(
      (m) =>
        `<p><strong>${escapeHtml(m.author)}</strong>${escapeHtml(words.wrote)}</p><blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${m.lines.map(escapeHtml).join('<br>')}</blockquote>`,
    ),
    ...(more > 0 ? [`<p>${escapeHtml(words.more(more))}</p>`] : []),
    close.html,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function subjectOf(ticket: Ticket, digest: EmailDigest, name: string): string {
  const what = ticket.channel === 'sms' ? 'SMS' : 'chat';
  const e = digest.events;
  if (e.includes('ticket.waiting')) return `${name} has waited ${digest.waitedMinutes ?? 5} min for an answer`;
  const rating = e.includes('ticket.rated') ? ticket.rating : undefined;
  const news = newsOf(what, digest, name);
  // A rating grouped in one window with other news keeps its score, in front, where
  // cutting a long subject never reaches: the team scans its mail by subject (issue 17 review).
  if (rating) return news ? `★ ${rating.score}/5 · ${news}` : `${name} rated the ${what} ${rating.score}/5`;
  if (news) return news;
  if (e.includes('ticket.closed')) return `The ${what} with ${name} was closed`;
  return `News on the ${what} with ${name}`;
}

/** What the window brought besides a rating or a close: a new ticket, a handoff, shopper messages; or null. */
function newsOf(what: string, digest: EmailDigest, name: string): string | null {
  if (digest.events.includes('ticket.created')) return `New ${what} from ${name}`;
  if (digest.events.includes('ticket.handoff')) return `The AI agent handed a ${what} with ${name} to the team`;
  if (digest.count > 0) return digest.count === 1 ? `New message from ${name}` : `${digest.count} new messages from ${name}`;
  return null;
}

/** The provider's request; `id` is the delivery's id and Resend's idempotency key. */
export function emailRequest(settings: EmailSettings, email: Email, id: string): Outgoing {
  const token = settings.token ?? '';
  const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (settings.provider === 'postmark') {
    return {
      id,
      url: `${trimSlash(settings.apiBaseUrl ?? 'https://api.postmarkapp.com')}/email`,
      headers: { ...json, 'X-Postmark-Server-Token': token },
      body: JSON.stringify({
        From: settings.from,
        To: settings.to.join(', '),
        Subject: email.subject,
        TextBody: email.text,
        HtmlBody: email.html,
        MessageStream: 'outbound',
      }),
    };
  }
  return {
    id,
    url: `${trimSlash(settings.apiBaseUrl ?? 'https://api.resend.com')}/emails`,
    headers: { ...json, Authorization: `Bearer ${token}`, 'Idempotency-Key': id },
    body: JSON.stringify({ from: settings.from, to: settings.to, subject: email.subject, text: email.text, html: email.html }),
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim().slice(0, 150);
const trimSlash = (s: string): string => s.replace(/\/+$/, '');

function firstLines(body: string, image: string): string[] {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const shown = lines.slice(0, FIRST_LINES).map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l));
  if (lines.length > FIRST_LINES) shown.push('…');
  return shown.length ? shown : [image];
}
