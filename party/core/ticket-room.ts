/**
 * The ticket room's domain logic (DESIGN §6–8), free of any runtime: the Durable
 * Object, the msw mock and the memory transport all drive this one class.
 *
 * Storage layout (one key per message, so a write costs O(1) whatever the length):
 *   meta          TicketMeta
 *   m:0000000042  Message with seq 42
 *   c:<clientId>  { seq, id } for dedupe
 */
import {
  MAX_FRAME_BYTES,
  MAX_HISTORY_LIMIT,
  decodeClientFrame,
  isBlankBody,
  type Attachment,
  type Author,
  type ClientFrame,
  type Customer,
  type FrameErrorCode,
  type FrameOf,
  type Message,
  type Receipts,
  type ServerFrame,
  type Ticket,
  type TicketStatus,
} from '../../src/protocol/index.js';
import { HELLO_BUDGET, SEND_BUDGET, TYPING_INTERVAL_MS, fullBucket, reserve, take, type Budget, type Bucket } from './rate-limit.js';
import { RetrievalResponder, type AiSettings, type Responder, type ResponderOutput } from './ai/responder.js';
import { DeliveryQueue } from './deliveries.js';
import { officeStatus, type OfficeHours } from './office-hours.js';
import { handoffRequest, signedWebhook, type NotificationEvent, type NotificationSettings, type Outgoing } from './outbound.js';
import type { KVStorage } from './storage.js';
import { claimUploads, sweepUploads } from './uploads.js';

/** One live connection to the room, as the core sees it. */
export interface Participant {
  /** The connection's id: the same socket may be wrapped in a new object per frame. */
  id: string;
  role: 'shopper' | 'agent';
  userId: string;
  name?: string;
  send(frame: ServerFrame): void;
}

/**
 * A connection's pacing of `hello` and `typing` (rate-limit.ts). Kept in the room's
 * memory: a room hibernates only after seconds of quiet, by which time it is spent.
 */
interface Pace {
  hello: Bucket;
  /** A hello waiting for the budget: the latest one asked for wins. */
  heldHello?: { p: Participant; lastSeq: number; timer: ReturnType<typeof setTimeout> };
  typingAt: number;
  typingActive: boolean;
  heldTyping?: { p: Participant; active: boolean; timer: ReturnType<typeof setTimeout> };
  usedAt: number;
}

/** Paces of connections idle this long may be forgotten when the map grows. */
const PACE_IDLE_MS = 60_000;
const PACE_SWEEP_SIZE = 256;

export interface TicketMeta {
  ticket: Ticket;
  lastSeq: number;
  receipts: Receipts;
  /** Seqs of shopper messages no agent has read yet; `ticket.unread` is its length. */
  unreadSeqs: number[];
  /** Bumped on every change, so the shop's index keeps only the newest state. */
  revision: number;
  away?: AwaySettings;
  /** The away period (its `nextOpenAt`) the shopper was last told about, so each period gets one reply. */
  awayToldFor?: number | null;
  ai?: AiSettings;
  /** Turns in a row the AI agent could not resolve. */
  aiMisses?: number;
  notifications?: NotificationSettings;
  /** The revision of the shop's settings the fields above come from (R12). */
  settingsRevision?: number;
}

/** What a ticket follows of its shop's settings, pushed again after every save (R12). */
export interface TicketSettings {
  revision: number;
  away: AwaySettings;
  /** Absent when the AI agent is off. */
  ai?: AiSettings;
  notifications?: NotificationSettings;
}

export interface TicketRoomHooks {
  now(): number;
  /** Every live participant of this ticket, the sender included. */
  peers(): Iterable<Participant>;
  newId(): string;
  /** Called after every stored change of the ticket (for the shop's index). */
  changed?(ticket: Ticket, revision: number): void;
  /** The AI agent to use; the default retrieval responder otherwise. */
  responder?(settings: AiSettings): Responder;
  /** How outbound requests go out (handoffs, notifications); global fetch otherwise. */
  fetch?: typeof fetch;
  /** Asks the runtime to call `wake()` at this time (a Durable Object alarm, a timer). */
  schedule?(at: number): void;
  deliveryTimeoutMs?: number;
  /** The send budget per participant per ticket (rate-limit.ts); benchmarks raise it. */
  sendBudget?: Budget;
}

export interface NewTicket {
  id: string;
  shop: string;
  customer: Customer | null;
  handler: Ticket['handler'];
  channel?: Ticket['channel'];
  first: { clientId: string; body: string; attachments?: Attachment[] };
  /** The shop's office hours and away message, for the automatic away reply (R9). */
  away?: AwaySettings;
  /** With the AI agent on (handler `ai`): what it answers from and how it hands off (R10, R11). */
  ai?: AiSettings;
  /** Where the shop's notification webhooks go (R14). */
  notifications?: NotificationSettings;
  /** The revision of the settings above. */
  settingsRevision?: number;
}

export interface AwaySettings {
  hours: OfficeHours;
  message: string;
}

/** The longest snooze: one year (README "Protocol"). */
export const MAX_SNOOZE_MS = 365 * 86_400_000;

/** When an outbound request is retried at the latest if its first try never reports back. */
const WATCHDOG_MS = 30_000;

export const messageKey = (seq: number): string => `m:${String(seq).padStart(10, '0')}`;
const dedupeKey = (clientId: string): string => `c:${clientId}`;

export class TicketRoom {
  private meta: TicketMeta | null = null;
  /** Set when load() applied a due snooze expiry that wake() has not announced yet. */
  private reopened = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Send budgets per participant (role and user), shared by all their sockets (issue 12). */
  private budgets = new Map<string, Bucket>();
  /** hello and typing pacing per connection. */
  private paces = new Map<string, Pace>();

  private readonly deliveries: DeliveryQueue;

  constructor(
    private readonly storage: KVStorage,
    private readonly hooks: TicketRoomHooks,
  ) {
    this.deliveries = new DeliveryQueue(storage, {
      now: hooks.now,
      fetch: (...args) => (hooks.fetch ?? fetch)(...args),
      ...(hooks.deliveryTimeoutMs ? { timeoutMs: hooks.deliveryTimeoutMs } : {}),
    });
  }

  /**
   * Runs `task` after every task before it. Handlers that await anything other than
   * storage let other frames in, and two sends must never share a seq (DESIGN §7).
   */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Creates the ticket with its first message (R6); idempotent on the ticket id. */
  create(init: NewTicket): Promise<{ ticket: Ticket; message: Message }> {
    return this.run(async () => {
      const existing = await this.load();
      if (existing) {
        const known = await this.storage.get<{ seq: number }>(dedupeKey(init.first.clientId));
        const message = await this.storage.get<Message>(messageKey(known?.seq ?? 1));
        return { ticket: existing.ticket, message: message! };
      }
      const now = iso(this.hooks.now());
      this.meta = {
        ticket: {
          id: init.id,
          shop: init.shop,
          channel: init.channel ?? 'chat',
          status: 'open',
          customer: init.customer,
          assignee: null,
          handler: init.handler,
          createdAt: now,
          updatedAt: now,
          unread: 0,
          waitingSince: null,
        },
        lastSeq: 0,
        receipts: { shopper: 0, agent: 0 },
        unreadSeqs: [],
        revision: 0,
        ...(init.away ? { away: init.away } : {}),
        ...(init.ai && init.handler === 'ai' ? { ai: init.ai } : {}),
        ...(init.notifications ? { notifications: init.notifications } : {}),
        settingsRevision: init.settingsRevision ?? 0,
      };
      const author: Author = { role: 'shopper', ...(init.customer ? { id: init.customer.id } : {}) };
      if (init.customer?.name) author.name = init.customer.name;
      // No upload can precede the ticket: a first message carries none (the chats route refuses them).
      const attachments = (await claimUploads(this.storage, init.id, init.first.attachments ?? [])) ?? [];
      const message = await this.append(author, init.first.body, attachments, init.first.clientId);
      await this.notify('ticket.created');
      await this.replyIfAway();
      await this.aiTurn(init.first.body);
      return { ticket: this.meta.ticket, message };
    });
  }

  /** The ticket as it stands (snooze expiry applied), or null when it was never created. */
  async ticket(): Promise<Ticket | null> {
    return (await this.load())?.ticket ?? null;
  }

  /** Handles one raw frame from a participant. Never throws: bad input becomes an `error` frame. */
  receive(p: Participant, raw: unknown): Promise<void> {
    const decoded = decodeClientFrame(raw);
    if (!decoded.ok) {
      // Name the refused message, so the client can mark that one failed (issue 12).
      p.send(error(decoded.error.code, decoded.error.message, refusedClientId(raw)));
      return Promise.resolve();
    }
    const frame = decoded.frame;
    // Typing is ephemeral: it needs no storage and must not wait behind writes.
    if (frame.type === 'typing') {
      this.typing(p, frame.active);
      return Promise.resolve();
    }
    if (frame.type === 'hello') return this.hello(p, frame.lastSeq);
    return this.handle(p, frame);
  }

  /** Forgets a closed connection's pacing (and what it held back). */
  leave(connectionId: string): void {
    const pace = this.paces.get(connectionId);
    if (!pace) return;
    if (pace.heldHello) clearTimeout(pace.heldHello.timer);
    if (pace.heldTyping) clearTimeout(pace.heldTyping.timer);
    this.paces.delete(connectionId);
  }

  private handle(p: Participant, frame: Exclude<ClientFrame, { type: 'typing' }>): Promise<void> {
    return this.run(() => this.dispatch(p, frame)).catch((err: unknown) => {
      p.send({ type: 'error', code: 'bad_frame', message: 'The frame could not be handled.' });
      console.error('ticket room: frame failed', err);
    });
  }

  /**
   * A sync costs a storage read and up to 100 messages out: a hello beyond the
   * connection's budget waits for it, merged with any later one (issue 12). Clients
   * say hello after each connect and while paging (`hasMore`), never faster than
   * their syncs come, so a legit one is rarely held and never refused.
   */
  private hello(p: Participant, lastSeq: number): Promise<void> {
    const pace = this.paceOf(p);
    if (pace.heldHello) {
      pace.heldHello.p = p;
      pace.heldHello.lastSeq = lastSeq;
      return Promise.resolve();
    }
    const wait = reserve(pace.hello, this.hooks.now(), HELLO_BUDGET);
    if (wait === 0) return this.handle(p, { type: 'hello', lastSeq });
    const timer = setTimeout(() => {
      const held = pace.heldHello;
      pace.heldHello = undefined;
      if (held) void this.handle(held.p, { type: 'hello', lastSeq: held.lastSeq });
    }, wait);
    pace.heldHello = { p, lastSeq, timer };
    return Promise.resolve();
  }

  /**
   * Fans typing out at most once per interval per connection: a change within it goes
   * at its end (the last state wins), a repeat of the state last sent is dropped.
   */
  private typing(p: Participant, active: boolean): void {
    const pace = this.paceOf(p);
    const now = this.hooks.now();
    if (pace.heldTyping) {
      pace.heldTyping.p = p;
      pace.heldTyping.active = active;
      return;
    }
    if (now - pace.typingAt >= TYPING_INTERVAL_MS) return this.fanTyping(pace, p, active);
    if (active === pace.typingActive) return;
    const timer = setTimeout(() => {
      const held = pace.heldTyping;
      pace.heldTyping = undefined;
      if (held && held.active !== pace.typingActive) this.fanTyping(pace, held.p, held.active);
    }, pace.typingAt + TYPING_INTERVAL_MS - now);
    pace.heldTyping = { p, active, timer };
  }

  private fanTyping(pace: Pace, p: Participant, active: boolean): void {
    pace.typingAt = this.hooks.now();
    pace.typingActive = active;
    this.broadcast({ type: 'typing', role: p.role, active, ...(p.name ? { name: p.name } : {}) }, p);
  }

  private paceOf(p: Participant): Pace {
    const now = this.hooks.now();
    let pace = this.paces.get(p.id);
    if (!pace) {
      // Adapters tell leave(); this sweep only bounds the map should one not.
      if (this.paces.size >= PACE_SWEEP_SIZE) {
        for (const [id, old] of this.paces) if (now - old.usedAt > PACE_IDLE_MS && !old.heldHello && !old.heldTyping) this.paces.delete(id);
      }
      pace = { hello: fullBucket(now, HELLO_BUDGET), typingAt: -Infinity, typingActive: false, usedAt: now };
      this.paces.set(p.id, pace);
    }
    pace.usedAt = now;
    return pace;
  }

  /** The participant's send budget, shared by all their sockets on this ticket. */
  private budgetOf(p: Participant): Bucket {
    const key = `${p.role}:${p.userId}`;
    let bucket = this.budgets.get(key);
    if (!bucket) this.budgets.set(key, (bucket = fullBucket(this.hooks.now(), this.hooks.sendBudget ?? SEND_BUDGET)));
    return bucket;
  }

  /** The ticket with its revision, for re-sending to the shop's index after a restart. */
  snapshot(): Promise<{ ticket: Ticket; revision: number } | null> {
    return this.run(async () => {
      const meta = await this.load();
      return meta ? { ticket: meta.ticket, revision: meta.revision } : null;
    });
  }

  /** Applies a due snooze expiry and tries due deliveries; returns the next time this must run, or null. */
  async wake(): Promise<number | null> {
    const [snooze, delivery, sweep] = await Promise.all([
      this.wakeSnooze(),
      this.deliveries.run(),
      // In the frame queue: a send claiming an upload never races its removal.
      this.run(() => sweepUploads(this.storage, this.hooks.now())),
    ]);
    const due = [snooze, delivery, sweep].filter((t): t is number => t !== null);
    return due.length ? Math.min(...due) : null;
  }

  /** The revision of the shop settings this ticket follows (0 before the first). */
  async settingsRevision(): Promise<number> {
    return (await this.load())?.settingsRevision ?? 0;
  }

  /**
   * Follows newly saved settings from the next message on (R12): office hours, the AI
   * agent's knowledge and handoff, notifications. A ticket the AI agent is answering
   * goes to the team, with a notice in the thread, when the agent is switched off;
   * a ticket with the team stays with the team when it is switched on.
   */
  applySettings(settings: TicketSettings): Promise<void> {
    return this.run(async () => {
      const meta = await this.load();
      if (!meta || settings.revision <= (meta.settingsRevision ?? 0)) return;
      meta.settingsRevision = settings.revision;
      meta.away = settings.away;
      if (settings.notifications) meta.notifications = settings.notifications;
      else delete meta.notifications;
      const aiAnswering = meta.ticket.handler === 'ai' && meta.ai;
      if (aiAnswering && settings.ai) meta.ai = settings.ai;
      if (aiAnswering && !settings.ai && meta.ticket.status !== 'closed') {
        meta.ticket.handler = 'team';
        meta.ai = undefined;
        await this.append({ role: 'system', name: 'handoff' }, 'ai_disabled', []);
        meta.ticket.waitingSince = meta.ticket.lastMessage?.createdAt ?? null;
        await this.commit(meta, true);
        await this.notify('ticket.handoff');
        return;
      }
      await this.storage.put('meta', meta);
    });
  }

  /** Outbound requests not yet acknowledged. */
  pendingDeliveries(): ReturnType<DeliveryQueue['pending']> {
    return this.deliveries.pending();
  }

  private wakeSnooze(): Promise<number | null> {
    return this.run(async () => {
      const meta = await this.load();
      if (!meta) return null;
      if (this.reopened) {
        // load() reopened it lazily: tell the live sockets and the index.
        this.reopened = false;
        await this.commit(meta, true);
      }
      return meta.ticket.status === 'snoozed' && meta.ticket.snoozeUntil ? Date.parse(meta.ticket.snoozeUntil) : null;
    });
  }

  /** Appends a message authored by the server side (AI, system notices). */
  post(author: Author, body: string, attachments: Attachment[] = []): Promise<Message> {
    return this.run(async () => {
      await this.requireMeta();
      return this.append(author, body, attachments);
    });
  }

  /** R14: a signed notification webhook for this event, if the shop wants it. */
  private async notify(event: NotificationEvent, message?: Message): Promise<void> {
    const n = this.meta?.notifications;
    if (!n?.webhookUrl || !n.events.includes(event)) return;
    const payload = { event, ticket: this.meta!.ticket, ...(message ? { message } : {}) };
    await this.sendOut(await signedWebhook(n.webhookUrl, n.secret, this.hooks.newId(), payload, this.hooks.now()));
  }

  /** Stores an outbound request, then tries it outside the frame queue (it may be slow). */
  private async sendOut(request: Outgoing): Promise<void> {
    await this.deliveries.enqueue(request);
    // A watchdog first: a runtime may evict the room while the first try is in flight.
    this.hooks.schedule?.(this.hooks.now() + WATCHDOG_MS);
    void this.deliveries.run().then((next) => next !== null && this.hooks.schedule?.(next));
  }

  private async dispatch(p: Participant, frame: Exclude<ClientFrame, { type: 'typing' }>): Promise<void> {
    const meta = await this.load();
    if (!meta) return p.send(error('not_found', 'This ticket does not exist.'));
    if (frame.type === 'hello') return this.sync(p, frame.lastSeq);
    if (frame.type === 'send') {
      // A repeated clientId is acked, not charged and not stored again (DESIGN §7).
      const known = await this.storage.get<{ seq: number; id: string }>(dedupeKey(frame.clientId));
      if (known) return p.send({ type: 'ack', clientId: frame.clientId, ...known });
    }
    if (!take(this.budgetOf(p), this.hooks.now(), this.hooks.sendBudget ?? SEND_BUDGET)) {
      return p.send(error('rate_limited', 'Too many frames: slow down.', frame.type === 'send' ? frame.clientId : undefined));
    }
    switch (frame.type) {
      case 'send':
        return this.send(p, meta, frame);
      case 'read':
        return this.read(p, meta, frame.seq);
      case 'history':
        return this.history(p, frame);
      case 'end':
        if (p.role !== 'shopper') return p.send(error('forbidden', 'Only the shopper ends a chat; agents close it.'));
        return this.setStatus(p, meta, 'closed');
      case 'status':
        if (p.role !== 'agent') return p.send(error('forbidden', 'Only agents change a ticket status.'));
        return this.setStatus(p, meta, frame.status, frame.snoozeUntil);
    }
  }

  private async sync(p: Participant, lastSeq: number): Promise<void> {
    const meta = this.meta!;
    const page = await this.storage.list<Message>({
      start: messageKey(lastSeq + 1),
      end: messageKey(meta.lastSeq + 1),
      limit: MAX_HISTORY_LIMIT,
    });
    const messages = [...page.values()];
    const last = messages.at(-1)?.seq ?? lastSeq;
    p.send({ type: 'sync', ticket: meta.ticket, messages, hasMore: last < meta.lastSeq, receipts: meta.receipts });
  }

  private async send(p: Participant, meta: TicketMeta, frame: FrameOf<ClientFrame, 'send'>): Promise<void> {
    // As over HTTP (POST chats): a message needs text or an image.
    if (isBlankBody(frame.body) && !frame.attachments?.length) {
      return p.send(error('bad_frame', 'A message needs text or an image.', frame.clientId));
    }
    if (meta.ticket.status === 'closed') {
      return p.send(error('ticket_closed', 'This chat has ended. Start a new one to write again.', frame.clientId));
    }
    const attachments = await claimUploads(this.storage, meta.ticket.id, frame.attachments ?? []);
    if (!attachments) return p.send(error('bad_frame', 'Attachments must be images uploaded to this chat.', frame.clientId));
    const author: Author = { role: p.role, id: p.userId, ...(p.name ? { name: p.name } : {}) };
    const message = await this.append(author, frame.body, attachments, frame.clientId);
    p.send({ type: 'ack', clientId: frame.clientId, seq: message.seq, id: message.id });
    if (p.role === 'shopper') {
      await this.replyIfAway();
      await this.aiTurn(frame.body);
    }
  }

  /** R10, R11: the AI agent answers first, or hands the conversation off. */
  private async aiTurn(question: string): Promise<void> {
    const meta = this.meta!;
    if (meta.ticket.handler !== 'ai' || !meta.ai) return;
    const responder = this.hooks.responder?.(meta.ai) ?? new RetrievalResponder(meta.ai);
    let out: ResponderOutput;
    try {
      out = await responder.respond({ question, unresolvedTurns: meta.aiMisses ?? 0 });
    } catch {
      out = { kind: 'handoff', reason: 'error' };
    }
    const ai: Author = { role: 'ai', name: 'AI' };
    if (out.kind === 'answer') {
      meta.aiMisses = 0;
      await this.append(ai, out.text, []);
    } else if (out.kind === 'clarify') {
      meta.aiMisses = (meta.aiMisses ?? 0) + 1;
      await this.append(ai, out.text, []);
    } else {
      await this.handoff(meta, out.reason);
    }
  }

  /**
   * Hands the conversation over per the shop's setting (R11). \`inbox\`: the ticket goes
   * to the team with its whole transcript; \`message\`: the merchant's message is shown
   * and the agent stops. External helpdesks are not wired yet and fall back to the inbox.
   */
  private async handoff(meta: TicketMeta, reason: string): Promise<void> {
    const target = meta.ai!.handoff;
    if (target.target === 'message' && 'message' in target && target.message) {
      meta.ai = undefined;
      await this.append({ role: 'ai', name: 'AI' }, target.message, []);
      return;
    }
    if (target.target === 'zendesk' || target.target === 'gorgias' || target.target === 'webhook') {
      // The helpdesk takes the conversation over; the shopper is told (in their language, by the widget).
      meta.ai = undefined;
      const messages = [...(await this.storage.list<Message>({ prefix: 'm:' })).values()];
      await this.sendOut(await handoffRequest(target, meta.ticket, messages, this.hooks.now()));
      await this.append({ role: 'system', name: 'handoff-external' }, reason, []);
      await this.notify('ticket.handoff');
      return;
    }
    meta.ticket.handler = 'team';
    meta.ai = undefined;
    await this.append({ role: 'system', name: 'handoff' }, reason, []);
    // The shopper now waits for a person: since the question that was handed over.
    meta.ticket.waitingSince = meta.ticket.lastMessage?.createdAt ?? null;
    await this.commit(meta, true);
    await this.notify('ticket.handoff');
  }

  /**
   * R9: outside office hours the shopper's first message of each away period gets the
   * away message, and when the team is back (`nextOpenAt` tells the widget the time).
   */
  private async replyIfAway(): Promise<void> {
    const meta = this.meta!;
    if (!meta.away) return;
    const status = officeStatus(meta.away.hours, this.hooks.now());
    if (status.isOpen) return;
    const period = status.nextOpenAt ?? 0;
    if (meta.awayToldFor === period) return;
    meta.awayToldFor = period;
    await this.append({ role: 'system', name: 'away' }, meta.away.message, []);
  }

  /** Stores a message with its seq and ticket changes in one write, then broadcasts it. */
  private async append(author: Author, body: string, attachments: Attachment[], clientId?: string): Promise<Message> {
    const meta = this.meta!;
    const before = summary(meta.ticket);
    const seq = meta.lastSeq + 1;
    const createdAt = iso(this.hooks.now());
    const message: Message = { id: this.hooks.newId(), seq, author, body, attachments, createdAt };
    if (clientId) message.clientId = clientId;
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
        this.clearUnread(meta);
        if (!t.assignee && author.id) t.assignee = { id: author.id, name: author.name ?? author.id };
      }
    }
    meta.revision++;
    t.updatedAt = createdAt;
    const entries: Record<string, unknown> = { [messageKey(seq)]: message, meta };
    if (clientId) entries[dedupeKey(clientId)] = { seq, id: message.id };
    try {
      await this.storage.put(entries);
    } catch (err) {
      this.meta = null; // reload the stored truth next time
      throw err;
    }
    this.broadcast({ type: 'message', message });
    if (summary(t) !== before) this.broadcast({ type: 'ticket', ticket: t });
    this.hooks.changed?.(t, meta.revision);
    if (author.role !== 'system') await this.notify('message.created', message);
    return message;
  }

  private async read(p: Participant, meta: TicketMeta, seq: number): Promise<void> {
    const upTo = Math.min(seq, meta.lastSeq);
    if (upTo <= meta.receipts[p.role]) return;
    meta.receipts[p.role] = upTo;
    if (p.role === 'agent') this.clearUnread(meta);
    // Reading is not activity: the ticket keeps its place and time in the inbox list.
    await this.commit(meta, false, false);
    this.broadcast({ type: 'receipt', role: p.role, seq: upTo });
  }

  private clearUnread(meta: TicketMeta): void {
    meta.unreadSeqs = meta.unreadSeqs.filter((s) => s > meta.receipts.agent);
    meta.ticket.unread = meta.unreadSeqs.length;
  }

  private async history(p: Participant, frame: FrameOf<ClientFrame, 'history'>): Promise<void> {
    const before = Math.min(frame.beforeSeq, this.meta!.lastSeq + 1);
    const from = Math.max(1, before - frame.limit);
    const page = await this.storage.list<Message>({ start: messageKey(from), end: messageKey(before) });
    p.send({ type: 'history', messages: [...page.values()], hasMore: from > 1 });
  }

  private async setStatus(p: Participant, meta: TicketMeta, status: TicketStatus, snoozeUntil?: string): Promise<void> {
    const t = meta.ticket;
    if (t.status === 'closed') return p.send(error('ticket_closed', 'This chat has ended and cannot be reopened.'));
    if (status === 'snoozed' && snoozeUntil !== undefined) {
      const until = Date.parse(snoozeUntil);
      if (Number.isNaN(until)) return p.send(error('bad_frame', 'snoozeUntil must be an ISO date.'));
      // Bounded, so that every snooze has an alarm time the runtime accepts (year 275760 threw).
      if (until > this.hooks.now() + MAX_SNOOZE_MS) return p.send(error('bad_frame', 'A snooze lasts at most one year.'));
      // A past date would be a snooze that is already over (and an alarm the runtime refuses): issue 13 #6.
      if (until <= this.hooks.now()) return p.send(error('bad_frame', 'snoozeUntil must be in the future.'));
    }
    t.status = status;
    t.snoozeUntil = status === 'snoozed' && snoozeUntil ? new Date(snoozeUntil).toISOString() : null;
    await this.commit(meta, true);
    if (status === 'closed') await this.notify('ticket.closed');
  }

  /** Stores the ticket's meta after a change that adds no message; `touch` marks it as activity (`updatedAt`). */
  private async commit(meta: TicketMeta, announce: boolean, touch = true): Promise<void> {
    meta.revision++;
    if (touch) meta.ticket.updatedAt = iso(this.hooks.now());
    await this.storage.put('meta', meta);
    if (announce) this.broadcast({ type: 'ticket', ticket: meta.ticket });
    this.hooks.changed?.(meta.ticket, meta.revision);
  }

  private async load(): Promise<TicketMeta | null> {
    this.meta ??= (await this.storage.get<TicketMeta>('meta')) ?? null;
    const t = this.meta?.ticket;
    // Snooze expiry is applied lazily (DESIGN §7): a past snoozeUntil means open.
    if (t?.status === 'snoozed' && t.snoozeUntil && Date.parse(t.snoozeUntil) <= this.hooks.now()) {
      t.status = 'open';
      t.snoozeUntil = null;
      this.reopened = true;
    }
    return this.meta;
  }

  private async requireMeta(): Promise<TicketMeta> {
    const meta = await this.load();
    if (!meta) throw new Error('ticket does not exist');
    return meta;
  }

  private broadcast(frame: ServerFrame, except?: Participant): void {
    for (const peer of this.hooks.peers()) if (peer.id !== except?.id) peer.send(frame);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

const isAwayReply = (author: Author): boolean => author.role === 'system' && author.name === 'away';

/** The ticket fields whose change is announced with a `ticket` frame. */
const summary = (t: Ticket): string => `${t.status}|${t.snoozeUntil ?? ''}|${t.assignee?.id ?? ''}|${t.handler}`;

/** How far into an oversized frame a `clientId` is looked for: clients write it before the body. */
const CLIENT_ID_SCAN_CHARS = 1024;
const SEND_CLIENT_ID = /^\{\s*"type"\s*:\s*"send"\s*,\s*"clientId"\s*:\s*"([^"\\]{1,128})"/;

/**
 * The `clientId` of a `send` that failed to decode, when it carried one. A frame within
 * the size limit is parsed; a larger one is only scanned at its start, at a bounded cost.
 */
function refusedClientId(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (raw.length > MAX_FRAME_BYTES) return SEND_CLIENT_ID.exec(raw.slice(0, CLIENT_ID_SCAN_CHARS))?.[1];
  try {
    const json: unknown = JSON.parse(raw);
    if (!json || typeof json !== 'object') return undefined;
    const { type, clientId } = json as Record<string, unknown>;
    return type === 'send' && typeof clientId === 'string' && clientId.length >= 1 && clientId.length <= 128 ? clientId : undefined;
  } catch {
    return undefined;
  }
}

function error(code: FrameErrorCode, message: string, clientId?: string): ServerFrame {
  return clientId ? { type: 'error', code, message, clientId } : { type: 'error', code, message };
}

/** Who may join a ticket's socket, decided on the ticket's own state (DESIGN §5 "Refusals"). */
export function admit(
  ticket: Ticket | null,
  claims: { shop: string; role: 'shopper' | 'agent' | 'admin'; sub: string },
): { ok: true; role: Participant['role'] } | { ok: false; close: 4003; code: 'forbidden' | 'not_found'; message: string } {
  if (!ticket) return { ok: false, close: 4003, code: 'not_found', message: 'This ticket does not exist.' };
  if (claims.shop !== ticket.shop) return { ok: false, close: 4003, code: 'forbidden', message: 'This ticket belongs to another shop.' };
  if (claims.role === 'shopper' && ticket.customer?.id !== claims.sub) {
    return { ok: false, close: 4003, code: 'forbidden', message: 'This ticket belongs to another customer.' };
  }
  return { ok: true, role: claims.role === 'shopper' ? 'shopper' : 'agent' };
}
