/**
 * The delivery engine of one ticket at a time (DESIGN §7), the same for the shopper's
 * widget and the team's inbox: the connection, resume with `hello {lastSeq}` and
 * resync on a hole, the seq window and `loadOlder`, the outbox pump (one message in
 * flight, paced resends, rate-limit pauses), acks, receipts and typing.
 * Private members are `#private` here and across src/client and src/transports: esbuild
 * shortens their names, which keeps the widget within its size budget (a departure from
 * STYLE.md's TypeScript `private`, for size).
 */
import { atom } from 'nanostores';
import type { ClientFrame, FrameOf, Message, Receipts, ServerFrame, Ticket, TicketStatus } from '../protocol/index.js';
import type { ConnectionState, SocketRefusal, TicketConnection } from '../transports/types.js';
import { Emitter } from './emitter.js';
import { chatError } from './errors.js';
import { countUnread, isTheirs, projectMessages, type AckedSend, type ChatMessage } from './message-list.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { SendQueue } from './send-queue.js';
import { SeqWindow } from './seq-window.js';
import type { ClientConnection, TicketThreadEvents, TicketThreadOptions } from './thread-types.js';
import { Timers } from './timers.js';
import { Typing } from './typing.js';

export type { ClientConnection, TicketThreadEvents, TicketThreadOptions } from './thread-types.js';

const HELLO_RETRY_MS = 5000;
const READ_INTERVAL_MS = 500;

/**
 * One ticket's delivery engine.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class TicketThread {
  readonly $ticket = atom<Ticket | null>(null);
  readonly $messages = atom<ChatMessage[]>([]);
  readonly $connection = atom<ClientConnection>('idle');
  readonly $unread = atom(0);
  readonly #typing = new Typing();
  readonly $typing = this.#typing.$typing;
  /** Whether older messages than the first loaded one exist (`loadOlder`). */
  readonly $hasOlder = atom(false);
  readonly events = new Emitter<TicketThreadEvents>();
  /** The persisted unsent messages; null until the owner knows whose they are. */
  outbox: Outbox | null = null;
  /** Sends that failed: shown as such, skipped by the pump until retried. */
  readonly failed = new Set<string>();
  /** The first sync of this connection came: sends may go. */
  synced = false;

  readonly #window = new SeqWindow();
  /** Acked sends whose message frame has not arrived yet: still shown, as sent. */
  #acked = new Map<string, AckedSend>();
  #receipts: Receipts = { shopper: 0, agent: 0 };
  /** A replay was asked for and its sync has not come yet. */
  #resyncing = false;
  #connection: TicketConnection | null = null;
  /** Bumped by every connect and disconnect: frames and states of an older connection are ignored. */
  #generation = 0;
  /** Redials since the last sync: the backoff's exponent. */
  #redials = 0;
  #reauthTried = false;
  #pendingEnd = false;
  #loadingOlder = false;
  readonly #timers = new Timers();
  readonly #queue: SendQueue;
  #readSentAt = -Infinity;
  #readPending = false;

  readonly #options: TicketThreadOptions;

  constructor(options: TicketThreadOptions) {
    this.#options = options;
    this.#queue = new SendQueue(this, this.#timers, options.ackTimeoutMs, options.resendIntervalMs);
  }

  /**
   * Takes up a ticket; another one than held starts from nothing. Ticketless outbox
   * entries belong to it from now on. `open` connects.
   */
  adopt(ticket: Ticket): void {
    if (this.$ticket.get()?.id !== ticket.id) {
      this.#disconnect();
      this.#window.restart(ticket.lastMessage?.seq ?? 0, this.#options.initialWindow);
      this.#receipts = { shopper: 0, agent: 0 };
    }
    this.$ticket.set(ticket);
    for (const e of this.outbox?.all() ?? []) if (!e.ticketId) this.outbox!.update(e.clientId, { ticketId: ticket.id });
  }

  /** Connects to the adopted ticket, unless connected already. */
  open(): void {
    const ticket = this.$ticket.get();
    if (ticket && !this.#connection) this.#connect(ticket);
    this.refresh();
  }

  /** Drops the ticket and all it held, for a fresh start. */
  reset(): void {
    this.#disconnect();
    this.$ticket.set(null);
    this.#window.clear();
    this.#acked.clear();
    this.#receipts = { shopper: 0, agent: 0 };
    this.#pendingEnd = false;
    this.$hasOlder.set(false);
    this.$typing.set(null);
  }

  /** Forgets the failures and pending acks of a customer who logged out. */
  forgetSends(): void {
    this.failed.clear();
    this.#queue.clearAckTimers();
  }

  /** Queues a message behind the others, so order holds. */
  enqueue(entry: OutboxEntry): void {
    this.#queue.enqueue(entry);
  }

  /** Makes a failed message sendable again; the caller queues it (or creates its chat). */
  unfail(clientId: string): void {
    this.failed.delete(clientId);
    this.#queue.release(clientId);
    this.refresh();
  }

  markFailed(clientId: string): void {
    this.failed.add(clientId);
    this.refresh();
  }

  /** Another tab changed the outbox: show its messages, and send them from here as well. */
  takeUpOutbox(): void {
    this.refresh();
    const ticketId = this.$ticket.get()?.id;
    if (!this.synced || !ticketId) return;
    for (const entry of this.outbox?.all() ?? []) {
      if (entry.ticketId === ticketId && !this.#queue.isInFlight(entry.clientId) && !this.failed.has(entry.clientId)) this.enqueue(entry);
    }
  }

  /**
   * Tells the other side this one has read everything shown (R17). At most one `read`
   * frame per half second (the rate limit refills 2 a second): a burst of messages
   * read at once is one receipt, sent when the burst is over.
   */
  markRead(): void {
    const last = this.#window.last();
    const side = this.#options.side;
    if (!last || last <= this.#receipts[side] || this.$connection.get() !== 'open') return;
    const wait = this.#readSentAt + READ_INTERVAL_MS - Date.now();
    if (wait > 0) {
      if (!this.#readPending) this.#timers.later(() => ((this.#readPending = false), this.markRead()), wait);
      this.#readPending = true;
      return;
    }
    this.#readSentAt = Date.now();
    this.#receipts[side] = last;
    this.#connection?.send({ type: 'read', seq: last });
    this.refresh();
  }

  /** Tells the other side this one is typing; throttled. */
  setTyping(active: boolean): void {
    if (!this.#connection || this.$connection.get() !== 'open') return;
    if (this.#typing.shouldSend(active)) this.#connection.send({ type: 'typing', active });
  }

  /** Ends the chat (R8), once synced. */
  endChat(): void {
    const ticket = this.$ticket.get();
    if (!ticket || ticket.status === 'closed') return;
    this.#pendingEnd = true;
    this.flush();
  }

  /** Sets the ticket's status (R15); false when the ticket is not live. */
  setStatus(status: TicketStatus, snoozeUntil?: string): boolean {
    return this.sendNow({ type: 'status', status, ...(snoozeUntil ? { snoozeUntil } : {}) });
  }

  /** Sends a frame that is not worth keeping for later (a status, a rating); false when the ticket is not synced. */
  sendNow(frame: ClientFrame): boolean {
    if (!this.synced || !this.#connection) return false;
    this.#connection.send(frame);
    return true;
  }

  /** Loads the page of messages before the first one shown. */
  loadOlder(): void {
    const first = this.#window.first();
    if (!first || first <= 1 || this.#loadingOlder || this.$connection.get() !== 'open') return;
    this.#loadingOlder = true;
    this.#connection?.send({ type: 'history', beforeSeq: first, limit: 50 });
  }

  /** Keeps a stored message; one of ours is delivered. */
  store(message: Message): void {
    this.#window.put(message);
    if (message.clientId) {
      this.#acked.delete(message.clientId);
      this.outbox?.remove(message.clientId);
      this.#queue.clearAckTimer(message.clientId);
      this.#queue.settle(message.clientId);
    }
  }

  /** Recomputes `$messages` and `$unread` from what the thread holds. */
  refresh(): void {
    const ticketId = this.$ticket.get()?.id ?? null;
    this.$messages.set(
      projectMessages({
        side: this.#options.side,
        stored: this.#window.values(),
        acked: this.#acked,
        pending: (this.outbox?.all() ?? []).filter((e) => e.ticketId === ticketId || e.ticketId === null),
        failed: this.failed,
        receipts: this.#receipts,
        authorName: this.#options.authorName(),
      }),
    );
    const unread = countUnread(this.#options.side, this.#window.values(), this.#receipts);
    if (unread !== this.$unread.get()) this.$unread.set(unread);
  }

  /** Closes the connection and stops every timer; the thread is done. */
  destroy(): void {
    // Disconnecting bumps the generation: nothing of the old connection, and no redial or
    // re-authorization begun before, acts after this.
    this.#disconnect();
    this.#timers.clear();
    this.#queue.clearAckTimers();
    this.#typing.stop();
    this.events.clear();
  }

  // ---- connection ----

  #connect(ticket: Ticket): void {
    this.synced = false;
    const generation = ++this.#generation;
    const connection = this.#options.connect(ticket.id, {
      frame: (f) => generation === this.#generation && this.#onFrame(f),
      state: (s, refusal) => generation === this.#generation && this.#onState(s, refusal),
    });
    if (generation === this.#generation) this.#connection = connection;
  }

  #disconnect(): void {
    const c = this.#connection;
    this.#connection = null;
    this.#generation++;
    this.synced = false;
    this.#queue.drop();
    c?.close();
    this.$connection.set('idle');
  }

  #onState(state: ConnectionState, refusal?: SocketRefusal): void {
    if (!this.#connection) return;
    this.synced = false;
    this.#resyncing = false;
    // Whatever was in flight is answered on the old socket or never: the next sync resends it.
    this.#queue.lost();
    if (state === 'unauthorized') return void this.#reauthorize(refusal);
    if (state === 'closed') return this.#redial();
    this.$connection.set(state);
    if (state === 'open') this.#sayHello();
  }

  /**
   * A transport reported `closed`: its connection is over, and the client makes the next
   * one (the transport contract), after 1 s, 2 s, … up to 30 s with jitter, back to 1 s
   * once a sync came. A transport that reconnects by itself reports `connecting` instead.
   */
  #redial(): void {
    const ticket = this.$ticket.get()!;
    const old = this.#connection;
    this.#connection = null;
    const generation = ++this.#generation;
    old?.close();
    this.$connection.set('connecting');
    const delay = Math.min(30_000, 1000 * 2 ** this.#redials++) * (0.5 + Math.random() / 2);
    this.#timers.later(() => generation === this.#generation && this.#connect(ticket), delay);
  }

  /** Resume: the room replays whatever came after what we hold whole (DESIGN §7). Asked again if no sync comes. */
  #sayHello(): void {
    const connection = this.#connection;
    connection?.send({ type: 'hello', lastSeq: this.#window.contiguous() });
    this.#timers.later(() => {
      if (!this.synced && this.#connection === connection && this.$connection.get() === 'open') this.#sayHello();
    }, HELLO_RETRY_MS);
  }

  /** On a refused socket, renew the credentials once, then stop and report. */
  async #reauthorize(refusal?: SocketRefusal): Promise<void> {
    const ticket = this.$ticket.get();
    this.#connection = null;
    if (this.#reauthTried || !ticket) {
      this.$connection.set('unauthorized');
      // A page that may not open the chat stays so after a reload: never tell the shopper to reload.
      this.events.emit('error', chatError(refusal === 'forbidden' ? 'forbidden' : 'unauthorized'));
      return;
    }
    this.#reauthTried = true;
    this.$connection.set('connecting');
    // Another ticket, a reset or `destroy` since then bumped the generation.
    const generation = this.#generation;
    try {
      await this.#options.reauthorize();
    } catch {
      // Reconnecting below reports the refusal if the new credentials did not help.
    }
    if (generation === this.#generation) this.#connect(ticket);
  }

  // ---- frames ----

  #onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'sync':
        return this.#onSync(frame);
      case 'message': {
        const before = this.#window.contiguous();
        this.store(frame.message);
        this.refresh();
        this.#announce([frame.message]);
        // A hole before this message (a frame lost with a connection): ask for it again.
        if (this.synced && before > 0 && frame.message.seq > before + 1) this.#resync();
        return;
      }
      case 'ack':
        return this.#onAck(frame);
      case 'receipt':
        this.#receipts[frame.role] = Math.max(this.#receipts[frame.role], frame.seq);
        return this.refresh();
      case 'typing':
        if (frame.role !== this.#options.side) this.#typing.received(frame);
        return;
      case 'ticket':
        return this.#onTicket(frame.ticket);
      case 'history':
        this.#loadingOlder = false;
        for (const m of frame.messages) this.store(m);
        this.$hasOlder.set(frame.hasMore);
        return this.refresh();
      case 'error':
        return this.#onError(frame);
    }
  }

  /** Asks for a replay from what we hold whole; one at a time, a burst of frames must not become a burst of replays. */
  #resync(): void {
    if (this.#resyncing) return;
    this.#resyncing = true;
    this.#connection?.send({ type: 'hello', lastSeq: this.#window.contiguous() });
    // Should that sync never come, the next hole asks again.
    this.#timers.later(() => (this.#resyncing = false), HELLO_RETRY_MS);
  }

  #onSync(frame: FrameOf<ServerFrame, 'sync'>): void {
    this.#resyncing = false;
    this.#redials = 0;
    for (const m of frame.messages) this.store(m);
    this.#announce(frame.messages);
    for (const role of ['shopper', 'agent'] as const) this.#receipts[role] = Math.max(this.#receipts[role], frame.receipts[role]);
    this.#onTicket(frame.ticket);
    // Seqs start at 1: a first seq is never 0.
    const first = this.#window.first();
    if (first) this.$hasOlder.set(first > 1);
    this.refresh();
    if (frame.hasMore) {
      this.#connection?.send({ type: 'hello', lastSeq: this.#window.contiguous() });
      return;
    }
    this.synced = true;
    this.#reauthTried = false;
    this.#scheduleResend();
    this.flush();
  }

  #onAck(frame: FrameOf<ServerFrame, 'ack'>): void {
    const entry = this.outbox?.get(frame.clientId);
    this.#queue.acked(frame.clientId);
    if (!entry) return;
    this.outbox!.remove(frame.clientId);
    this.failed.delete(frame.clientId);
    if (!this.#window.has(frame.seq)) this.#acked.set(frame.clientId, { seq: frame.seq, entry });
    // The room broadcasts before it acks: a missing message, ours or one before it, was
    // lost with a connection. Ask for a replay.
    if (frame.seq > this.#window.contiguous()) this.#resync();
    this.refresh();
  }

  #onTicket(ticket: Ticket): void {
    const was = this.$ticket.get();
    if (was && was.id !== ticket.id) return;
    this.$ticket.set(ticket);
    if (ticket.status === 'closed') {
      this.#pendingEnd = false;
      this.events.emit('closed', { ticket, was });
    }
  }

  #onError(frame: FrameOf<ServerFrame, 'error'>): void {
    if (frame.clientId && this.outbox?.get(frame.clientId)) {
      this.#queue.clearAckTimer(frame.clientId);
      // A rate limit is the one refusal worth sending the same message again for.
      if (frame.code === 'rate_limited') return this.#queue.limited(frame.clientId);
      // Images that can never go (the shop no longer takes them; swept or not this chat's:
      // bad_frame; the chat closed, and a new chat's first message carries none) do not go
      // again: a Retry sends the text alone (an images-only message leaves the thread; the
      // error says why). Issue 17 B1.
      if (frame.code === 'attachments_off' || frame.code === 'bad_frame' || frame.code === 'ticket_closed') {
        const { body } = this.outbox.get(frame.clientId)!;
        if (body) this.outbox.update(frame.clientId, { attachments: undefined });
        else this.outbox.remove(frame.clientId);
      }
      this.markFailed(frame.clientId);
      this.#queue.settle(frame.clientId);
      if (frame.code === 'ticket_closed') {
        const t = this.$ticket.get();
        if (t && t.status !== 'closed') this.#onTicket({ ...t, status: 'closed' });
      }
    }
    if (frame.code === 'ticket_closed' && !frame.clientId) this.#pendingEnd = false;
    this.events.emit('error', { code: frame.code, message: frame.message });
  }

  // ---- delivery ----

  /** The send queue's: no ack on a socket that looks alive: resync, which resends the outbox from this message on. */
  ackTimedOut(clientId: string): void {
    this.markFailed(clientId);
    // It stays in flight until that sync, so no later message overtakes it.
    if (this.synced) this.#connection?.send({ type: 'hello', lastSeq: this.#window.contiguous() });
  }

  /** After every sync, resend what is still unacked, in order and paced (DESIGN §7). */
  #scheduleResend(): void {
    for (const id of this.#queue.resendAll()) this.failed.delete(id);
    this.#queue.pump();
    this.refresh();
  }

  /**
   * Sends what waits for a sync: the page's context (`setContext`; again after each
   * reconnect, which the room ignores when unchanged), then the end.
   */
  flush(): void {
    if (!this.synced || this.$ticket.get()?.status === 'closed') return;
    const context = this.#options.context?.();
    if (context) this.#connection?.send({ type: 'context', context });
    if (this.#pendingEnd) this.#connection?.send({ type: 'end' });
  }

  /** Fires `message` once for each message from someone else that is new to this page. */
  #announce(messages: readonly Message[]): void {
    for (const m of this.#window.fresh(messages)) if (isTheirs(this.#options.side, m)) this.events.emit('message', m);
  }
}
