/**
 * The headless chat core (DESIGN §1, §7): per-instance stores and actions over any
 * `ChatTransport`. It owns delivery: a persisted outbox with client-made ids,
 * resume with `hello {lastSeq}`, ordering by seq and dedupe, per-message states.
 * No DOM rendering: a merchant can build another UI on it.
 */
import { atom } from 'nanostores';
import {
  MAX_BODY_CHARS,
  type Attachment,
  type Choice,
  type Author,
  type Message,
  type Receipts,
  type ServerFrame,
  type Session,
  type StartedChat,
  type Ticket,
  type TicketStatus,
  type WidgetConfig,
  type FrameOf,
} from '../protocol/index.js';
import { TransportError, type ChatTransport, type ConnectionState, type SocketRefusal, type TicketConnection } from '../transports/types.js';
import { Outbox, type KeyValueStore, type OutboxEntry } from './outbox.js';

export type View = 'loading' | 'hidden' | 'login' | 'faq' | 'welcome' | 'thread' | 'ended' | 'error';
export type DeliveryState = 'sending' | 'sent' | 'seen' | 'failed';
export type ClientConnection = 'idle' | ConnectionState;

/** A message as the UI shows it: stored ones have a seq, the shopper's own a delivery state. */
export interface ChatMessage {
  /** Stable across the sending → stored transition (the clientId when there is one). */
  key: string;
  id?: string;
  seq?: number;
  clientId?: string;
  author: Author;
  body: string;
  attachments: Attachment[];
  /** AI messages: replies the shopper can pick (issue 18). */
  choices?: Choice[];
  createdAt: string;
  state?: DeliveryState;
}

export interface ChatError {
  code: string;
  message: string;
}

export interface ChatClientEvents {
  message: Message;
  'ticket-created': Ticket;
  'chat-ended': Ticket;
  error: ChatError;
}

export interface ChatClientOptions {
  transport: ChatTransport;
  /**
   * Where the outbox and the draft persist; default `localStorage`. `sessionStorage`
   * until the page allows more (cookie consent), or null for memory only.
   */
  storage?: KeyValueStore | null;
  /** Namespace of the persisted keys; use one per shop. Everything under it is kept per customer. */
  storageKey?: string;
  /** Declare a sent message failed when no ack came within this time. */
  ackTimeoutMs?: number;
  /** Spacing of outbox resends after a sync (DESIGN §7: at most 10 per second). */
  resendIntervalMs?: number;
  /** How many recent messages to load when a chat is restored; older ones come with `loadOlder`. */
  initialWindow?: number;
  /**
   * Whose side of the ticket this client is on: the shopper's (the widget), or the
   * team's (the inbox joins a ticket with an agent token through the same delivery core).
   */
  side?: Side;
}

export type Side = 'shopper' | 'agent';

const TYPING_THROTTLE_MS = 3000;
const TYPING_TIMEOUT_MS = 8000;
const RETRYABLE_FRAME_ERRORS = new Set(['rate_limited']);
/** The pause after a rate limit; doubled while the first send after a pause is refused too. */
const RATE_LIMIT_PAUSE_MS = 2000;
const RATE_LIMIT_PAUSE_MAX_MS = 16_000;
const HELLO_RETRY_MS = 5000;
/** Retries of a first message that could not reach the server: 1 s, doubling up to 30 s. */
const CREATE_RETRY_MS = 1000;
const CREATE_RETRY_MAX_MS = 30_000;
const READ_INTERVAL_MS = 500;

export class ChatClient {
  readonly $config = atom<WidgetConfig | null>(null);
  readonly $session = atom<Session | null>(null);
  readonly $ticket = atom<Ticket | null>(null);
  readonly $messages = atom<ChatMessage[]>([]);
  readonly $connection = atom<ClientConnection>('idle');
  readonly $unread = atom(0);
  readonly $typing = atom<{ role: Author['role']; name?: string } | null>(null);
  readonly $view = atom<View>('loading');
  readonly $error = atom<ChatError | null>(null);
  /** Whether older messages than the first loaded one exist (`loadOlder`). */
  readonly $hasOlder = atom(false);
  /** Whether the browser says it is online (`navigator.onLine`); always true where there is no browser. */
  readonly $online = atom(true);
  /**
   * Whether this client leads among the tabs of this shopper (`navigator.locks`): of
   * several tabs showing one chat, only the leader should play sounds or notify.
   * Always true where there are no locks.
   */
  readonly $leader = atom(false);

  private readonly transport: ChatTransport;
  private readonly options: Required<Omit<ChatClientOptions, 'transport' | 'storage'>> & { storage: KeyValueStore | null };
  /** The other side: whose receipts make our messages "seen", whose messages are unread. */
  private readonly other: Side;
  private outbox: Outbox | null = null;
  private stored = new Map<number, Message>();
  /** Acked sends whose message frame has not arrived yet: still shown, as sent. */
  private acked = new Map<string, { seq: number; entry: OutboxEntry }>();
  private failed = new Set<string>();
  private receipts: Receipts = { shopper: 0, agent: 0 };
  private announcedSeq = 0;
  /** Messages after this seq are kept whole (0: the whole thread). */
  private windowStart = 0;
  /** A replay was asked for and its sync has not come yet. */
  private resyncing = false;
  private connection: TicketConnection | null = null;
  private reauthTried = false;
  private creating: Promise<void> | null = null;
  private pendingEnd = false;
  private loadingOlder = false;
  private synced = false;
  /** What waits to be sent, in outbox order (DESIGN §7). */
  private resendQueue: string[] = [];
  /** The one message sent and not yet answered: the next waits for its ack (or its refusal). */
  private inFlight: string | null = null;
  private pumpTimer = false;
  private pausedUntil = 0;
  private pauseMs = 0;
  private lastTransmitAt = -Infinity;
  /** A resend after a sync is under way: it is spaced by `resendIntervalMs` (DESIGN §7). */
  private resending = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private typingSentAt = 0;
  private typingClear: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Map<keyof ChatClientEvents, Set<(detail: never) => void>>();
  private destroyed = false;
  private stopConfig: (() => void) | null = null;
  private readSentAt = -Infinity;
  private readPending = false;
  /** The delay before the next try of a first message that could not reach the server (0: none pending). */
  private createDelay = 0;
  private stopOnline: (() => void) | null = null;
  /** Whose data this client stores (the customer id, or ANONYMOUS); null until the session is known. */
  private owner: string | null = null;
  private draftText = '';
  /** Bumped by `logout`: answers to calls made before it are dropped. */
  private epoch = 0;
  private releaseLead: (() => void) | null = null;

  constructor(options: ChatClientOptions) {
    this.transport = options.transport;
    this.options = {
      storage: options.storage === undefined ? defaultStorage() : options.storage,
      storageKey: options.storageKey ?? 'customer-hub-chat',
      ackTimeoutMs: options.ackTimeoutMs ?? 15_000,
      resendIntervalMs: options.resendIntervalMs ?? 100,
      initialWindow: options.initialWindow ?? 50,
      side: options.side ?? 'shopper',
    };
    this.other = this.options.side === 'shopper' ? 'agent' : 'shopper';
  }

  /** A message this side wrote (the team's side: any agent's). */
  private ours(m: { author: Author }): boolean {
    return m.author.role === this.options.side;
  }

  /** A message the other side wrote, which this side has to read. */
  private theirs(m: { author: Author }): boolean {
    return this.options.side === 'shopper' ? m.author.role !== 'shopper' : m.author.role === 'shopper';
  }

  /** Subscribes to a client event; returns the unsubscribe function. */
  on<K extends keyof ChatClientEvents>(type: K, listener: (detail: ChatClientEvents[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as (detail: never) => void);
    return () => set.delete(listener as (detail: never) => void);
  }

  /** Loads config and session, restores an open chat, and delivers any unsent messages. */
  async start(): Promise<void> {
    this.$view.set('loading');
    let config: WidgetConfig;
    let session: Session;
    try {
      [config, session] = await Promise.all([this.transport.getConfig(), this.transport.getSession()]);
    } catch (err) {
      this.fail(err);
      this.$view.set('error');
      return;
    }
    if (this.destroyed) return;
    this.watchOnline();
    this.$config.set(config);
    this.$session.set(session);
    const customer = session.customer;
    this.claimStorage(customer?.id ?? ANONYMOUS);
    const agent = this.options.side === 'agent';
    if (!agent && !this.stopConfig && this.transport.watchConfig) this.stopConfig = this.transport.watchConfig((c) => this.onConfig(c));
    if (!agent && (!config.enabled || (config.loginStatus === 'logged-in' && !customer))) return this.$view.set('hidden');
    // R2 "all": an anonymous visitor browses the FAQ; only starting a chat asks for a login.
    if (!customer) return this.$view.set(this.homeView());
    this.outbox = new Outbox(this.options.storage, this.keyOf('outbox', customer.id));

    let active: StartedChat | null = null;
    const epoch = this.epoch;
    try {
      active = await this.transport.getActiveChat();
    } catch (err) {
      this.fail(err);
    }
    if (this.destroyed || epoch !== this.epoch) return;
    // A chat closed lately is shown read-only (R8) until the shopper leaves it with
    // "Start a new chat"; unsent messages go to a new chat instead (issue 13 #2).
    if (active?.ticket.status === 'closed' && (this.outbox.all().length || safeGet(this.options.storage, this.keyOf('chat', customer.id)) === `-${active.ticket.id}`)) active = null;
    // Unsent messages of a chat that has since closed go to the open chat, or start one.
    // An agent's outbox holds replies to many tickets: each stays with its own.
    if (!agent) for (const e of this.outbox.all()) if (e.ticketId !== (active?.ticket.id ?? null)) this.outbox.update(e.clientId, { ticketId: null });
    if (active) {
      this.adopt(active.ticket);
    } else {
      this.$view.set(this.homeView());
      // A first message that never reached the server: create its chat now.
      const first = this.outbox.all()[0];
      if (first) this.createChat(first);
    }
    this.refreshMessages();
  }

  /** Sends a message; the first one creates the ticket (R6). Returns its clientId. */
  send(text: string, attachments: Attachment[] = []): string | null {
    const body = text.trim();
    if (!body && !attachments.length) return null;
    if (body.length > MAX_BODY_CHARS) {
      this.emitError({ code: 'too_large', message: `A message is at most ${MAX_BODY_CHARS} characters.` });
      return null;
    }
    const customer = this.$session.get()?.customer;
    if (!customer || !this.outbox) {
      this.emitError({ code: 'login_required', message: 'Log in to your account to chat with us.' });
      return null;
    }
    // R8: a closed chat is never reopened; the next message starts a new ticket.
    if (this.$ticket.get()?.status === 'closed') this.startNewChat();
    const ticket = this.$ticket.get();
    const entry: OutboxEntry = {
      clientId: newClientId(),
      body,
      ticketId: ticket?.id ?? null,
      customerId: customer.id,
      createdAt: Date.now(),
    };
    if (attachments.length) entry.attachments = attachments;
    this.outbox.add(entry);
    this.refreshMessages();
    // The oldest message without a ticket creates it, so a later one never jumps ahead.
    if (!ticket) this.createChat(this.outbox.all().find((e) => !e.ticketId) ?? entry);
    else this.enqueue(entry);
    return entry.clientId;
  }

  /** Sends a failed message again. */
  retry(clientId: string): void {
    const entry = this.outbox?.get(clientId);
    if (!entry) return;
    this.failed.delete(clientId);
    if (this.inFlight === clientId) this.inFlight = null;
    this.refreshMessages();
    if (this.$ticket.get()?.status === 'closed' || !entry.ticketId) {
      if (this.$ticket.get()?.status === 'closed') this.startNewChat();
      this.outbox!.update(clientId, { ticketId: null });
      this.createChat(entry);
    } else {
      this.enqueue(entry);
    }
  }

  /**
   * Tells the other side this one has read everything shown (R17). At most one `read`
   * frame per half second (the rate limit refills 2 a second): a burst of messages
   * read at once is one receipt, sent when the burst is over.
   */
  markRead(): void {
    const last = this.lastSeq();
    const side = this.options.side;
    if (!last || last <= this.receipts[side] || this.$connection.get() !== 'open') return;
    const wait = this.readSentAt + READ_INTERVAL_MS - Date.now();
    if (wait > 0) {
      if (!this.readPending) {
        this.readPending = true;
        this.later(() => {
          this.readPending = false;
          this.markRead();
        }, wait);
      }
      return;
    }
    this.readSentAt = Date.now();
    this.receipts[side] = last;
    this.connection?.send({ type: 'read', seq: last });
    this.refreshMessages();
  }

  /** Tells the other side the shopper is typing; throttled. */
  setTyping(active: boolean): void {
    if (!this.connection || this.$connection.get() !== 'open') return;
    const now = Date.now();
    if (active && now - this.typingSentAt < TYPING_THROTTLE_MS) return;
    if (!active && !this.typingSentAt) return;
    this.typingSentAt = active ? now : 0;
    this.connection.send({ type: 'typing', active });
  }

  /** Ends the chat (R8). The ticket closes for good; `startNewChat` begins another. */
  endChat(): void {
    const ticket = this.$ticket.get();
    if (!ticket || ticket.status === 'closed') return;
    this.pendingEnd = true;
    if (this.synced) this.flushEnd();
  }

  /**
   * The team's side only: sets the ticket's status (R15): `snoozed` until a time,
   * `closed` for good, `open` again. Returns false when the ticket is not live.
   */
  setStatus(status: TicketStatus, snoozeUntil?: string): boolean {
    if (this.options.side !== 'agent' || !this.synced || !this.connection) return false;
    this.connection.send({ type: 'status', status, ...(snoozeUntil ? { snoozeUntil } : {}) });
    return true;
  }

  /** Leaves an ended chat for a fresh start (FAQ or welcome). */
  startNewChat(): void {
    const left = this.$ticket.get();
    if (left) this.setHint(`-${left.id}`);
    this.disconnect();
    this.$ticket.set(null);
    this.stored.clear();
    this.acked.clear();
    this.receipts = { shopper: 0, agent: 0 };
    this.windowStart = 0;
    this.pendingEnd = false;
    this.$hasOlder.set(false);
    this.$typing.set(null);
    this.$view.set(this.homeView());
    this.refreshMessages();
  }

  /** Loads the page of messages before the first one shown. */
  loadOlder(): void {
    const first = this.firstSeq();
    if (!first || first <= 1 || this.loadingOlder || this.$connection.get() !== 'open') return;
    this.loadingOlder = true;
    this.connection?.send({ type: 'history', beforeSeq: first, limit: 50 });
  }

  /** The composer's unsent text, kept for this customer only (issue 13 #3). */
  getDraft(): string {
    if (!this.owner) return this.draftText;
    return safeGet(this.options.storage, this.keyOf('draft', this.owner)) ?? this.draftText;
  }

  /** Keeps the composer's text for this customer; an empty text forgets it. */
  setDraft(text: string): void {
    this.draftText = text;
    if (!this.owner) return;
    const key = this.keyOf('draft', this.owner);
    if (text) safeSet(this.options.storage, key, text);
    else safeRemove(this.options.storage, key);
  }

  /**
   * The shopper logged out (Intercom's `shutdown`): closes the chat and forgets
   * everything stored for them (unsent messages, draft), so the next customer on this
   * browser sees none of it. `start()` begins again with a new session.
   */
  logout(): void {
    this.epoch++;
    if (this.owner) this.forget(this.owner);
    safeRemove(this.options.storage, this.keyOf('owner'));
    this.owner = null;
    this.stopLeading();
    this.draftText = '';
    this.outbox?.clear();
    this.outbox = null;
    this.createDelay = 0;
    this.failed.clear();
    for (const t of this.ackTimers.values()) clearTimeout(t);
    this.ackTimers.clear();
    this.$session.set(null);
    this.startNewChat();
    this.$error.set(null);
    const config = this.$config.get();
    this.$view.set(config && (!config.enabled || config.loginStatus === 'logged-in') ? 'hidden' : 'login');
  }

  /** Closes the connection and stops every timer; the client is done. */
  destroy(): void {
    this.destroyed = true;
    this.stopConfig?.();
    this.stopConfig = null;
    this.stopOnline?.();
    this.stopOnline = null;
    this.stopLeading();
    this.disconnect();
    for (const t of this.timers) clearTimeout(t);
    for (const t of this.ackTimers.values()) clearTimeout(t);
    this.timers.clear();
    this.ackTimers.clear();
    if (this.typingClear) clearTimeout(this.typingClear);
    this.listeners.clear();
  }

  // ---- ticket lifecycle ----

  private createChat(entry: OutboxEntry): void {
    if (this.creating) return;
    const epoch = this.epoch;
    this.creating = (async () => {
      try {
        const started = await this.transport.startChat({
          clientId: entry.clientId,
          body: entry.body,
          ...(entry.attachments ? { attachments: entry.attachments } : {}),
        });
        if (this.destroyed || epoch !== this.epoch) return;
        this.createDelay = 0;
        if (started.message) this.store(started.message);
        this.adopt(started.ticket);
        this.emit('ticket-created', started.ticket);
      } catch (err) {
        if (this.destroyed || epoch !== this.epoch) return;
        if (err instanceof TransportError && err.activeChat) {
          // Another tab or an earlier session has an open chat: the message goes there.
          this.createDelay = 0;
          this.adopt(err.activeChat.ticket);
        } else if (err instanceof TransportError && err.retryable && err.code !== 'rate_limited') {
          // Offline or a server hiccup: the message keeps "sending" and is tried again, with
          // the same clientId, so the server's idempotency gives the same ticket (issue 13 #7).
          // Not the chat-start budget (issue 13 #2): its wait is minutes, so the message is
          // "Not sent" with the server's reason in `$error`, and the shopper tries again when they choose.
          this.$connection.set('connecting');
          this.createDelay = Math.min(CREATE_RETRY_MAX_MS, this.createDelay ? this.createDelay * 2 : CREATE_RETRY_MS);
          const delay = this.createDelay;
          this.later(() => this.createDelay === delay && this.resumeCreate(), delay);
        } else {
          this.createDelay = 0;
          if (!this.$ticket.get()) this.$connection.set('idle');
          this.markFailed(entry.clientId);
          this.fail(err);
        }
      } finally {
        this.creating = null;
      }
    })();
  }

  /** Tries again to create the chat with the oldest message that has no ticket yet. */
  private resumeCreate(): void {
    if (this.destroyed || this.creating || this.$ticket.get()) return;
    const first = this.outbox?.all().find((e) => !e.ticketId && !this.failed.has(e.clientId));
    if (first) this.createChat(first);
    else this.createDelay = 0;
  }

  /** A persisted key: `{storageKey}:{name}` or, per customer, `{storageKey}:{name}:{owner}`. */
  private keyOf(name: 'outbox' | 'draft' | 'owner' | 'chat', owner?: string): string {
    return owner === undefined ? `${this.options.storageKey}:${name}` : `${this.options.storageKey}:${name}:${owner}`;
  }

  /**
   * Another identity on this browser since the last page (a different customer, or a
   * visitor after a customer): what the last one stored is cleared before anything is shown.
   */
  private claimStorage(owner: string): void {
    const store = this.options.storage;
    const previous = safeGet(store, this.keyOf('owner'));
    if (previous !== null && previous !== owner) this.forget(previous);
    // Earlier versions kept one draft per shop, whoever typed it.
    safeRemove(store, this.keyOf('draft'));
    if (previous !== owner) safeSet(store, this.keyOf('owner'), owner);
    if (this.owner !== owner) {
      this.draftText = '';
      this.lead(owner);
    }
    this.owner = owner;
  }

  /** Waits for this shopper's tab lock; holds it until `destroy` or `logout` hands it on. */
  private lead(owner: string): void {
    this.stopLeading();
    const locks = (globalThis.navigator as Partial<Navigator> | undefined)?.locks;
    if (!locks) return this.$leader.set(true);
    const controller = new AbortController();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    locks
      .request(`${this.options.storageKey}:leader:${owner}`, { signal: controller.signal }, () => {
        if (this.destroyed || controller.signal.aborted) return;
        this.$leader.set(true);
        return held;
      })
      .catch(() => undefined); // aborted while waiting
    this.releaseLead = () => {
      controller.abort();
      release();
    };
  }

  private stopLeading(): void {
    this.releaseLead?.();
    this.releaseLead = null;
    this.$leader.set(false);
  }

  private forget(owner: string): void {
    safeRemove(this.options.storage, this.keyOf('chat', owner));
    safeRemove(this.options.storage, this.keyOf('outbox', owner));
    safeRemove(this.options.storage, this.keyOf('draft', owner));
  }

  /** Follows `navigator.onLine`; back online, a first message waiting for the network goes at once. */
  private watchOnline(): void {
    const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
    if (this.stopOnline || typeof target.addEventListener !== 'function' || typeof navigator === 'undefined') return;
    const update = (): void => {
      this.$online.set(navigator.onLine !== false);
      if (this.$online.get() && this.createDelay) this.resumeCreate();
    };
    // Another tab changed the outbox: show its messages too, and send them from here as
    // well (that tab may close first; the server stores a clientId once).
    const onStorage = (e: Event): void => {
      const { key, newValue } = e as StorageEvent;
      if (this.owner && key === this.keyOf('chat', this.owner)) return void this.follow(newValue);
      if (!this.outbox || (key !== null && key !== this.outbox.key) || !this.outbox.reload()) return;
      this.refreshMessages();
      const ticketId = this.$ticket.get()?.id;
      if (!this.synced || !ticketId) return;
      for (const entry of this.outbox.all()) {
        if (entry.ticketId === ticketId && entry.clientId !== this.inFlight && !this.failed.has(entry.clientId)) this.enqueue(entry);
      }
    };
    update();
    target.addEventListener('online', update);
    target.addEventListener('offline', update);
    target.addEventListener('storage', onStorage);
    this.stopOnline = () => {
      target.removeEventListener?.('online', update);
      target.removeEventListener?.('offline', update);
      target.removeEventListener?.('storage', onStorage);
    };
  }

  private adopt(ticket: Ticket): void {
    const current = this.$ticket.get();
    if (current?.id !== ticket.id) {
      this.disconnect();
      this.stored.clear();
      this.receipts = { shopper: 0, agent: 0 };
      // What the ticket held when we took it up is history, not news.
      this.announcedSeq = ticket.lastMessage?.seq ?? 0;
      // A long thread is restored from a recent window; older pages come with loadOlder.
      this.windowStart = Math.max(0, this.announcedSeq - this.options.initialWindow);
    }
    this.$ticket.set(ticket);
    this.setHint(ticket.id);
    for (const e of this.outbox?.all() ?? []) if (!e.ticketId) this.outbox!.update(e.clientId, { ticketId: ticket.id });
    this.$view.set(ticket.status === 'closed' ? 'ended' : 'thread');
    if (!this.connection) this.connect(ticket);
    this.refreshMessages();
  }

  /**
   * The chat this shopper's tabs show (issue 13 #2, #3): its id, or `-id` once the shopper
   * left it with "Start a new chat". The team's side follows no such thing.
   */
  private setHint(value: string): void {
    if (this.owner && this.options.side === 'shopper') safeSet(this.options.storage, this.keyOf('chat', this.owner), value);
  }

  /** Another tab of this shopper moved on: home from the ended chat, or into another chat. */
  private follow(value: string | null): void {
    const ticket = this.$ticket.get();
    if (!value || value === ticket?.id) return;
    if (value === `-${ticket?.id}`) return this.startNewChat();
    // The server names the shopper's chat and gives a token for it.
    if (value[0] !== '-') this.transport.getActiveChat().then((a) => a?.ticket.id === value && !this.destroyed && this.adopt(a.ticket), () => undefined);
  }

  private connect(ticket: Ticket): void {
    this.synced = false;
    this.connection = this.transport.connect(ticket.id, {
      frame: (f) => this.onFrame(f),
      state: (s, refusal) => this.onState(s, refusal),
    });
  }

  private disconnect(): void {
    const c = this.connection;
    this.connection = null;
    this.synced = false;
    this.resendQueue = [];
    this.inFlight = null;
    c?.close();
    this.$connection.set('idle');
  }

  private onState(state: ConnectionState, refusal?: SocketRefusal): void {
    if (this.destroyed || !this.connection) return;
    this.synced = false;
    this.resyncing = false;
    // Whatever was in flight is answered on the old socket or never: the next sync resends it.
    this.inFlight = null;
    if (state === 'open') {
      this.$connection.set('open');
      this.sayHello();
      return;
    }
    if (state === 'unauthorized') {
      void this.reauthorize(refusal);
      return;
    }
    this.$connection.set(state);
  }

  /** Resume: the room replays whatever came after what we hold (DESIGN §7). Asked again if no sync comes. */
  private sayHello(): void {
    const connection = this.connection;
    connection?.send({ type: 'hello', lastSeq: this.resumeSeq() });
    this.later(() => {
      if (!this.synced && this.connection === connection && this.$connection.get() === 'open') this.sayHello();
    }, HELLO_RETRY_MS);
  }

  /** On a refused socket, fetch a new session once, then stop and report. */
  private async reauthorize(refusal?: SocketRefusal): Promise<void> {
    const ticket = this.$ticket.get();
    this.connection = null;
    if (this.reauthTried || !ticket) {
      this.$connection.set('unauthorized');
      // A page that may not open the chat stays so after a reload: never tell the shopper to reload.
      this.emitError(
        refusal === 'forbidden'
          ? { code: 'forbidden', message: 'This page may not open this chat.' }
          : { code: 'unauthorized', message: 'The chat session expired.' },
      );
      return;
    }
    this.reauthTried = true;
    this.$connection.set('connecting');
    try {
      this.$session.set(await this.transport.getSession());
      await this.transport.getActiveChat();
    } catch {
      // Reconnecting below reports the refusal if the new session did not help.
    }
    if (!this.destroyed && this.$ticket.get()?.id === ticket.id) this.connect(ticket);
  }

  // ---- frames ----

  private onFrame(frame: ServerFrame): void {
    if (this.destroyed) return;
    switch (frame.type) {
      case 'sync':
        return this.onSync(frame);
      case 'message': {
        const before = this.contiguousSeq();
        this.store(frame.message);
        this.refreshMessages();
        this.announce([frame.message]);
        // A hole before this message (a frame lost with a connection): ask for it again.
        if (this.synced && before > 0 && frame.message.seq > before + 1) this.resync();
        return;
      }
      case 'ack':
        return this.onAck(frame);
      case 'receipt':
        this.receipts[frame.role] = Math.max(this.receipts[frame.role], frame.seq);
        return this.refreshMessages();
      case 'typing':
        return this.onTyping(frame);
      case 'ticket':
        return this.onTicket(frame.ticket);
      case 'history':
        this.loadingOlder = false;
        for (const m of frame.messages) this.store(m);
        this.$hasOlder.set(frame.hasMore);
        return this.refreshMessages();
      case 'error':
        return this.onError(frame);
    }
  }

  /** Asks for a replay from what we hold whole; one at a time, a burst of frames must not become a burst of replays. */
  private resync(): void {
    if (this.resyncing) return;
    this.resyncing = true;
    this.connection?.send({ type: 'hello', lastSeq: this.contiguousSeq() });
    // Should that sync never come, the next hole asks again.
    this.later(() => (this.resyncing = false), HELLO_RETRY_MS);
  }

  private onSync(frame: FrameOf<ServerFrame, 'sync'>): void {
    this.resyncing = false;
    for (const m of frame.messages) this.store(m);
    this.announce(frame.messages);
    this.receipts = {
      shopper: Math.max(this.receipts.shopper, frame.receipts.shopper),
      agent: Math.max(this.receipts.agent, frame.receipts.agent),
    };
    this.onTicket(frame.ticket);
    if (this.firstSeq() !== undefined) this.$hasOlder.set(this.firstSeq()! > 1);
    this.refreshMessages();
    if (frame.hasMore) {
      this.connection?.send({ type: 'hello', lastSeq: this.contiguousSeq() });
      return;
    }
    this.synced = true;
    this.reauthTried = false;
    this.scheduleResend();
    this.flushEnd();
  }

  private onAck(frame: FrameOf<ServerFrame, 'ack'>): void {
    const entry = this.outbox?.get(frame.clientId);
    this.clearAckTimer(frame.clientId);
    this.pauseMs = 0; // the server takes messages again
    this.settle(frame.clientId);
    if (!entry) return;
    this.outbox!.remove(frame.clientId);
    this.failed.delete(frame.clientId);
    if (!this.stored.has(frame.seq)) this.acked.set(frame.clientId, { seq: frame.seq, entry });
    // The room broadcasts before it acks: a missing message, ours or one before it, was
    // lost with a connection. Ask for a replay.
    if (frame.seq > this.contiguousSeq()) this.resync();
    this.refreshMessages();
  }

  private onTicket(ticket: Ticket): void {
    const was = this.$ticket.get();
    if (was && was.id !== ticket.id) return;
    this.$ticket.set(ticket);
    if (ticket.status === 'closed') {
      this.pendingEnd = false;
      if (this.$view.get() !== 'ended') {
        this.$view.set('ended');
        this.$typing.set(null);
        if (was && was.status !== 'closed') this.emit('chat-ended', ticket);
      }
    }
  }

  private onTyping(frame: FrameOf<ServerFrame, 'typing'>): void {
    if (frame.role === this.options.side) return;
    if (this.typingClear) clearTimeout(this.typingClear);
    this.typingClear = null;
    if (!frame.active) return this.$typing.set(null);
    this.$typing.set(frame.name ? { role: frame.role, name: frame.name } : { role: frame.role });
    // A lost "stopped typing" must not leave the dots forever.
    this.typingClear = setTimeout(() => this.$typing.set(null), TYPING_TIMEOUT_MS);
  }

  private onError(frame: FrameOf<ServerFrame, 'error'>): void {
    if (frame.clientId && this.outbox?.get(frame.clientId)) {
      this.clearAckTimer(frame.clientId);
      if (RETRYABLE_FRAME_ERRORS.has(frame.code)) {
        // Back off, then send this message again before any later one: only one is
        // ever in flight, so nothing sent after it can overtake it (issue 12 #2).
        this.pauseMs = Math.min(RATE_LIMIT_PAUSE_MAX_MS, this.pauseMs ? this.pauseMs * 2 : RATE_LIMIT_PAUSE_MS);
        this.pausedUntil = Date.now() + this.pauseMs;
        if (!this.resendQueue.includes(frame.clientId)) this.resendQueue.unshift(frame.clientId);
        this.settle(frame.clientId);
        return;
      }
      this.markFailed(frame.clientId);
      this.settle(frame.clientId);
      if (frame.code === 'ticket_closed') {
        const t = this.$ticket.get();
        if (t && t.status !== 'closed') this.onTicket({ ...t, status: 'closed' });
      }
    }
    if (frame.code === 'ticket_closed' && !frame.clientId) this.pendingEnd = false;
    this.emitError({ code: frame.code, message: frame.message });
  }

  // ---- delivery ----

  private transmit(entry: OutboxEntry): void {
    if (!this.synced || !this.connection || entry.ticketId !== this.$ticket.get()?.id) return;
    // In flight before it goes: a transport may answer within `send` itself.
    this.inFlight = entry.clientId;
    this.lastTransmitAt = Date.now();
    this.connection.send({
      type: 'send',
      clientId: entry.clientId,
      body: entry.body,
      ...(entry.attachments ? { attachments: entry.attachments } : {}),
    });
    this.clearAckTimer(entry.clientId);
    const timer = setTimeout(() => {
      this.ackTimers.delete(entry.clientId);
      if (!this.outbox?.get(entry.clientId)) return;
      this.markFailed(entry.clientId);
      // No ack on a socket that looks alive: resync, which resends the outbox from this
      // message on (it stays in flight until then, so no later one overtakes it).
      if (this.synced) this.connection?.send({ type: 'hello', lastSeq: this.contiguousSeq() });
    }, this.options.ackTimeoutMs);
    this.ackTimers.set(entry.clientId, timer);
  }

  /** After every sync, resend what is still unacked, in order and paced (DESIGN §7). */
  private scheduleResend(): void {
    const ticketId = this.$ticket.get()?.id;
    this.resendQueue = (this.outbox?.all() ?? []).filter((e) => e.ticketId === ticketId).map((e) => e.clientId);
    this.inFlight = null;
    this.resending = this.resendQueue.length > 0;
    for (const id of this.resendQueue) this.failed.delete(id);
    this.pump();
    this.refreshMessages();
  }

  /** Queues a message behind the others, so order holds. */
  private enqueue(entry: OutboxEntry): void {
    if (!this.resendQueue.includes(entry.clientId)) this.resendQueue.push(entry.clientId);
    this.pump();
  }

  /** The message in flight was answered (stored, acked, refused or timed out): the next may go. */
  private settle(clientId: string): void {
    if (this.inFlight !== clientId) return;
    this.inFlight = null;
    this.pump();
  }

  /**
   * Sends the next queued message once the one in flight is answered: one at a time,
   * held during a rate-limit pause, and a resend after a sync spaced by `resendIntervalMs`. A rate limit may
   * refuse any message of a pipelined burst and let a later one through; one message
   * in flight keeps the stored order equal to the send order, whatever the limit's shape.
   */
  private pump(): void {
    if (this.inFlight || this.pumpTimer || !this.synced) return;
    if (!this.resendQueue.length) this.resending = false;
    const spacing = this.resending ? this.options.resendIntervalMs : 0;
    const wait = Math.max(this.pausedUntil, this.lastTransmitAt + spacing) - Date.now();
    if (wait > 0 && this.resendQueue.length) {
      this.pumpTimer = true;
      this.later(() => {
        this.pumpTimer = false;
        this.pump();
      }, wait);
      return;
    }
    const ticketId = this.$ticket.get()?.id;
    for (let id = this.resendQueue.shift(); id !== undefined; id = this.resendQueue.shift()) {
      const entry = this.outbox?.get(id);
      if (!entry || entry.ticketId !== ticketId || this.failed.has(id)) continue;
      this.transmit(entry);
      return;
    }
  }

  private flushEnd(): void {
    if (this.pendingEnd && this.synced && this.$ticket.get()?.status !== 'closed') this.connection?.send({ type: 'end' });
  }

  private markFailed(clientId: string): void {
    this.failed.add(clientId);
    this.refreshMessages();
  }

  private clearAckTimer(clientId: string): void {
    const t = this.ackTimers.get(clientId);
    if (t) clearTimeout(t);
    this.ackTimers.delete(clientId);
  }

  // ---- derived state ----

  private store(message: Message): void {
    this.stored.set(message.seq, message);
    if (message.clientId) {
      this.acked.delete(message.clientId);
      if (this.outbox?.remove(message.clientId)) this.clearAckTimer(message.clientId);
      this.settle(message.clientId);
    }
  }

  /** Fires `message` once for each message from someone else that is new to this page, live or replayed. */
  private announce(messages: readonly Message[]): void {
    for (const m of messages) {
      if (m.seq <= this.announcedSeq) continue;
      this.announcedSeq = m.seq;
      if (this.theirs(m)) this.emit('message', m);
    }
  }

  private firstSeq(): number | undefined {
    let min: number | undefined;
    for (const seq of this.stored.keys()) if (min === undefined || seq < min) min = seq;
    return min;
  }

  private lastSeq(): number {
    let max = 0;
    for (const seq of this.stored.keys()) if (seq > max) max = seq;
    return max;
  }

  /**
   * The last seq held with nothing missing from the window's start. A message that
   * arrived live before the first sync must not hide the ones before it (npm test's
   * chaos suite found an agent that never got seq 1 that way).
   */
  private contiguousSeq(): number {
    let seq = Math.min(this.windowStart, (this.firstSeq() ?? Infinity) - 1);
    while (this.stored.has(seq + 1)) seq++;
    return seq;
  }

  /** Where to resume: all we hold without a hole, or the recent window of a restored long thread. */
  private resumeSeq(): number {
    return this.contiguousSeq();
  }

  private refreshMessages(): void {
    const ticketId = this.$ticket.get()?.id ?? null;
    const list: ChatMessage[] = [...this.stored.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((m) => {
        const view: ChatMessage = { ...m, key: m.clientId ?? m.id };
        if (this.ours(m)) view.state = m.seq <= this.receipts[this.other] ? 'seen' : 'sent';
        return view;
      });
    for (const [clientId, { seq, entry }] of this.acked) {
      list.push({ ...this.pending(entry), seq, state: seq <= this.receipts[this.other] ? 'seen' : 'sent', key: clientId });
    }
    for (const e of this.outbox?.all() ?? []) {
      if (e.ticketId === ticketId || e.ticketId === null) list.push(this.pending(e));
    }
    this.$messages.set(list);
    let unread = 0;
    for (const m of this.stored.values()) if (this.theirs(m) && m.seq > this.receipts[this.options.side]) unread++;
    if (unread !== this.$unread.get()) this.$unread.set(unread);
  }

  private pending(e: OutboxEntry): ChatMessage {
    const customer = this.$session.get()?.customer;
    return {
      key: e.clientId,
      clientId: e.clientId,
      author: { role: this.options.side, id: e.customerId, ...(customer?.name ? { name: customer.name } : {}) },
      body: e.body,
      attachments: e.attachments ?? [],
      createdAt: new Date(e.createdAt).toISOString(),
      state: this.failed.has(e.clientId) ? 'failed' : 'sending',
    };
  }

  /**
   * Settings saved while the widget is open (R12): the new config applies at once.
   * A shopper already chatting, or on the welcome view, is never moved.
   */
  private onConfig(config: WidgetConfig): void {
    if (this.destroyed) return;
    this.$config.set(config);
    const view = this.$view.get();
    const customer = this.$session.get()?.customer ?? null;
    const gated = !config.enabled || (config.loginStatus === 'logged-in' && !customer);
    if (gated) {
      if (view === 'login' || view === 'faq' || view === 'welcome') this.$view.set('hidden');
    } else if (view === 'hidden') {
      this.$view.set(this.homeView());
      if (customer && !this.outbox) void this.start();
    } else if (view === 'login' || (view === 'faq' && !config.faqs.length)) {
      this.$view.set(this.homeView());
    }
  }

  private homeView(): View {
    const faqs = !!this.$config.get()?.faqs.length;
    if (!this.$session.get()?.customer) return faqs ? 'faq' : 'login';
    return faqs ? 'faq' : 'welcome';
  }

  // ---- plumbing ----

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.destroyed) fn();
    }, ms);
    this.timers.add(t);
  }

  private fail(err: unknown): void {
    const e =
      err instanceof TransportError
        ? { code: err.code, message: err.message }
        : { code: 'unknown', message: err instanceof Error ? err.message : String(err) };
    this.emitError(e);
  }

  private emitError(error: ChatError): void {
    this.$error.set(error);
    this.emit('error', error);
  }

  private emit<K extends keyof ChatClientEvents>(type: K, detail: ChatClientEvents[K]): void {
    for (const l of this.listeners.get(type) ?? []) (l as (d: ChatClientEvents[K]) => void)(detail);
  }
}

/** The owner of what a visitor who is not logged in stores (no customer id starts with `~`). */
const ANONYMOUS = '~anonymous';

/** Storage that may be blocked or full: a failure is no value, never an exception. */
function safeGet(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(store: KeyValueStore | null, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // storage full or blocked: kept in memory for this page
  }
}

function safeRemove(store: KeyValueStore | null, key: string): void {
  try {
    store?.removeItem(key);
  } catch {
    // storage blocked: nothing was kept there
  }
}

function defaultStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked third-party storage
  }
}

function newClientId(): string {
  if (typeof (crypto as Partial<Crypto>).randomUUID === 'function') return crypto.randomUUID();
  // Pages served over plain http (no secure context) lack randomUUID.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

