/**
 * The `main` party: one Durable Object a shop, holding its settings, sessions, chat
 * creation, the ticket index and the inbox feed. A thin adapter over `core/shop.ts`,
 * which the in-memory backend runs too.
 */
import { Server, type Connection, type ConnectionContext } from 'partyserver';
import type { Ticket as TicketData } from '../src/protocol/index.js';
import { SHOP_KINDS, verifyToken, type Claims } from './core/auth.js';
import { chatSecret, isDev } from './core/env.js';
import { DEV_SHOP, demoData, devSettings } from './core/seed.js';
import { Shop } from './core/shop.js';
import type { StoredOrder } from './core/orders/order-store.js';
import { responderFor } from './ai-responder.js';
import { TOO_MANY_SOCKETS_CLOSE, feedCapsFrom, feedSocketFits } from './core/rate-limit.js';
import { SignInThrottle, type SignInTicket } from './core/sign-in-throttle.js';
import { SqlTicketIndex } from './core/sql-ticket-index.js';
import type { IndexedText } from './core/ticket-search.js';
import type { KVStorage } from './core/storage.js';
import type { TicketSettings } from './core/ticket-room.js';
import { handleShopRequest } from './http/shop-routes.js';
import { parseTarget } from './http/target.js';
import { refuseSocket } from './refuse-socket.js';
import { registry } from './shop-registry.js';
import { alarmAt, expireSocket, expireSockets, isExpired, liveSockets } from './socket-expiry.js';
import { SocketSeats, tokenKeyOf } from './socket-seats.js';
import { ConnectionList } from './connection-list.js';
import type { Ticket } from './ticket.js';
import { newId, type Env } from './worker-env.js';

/** When `shop/redact` erased the shop: kept through the wipe, so late pushes of its tickets are refused. */
const ERASED_KEY = 'erased-at';
/** How soon an inbound text that could not be threaded is tried again. */
const SMS_RETRY_MS = 30_000;

interface FeedState {
  role: Claims['role'];
  exp?: number;
  /** Which token opened it (its signature), for the feed sockets-per-token cap. */
  tokenKey?: string;
  /** A shopper's language (`?lang=`), so pushed config is in it (issue 17). */
  lang?: string;
}

export class Main extends Server<Env> {
  static override options = { hibernate: true };
  private shopCore: Shop | null = null;
  /** When `shop/redact` last erased the shop (ISO), null if never, undefined until read. */
  private erasedAt: string | null | undefined;
  private signInCore: SignInThrottle | null = null;
  /** Feed sockets are capped per token and per shop like ticket sockets (issue 13 #4). */
  private feedSeats = new SocketSeats((side, sameSide, sameToken) => feedSocketFits(feedCapsFrom(this.env.FEED_SOCKETS), side, sameSide, sameToken));
  /** Each opening feed socket's seat, released by onConnect once the socket counts itself. */
  private held = new WeakMap<Request, () => void>();
  /** The feed's sockets, listed once between joins and leaves: every ticket change is pushed to them (connection-list.ts). */
  private feeds = new ConnectionList<FeedState>(() => this.getConnections<FeedState>());
  /** The tickets changed in this turn, not sent to the feed yet (queueFeed). */
  private feedQueue: Map<string, TicketData> | null = null;

  private get shop(): Shop {
    return (this.shopCore ??= new Shop(this.name, {
      storage: this.ctx.storage as unknown as KVStorage,
      index: new SqlTicketIndex(this.ctx.storage.sql, Date.now, (work) => this.ctx.storage.transactionSync(work)),
      env: this.env,
      now: Date.now,
      newId,
      tickets: {
        create: (init) => this.ticketStub(init.id).create(init),
        get: (id) => this.ticketStub(id).get(),
        act: (id, actor, frame) => this.ticketStub(id).act(actor, frame),
        sms: (id, arrival, init) => this.ticketStub(id).sms(arrival, init),
        smsStatus: (id, update) => this.ticketStub(id).smsStatus(update),
        redact: (id, who) => this.ticketStub(id).redact(who),
        exportData: (id) => this.ticketStub(id).exportData(),
        erase: (id) => this.ticketStub(id).erase(),
      },
      wipe: () => this.wipe(),
      settingsChanged: () => this.ctx.waitUntil(this.pushConfig()),
      pushTicketSettings: (ids, settings) => this.pushTicketSettings(ids, settings),
      indexChanged: (ticket) => this.queueFeed(ticket),
    }));
  }

  /** The one sign-in room's throttle (the Worker asks it by RPC). */
  private get signIns(): SignInThrottle {
    return (this.signInCore ??= new SignInThrottle(this.ctx.storage as unknown as KVStorage, Date.now));
  }

  override async onStart(): Promise<void> {
    // Texts stored but not threaded when the room last stopped (R13): threaded now.
    this.ctx.waitUntil(this.retrySms());
    if (!isDev(this.env) || this.name !== DEV_SHOP) return;
    await this.shop.seed(devSettings());
    // Not awaited: the ticket rooms it fills call back into this room.
    if (this.env.DEMO_DATA === '1') this.ctx.waitUntil(this.shop.seedDemo(demoData()));
  }

  override async onRequest(request: Request): Promise<Response> {
    const target = parseTarget(new URL(request.url));
    const response = await handleShopRequest(this.shop, request, target?.rest ?? [], {
      env: this.env,
      now: Date.now,
      newId,
      responder: responderFor(this.env),
      waitUntil: (work) => this.ctx.waitUntil(work),
      // A text stored but not threaded is tried again by the alarm.
      threadingFailed: (err) => (console.error('sms: threading failed', err), this.ctx.waitUntil(alarmAt(this.ctx.storage, Date.now() + SMS_RETRY_MS))),
    });
    // Saved settings install the shop (issue 12): the registry knows before the admin hears back.
    if (request.method === 'PUT' && target?.rest[0] === 'settings' && response.ok) await registry(this.env).add(this.name);
    return response;
  }

  /** A feed socket over the caps (per token, per shop and side) is refused with 4029 before it is accepted. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return super.fetch(request);
    const token = new URL(request.url).searchParams.get('token') ?? '';
    const claims = await verifyToken(chatSecret(this.env)!, token, Date.now(), SHOP_KINDS);
    // Counted and reserved with no await in between: parallel upgrades each see the others.
    const release = claims ? this.feedSeats.reserve(claims.role === 'shopper' ? 'shopper' : 'agent', tokenKeyOf(token), this.getConnections<FeedState>()) : () => undefined;
    if (!release) {
      return refuseSocket({ close: TOO_MANY_SOCKETS_CLOSE, code: 'rate_limited', message: 'Too many live connections to this shop: close a tab or try again later.' });
    }
    this.held.set(request, release);
    try {
      return await super.fetch(request);
    } finally {
      release(); // a no-op once onConnect took the seat
    }
  }

  override async onConnect(conn: Connection<FeedState>, ctx: ConnectionContext): Promise<void> {
    const token = new URL(ctx.request.url).searchParams.get('token') ?? '';
    const claims = await verifyToken(chatSecret(this.env)!, token, Date.now(), SHOP_KINDS);
    if (!claims) return conn.close(4001, 'forbidden');
    const lang = new URL(ctx.request.url).searchParams.get('lang')?.slice(0, 35);
    conn.setState({ role: claims.role, exp: claims.exp * 1000, tokenKey: tokenKeyOf(token), ...(lang ? { lang } : {}) });
    // From now on getConnections() counts this socket: its reservation must not count it twice.
    this.held.get(ctx.request)?.();
    this.feeds.forget();
    this.ctx.waitUntil(alarmAt(this.ctx.storage, claims.exp * 1000));
    conn.send(JSON.stringify(await this.shop.feedWelcome(claims.role, lang)));
  }

  override onClose(): void {
    this.feeds.forget();
  }

  override onError(conn: Connection<FeedState>, error: unknown): void | Promise<void> {
    this.feeds.forget();
    return super.onError(conn, error);
  }

  override onMessage(conn: Connection<FeedState>): void {
    // The feed is one-way; ticket actions go through the ticket rooms.
    if (isExpired(conn.state, Date.now())) expireSocket(conn);
  }

  /** The shop's alarm closes feed sockets whose token expired. */
  override async onAlarm(): Promise<void> {
    const next = expireSockets(this.getConnections<FeedState>(), Date.now());
    if (next !== null) await alarmAt(this.ctx.storage, next);
    await this.retrySms();
  }

  /** Threads the stored texts not threaded yet; some left (a ticket room failing) → the alarm tries again. */
  private async retrySms(): Promise<void> {
    if (await this.shop.sms.retryPending()) await alarmAt(this.ctx.storage, Date.now() + SMS_RETRY_MS);
  }

  /** RPC from the Worker, on the one sign-in room only: a sign-in whose key was checked goes on, or is told how long to wait. */
  async signIn(address: string, shop: string, keyOpens: boolean): Promise<SignInTicket> {
    return this.signIns.begin(address, shop, keyOpens);
  }

  /**
   * RPC from ticket rooms after every change (DESIGN §7: the highest revision wins).
   * Answers the shop's settings revision, so a room that missed a push catches up (R12).
   */
  async ticketChanged(ticket: TicketData, revision: number, texts: IndexedText[] = []): Promise<number> {
    // A push still on its way when shop/redact erased its room would put the ticket back for good (r2 finding 2).
    if (await this.erasedBefore(ticket)) return 0;
    await this.shop.ticketChanged(ticket, revision, texts);
    return this.shop.settingsRevision();
  }

  /** RPC from a ticket room before it stores a shopper's image (issue 13 #2). */
  async spendUploadBytes(customerId: string, bytes: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    return this.shop.spendUploadBytes(customerId, bytes);
  }

  /** RPC from a ticket room before it stores a shopper's image: whether the shop takes them (issue 17 B1). */
  async shopperAttachments(): Promise<boolean> {
    return this.shop.shopperAttachments();
  }

  /** RPC from a ticket room: its shopper's own orders, for the AI agent's order answers (issue 18). */
  async ordersOf(customerId: string): Promise<StoredOrder[]> {
    return this.shop.ordersOf(customerId);
  }

  /** RPC from a ticket room whose settings are older than the shop's (R12). */
  async ticketSettings(): Promise<TicketSettings> {
    return this.shop.ticketSettings();
  }

  /** Saved settings reach every open ticket (R12), a few rooms at a time; a room that misses it catches up on its next change. */
  private async pushTicketSettings(ids: string[], settings: TicketSettings): Promise<void> {
    for (let i = 0; i < ids.length; i += 20) {
      await Promise.all(
        ids.slice(i, i + 20).map((id) => this.ticketStub(id).settingsChanged(settings).catch((err: unknown) => console.error('shop: settings push failed', err))),
      );
    }
  }

  /**
   * The index tells of a turn's changes one by one, in one go (index-turn.ts): they are sent
   * together once it is done, each ticket once in its newest state, after every other ticket
   * of the turn changed before it, each frame serialised once for every socket (issue 19).
   */
  private queueFeed(ticket: TicketData): void {
    if (this.feedQueue) {
      this.feedQueue.delete(ticket.id);
      this.feedQueue.set(ticket.id, ticket);
      return;
    }
    this.feedQueue = new Map([[ticket.id, ticket]]);
    this.ctx.waitUntil(Promise.resolve().then(() => this.pushTickets()));
  }

  private async pushTickets(): Promise<void> {
    const tickets = [...(this.feedQueue?.values() ?? [])];
    this.feedQueue = null;
    const frames: string[] = [];
    for (const ticket of tickets) frames.push(JSON.stringify(await this.shop.feedTicket(ticket)));
    for (const conn of liveSockets(this.feeds.open(), Date.now())) if (conn.state?.role !== 'shopper') for (const frame of frames) conn.send(frame);
  }

  private async pushConfig(): Promise<void> {
    // Each shopper's config in their language (issue 17): one frame per language.
    const frames = new Map<string, string>();
    const shoppers = [...liveSockets(this.getConnections<FeedState>(), Date.now())].filter((conn) => conn.state?.role === 'shopper');
    for (const conn of shoppers) {
      const lang = conn.state?.lang ?? '';
      if (!frames.has(lang)) frames.set(lang, JSON.stringify(await this.shop.feedWelcome('shopper', lang)));
    }
    for (const conn of shoppers) conn.send(frames.get(conn.state?.lang ?? '')!);
  }

  /** Whether `shop/redact` erased this shop after the ticket was created: its room is gone, its pushes are refused. */
  private async erasedBefore(ticket: TicketData): Promise<boolean> {
    if (this.erasedAt === undefined) this.erasedAt = (await this.ctx.storage.get<string>(ERASED_KEY)) ?? null;
    return this.erasedAt !== null && ticket.createdAt <= this.erasedAt;
  }

  /**
   * `shop/redact`: the shop's storage (its SQL index included), its registry entry and its feeds go.
   * Only when it was erased stays (no one's data): the tickets created before it are refused.
   */
  private async wipe(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.erasedAt = new Date().toISOString();
    await this.ctx.storage.put(ERASED_KEY, this.erasedAt);
    await registry(this.env).remove(this.name);
    // The next request builds the shop anew over the empty storage.
    this.shopCore = null;
    for (const conn of this.getConnections<FeedState>()) conn.close(4003, 'not_found');
  }

  private ticketStub(id: string): DurableObjectStub<Ticket> {
    return this.env.Ticket.get(this.env.Ticket.idFromName(id));
  }
}
