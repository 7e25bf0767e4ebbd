/**
 * When a ticket e-mails the team (R14, R19): the events of a coalescing window (a
 * minute by default) become one e-mail at its end, so a burst of messages is one
 * e-mail; and a shopper left waiting past the reminder delay (5 minutes by default)
 * gets the team one reminder per waiting period. State lives in the room's storage
 * and the room's alarm drives it, so both survive hibernation; the e-mail itself goes
 * out through the room's delivery queue (retries, idempotency key).
 */
import type { Message, Ticket } from '../../../src/protocol/index.js';
import type { ServerEnv } from '../env.js';
import type { Outgoing } from '../outbound.js';
import type { EmailSettings } from '../settings.js';
import type { TicketMeta } from '../ticket-state.js';
import { composeEmail, emailRequest, type EmailDigest } from './compose.js';
import { DEFAULT_REPLY_NOTICE_MS } from './reply-notice.js';

export interface EmailTimings {
  coalesceMs: number;
  reminderMs: number;
  /** How long a shopper with no socket has to read a team reply before it is e-mailed (reply-notice.ts). */
  replyNoticeMs?: number;
}

export const DEFAULT_EMAIL_TIMINGS: EmailTimings = { coalesceMs: 60_000, reminderMs: 5 * 60_000 };

/** The server vars `EMAIL_COALESCE_SECONDS`, `WAIT_REMINDER_SECONDS` and `REPLY_NOTICE_SECONDS` (tests shorten them). */
export function emailTimings(env: ServerEnv): EmailTimings {
  const seconds = (raw: string | undefined, fallback: number) => {
    const n = Number(raw);
    return Number.isFinite(n) && n > 0 ? n * 1000 : fallback;
  };
  return {
    coalesceMs: seconds(env.EMAIL_COALESCE_SECONDS, DEFAULT_EMAIL_TIMINGS.coalesceMs),
    reminderMs: seconds(env.WAIT_REMINDER_SECONDS, DEFAULT_EMAIL_TIMINGS.reminderMs),
    replyNoticeMs: seconds(env.REPLY_NOTICE_SECONDS, DEFAULT_REPLY_NOTICE_MS),
  };
}

export interface EmailNotifierDeps {
  now(): number;
  newId(): string;
  schedule?(at: number): void;
  sendOut(request: Outgoing): Promise<void>;
  timings?: EmailTimings;
}

interface OpenDigest extends EmailDigest {
  id: string;
  dueAt: number;
}

const DIGEST_KEY = 'email:digest';
/** The `waitingSince` the last reminder was for: one reminder per waiting period. */
const REMINDED_KEY = 'email:reminded';
const SHOWN_MESSAGES = 5;

export class EmailNotifier {
  constructor(
    private readonly storage: { get<T>(key: string): Promise<T | undefined>; put(key: string, value: unknown): Promise<void>; delete(key: string): Promise<boolean> },
    private readonly deps: EmailNotifierDeps,
  ) {}

  private get timings(): EmailTimings {
    return this.deps.timings ?? DEFAULT_EMAIL_TIMINGS;
  }

  /** Records a ticket event in the open window (opening one if needed); runs in the room's frame queue. */
  async event(meta: TicketMeta, event: string, message?: Message): Promise<void> {
    const email = meta.notifications?.email;
    if (!email) return;
    const reminderAt = await this.reminderAt(meta, email);
    if (reminderAt !== null) this.deps.schedule?.(reminderAt);
    if (!this.worthTelling(meta.ticket, email, event, message)) return;
    const digest = (await this.storage.get<OpenDigest>(DIGEST_KEY)) ?? {
      id: this.deps.newId(),
      dueAt: this.deps.now() + this.timings.coalesceMs,
      events: [],
      messages: [],
      count: 0,
    };
    if (!digest.events.includes(event)) digest.events.push(event);
    if (message && message.author.role === 'shopper') {
      digest.count++;
      if (digest.messages.length < SHOWN_MESSAGES) digest.messages.push({ author: message.author.name || 'Shopper', body: message.body });
    }
    await this.storage.put(DIGEST_KEY, digest);
    this.deps.schedule?.(digest.dueAt);
  }

  /** Sends what is due (the window's e-mail, the reminder); returns when it must run next, or null. */
  async wake(meta: TicketMeta): Promise<number | null> {
    const now = this.deps.now();
    const email = meta.notifications?.email;
    const due: number[] = [];
    const digest = await this.storage.get<OpenDigest>(DIGEST_KEY);
    if (digest && digest.dueAt <= now) {
      await this.storage.delete(DIGEST_KEY);
      // Settings switched off meanwhile: the window is dropped, not sent.
      if (email) await this.send(email, meta.ticket, digest, `email:${meta.ticket.id}:${digest.id}`);
    } else if (digest) due.push(digest.dueAt);
    const reminderAt = email ? await this.reminderAt(meta, email) : null;
    if (email && reminderAt !== null) {
      if (reminderAt > now) due.push(reminderAt);
      else {
        const since = meta.ticket.waitingSince!;
        await this.storage.put(REMINDED_KEY, since);
        const waitedMinutes = Math.max(1, Math.round((now - Date.parse(since)) / 60_000));
        await this.send(email, meta.ticket, { events: ['ticket.waiting'], messages: [], count: 0, waitedMinutes }, `email:${meta.ticket.id}:wait:${since}`);
      }
    }
    return due.length ? Math.min(...due) : null;
  }

  /**
   * When the team is to be reminded of a waiting shopper, or null: only for open team
   * tickets, once per waiting period (`waitingSince` changes when the team answers).
   */
  private async reminderAt(meta: TicketMeta, email: EmailSettings): Promise<number | null> {
    const t = meta.ticket;
    if (!email.events.includes('ticket.waiting') || !t.waitingSince || t.status !== 'open' || t.handler !== 'team') return null;
    if ((await this.storage.get<string>(REMINDED_KEY)) === t.waitingSince) return null;
    return Date.parse(t.waitingSince) + this.timings.reminderMs;
  }

  /** The team hears of shopper messages and of the ticket's life, not of its own replies; AI tickets only once handed off. */
  private worthTelling(ticket: Ticket, email: EmailSettings, event: string, message?: Message): boolean {
    if (!(email.events as readonly string[]).includes(event)) return false;
    if (ticket.handler === 'ai' && event !== 'ticket.handoff') return false;
    return event !== 'message.created' || message?.author.role === 'shopper';
  }

  private async send(email: EmailSettings, ticket: Ticket, digest: EmailDigest, id: string): Promise<void> {
    await this.deps.sendOut(emailRequest(email, composeEmail(email, ticket, digest), id));
  }
}
