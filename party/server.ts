/**
 * The reference server (DESIGN §1, §5–8): one Worker routing `/parties/{party}/{room}`
 * to two SQLite-backed Durable Objects, `Main` (a shop) and `Ticket` (a ticket).
 * Both are thin adapters: the rules live in `party/core/`, which the msw mock runs too.
 */
import { DurableObject } from 'cloudflare:workers';
import { Server, routePartykitRequest, type Connection, type ConnectionContext, type Lobby } from 'partyserver';
import type { ClientFrame, ServerFrame, Ticket as TicketData } from '../src/protocol/index.js';
import { LlmResponder } from './core/ai/llm.js';
import type { AiSettings } from './core/ai/responder.js';
import { verifyToken, type Claims } from './core/auth.js';
import { chatSecret, isDev, type ServerEnv } from './core/env.js';
import { SHOP_KINDS, TICKET_KINDS, bodyLimit, fail, gateFeed, gateRequest, gateSocket, handleShopRequest, parseTarget, readBody, type SocketRefusal, type Target } from './core/http.js';
import { SEND_BUDGET, TOO_MANY_SOCKETS_CLOSE, budgetFrom, socketFits } from './core/rate-limit.js';
import { DEV_SHOP, demoData, devSettings } from './core/seed.js';
import { Shop, type Actor } from './core/shop.js';
import type { KVStorage } from './core/storage.js';
import { SqlTicketIndex } from './core/sql-ticket-index.js';
import { TicketRoom, admit, type NewTicket, type Participant, type TicketSettings } from './core/ticket-room.js';
import { handleShopifyProxy } from './core/shopify.js';
import { SIGN_IN_ROOM, SignInThrottle, clientAddress, signInShopOf, tooManySignIns, type SignInTicket } from './core/sign-in-throttle.js';
import { handleUploadRequest } from './core/uploads.js';
import { configuredShop, mayInstall } from './core/shops.js';
import { isTicketId } from './core/ticket-id.js';

export interface Env extends ServerEnv {
  Main: DurableObjectNamespace<Main>;
  Ticket: DurableObjectNamespace<Ticket>;
  ShopRegistry: DurableObjectNamespace<ShopRegistry>;
  ASSETS?: Fetcher;
}

const newId = (): string => crypto.randomUUID();

/**
 * Refuses a WebSocket so the browser sees why: accept it, send one `error` frame,
 * close with 4000/4001/4003, or 4029 for too many sockets (clients retry that one later).
 * A bare HTTP status would reach the page as 1006 and partysocket would retry forever
 * (DESIGN §5 "Refusals").
 */
function refuseSocket(refusal: Pick<SocketRefusal, 'close' | 'code' | 'message'> | { close: typeof TOO_MANY_SOCKETS_CLOSE; code: 'rate_limited'; message: string }): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  server.send(JSON.stringify({ type: 'error', code: refusal.code, message: refusal.message } satisfies ServerFrame));
  server.close(refusal.close, refusal.code);
  return new Response(null, { status: 101, webSocket: client });
}

function targetOf(request: Request, lobby: Lobby<Env>): Target {
  const parsed = parseTarget(new URL(request.url));
  return { party: lobby.className === 'Main' ? 'main' : 'ticket', room: lobby.name, rest: parsed?.rest ?? [] };
}

const unknownTicket = { close: 4003, code: 'not_found', message: 'This ticket does not exist.' } as const;
const unknownShop = { close: 4003, code: 'not_found', message: 'Unknown shop.' } as const;

async function beforeConnect(request: Request, lobby: Lobby<Env>, env: Env): Promise<Response | undefined> {
  const now = Date.now();
  const secret = chatSecret(env);
  if (!secret) return refuseSocket({ close: 4001, code: 'forbidden', message: 'The server is misconfigured.' });
  const url = new URL(request.url);
  if (lobby.className === 'Ticket') {
    const verdict = await gateSocket(url, request.headers.get('Origin'), lobby.name, env, now);
    if (!verdict.ok) return refuseSocket(verdict);
    return (await isTicketId(secret, lobby.name)) ? undefined : refuseSocket(unknownTicket);
  }
  if (lobby.className !== 'Main') return refuseSocket(unknownShop);
  // The shop room's feed: agents get the inbox, shoppers get live config (R12).
  const verdict = await gateFeed(url, lobby.name, env, now);
  if (!verdict.ok) return refuseSocket(verdict);
  return (await isInstalled(lobby.name, env)) ? undefined : refuseSocket(unknownShop);
}

/**
 * The Worker's `onBeforeRequest`: the token gate, then the checks that keep strangers
 * from creating storage (issue 12): a ticket id this server did not sign, a shop
 * nobody installed (except the requests that install it), the registry itself.
 */
async function beforeRequest(request: Request, lobby: Lobby<Env>, env: Env): Promise<Response | undefined> {
  if (lobby.className !== 'Main' && lobby.className !== 'Ticket') return fail(404, 'not_found', 'No such route.');
  const target = targetOf(request, lobby);
  const refused = await gateRequest(request, target, env, Date.now());
  if (refused || request.method === 'OPTIONS') return refused ?? undefined;
  if (target.party === 'ticket') return (await isTicketId(chatSecret(env)!, lobby.name)) ? undefined : fail(404, 'not_found', 'No such ticket.');
  if (await isInstalled(lobby.name, env)) return undefined;
  return (await mayInstall(request, target.rest, lobby.name, env)) ? undefined : fail(404, 'not_found', 'Unknown shop.');
}

/** Shops the registry said are installed: nothing uninstalls a shop, so this isolate may remember. */
const installedShops = new Set<string>();

async function isInstalled(shop: string, env: Env): Promise<boolean> {
  if (configuredShop(shop, env) || installedShops.has(shop)) return true;
  const installed = await registry(env).has(shop);
  if (installed) installedShops.add(shop);
  return installed;
}

const registry = (env: Env): DurableObjectStub<ShopRegistry> => env.ShopRegistry.get(env.ShopRegistry.idFromName('shops'));

/** Dev servers only: a bare WebSocket echo in the Worker, the floor the benchmarks compare with. */
function echoSocket(): Response {
  const pair = new WebSocketPair();
  const server = pair[1];
  server.accept();
  server.addEventListener('message', (e) => server.send(e.data));
  return new Response(null, { status: 101, webSocket: pair[0] });
}

/**
 * Reads the body before routing, counting bytes and refusing as soon as it passes the
 * route's limit (never buffering the rest). In workerd's dev proxy an unread body left
 * behind a response (a refusal in the hook, an early error in a room) stalls the next
 * request on that connection; a buffered body never does.
 */
async function buffered(request: Request, ctx: ExecutionContext): Promise<Request | Response> {
  if (!request.body || request.headers.get('Upgrade')) return request;
  let rest: Promise<void> = Promise.resolve();
  const body = await readBody(request, bodyLimit(new URL(request.url).pathname), (r) => (rest = r));
  if (!body) return refuseBody(rest, ctx);
  return new Request(request, { body });
}

/**
 * The 413 goes out at once while the rest of the body is dropped behind it: the answer's
 * stream stays open until then, because `wrangler dev`'s proxy turns an answer that ends
 * before the body was read into a 503.
 */
async function refuseBody(rest: Promise<void>, ctx: ExecutionContext): Promise<Response> {
  const answer = fail(413, 'too_large', 'The body is too large.');
  const bytes = new Uint8Array(await answer.arrayBuffer());
  const { readable, writable } = new FixedLengthStream(bytes.length);
  const writer = writable.getWriter();
  ctx.waitUntil(
    (async () => {
      const wrote = writer.write(bytes);
      await rest;
      await wrote;
      await writer.close();
    })().catch(() => undefined),
  );
  return new Response(readable, { status: 413, headers: answer.headers });
}

export default {
  async fetch(incoming: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      return await route(incoming, env, ctx);
    } catch (err) {
      // Bad input never reaches the client as a stack trace (a malformed `%` in a path throws URIError).
      if (err instanceof URIError) return fail(400, 'bad_request', 'The path has malformed percent-encoding.');
      console.error('worker: request failed', err);
      return fail(500, 'internal', 'The request could not be handled.');
    }
  },
} satisfies ExportedHandler<Env>;

async function route(incoming: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const request = await buffered(incoming, ctx);
  if (request instanceof Response) return request;
  const url = new URL(request.url);
  if (url.pathname.startsWith('/shopify-proxy/')) return handleShopifyProxy(request, env);
  if (url.pathname === '/__bench/echo' && isDev(env)) return echoSocket();
  // The honest floors of a ticket message: a hop into a Durable Object, and one durable write there.
  if (url.pathname.startsWith('/__bench/echo-do') && isDev(env)) return env.Ticket.get(env.Ticket.idFromName('__bench')).fetch(request);
  const signIn = signInShopOf(request, env);
  const throttle = signIn ? env.Main.get(env.Main.idFromName(SIGN_IN_ROOM)) : null;
  const address = clientAddress(request);
  if (signIn && throttle) {
    const ticket = await throttle.signInBegin(address, signIn);
    if (!ticket.ok) return tooManySignIns(ticket.retryAfterSeconds);
  }
  const routed = await routePartykitRequest(request, env, {
    onBeforeConnect: (req, lobby) => beforeConnect(req, lobby, env),
    onBeforeRequest: (req, lobby) => beforeRequest(req, lobby, env),
  });
  // Only failed sign-ins count: one that worked gives its attempt back.
  if (signIn && throttle && routed?.status === 200) await throttle.signInSucceeded(address, signIn);
  if (routed) return routed;
  if (env.ASSETS) return env.ASSETS.fetch(request);
  return fail(404, 'not_found', 'No such route.');
}

interface PeerState {
  role: Participant['role'];
  userId: string;
  name?: string;
  /** When the token that opened the socket expires (ms); the socket closes then (4001). */
  exp?: number;
  /** Which token opened it (its signature), for the sockets-per-token cap. */
  tokenKey?: string;
}

/** A token's signature: unique per token, short enough to keep with each socket. */
const tokenKeyOf = (token: string): string => token.slice(token.lastIndexOf('.') + 1);

interface FeedState {
  role: Claims['role'];
  exp?: number;
}

/**
 * Sockets outlive no token (issue 12 item 10). The expiry lives in `conn.state` and the
 * close is driven by the room's alarm, since rooms hibernate and in-memory timers die
 * with them; every frame and every push checks it too.
 */
const isExpired = (state: { exp?: number } | null | undefined, now: number): boolean => state?.exp !== undefined && state.exp <= now;

function expireSocket(conn: Connection): void {
  try {
    conn.send(JSON.stringify({ type: 'error', code: 'forbidden', message: 'The token has expired.' } satisfies ServerFrame));
    conn.close(4001, 'token expired');
  } catch {
    // Already closed.
  }
}

/** Closes the expired sockets; returns when the next of the others expires, or null. */
function expireSockets<S extends { exp?: number }>(conns: Iterable<Connection<S>>, now: number): number | null {
  let next: number | null = null;
  for (const conn of conns) {
    if (isExpired(conn.state, now)) expireSocket(conn);
    else if (conn.state?.exp !== undefined) next = next === null ? conn.state.exp : Math.min(next, conn.state.exp);
  }
  return next;
}

/** One alarm per object serves everything: keep the earliest due time. */
async function alarmAt(storage: DurableObjectStorage, at: number): Promise<void> {
  const current = await storage.getAlarm();
  if (current === null || at < current || current < Date.now()) await storage.setAlarm(at);
}

/** A shop: settings, sessions, chat creation, the ticket index and the inbox feed. */
export class Main extends Server<Env> {
  static override options = { hibernate: true };
  private shopCore: Shop | null = null;
  private index: SqlTicketIndex | null = null;

  private get shop(): Shop {
    if (!this.shopCore) {
      this.index = new SqlTicketIndex(this.ctx.storage.sql);
      this.shopCore = new Shop(this.name, {
        storage: this.ctx.storage as unknown as KVStorage,
        index: this.index,
        env: this.env,
        now: Date.now,
        newId,
        tickets: {
          create: (init) => this.ticketStub(init.id).create(init),
          get: (id) => this.ticketStub(id).get(),
          act: (id, actor, frame) => this.ticketStub(id).act(actor, frame),
        },
        settingsChanged: () => this.ctx.waitUntil(this.pushConfig()),
        pushTicketSettings: (ids, settings) => this.pushTicketSettings(ids, settings),
        indexChanged: (ticket) => this.ctx.waitUntil(this.pushTicket(ticket)),
      });
    }
    return this.shopCore;
  }

  override async onStart(): Promise<void> {
    if (!isDev(this.env) || this.name !== DEV_SHOP) return;
    await this.shop.seed(devSettings());
    // Not awaited: the ticket rooms it fills call back into this room.
    if (this.env.DEMO_DATA === '1') this.ctx.waitUntil(this.shop.seedDemo(demoData()));
  }

  override async onRequest(request: Request): Promise<Response> {
    const target = parseTarget(new URL(request.url));
    const response = await handleShopRequest(this.shop, request, target?.rest ?? [], { env: this.env, now: Date.now, newId });
    // Saved settings install the shop (issue 12): the registry knows before the admin hears back.
    if (request.method === 'PUT' && target?.rest[0] === 'settings' && response.ok) await registry(this.env).add(this.name);
    return response;
  }

  override async onConnect(conn: Connection<FeedState>, ctx: ConnectionContext): Promise<void> {
    const token = new URL(ctx.request.url).searchParams.get('token') ?? '';
    const claims = await verifyToken(chatSecret(this.env)!, token, Date.now(), SHOP_KINDS);
    if (!claims) return conn.close(4001, 'forbidden');
    conn.setState({ role: claims.role, exp: claims.exp * 1000 });
    this.ctx.waitUntil(alarmAt(this.ctx.storage, claims.exp * 1000));
    conn.send(JSON.stringify(await this.shop.feedWelcome(claims.role)));
  }

  override onMessage(conn: Connection<FeedState>): void {
    // The feed is one-way; ticket actions go through the ticket rooms.
    if (isExpired(conn.state, Date.now())) expireSocket(conn);
  }

  /** The shop's alarm closes feed sockets whose token expired. */
  override async onAlarm(): Promise<void> {
    const next = expireSockets(this.getConnections<FeedState>(), Date.now());
    if (next !== null) await alarmAt(this.ctx.storage, next);
  }

  /** The feed's open sockets whose token still holds; expired ones are closed on the way. */
  private *liveFeeds(): Iterable<Connection<FeedState>> {
    const now = Date.now();
    for (const conn of this.getConnections<FeedState>()) {
      if (isExpired(conn.state, now)) expireSocket(conn);
      else yield conn;
    }
  }

  private signInCore: SignInThrottle | null = null;

  /** RPC from the Worker, on the one sign-in room only: spends a sign-in attempt, or says how long to wait. */
  async signInBegin(address: string, shop: string): Promise<SignInTicket> {
    return (this.signInCore ??= new SignInThrottle(this.ctx.storage as unknown as KVStorage, Date.now)).begin(address, shop);
  }

  /** RPC from the Worker: that sign-in worked; its attempt is given back. */
  async signInSucceeded(address: string, shop: string): Promise<void> {
    await (this.signInCore ??= new SignInThrottle(this.ctx.storage as unknown as KVStorage, Date.now)).succeeded(address, shop);
  }

  /**
   * RPC from ticket rooms after every change (DESIGN §7: the highest revision wins).
   * Answers the shop's settings revision, so a room that missed a push catches up (R12).
   */
  async ticketChanged(ticket: TicketData, revision: number): Promise<number> {
    await this.shop.ticketChanged(ticket, revision);
    return this.shop.settingsRevision();
  }

  /** RPC from a ticket room before it stores a shopper's image (issue 13 #2). */
  async spendUploadBytes(customerId: string, bytes: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    return this.shop.spendUploadBytes(customerId, bytes);
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

  private async pushTicket(ticket: TicketData): Promise<void> {
    const frame = JSON.stringify(await this.shop.feedTicket(ticket));
    for (const conn of this.liveFeeds()) if (conn.state?.role !== 'shopper') conn.send(frame);
  }

  private async pushConfig(): Promise<void> {
    const frame = JSON.stringify(await this.shop.feedWelcome('shopper'));
    for (const conn of this.liveFeeds()) if (conn.state?.role === 'shopper') conn.send(frame);
  }

  private ticketStub(id: string): DurableObjectStub<Ticket> {
    return this.env.Ticket.get(this.env.Ticket.idFromName(id));
  }
}

/** A ticket: its messages, seq, receipts, typing, status and uploads. */
export class Ticket extends Server<Env> {
  static override options = { hibernate: true };
  private roomCore: TicketRoom | null = null;
  /** Claims verified in fetch(), handed to onConnect without another await. */
  private admitted = new Map<string, Claims>();

  private get room(): TicketRoom {
    return (this.roomCore ??= new TicketRoom(this.ctx.storage as unknown as KVStorage, {
      now: Date.now,
      newId,
      peers: () => this.peers(),
      changed: (ticket, revision) => this.ctx.waitUntil(this.changed(ticket, revision)),
      schedule: (at) => this.ctx.waitUntil(this.alarmAt(at)),
      sendBudget: budgetFrom(this.env.SEND_BUDGET, SEND_BUDGET),
      ...(this.env.AI_BASE_URL && this.env.AI_API_KEY
        ? {
            responder: (settings: AiSettings) =>
              new LlmResponder({ baseUrl: this.env.AI_BASE_URL!, apiKey: this.env.AI_API_KEY!, model: this.env.AI_MODEL ?? 'gpt-4o-mini', knowledge: settings.knowledge }),
          }
        : {}),
    }));
  }

  /** Refuses before the socket is accepted: checks that need the ticket itself (DESIGN §5). */
  override async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/__bench/echo-do') && isDev(this.env)) return this.benchEcho(path.endsWith('/write'));
    if (request.headers.get('Upgrade')?.toLowerCase() === 'websocket') {
      const claims = await this.claimsOf(request);
      if (!claims) return refuseSocket({ close: 4001, code: 'forbidden', message: 'The token is missing, expired or invalid.' });
      const verdict = admit(await this.room.ticket(), claims);
      if (!verdict.ok) return refuseSocket(verdict);
      const token = new URL(request.url).searchParams.get('token') ?? '';
      // Counted and reserved with no await in between: parallel upgrades each see the others.
      const release = this.reserveSeat(verdict.role, tokenKeyOf(token));
      if (!release) {
        return refuseSocket({ close: TOO_MANY_SOCKETS_CLOSE, code: 'rate_limited', message: 'Too many connections to this chat: close a tab or try again later.' });
      }
      this.admitted.set(token, claims);
      this.seats.set(request, release);
      try {
        return await super.fetch(request);
      } finally {
        release(); // a no-op once onConnect took the seat
      }
    }
    return super.fetch(request);
  }

  /** Sockets being opened, not yet among getConnections() with a state: by side and by token. */
  private joining = new Map<string, number>();
  /** Each opening socket's reservation, released by onConnect once the socket counts itself. */
  private seats = new WeakMap<Request, () => void>();

  /** A seat for one more socket under the caps (rate-limit.ts), or null; returns its (idempotent) release. */
  private reserveSeat(role: Participant['role'], tokenKey: string): (() => void) | null {
    const sideKey = `side:${role}`;
    const tokenSeat = `token:${tokenKey}`;
    let side = this.joining.get(sideKey) ?? 0;
    let sameToken = this.joining.get(tokenSeat) ?? 0;
    for (const conn of this.getConnections<PeerState>()) {
      if (conn.state?.role === role) side++;
      if (conn.state?.tokenKey === tokenKey) sameToken++;
    }
    if (!socketFits(role, side, sameToken)) return null;
    const bump = (key: string, by: number): void => {
      const n = (this.joining.get(key) ?? 0) + by;
      if (n > 0) this.joining.set(key, n);
      else this.joining.delete(key);
    };
    bump(sideKey, 1);
    bump(tokenSeat, 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      bump(sideKey, -1);
      bump(tokenSeat, -1);
    };
  }

  override async onStart(): Promise<void> {
    // The shop's index may have missed the last change before a crash: send it again.
    const snapshot = await this.room.snapshot();
    if (snapshot) this.ctx.waitUntil(this.notifyShop(snapshot.ticket, snapshot.revision));
  }

  override async onConnect(conn: Connection<PeerState>, ctx: ConnectionContext): Promise<void> {
    // Set the state before any await: a frame handled while onConnect waited found no
    // state and was dropped (a lost `hello` left a client unsynced; found by npm run chaos).
    const token = new URL(ctx.request.url).searchParams.get('token') ?? '';
    const claims = this.admitted.get(token) ?? (await this.claimsOf(ctx.request))!;
    this.admitted.delete(token);
    const state: PeerState = { role: claims.role === 'shopper' ? 'shopper' : 'agent', userId: claims.sub, tokenKey: tokenKeyOf(token), exp: claims.exp * 1000 };
    if (claims.name) state.name = claims.name;
    conn.setState(state);
    // From now on getConnections() counts this socket: its reservation must not count it twice.
    this.seats.get(ctx.request)?.();
    this.ctx.waitUntil(this.alarmAt(state.exp!));
  }

  override async onMessage(conn: Connection<PeerState>, message: string | ArrayBuffer): Promise<void> {
    const state = conn.state;
    if (!state) return;
    if (isExpired(state, Date.now())) return expireSocket(conn);
    await this.room.receive(this.participant(conn, state), message);
  }

  override onClose(conn: Connection<PeerState>): void {
    this.room.leave(conn.id);
  }

  override async onRequest(request: Request): Promise<Response> {
    return handleUploadRequest(request, this.ctx.storage as unknown as KVStorage, {
      env: this.env,
      ticketId: this.name,
      ticket: () => this.room.ticket(),
      schedule: (at) => this.ctx.waitUntil(this.alarmAt(at)),
      spendUploadBytes: (shop, customerId, bytes) => this.env.Main.get(this.env.Main.idFromName(shop)).spendUploadBytes(customerId, bytes),
    });
  }

  override async onAlarm(): Promise<void> {
    const sockets = expireSockets(this.getConnections<PeerState>(), Date.now());
    const room = await this.room.wake();
    const next = room === null ? sockets : sockets === null ? room : Math.min(room, sockets);
    if (next !== null) await this.alarmAt(next);
  }

  /** Dev servers only (bench/): echo every frame from inside the object, after a durable write if asked. */
  private benchEcho(write: boolean): Response {
    const pair = new WebSocketPair();
    const server = pair[1];
    server.accept();
    let n = 0;
    server.addEventListener('message', async (e) => {
      if (write) await this.ctx.storage.put(`bench:${++n % 1000}`, e.data);
      server.send(e.data);
    });
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** One alarm serves snoozes, delivery retries and token expiry: keep the earliest. */
  private alarmAt(at: number): Promise<void> {
    return alarmAt(this.ctx.storage, at);
  }

  /** RPC from the shop: creates the ticket with its first message (R6). */
  async create(init: NewTicket): Promise<Awaited<ReturnType<TicketRoom['create']>>> {
    return this.room.create(init);
  }

  /** RPC from the shop, dev seeding only: a frame from someone, as if from a socket. */
  async act(actor: Actor, frame: ClientFrame): Promise<void> {
    await this.room.receive({ id: 'seed', ...actor, send: () => undefined }, JSON.stringify(frame));
  }

  /** RPC from the shop after its settings were saved (R12). */
  async settingsChanged(settings: TicketSettings): Promise<void> {
    await this.room.applySettings(settings);
  }

  /** RPC from the shop: the ticket as it stands, or null. */
  async get(): Promise<TicketData | null> {
    return this.room.ticket();
  }

  /** The newest change the shop's index has not been sent yet, and whether a send is under way. */
  private pendingIndex: { ticket: TicketData; revision: number } | null = null;
  private indexing = false;

  /**
   * Keeps the shop's index up to date off the hot path: one update in flight per
   * ticket, and whatever changed meanwhile goes next as one (the newest state wins; the
   * revision keeps the shop's copy right, and onStart re-sends it after a crash).
   */
  private async changed(ticket: TicketData, revision: number): Promise<void> {
    if (ticket.status === 'snoozed' && ticket.snoozeUntil) {
      // The index hears of the change even if the alarm cannot be set: room and index never disagree.
      await this.alarmAt(Date.parse(ticket.snoozeUntil)).catch((err: unknown) => console.error('ticket: alarm not set', err));
    }
    this.pendingIndex = { ticket: structuredClone(ticket), revision };
    if (this.indexing) return;
    this.indexing = true;
    try {
      // This change's frames go out first.
      await new Promise((r) => setTimeout(r, 0));
      while (this.pendingIndex) {
        const latest: { ticket: TicketData; revision: number } = this.pendingIndex;
        this.pendingIndex = null;
        await this.notifyShop(latest.ticket, latest.revision);
      }
    } finally {
      this.indexing = false;
    }
  }

  private async notifyShop(ticket: TicketData, revision: number): Promise<void> {
    try {
      const shop = this.env.Main.get(this.env.Main.idFromName(ticket.shop));
      const settingsRevision = await shop.ticketChanged(ticket, revision);
      // A push of saved settings was missed (the room was busy or evicted): fetch them (R12).
      if (settingsRevision > (await this.room.settingsRevision())) await this.room.applySettings(await shop.ticketSettings());
    } catch (err) {
      console.error('ticket: index update failed', err);
    }
  }

  /** Who gets the room's frames: sockets whose token still holds (expired ones are closed). */
  private *peers(): Iterable<Participant> {
    const now = Date.now();
    for (const conn of this.getConnections<PeerState>()) {
      if (isExpired(conn.state, now)) expireSocket(conn);
      else if (conn.state) yield this.participant(conn, conn.state);
    }
  }

  private participant(conn: Connection<PeerState>, state: Readonly<PeerState>): Participant {
    const p: Participant = {
      id: conn.id,
      role: state.role,
      userId: state.userId,
      send: (frame) => {
        try {
          conn.send(JSON.stringify(frame));
        } catch {
          // The socket closed meanwhile; the client resumes with hello.
        }
      },
    };
    if (state.name) p.name = state.name;
    return p;
  }

  private async claimsOf(request: Request): Promise<Claims | null> {
    const token = new URL(request.url).searchParams.get('token');
    return token ? verifyToken(chatSecret(this.env)!, token, Date.now(), TICKET_KINDS) : null;
  }
}

/**
 * The installed shops (issue 12): one small object, so that the Worker can tell an
 * installed shop from a made-up name without creating a `Main` room for it. Reachable
 * only by RPC: the Worker's hooks refuse its party.
 */
export class ShopRegistry extends DurableObject<Env> {
  async has(shop: string): Promise<boolean> {
    return (await this.ctx.storage.get(`shop:${shop}`)) !== undefined;
  }

  async add(shop: string): Promise<void> {
    if ((await this.ctx.storage.get(`shop:${shop}`)) === undefined) await this.ctx.storage.put(`shop:${shop}`, Date.now());
  }
}
