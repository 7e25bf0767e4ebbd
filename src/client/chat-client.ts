/**
 * The shopper's headless chat (DESIGN §1, §7): per-instance stores and actions over
 * any `ChatTransport`: config and gate, views, live config, the persisted outbox and
 * draft per customer, creating the chat with the first message (R6), tab leadership.
 * Delivery is the ticket thread's (`ticket-thread.ts`). No DOM rendering: a merchant
 * can build another UI on it.
 * Private members are `#private` here and across src/client and src/transports: esbuild
 * shortens their names, which keeps the widget within its size budget (a departure from
 * STYLE.md's TypeScript `private`, for size).
 */
import { atom } from 'nanostores';
import { type Attachment, type Session, type StartedChat, type Ticket, type TicketContext, type TicketStatus, type WidgetConfig } from '../protocol/index.js';
import { TransportError, type ChatTransport } from '../transports/types.js';
import { compose, isComposed } from './compose.js';
import type { Emitter } from './emitter.js';
import { Outbox, type KeyValueStore, type OutboxEntry } from './outbox.js';
import { CustomerStorage } from './customer-storage.js';
import { defaultStorage } from './safe-storage.js';
import { TabLead } from './tab-lead.js';
import { chatError, toChatError, type ChatError } from './errors.js';
import { TicketThread, type TicketThreadEvents } from './ticket-thread.js';
import { onPage } from './page-events.js';
import { Timers } from './timers.js';

export type { ChatMessage, DeliveryState, Side } from './message-list.js';
export type { ChatError, ChatErrorCode } from './errors.js';
export type { ClientConnection } from './ticket-thread.js';
export type { ChatClientEvents, ChatClientOptions, View } from './chat-client-types.js';
import type { ChatClientEvents, ChatClientOptions, View } from './chat-client-types.js';

/** Retries of a first message that could not reach the server: 1 s, doubling up to 30 s. */
const CREATE_RETRY_MS = 1000;
const CREATE_RETRY_MAX_MS = 30_000;

export class ChatClient {
  readonly $config = atom<WidgetConfig | null>(null);
  readonly $session = atom<Session | null>(null);
  readonly $view = atom<View>('loading');
  readonly $error = atom<ChatError | null>(null);
  /** Whether the browser says it is online (`navigator.onLine`); always true where there is no browser. */
  readonly $online = atom(true);
  /**
   * Whether this client leads among the tabs of this shopper (`navigator.locks`): of
   * several tabs showing one chat, only the leader should play sounds or notify.
   * Always true where there are no locks.
   */
  readonly $leader: TabLead['$leader'];

  readonly #transport: ChatTransport;
  readonly #options: Required<Omit<ChatClientOptions, 'transport' | 'storage'>> & { storage: KeyValueStore | null };
  readonly #thread: TicketThread;
  readonly $ticket: TicketThread['$ticket'];
  readonly $messages: TicketThread['$messages'];
  readonly $connection: TicketThread['$connection'];
  readonly $unread: TicketThread['$unread'];
  readonly $typing: TicketThread['$typing'];
  /** Whether older messages than the first loaded one exist (`loadOlder`). */
  readonly $hasOlder: TicketThread['$hasOlder'];
  /** The thread's emitter, which carries the client's own events too (`message` and `error` are the same on both). */
  readonly #events: Emitter<ChatClientEvents & TicketThreadEvents>;
  #creating: Promise<void> | null = null;
  readonly #timers = new Timers();
  #destroyed = false;
  #stopConfig: (() => void) | null = null;
  /** The delay before the next try of a first message that could not reach the server (0: none pending). */
  #createDelay = 0;
  #stopOnline: (() => void) | null = null;
  readonly #saved: CustomerStorage;
  readonly #tabs = new TabLead();
  /** Bumped by `logout`: answers to calls made before it are dropped. */
  #epoch = 0;
  /** What the page gave `setContext`, if it did. */
  #context: TicketContext | null = null;

  constructor(options: ChatClientOptions) {
    this.#transport = options.transport;
    this.#options = {
      storage: options.storage === undefined ? defaultStorage() : options.storage,
      storageKey: options.storageKey ?? 'customer-hub-chat',
      ackTimeoutMs: options.ackTimeoutMs ?? 15_000,
      resendIntervalMs: options.resendIntervalMs ?? 100,
      initialWindow: options.initialWindow ?? 50,
      side: options.side ?? 'shopper',
    };
    this.#saved = new CustomerStorage(this.#options.storage, this.#options.storageKey);
    this.$leader = this.#tabs.$leader;
    const thread = (this.#thread = new TicketThread({
      ...this.#options,
      connect: (id, handlers) => this.#transport.connect(id, handlers),
      reauthorize: async () => {
        this.$session.set(await this.#transport.getSession());
        await this.#transport.getActiveChat();
      },
      authorName: () => this.$session.get()?.customer?.name,
      context: () => (this.#context ? this.#pageContext() : undefined),
    }));
    this.$ticket = thread.$ticket;
    this.$messages = thread.$messages;
    this.$connection = thread.$connection;
    this.$unread = thread.$unread;
    this.$typing = thread.$typing;
    this.$hasOlder = thread.$hasOlder;
    // One emitter for both: the thread's `message` and `error` reach the client's listeners
    // as they are, and `$error` is set before any of them runs (this listener is the first).
    (this.#events = thread.events as unknown as Emitter<ChatClientEvents & TicketThreadEvents>).on('error', (e) => this.$error.set(e));
    this.#events.on('closed', ({ ticket, was }) => {
      if (this.$view.get() === 'ended') return;
      this.$view.set('ended');
      thread.$typing.set(null);
      if (was && was.status !== 'closed') this.#events.emit('chat-ended', ticket);
    });
  }

  /** Subscribes to a client event; returns the unsubscribe function. */
  on<K extends keyof ChatClientEvents>(type: K, listener: (detail: ChatClientEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** Loads config and session, restores an open chat, and delivers any unsent messages. */
  async start(): Promise<void> {
    this.$view.set('loading');
    let config: WidgetConfig;
    let session: Session;
    try {
      [config, session] = await Promise.all([this.#transport.getConfig(), this.#transport.getSession()]);
    } catch (err) {
      this.#emitError(toChatError(err));
      this.$view.set('error');
      return;
    }
    if (this.#destroyed) return;
    this.#watchOnline();
    this.$config.set(config);
    this.$session.set(session);
    const customer = session.customer;
    this.#claimStorage(customer?.id ?? ANONYMOUS);
    const agent = this.#options.side === 'agent';
    if (!agent && !this.#stopConfig && this.#transport.watchConfig) this.#stopConfig = this.#transport.watchConfig((c) => this.#onConfig(c));
    if (!agent && hides(config, customer)) return this.$view.set('hidden');
    // R2 "all": an anonymous visitor browses the FAQ; only starting a chat asks for a login.
    if (!customer) return this.$view.set(this.#homeView());
    const outbox = (this.#thread.outbox = new Outbox(this.#options.storage, this.#saved.keyOf('outbox', customer.id)));

    let active: StartedChat | null = null;
    const epoch = this.#epoch;
    try {
      active = await this.#transport.getActiveChat();
    } catch (err) {
      this.#emitError(toChatError(err));
    }
    if (this.#destroyed || epoch !== this.#epoch) return;
    // A chat closed lately is shown read-only (R8) until the shopper leaves it with
    // "Start a new chat"; unsent messages go to a new chat instead (issue 13 #2).
    if (active?.ticket.status === 'closed' && (outbox.all().length || this.#saved.get('chat') === `-${active.ticket.id}`)) active = null;
    // Unsent messages of a chat that has since closed go to the open chat, or start one.
    // An agent's outbox holds replies to many tickets: each stays with its own.
    if (!agent) for (const e of outbox.all()) if (e.ticketId !== (active?.ticket.id ?? null)) outbox.update(e.clientId, { ticketId: null });
    if (active) {
      this.#adopt(active.ticket);
    } else {
      this.$view.set(this.#homeView());
      // A first message that never reached the server: create its chat now.
      const first = outbox.all()[0];
      if (first) this.#createChat(first);
    }
    this.#thread.refresh();
  }

  /**
   * Uploads an image to the open chat, for a following `send` (issue 17 B1). Rejects with
   * a `ChatError`: the transport's (`too_large`, `attachments_off`, `network`...), or
   * `ticket_closed` when no chat is open (the first message carries no image). An aborted
   * `signal` cancels the request (a removed image is not sent).
   */
  upload(file: Blob, signal?: AbortSignal): Promise<Attachment> {
    const ticket = this.$ticket.get();
    if (!this.#transport.upload || !ticket || ticket.status === 'closed') return Promise.reject(chatError('ticket_closed'));
    return this.#transport.upload(ticket.id, file, signal).catch((e: unknown) => Promise.reject(toChatError(e)));
  }

  /** Sends a message; the first one creates the ticket (R6). Returns its clientId. */
  send(text: string, attachments: Attachment[] = []): string | null {
    const composed = compose(text, attachments);
    if (!composed) return null;
    if (!isComposed(composed)) {
      this.#emitError(composed);
      return null;
    }
    const customer = this.$session.get()?.customer;
    const outbox = this.#thread.outbox;
    if (!customer || !outbox) {
      this.#emitError(chatError('login_required'));
      return null;
    }
    // R8: a closed chat is never reopened; the next message starts a new ticket.
    if (this.$ticket.get()?.status === 'closed') this.startNewChat();
    const ticket = this.$ticket.get();
    const entry: OutboxEntry = { ...composed, ticketId: ticket?.id ?? null, customerId: customer.id };
    outbox.add(entry);
    this.#thread.refresh();
    // The oldest message without a ticket creates it, so a later one never jumps ahead.
    if (!ticket) this.#createChat(outbox.all().find((e) => !e.ticketId) ?? entry);
    else this.#thread.enqueue(entry);
    return entry.clientId;
  }

  /** Sends a failed message again. */
  retry(clientId: string): void {
    const entry = this.#thread.outbox?.get(clientId);
    if (!entry) return;
    this.#thread.unfail(clientId);
    const closed = this.$ticket.get()?.status === 'closed';
    if (closed || !entry.ticketId) {
      if (closed) this.startNewChat();
      this.#thread.outbox!.update(clientId, { ticketId: null });
      this.#createChat(entry);
    } else {
      this.#thread.enqueue(entry);
    }
  }

  /** Tells the other side this one has read everything shown (R17); see `TicketThread.markRead`. */
  markRead(): void {
    this.#thread.markRead();
  }

  /** Tells the other side the shopper is typing; throttled. */
  setTyping(active: boolean): void {
    this.#thread.setTyping(active);
  }

  /** Ends the chat (R8). The ticket closes for good; `startNewChat` begins another. */
  endChat(): void {
    this.#thread.endChat();
  }

  /**
   * The team's side only: sets the ticket's status (R15): `snoozed` until a time,
   * `closed` for good, `open` again. Returns false when the ticket is not live.
   */
  setStatus(status: TicketStatus, snoozeUntil?: string): boolean {
    return this.#options.side === 'agent' && this.#thread.setStatus(status, snoozeUntil);
  }

  /**
   * The page's context for the team (issue 15): cart, order number, any field (README
   * "Context on the ticket": the server keeps 20 fields of at most 500 characters). `pageUrl`
   * (this page, without its fragment) is added unless given; `pageUrl: false` leaves it out.
   * Sent with the first message and, on an open chat, at once and after each reconnect.
   */
  setContext(context: TicketContext): void {
    this.#context = { ...context };
    this.#thread.flush();
  }

  /** The context to send: this page's URL, then what the page set. */
  #pageContext(): TicketContext {
    const context: TicketContext = { pageUrl: globalThis.location?.href.split('#')[0]!, ...this.#context };
    if (!context.pageUrl) delete context.pageUrl;
    return context;
  }

  /** The shopper rates the ended chat, once (issue 17): 1–5 and an optional comment. False when it could not be sent. */
  rate(score: number, comment?: string): boolean {
    return this.#thread.sendNow({ type: 'rate', score, ...(comment?.trim() ? { comment } : {}) });
  }

  /** Leaves an ended chat for a fresh start (FAQ or welcome). */
  startNewChat(): void {
    const left = this.$ticket.get();
    if (left) this.#setHint(`-${left.id}`);
    this.#thread.reset();
    this.$view.set(this.#homeView());
    this.#thread.refresh();
  }

  /** Loads the page of messages before the first one shown. */
  loadOlder(): void {
    this.#thread.loadOlder();
  }

  /** The composer's unsent text, kept for this customer only (issue 13 #3). */
  getDraft(): string {
    return this.#saved.getDraft();
  }

  /** Keeps the composer's text for this customer; an empty text forgets it. */
  setDraft(text: string): void {
    this.#saved.setDraft(text);
  }

  /**
   * The shopper logged out (Intercom's `shutdown`): closes the chat and forgets
   * everything stored for them (unsent messages, draft), so the next customer on this
   * browser sees none of it. `start()` begins again with a new session.
   */
  logout(): void {
    this.#epoch++;
    this.#saved.release();
    this.#tabs.stop();
    this.#thread.outbox?.clear();
    this.#thread.outbox = null;
    this.#createDelay = 0;
    this.#thread.forgetSends();
    this.$session.set(null);
    this.startNewChat();
    this.$error.set(null);
    const config = this.$config.get();
    this.$view.set(config && hides(config, null) ? 'hidden' : 'login');
  }

  /** Closes the connection and stops every timer; the client is done. */
  destroy(): void {
    this.#destroyed = true;
    this.#stopConfig?.();
    this.#stopOnline?.();
    this.#tabs.stop();
    this.#thread.destroy();
    this.#timers.clear();
  }

  // ---- ticket lifecycle ----

  #createChat(entry: OutboxEntry): void {
    if (this.#creating) return;
    const epoch = this.#epoch;
    this.#creating = (async () => {
      try {
        const started = await this.#transport.startChat({
          clientId: entry.clientId,
          // No images: a first message carries none (R6), and those of a message re-sent from a
          // closed chat belong to that chat; the server would refuse the whole message for them.
          body: entry.body,
          context: this.#pageContext(),
        });
        if (this.#destroyed || epoch !== this.#epoch) return;
        this.#createDelay = 0;
        if (started.message) this.#thread.store(started.message);
        this.#adopt(started.ticket);
        this.#events.emit('ticket-created', started.ticket);
      } catch (err) {
        if (this.#destroyed || epoch !== this.#epoch) return;
        if (err instanceof TransportError && err.activeChat) {
          // Another tab or an earlier session has an open chat: the message goes there.
          this.#createDelay = 0;
          this.#adopt(err.activeChat.ticket);
        } else if (err instanceof TransportError && (err.code === 'network' || err.status >= 500)) {
          // Offline or a server hiccup: the message keeps "sending" and is tried again, with
          // the same clientId, so the server's idempotency gives the same ticket (issue 13 #7).
          // Not the chat-start budget (a 429, issue 13 #2): its wait is minutes, so the message is
          // "Not sent" with the server's reason in `$error`, and the shopper tries again when they choose.
          this.$connection.set('connecting');
          this.#createDelay = Math.min(CREATE_RETRY_MAX_MS, this.#createDelay ? this.#createDelay * 2 : CREATE_RETRY_MS);
          const delay = this.#createDelay;
          this.#timers.later(() => this.#createDelay === delay && this.#resumeCreate(), delay);
        } else {
          this.#createDelay = 0;
          if (!this.$ticket.get()) this.$connection.set('idle');
          this.#thread.markFailed(entry.clientId);
          this.#emitError(toChatError(err));
        }
      } finally {
        this.#creating = null;
      }
    })();
  }

  /** Tries again to create the chat with the oldest message that has no ticket yet. */
  #resumeCreate(): void {
    if (this.#destroyed || this.#creating || this.$ticket.get()) return;
    const first = this.#thread.outbox?.all().find((e) => !e.ticketId && !this.#thread.failed.has(e.clientId));
    if (first) this.#createChat(first);
    else this.#createDelay = 0;
  }

  #adopt(ticket: Ticket): void {
    this.#thread.adopt(ticket);
    this.#setHint(ticket.id);
    this.$view.set(ticket.status === 'closed' ? 'ended' : 'thread');
    this.#thread.open();
  }

  /**
   * The chat this shopper's tabs show (issue 13 #2, #3): its id, or `-id` once the shopper
   * left it with "Start a new chat". The team's side follows no such thing.
   */
  #setHint(value: string): void {
    if (this.#options.side === 'shopper') this.#saved.set('chat', value);
  }

  /** Another tab of this shopper moved on: home from the ended chat, or into another chat. */
  #follow(value: string | null): void {
    const ticket = this.$ticket.get();
    if (!value || value === ticket?.id) return;
    if (value === `-${ticket?.id}`) return this.startNewChat();
    // The server names the shopper's chat and gives a token for it.
    if (value[0] !== '-') this.#transport.getActiveChat().then((a) => a?.ticket.id === value && !this.#destroyed && this.#adopt(a.ticket), () => undefined);
  }

  /** Another identity on this browser since the last page: what the last one stored is cleared first. */
  #claimStorage(owner: string): void {
    if (this.#saved.claim(owner)) this.#tabs.lead(this.#saved.keyOf('leader', owner));
  }

  /** Follows `navigator.onLine`; back online, a first message waiting for the network goes at once. */
  #watchOnline(): void {
    if (this.#stopOnline || typeof navigator === 'undefined') return;
    const update = (): void => {
      this.$online.set(navigator.onLine !== false);
      if (this.$online.get() && this.#createDelay) this.#resumeCreate();
    };
    // Another tab changed the outbox: show its messages too, and send them from here as
    // well (that tab may close first; the server stores a clientId once).
    const onStorage = (e: Event): void => {
      const { key, newValue } = e as StorageEvent;
      if (this.#saved.is(key, 'chat')) return this.#follow(newValue);
      if (this.#thread.outbox?.reloadOn(key)) this.#thread.takeUpOutbox();
    };
    update();
    this.#stopOnline = onPage({ online: update, offline: update, storage: onStorage });
  }

  /**
   * Settings saved while the widget is open (R12): the new config applies at once.
   * A shopper already chatting, or on the welcome view, is never moved.
   */
  #onConfig(config: WidgetConfig): void {
    if (this.#destroyed) return;
    this.$config.set(config);
    const view = this.$view.get();
    const customer = this.$session.get()?.customer ?? null;
    if (hides(config, customer)) {
      if (view === 'login' || view === 'faq' || view === 'welcome') this.$view.set('hidden');
    } else if (view === 'hidden') {
      this.$view.set(this.#homeView());
      if (customer && !this.#thread.outbox) void this.start();
    } else if (view === 'login' || (view === 'faq' && !config.faqs.length)) {
      this.$view.set(this.#homeView());
    }
  }

  #homeView(): View {
    const faqs = !!this.$config.get()?.faqs.length;
    if (!this.$session.get()?.customer) return faqs ? 'faq' : 'login';
    return faqs ? 'faq' : 'welcome';
  }

  // ---- plumbing ----

  /** Reports an error: `$error` first (the emitter's first listener), then the `error` listeners. */
  #emitError(error: ChatError): void {
    this.#events.emit('error', error);
  }
}

/** The owner of what a visitor who is not logged in stores (no customer id starts with `~`). */
const ANONYMOUS = '~anonymous';

/** R2: the chat is off, or kept from visitors who are not logged in. */
const hides = (config: WidgetConfig, customer: Session['customer']): boolean => !config.enabled || (config.loginStatus === 'logged-in' && !customer);
