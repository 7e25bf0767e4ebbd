/**
 * A ticket's room (DESIGN §6–8): the frame queue, dispatch with dedupe and rate limit,
 * storage and broadcast. What a frame does to the ticket is in ticket-state.ts; the AI
 * agent's turn, the away reply and admission have their own files. Free of any runtime:
 * the Durable Object, the msw mock and the memory transport all drive this one class.
 *
 * Storage layout (one key per message, so a write costs O(1) whatever the length):
 *   meta          TicketMeta
 *   m:0000000042  Message with seq 42
 *   c:<clientId>  { seq, id } for dedupe
 */
import {
  MAX_HISTORY_LIMIT,
  decodeClientFrame,
  isBlankBody,
  type Attachment,
  type Author,
  type Choice,
  type ClientFrame,
  type FrameOf,
  type Message,
  type ServerFrame,
  type Ticket,
  type TicketStatus,
} from '../../src/protocol/index.js';
import { RetrievalResponder } from './ai/responder.js';
import { aiTurn, handToTeam, type AiTurnRoom } from './ai-turn.js';
import { awayAuthor, dueAwayReply } from './away-reply.js';
import { settingsIn } from './ticket-language.js';
import { DeliveryQueue } from './deliveries.js';
import { EmailNotifier } from './email/notifier.js';
import { emailTranscript, type TranscriptOutcome } from './email/transcript.js';
import { ReplyNotice, awayText } from './email/reply-notice.js';
import { signedWebhook, type NotificationEvent, type Outgoing } from './outbound.js';
import { errorFrame, refusedClientId, sendAll, type Participant } from './participant.js';
import { Pacing } from './pacing.js';
import type { KVStorage } from './storage.js';
import {
  applyMessage,
  applyRead,
  applySavedSettings,
  applyStatus,
  expireSnooze,
  iso,
  newMeta,
  revise,
  snoozeEnd,
  summary,
  type NewTicket,
  type TicketMeta,
  type TicketSettings,
} from './ticket-state.js';
import { closer, rate } from './ticket-rating.js';
import { claimUploads, sideOf, sweepUploads } from './uploads.js';
import { applyContext } from './ticket-context.js';
import { SmsThread } from './sms/thread.js';
import { applyAssign } from './ticket-assign.js';
import { changeEvents, storedEvents } from './ticket-events.js';
import { AgentPresence, sendToAgents } from './presence.js';
import { TicketNotes, shopperVisibleMessages } from './ticket-notes.js';
import type { TicketRoomHooks } from './ticket-room-hooks.js';

// Re-exported so that the adapters' and the shop's imports of the room stay as they are.
export { admit } from './admission.js';
export type { Participant } from './participant.js';
export type { NewTicket, TicketSettings } from './ticket-state.js';
export type { TicketRoomHooks } from './ticket-room-hooks.js';

/** When an outbound request is retried at the latest if its first try never reports back. */
const WATCHDOG_MS = 30_000;

export const messageKey = (seq: number): string => `m:${String(seq).padStart(10, '0')}`;
const dedupeKey = (clientId: string): string => `c:${clientId}`;

/** The frames that go through the queue: typing is ephemeral and never waits. */
type QueuedFrame = Exclude<ClientFrame, { type: 'typing' }>;

export class TicketRoom {
  private meta: TicketMeta | null = null;
  /** Set when load() applied a due snooze expiry that wake() has not announced yet. */
  private reopened = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pacing: Pacing;
  private readonly deliveries: DeliveryQueue;
  private readonly email: EmailNotifier;
  private readonly replyNotice: ReplyNotice;
  /** What the AI agent's turn may do in this room. */
  private readonly turns: AiTurnRoom;
  /** The SMS side of an SMS ticket: texts in, replies out, their delivery states. */
  readonly sms: SmsThread;
  /** Which agents have the ticket open (issue 17 "Collision"). */
  private readonly presence: AgentPresence;
  /** Who sent the frame being handled, for the events it causes (null: the server itself). */
  private actor: Author | null = null;
  /** Internal notes (issue 17): agent-only, beside the messages. */
  private readonly notes: TicketNotes;

  constructor(
    private readonly storage: KVStorage,
    private readonly hooks: TicketRoomHooks,
  ) {
    const fetchOut: typeof fetch = (...args) => (hooks.fetch ?? fetch)(...args);
    this.deliveries = new DeliveryQueue(storage, {
      now: hooks.now,
      fetch: fetchOut,
      ...(hooks.deliveryTimeoutMs ? { timeoutMs: hooks.deliveryTimeoutMs } : {}),
      settled: (tag, outcome) => this.sms.settled(tag, outcome),
    });
    this.email = new EmailNotifier(storage, { ...hooks, timings: hooks.emailTimings, sendOut: (request) => this.sendOut(request) });
    const shopperOnline = () => [...hooks.peers()].some((p) => p.role === 'shopper');
    this.replyNotice = new ReplyNotice(storage, { ...hooks, shopperOnline, delayMs: hooks.emailTimings?.replyNoticeMs, sendOut: (request) => this.sendOut(request) });
    this.pacing = new Pacing({
      now: () => hooks.now(),
      hello: (p, lastSeq) => this.handle(p, { type: 'hello', lastSeq }),
      typing: (p, active) => (this.broadcast({ type: 'typing', role: p.role, active, ...(p.name ? { name: p.name } : {}) }, p), this.presence.typing(p, active)),
      ...(hooks.sendBudget ? { sendBudget: hooks.sendBudget } : {}),
    });
    this.presence = new AgentPresence(() => hooks.peers());
    this.turns = {
      now: () => hooks.now(),
      responder: (settings) => hooks.responder?.(settings) ?? new RetrievalResponder(settings),
      append: (author, body, choices) => this.append(author, body, [], undefined, { choices }),
      orders: async () => {
        const customer = this.meta?.ticket.customer;
        if (!customer || customer.id.startsWith('anon:')) return null;
        return hooks.orders ? hooks.orders(this.meta!.ticket.shop, customer.id) : [];
      },
      transcript: () => shopperVisibleMessages(storage),
      sendOut: (request) => this.sendOut(request),
      notify: (event) => this.notify(event),
      commit: (meta) => this.commit(meta, true),
    };
    this.notes = new TicketNotes(storage, { now: () => hooks.now(), newId: () => hooks.newId(), peers: () => hooks.peers() });
    this.sms = new SmsThread({
      storage, now: () => hooks.now(), newId: () => hooks.newId(), fetch: fetchOut, run: (task) => this.run(task), load: () => this.load(),
      begin: (init) => (this.meta = newMeta(init, hooks.now())),
      append: (author, body, attachments, clientId) => this.append(author, body, attachments, clientId),
      broadcast: (frame) => this.broadcast(frame), sendOut: (request) => this.sendOut(request), notify: (event) => this.notify(event),
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
      const meta = (this.meta = newMeta(init, this.hooks.now()));
      const author: Author = { role: 'shopper', ...(init.customer ? { id: init.customer.id } : {}) };
      if (init.customer?.name) author.name = init.customer.name;
      // No upload can precede the ticket: a first message carries none (the chats route refuses them).
      const attachments = (await claimUploads(this.storage, init.id, init.first.attachments ?? [], 'shopper')) ?? [];
      const message = await this.append(author, init.first.body, attachments, init.first.clientId);
      await this.notify('ticket.created');
      await this.shopperWrote(meta, init.first.body);
      return { ticket: meta.ticket, message };
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
      p.send(errorFrame(decoded.error.code, decoded.error.message, refusedClientId(raw)));
      return Promise.resolve();
    }
    const frame = decoded.frame;
    // Typing is ephemeral: it needs no storage and must not wait behind writes.
    if (frame.type === 'typing') {
      this.pacing.typing(p, frame.active);
      return Promise.resolve();
    }
    if (frame.type === 'hello') return this.pacing.hello(p, frame.lastSeq);
    return this.handle(p, frame);
  }

  /** Forgets a closed connection's pacing (and what it held back). */
  leave(connectionId: string): void {
    this.pacing.leave(connectionId);
    this.presence.left(connectionId);
  }

  /** The ticket with its revision, for re-sending to the shop's index after a restart. */
  snapshot(): Promise<{ ticket: Ticket; revision: number } | null> {
    return this.run(async () => {
      const meta = await this.load();
      return meta ? { ticket: meta.ticket, revision: meta.revision } : null;
    });
  }

  /** Applies a due snooze expiry, sends due team e-mails and tries due deliveries; returns the next time this must run, or null. */
  async wake(): Promise<number | null> {
    const [snooze, delivery, sweep, email, notice] = await Promise.all([
      this.wakeSnooze(),
      this.deliveries.run(),
      // In the frame queue: a send claiming an upload never races its removal.
      this.run(() => sweepUploads(this.storage, this.hooks.now())),
      this.run(async () => ((await this.load()) ? this.email.wake(this.meta!) : null)),
      this.run(async () => ((await this.load()) ? this.replyNotice.wake(this.meta!) : null)),
    ]);
    const due = [snooze, delivery, sweep, email, notice].filter((t): t is number => t !== null);
    return due.length ? Math.min(...due) : null;
  }

  /** The revision of the shop settings this ticket follows (0 before the first). */
  async settingsRevision(): Promise<number> {
    return (await this.load())?.settingsRevision ?? 0;
  }

  /**
   * Follows newly saved settings from the next message on (R12). A ticket the AI agent
   * is answering goes to the team, with a notice in the thread, when the agent is
   * switched off.
   */
  applySettings(settings: TicketSettings): Promise<void> {
    return this.run(async () => {
      const meta = await this.load();
      if (!meta) return;
      const outcome = applySavedSettings(meta, settingsIn(settings, meta.lang));
      if (outcome === 'ai_off') return handToTeam(this.turns, meta, 'ai_disabled');
      if (outcome === 'applied') await this.storage.put('meta', meta);
    });
  }

  /** Privacy webhooks (privacy-ticket.ts): `task` rewrites the storage between frames; the room then reads it anew. */
  rewrite<T>(task: (storage: KVStorage, meta: TicketMeta | null) => Promise<T>): Promise<T> {
    return this.run(() => this.load().then((meta) => task(this.storage, meta)).finally(() => (this.meta = null)));
  }

  /** Outbound requests not yet acknowledged. */
  pendingDeliveries(): ReturnType<DeliveryQueue['pending']> {
    return this.deliveries.pending();
  }

  /** The shopper's "E-mail me this conversation" (email/transcript.ts), in the queue: twenty at once send one. */
  emailTranscript(): Promise<TranscriptOutcome> {
    const visible = () => shopperVisibleMessages(this.storage);
    return this.run(async () => emailTranscript({ storage: this.storage, meta: await this.requireMeta(), shopperVisibleMessages: visible, now: this.hooks.now(), sendOut: (r) => this.sendOut(r) }));
  }

  /** Appends a message authored by the server side (AI, system notices). */
  post(author: Author, body: string, attachments: Attachment[] = []): Promise<Message> {
    return this.run(async () => {
      await this.requireMeta();
      return this.append(author, body, attachments);
    });
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
      return snoozeEnd(meta);
    });
  }

  private handle(p: Participant, frame: QueuedFrame): Promise<void> {
    const actor: Author = { role: p.role, id: p.userId, ...(p.name ? { name: p.name } : {}) };
    return this.run(() => ((this.actor = actor), this.dispatch(p, frame).finally(() => (this.actor = null)))).catch((err: unknown) => {
      p.send({ type: 'error', code: 'bad_frame', message: 'The frame could not be handled.' });
      console.error('ticket room: frame failed', err);
    });
  }

  private async dispatch(p: Participant, frame: QueuedFrame): Promise<void> {
    const meta = await this.load();
    if (!meta) return p.send(errorFrame('not_found', 'This ticket does not exist.'));
    if (frame.type === 'hello') return this.sync(p, frame.lastSeq).then(() => this.agentJoined(p));
    if (frame.type === 'send') {
      // A repeated clientId is acked, not charged and not stored again (DESIGN §7).
      const known = await this.storage.get<{ seq: number; id: string }>(dedupeKey(frame.clientId));
      if (known) return p.send({ type: 'ack', clientId: frame.clientId, ...known });
    }
    if (!this.pacing.take(p)) {
      return p.send(errorFrame('rate_limited', 'Too many frames: slow down.', frame.type === 'send' ? frame.clientId : undefined));
    }
    switch (frame.type) {
      case 'send':
        return this.send(p, meta, frame);
      case 'read':
        return this.read(p, meta, frame.seq);
      case 'history':
        return this.history(p, frame);
      case 'end':
        if (p.role !== 'shopper') return p.send(errorFrame('forbidden', 'Only the shopper ends a chat; agents close it.'));
        return this.setStatus(p, meta, 'closed');
      case 'status':
        if (p.role !== 'agent') return p.send(errorFrame('forbidden', 'Only agents change a ticket status.'));
        return this.setStatus(p, meta, frame.status, frame.snoozeUntil);
      case 'assign': {
        const outcome = applyAssign(p, meta, frame.agentId, (await this.hooks.team?.(meta.ticket.shop)) ?? []);
        if (outcome === 'changed') return this.commit(meta, true);
        return p.send(outcome === 'unchanged' ? { type: 'ticket', ticket: meta.ticket } : errorFrame(outcome.code, outcome.message));
      }
      case 'note':
        return this.notes.write(p, meta, frame);
      case 'context': {
        const outcome = applyContext(meta, p.role, frame.context);
        if (outcome === 'changed') return this.commit(meta, true, false);
        if (outcome !== 'same') p.send(errorFrame(outcome.code, outcome.message));
        return;
      }
      case 'rate':
        // Rating is not activity: the closed ticket keeps its place in the inbox list.
        return rate({ now: () => this.hooks.now(), commit: (m) => this.commit(m, true, false), notify: () => this.notify('ticket.rated') }, p, meta, frame);
    }
  }

  /** An agent's hello: the ticket's events, and who else is here (issue 17); the shopper gets neither. */
  private async agentJoined(p: Participant): Promise<void> {
    if (p.role !== 'agent') return;
    p.send({ type: 'events', events: await storedEvents(this.storage) });
    this.presence.joined(p);
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
    await this.notes.replay(p);
  }

  private async send(p: Participant, meta: TicketMeta, frame: FrameOf<ClientFrame, 'send'>): Promise<void> {
    // As over HTTP (POST chats): a message needs text or an image.
    if (isBlankBody(frame.body) && !frame.attachments?.length) {
      return p.send(errorFrame('bad_frame', 'A message needs text or an image.', frame.clientId));
    }
    if (meta.ticket.status === 'closed') {
      return p.send(errorFrame('ticket_closed', 'This chat has ended. Start a new one to write again.', frame.clientId));
    }
    // An agent's reply on an SMS ticket goes to a phone: its limits first, nothing stored when refused.
    const sms = meta.ticket.channel === 'sms' && p.role === 'agent';
    const refused = sms ? this.sms.refusal(meta, frame) : null;
    if (refused) return p.send(errorFrame(refused.code, refused.message, frame.clientId));
    // Images staged before the merchant switched them off do not go either: the upload route
    // checked the setting then, this checks it now (issue 17 B1). Asked only when images come.
    if (p.role === 'shopper' && frame.attachments?.length && !((await this.hooks.shopperAttachments?.(meta.ticket.shop)) ?? true)) {
      return p.send(errorFrame('attachments_off', 'This shop does not take images in its chats.', frame.clientId));
    }
    const attachments = await claimUploads(this.storage, meta.ticket.id, frame.attachments ?? [], sideOf(p.role));
    if (!attachments) return p.send(errorFrame('bad_frame', 'Attachments must be images uploaded to this chat.', frame.clientId));
    const author: Author = { role: p.role, id: p.userId, ...(p.name ? { name: p.name } : {}) };
    const message = await this.append(author, frame.body, attachments, frame.clientId, { texted: sms });
    p.send({ type: 'ack', clientId: frame.clientId, seq: message.seq, id: message.id });
    if (sms) await this.sms.send(meta, message);
    if (p.role === 'shopper') await this.shopperWrote(meta, frame.body);
  }

  /** What the server says back to a shopper's message: the away reply (R9), then the AI agent (R10). */
  private async shopperWrote(meta: TicketMeta, body: string): Promise<void> {
    const away = dueAwayReply(meta, this.hooks.now());
    if (away !== null) await this.append(awayAuthor(), awayText(meta, away), []);
    await aiTurn(this.turns, meta, body);
  }

  /** Stores a message with its seq and ticket changes in one write, then broadcasts it. */
  private async append(author: Author, body: string, attachments: Attachment[], clientId?: string, extra: { texted?: boolean; choices?: Choice[] } = {}): Promise<Message> {
    const meta = this.meta!;
    const before = summary(meta.ticket);
    const seq = meta.lastSeq + 1;
    const message: Message = { id: this.hooks.newId(), seq, author, body, attachments, createdAt: iso(this.hooks.now()) };
    if (clientId) message.clientId = clientId;
    if (extra.texted) message.delivery = { state: 'sending' };
    if (extra.choices?.length) message.choices = extra.choices;
    applyMessage(meta, message);
    const logged = changeEvents(meta, this.actor ?? author, this.hooks.now(), this.hooks.newId);
    const entries: Record<string, unknown> = { [messageKey(seq)]: message, meta, ...logged.entries };
    if (clientId) entries[dedupeKey(clientId)] = { seq, id: message.id };
    try {
      await this.storage.put(entries);
    } catch (err) {
      this.meta = null; // reload the stored truth next time
      throw err;
    }
    this.broadcast({ type: 'message', message });
    if (summary(meta.ticket) !== before) this.broadcast({ type: 'ticket', ticket: meta.ticket });
    if (logged.events.length) sendToAgents(this.hooks.peers(), { type: 'events', events: logged.events });
    // The message's words go to the shop's search index (issue 17); a system notice's are not the conversation's.
    this.hooks.changed?.(meta.ticket, meta.revision, author.role === 'system' ? undefined : { seq, body });
    if (author.role !== 'system') await this.notify('message.created', message);
    if (author.role === 'agent') await this.replyNotice.agentReplied(meta, message);
    return message;
  }

  private async read(p: Participant, meta: TicketMeta, seq: number): Promise<void> {
    const upTo = applyRead(meta, p.role, seq);
    if (upTo === null) return;
    // Reading is not activity: the ticket keeps its place and time in the inbox list.
    await this.commit(meta, false, false);
    this.broadcast({ type: 'receipt', role: p.role, seq: upTo });
  }

  private async history(p: Participant, frame: FrameOf<ClientFrame, 'history'>): Promise<void> {
    const before = Math.min(frame.beforeSeq, this.meta!.lastSeq + 1);
    const from = Math.max(1, before - frame.limit);
    const page = await this.storage.list<Message>({ start: messageKey(from), end: messageKey(before) });
    p.send({ type: 'history', messages: [...page.values()], hasMore: from > 1 });
  }

  private async setStatus(p: Participant, meta: TicketMeta, status: TicketStatus, snoozeUntil?: string): Promise<void> {
    const refused = applyStatus(meta, status, snoozeUntil, this.hooks.now());
    if (refused) return p.send(errorFrame(refused.code, refused.message));
    if (status === 'closed') meta.ticket.closedBy = closer(p);
    await this.commit(meta, true);
    if (status === 'closed') await this.notify('ticket.closed');
  }

  /** Stores the ticket's meta after a change that adds no message; `touch` marks it as activity (`updatedAt`). */
  private async commit(meta: TicketMeta, announce: boolean, touch = true): Promise<void> {
    revise(meta, this.hooks.now(), touch);
    const logged = changeEvents(meta, this.actor, this.hooks.now(), this.hooks.newId);
    await this.storage.put({ meta, ...logged.entries });
    if (announce) this.broadcast({ type: 'ticket', ticket: meta.ticket });
    if (logged.events.length) sendToAgents(this.hooks.peers(), { type: 'events', events: logged.events });
    this.hooks.changed?.(meta.ticket, meta.revision);
  }

  /** R14: a signed notification webhook for this event, if the shop wants it. */
  private async notify(event: NotificationEvent, message?: Message): Promise<void> {
    await this.email.event(this.meta!, event, message);
    const n = this.meta?.notifications;
    if (!n?.webhookUrl || !n.secret || !n.events.includes(event)) return;
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

  private async load(): Promise<TicketMeta | null> {
    this.meta ??= (await this.storage.get<TicketMeta>('meta')) ?? null;
    if (this.meta && expireSnooze(this.meta, this.hooks.now())) this.reopened = true;
    return this.meta;
  }

  private async requireMeta(): Promise<TicketMeta> {
    const meta = await this.load();
    if (!meta) throw new Error('ticket does not exist');
    return meta;
  }

  private broadcast(frame: ServerFrame, except?: Participant): void {
    sendAll(except ? [...this.hooks.peers()].filter((peer) => peer.id !== except.id) : this.hooks.peers(), frame);
  }
}
