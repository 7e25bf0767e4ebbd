/**
 * The team's inbox, headless (R12–R19): the agent's session, the shop's live ticket
 * list (the shop room's feed socket, inbox-feed.ts), one open ticket at a time on the
 * same delivery core as the widget (a `TicketThread` on the agent's side), the
 * shopper's profile and the merchant settings (inbox-settings-store.ts). Stores are
 * per instance; no DOM.
 */
import { atom, computed } from 'nanostores';
import { Emitter } from '../client/emitter.js';
import { toChatError } from '../client/errors.js';
import type { KeyValueStore } from '../client/outbox.js';
import { defaultStorage, safeGet, safeRemove, safeSet } from '../client/safe-storage.js';
import type { Attachment, FeedFrame, Ticket, TicketStatus } from '../protocol/index.js';
import { PartykitTransport } from '../transports/partykit.js';
import { TransportError } from '../transports/types.js';
import { REFRESH_RETRY_MS, refreshDelay, sessionOfToken, storedSession } from './agent-session.js';
import { AgentThread } from './agent-thread.js';
import { InboxApi, type AgentSession, type Progress, type ShopSettings } from './inbox-api.js';
import { deliveryStore, recordDeliveries } from './delivery-states.js';
import { mergeTicket } from './ticket-merge.js';
import { InboxTeam, inFilter, inView } from './assignee-views.js';
import { InboxSearch } from './inbox-search.js';
import { InboxFeed } from './inbox-feed.js';
import { InboxSettingsStore } from './inbox-settings-store.js';
import type { SettingsKey } from './settings-sections.js';

export type * from './inbox-types.js';
import type { AuthState, InboxClientEvents, InboxClientOptions, InboxError, ListFilter, LoadState, ProfileState } from './inbox-types.js';

const PAGE = 50;
export { refreshDelay } from './agent-session.js';

export class InboxClient {
  readonly $session = atom<AgentSession | null>(null);
  readonly $auth = atom<AuthState>('signed-out');
  /** Why the agent is signed out: a refused key, an expired session, an unreachable server. */
  readonly $authError = atom<InboxError | null>(null);
  private readonly feed = new InboxFeed({ frame: (frame) => this.onFeed(frame), refused: () => this.expired() });
  readonly $feed = this.feed.$feed;
  readonly $tickets = atom<ReadonlyMap<string, Ticket>>(new Map());
  readonly $filter = atom<ListFilter>({ status: 'open', channel: 'all' });
  readonly $listState = atom<LoadState>('idle');
  readonly $hasMore = atom(false);
  readonly $unreadTotal = atom(0);
  readonly $selected = atom<string | null>(null);
  readonly $thread = atom<AgentThread | null>(null);
  readonly $profile = atom<ProfileState>({ state: 'idle' });
  private readonly settings = new InboxSettingsStore(() => this.api);
  readonly $settings = this.settings.$settings;
  readonly $settingsState = this.settings.$state;
  readonly $settingsError = this.settings.$error;
  /** The SMS delivery state of the open ticket's replies, by seq (issue 16). */
  readonly $deliveries = deliveryStore();
  /** The assignee views ("Mine", "Unassigned", "All") and the shop's team (issue 17). */
  readonly team = new InboxTeam();
  /** The inbox search (issue 17): while it is active, its results are the list. */
  readonly search = new InboxSearch({
    tickets: this.$tickets,
    // Within the shown tab and channel, as the list.
    fetch: (q, cursor) => {
      const { status, channel } = this.$filter.get();
      return this.api.tickets({ q, status, ...(channel === 'all' ? {} : { channel }), cursor, limit: PAGE });
    },
    take: (tickets) => (tickets.forEach((t) => this.known.add(t.id)), this.upsert(...tickets)),
  });
  /** The tickets the current filter and assignee view show, newest activity first (R13–R15), or the search's results. */
  readonly $list = computed([this.$tickets, this.$filter, this.team.$view, this.$session, this.search.$results], (tickets, filter, view, session, found) =>
    (found ?? [...tickets.values()])
      .filter((t) => inFilter(t, filter) && inView(view, t, session?.agent.id))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1)),
  );

  readonly api: InboxApi;
  private cursor: string | null = null;
  private listRequest = 0;
  private profileRequest = 0;
  private known = new Set<string>();
  private feedReady = false;
  private readonly events = new Emitter<InboxClientEvents>();
  private readonly storage: KeyValueStore | null;
  private readonly sessionKey: string;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: InboxClientOptions) {
    this.api = new InboxApi(options.fetch ? { host: options.host, shop: options.shop, fetch: options.fetch } : options);
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.sessionKey = `customer-hub-inbox:${options.shop}:session`;
  }

  /** Subscribes to an inbox event; returns the unsubscribe function. */
  on<K extends keyof InboxClientEvents>(type: K, listener: (detail: InboxClientEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Resumes a stored session (or the `token` option); otherwise stays signed out. */
  start(): void {
    if (this.options.token) return this.adopt(sessionOfToken(this.options.token));
    const stored = this.readSession();
    if (stored) this.adopt(stored);
  }

  /** Signs in with an agent key (`agents/session`). */
  async signIn(agentKey: string): Promise<boolean> {
    const key = agentKey.trim();
    if (!key) return false;
    this.$auth.set('signing-in');
    this.$authError.set(null);
    try {
      const session = await this.api.signIn(key);
      safeSet(this.storage, this.sessionKey, JSON.stringify(session));
      this.adopt(session);
      return true;
    } catch (err) {
      this.$auth.set('signed-out');
      this.$authError.set(toChatError(err));
      return false;
    }
  }

  signOut(reason?: InboxError): void {
    this.stopRefresh();
    safeRemove(this.storage, this.sessionKey);
    this.feed.close();
    this.closeThread();
    this.$selected.set(null);
    this.search.clear();
    this.$tickets.set(new Map());
    this.known.clear();
    this.$unreadTotal.set(0);
    this.$session.set(null);
    this.api.token = null;
    this.$auth.set('signed-out');
    this.$authError.set(reason ?? null);
    this.settings.clear();
  }

  /** Shows another part of the list; fetches it, since the feed's first page is mixed. */
  setFilter(filter: Partial<ListFilter>): void {
    this.$filter.set({ ...this.$filter.get(), ...filter });
    void this.loadList(false);
    this.search.refresh();
  }

  /** The next page of the current filter. */
  loadMore(): void {
    if (this.$hasMore.get() && this.$listState.get() !== 'loading') void this.loadList(true);
  }

  /** Opens a ticket: its thread on the agent's side of the delivery core, and the profile. */
  select(id: string | null): void {
    if (id === this.$selected.get()) return;
    this.closeThread();
    this.$selected.set(id);
    const ticket = id ? this.$tickets.get().get(id) : undefined;
    if (!id || !ticket) return;
    const session = this.$session.get()!;
    const transport = this.ticketTransport(session);
    const thread = new AgentThread({
      // The SMS replies' delivery states are read off the frames on their way (issue 16).
      connect: (ticketId, handlers) => transport.connect(ticketId, recordDeliveries(this.$deliveries, handlers)),
      agent: session.agent,
      storage: this.storage,
      storageKey: `customer-hub-inbox:${this.options.shop}`,
    });
    thread.$ticket.listen((t) => t && this.upsert(t));
    thread.events.on('error', (e) => {
      if (e.code === 'unauthorized') this.expired();
      else this.emit('error', e);
    });
    this.$thread.set(thread);
    // The composer's macros come with the settings: a ticket opened while they load is
    // taken up once they are here, so the reply field never offers "no macros" too early.
    const take = (): void => {
      if (this.$thread.get() === thread) thread.start(this.$tickets.get().get(ticket.id) ?? ticket);
    };
    if (this.$settingsState.get() !== 'loading') take();
    else {
      const stop = this.$settingsState.listen((state) => {
        if (state === 'loading') return;
        stop();
        take();
      });
    }
    void this.loadProfile(ticket);
  }

  /** Moves the selection through the shown list (`j`/`k`). */
  step(delta: 1 | -1): void {
    const list = this.$list.get();
    if (!list.length) return;
    const at = list.findIndex((t) => t.id === this.$selected.get());
    const next = at === -1 ? (delta === 1 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
    this.select(list[next]!.id);
  }

  /** Snoozes the open ticket until a time, closes it, or opens it again (R15). */
  setStatus(status: TicketStatus, snoozeUntil?: Date): boolean {
    const thread = this.$thread.get();
    const ok = thread?.setStatus(status, snoozeUntil?.toISOString()) ?? false;
    if (!ok) this.emit('error', { code: 'offline', message: 'The ticket is not connected; try again in a moment.' });
    return ok;
  }

  /** Uploads an image to the open ticket, for a reply (R16). */
  upload(file: Blob, progress?: Progress): Promise<Attachment> {
    const id = this.$selected.get();
    if (!id) return Promise.reject(new TransportError('not_found', 'Open a ticket first.'));
    return this.api.upload(id, file, progress);
  }

  loadSettings(): Promise<void> {
    return this.settings.load();
  }

  /** Saves the settings (admins only); the server validates and pushes them to open widgets (R12). */
  saveSettings(settings: ShopSettings): Promise<boolean> {
    return this.settings.save(settings);
  }

  /** Saves one settings section (issue 17) over the server's current settings (inbox-settings-store.ts). */
  saveSettingsSection(draft: ShopSettings, keys: readonly SettingsKey[]): Promise<boolean> {
    return this.settings.saveSection(draft, keys);
  }

  destroy(): void {
    this.search.destroy();
    this.stopRefresh();
    this.feed.close();
    this.closeThread();
    this.events.clear();
  }

  // ---- session ----

  private adopt(session: AgentSession): void {
    if (Date.parse(session.expiresAt) <= Date.now()) {
      return this.signOut({ code: 'expired', message: 'Your session has expired. Sign in again.' });
    }
    this.api.token = session.token;
    this.$session.set(session);
    this.$auth.set('signed-in');
    this.$authError.set(null);
    this.team.start(session.agent.id, this.api, this.storage, this.options.shop);
    this.feedReady = false;
    this.feed.open({ origin: this.api.origin, shop: this.options.shop, token: () => this.api.token ?? '', options: this.options });
    this.scheduleRefresh(session);
    void this.loadList(false);
  }

  /**
   * Sockets close when their token expires (4001), so the token is renewed before
   * that: an agent at work is never asked for the key again (issue 12 item 10).
   */
  private scheduleRefresh(session: AgentSession, delay = refreshDelay(Date.parse(session.expiresAt), Date.now())): void {
    this.stopRefresh();
    this.refreshTimer = setTimeout(() => void this.refresh(session), delay);
  }

  private stopRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private async refresh(current: AgentSession): Promise<void> {
    this.refreshTimer = null;
    let fresh: AgentSession;
    try {
      fresh = await this.api.refresh();
    } catch (err) {
      if (this.$session.get() !== current) return;
      if (err instanceof TransportError && (err.status === 401 || err.status === 403)) return this.expired();
      const left = Date.parse(current.expiresAt) - Date.now();
      if (left > 0) this.scheduleRefresh(current, Math.min(REFRESH_RETRY_MS, left / 2));
      return;
    }
    if (this.$session.get() !== current) return;
    safeSet(this.storage, this.sessionKey, JSON.stringify(fresh));
    this.api.token = fresh.token;
    this.$session.set(fresh);
    // The feed reconnects now with the fresh token, before the old one's socket is
    // closed; the open thread's socket picks it up on its next connect.
    this.feed.reconnect();
    this.scheduleRefresh(fresh);
  }

  private expired(): void {
    this.signOut({ code: 'expired', message: 'Your session has expired. Sign in again.' });
  }

  private readSession(): AgentSession | null {
    return storedSession(safeGet(this.storage, this.sessionKey));
  }

  // ---- the list ----

  private async loadList(more: boolean): Promise<void> {
    const request = ++this.listRequest;
    const { status, channel } = this.$filter.get();
    this.$listState.set('loading');
    try {
      const page = await this.api.tickets({ status, ...(channel === 'all' ? {} : { channel }), cursor: more ? this.cursor : null, limit: PAGE });
      if (request !== this.listRequest) return;
      for (const t of page.tickets) this.known.add(t.id);
      this.upsert(...page.tickets);
      if (page.unreadTotal !== undefined) this.setUnread(page.unreadTotal);
      this.cursor = page.nextCursor;
      this.$hasMore.set(page.nextCursor !== null);
      this.$listState.set('ready');
    } catch (err) {
      if (request !== this.listRequest) return;
      if (err instanceof TransportError && err.status === 401) return this.expired();
      this.$listState.set('error');
      this.emit('error', toChatError(err));
    }
  }

  /** Keeps the newest state of each ticket (feed frames and list pages may cross). */
  private upsert(...tickets: Ticket[]): void {
    const map = new Map(this.$tickets.get());
    let changed = false;
    for (const t of tickets) {
      const next = mergeTicket(map.get(t.id), t);
      if (!next) continue;
      map.set(t.id, next);
      changed = true;
    }
    if (changed) this.$tickets.set(map);
  }

  private setUnread(n: number): void {
    if (n !== this.$unreadTotal.get()) this.$unreadTotal.set(n);
  }

  // ---- the feed's frames ----

  private onFeed(frame: FeedFrame): void {
    if (frame.type === 'inbox') {
      for (const t of frame.tickets) this.known.add(t.id);
      this.upsert(...frame.tickets);
      this.setUnread(frame.unreadTotal);
      // What a reconnect missed is in this first page; older changes come with the filters.
      this.feedReady = true;
    } else if (frame.type === 'ticket') {
      const t = frame.ticket;
      if (t.handler === 'team' && !this.known.has(t.id)) {
        this.known.add(t.id);
        if (this.feedReady) this.emit('new-ticket', t);
      }
      this.upsert(t);
      this.setUnread(frame.unreadTotal);
    }
  }

  // ---- the open ticket ----

  /** The open ticket's socket, with the agent's token. */
  private ticketTransport(session: AgentSession): PartykitTransport {
    const { host, shop } = this.options;
    return new PartykitTransport({
      host,
      shop,
      // Asked on every connect: after a refresh the thread reconnects with the fresh token.
      token: () => this.api.token ?? session.token,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.WebSocket ? { WebSocket: this.options.WebSocket } : {}),
      ...(this.options.reconnect ? { reconnect: this.options.reconnect } : {}),
    });
  }

  private closeThread(): void {
    this.$thread.get()?.destroy();
    this.$thread.set(null);
    this.$profile.set({ state: 'idle' });
  }

  /** The profile panel's data, from the ticket's own route: a ticket without a profile answers an empty one, not a 404. */
  private async loadProfile(ticket: Ticket): Promise<void> {
    const request = ++this.profileRequest;
    if (!ticket.customer || ticket.customer.id.startsWith('anon:')) return this.$profile.set({ state: 'missing' });
    this.$profile.set({ state: 'loading' });
    try {
      const { profile, tickets, orders } = await this.api.customerView(ticket.id);
      if (request !== this.profileRequest) return;
      this.$profile.set(profile ? { state: 'ready', profile, tickets, orders } : { state: 'missing', tickets, orders });
    } catch {
      if (request === this.profileRequest) this.$profile.set({ state: 'error' });
    }
  }

  /** Opens one of the customer's other tickets from the profile (it may be closed, outside the list's filter). */
  openPast(ticket: Ticket): void {
    this.upsert(ticket);
    this.select(ticket.id);
  }

  private emit<K extends keyof InboxClientEvents>(type: K, detail: InboxClientEvents[K]): void {
    this.events.emit(type, detail);
  }
}
