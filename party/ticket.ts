/**
 * The `ticket` party: one Durable Object a ticket, holding its messages, seq, receipts,
 * typing, status and uploads. A thin adapter over `core/ticket-room.ts`, which the
 * in-memory backend runs too; here live the socket caps, token expiry and the index push.
 */
import { Server, type Connection, type ConnectionContext } from 'partyserver';
import type { ClientFrame, Message, Ticket as TicketData } from '../src/protocol/index.js';
import { configuredResponder } from './ai-responder.js';
import { TICKET_KINDS, verifyToken, type Claims } from './core/auth.js';
import { emailTimings } from './core/email/notifier.js';
import { chatSecret, isDev } from './core/env.js';
import { SEND_BUDGET, TOO_MANY_SOCKETS_CLOSE, budgetFrom } from './core/rate-limit.js';
import type { Actor } from './core/shop.js';
import type { KVStorage } from './core/storage.js';
import { TicketRoom, admit, messageKey, type NewTicket, type Participant, type TicketSettings } from './core/ticket-room.js';
import { handleUploadRequest } from './core/uploads.js';
import { teamOf } from './core/ticket-assign.js';
import type { SmsArrival, SmsArrivalOutcome, SmsStatus } from './core/sms/thread.js';
import { exportTicket, redactTicket, type DataSubject, type RedactedTicket, type TicketExport } from './core/privacy-ticket.js';
import { benchEchoInObject } from './bench.js';
import { IndexPush } from './index-push.js';
import { IndexMark, indexPushDelayMs } from './core/index-mark.js';
import type { IndexedText } from './core/ticket-search.js';
import { refuseSocket } from './refuse-socket.js';
import { parseTarget } from './http/target.js';
import { transcriptRoute } from './http/transcript-route.js';
import { alarmAt, expireSocket, expireSockets, isExpired, liveSockets } from './socket-expiry.js';
import { SocketSeats, tokenKeyOf } from './socket-seats.js';
import { ConnectionList } from './connection-list.js';
import { syncKv } from './sync-kv.js';
import type { Main } from './main.js';
import { newId, type Env } from './worker-env.js';

/** A catch-up re-sends the texts of at most the last this many messages (a room from before the texts mark has none). */
const MAX_RESENT_TEXTS = 500;

interface PeerState {
  role: Participant['role'];
  userId: string;
  name?: string;
  /** When the token that opened the socket expires (ms); the socket closes then (4001). */
  exp?: number;
  /** Which token opened it (its signature), for the sockets-per-token cap. */
  tokenKey?: string;
}

export class Ticket extends Server<Env> {
  static override options = { hibernate: true };
  private roomCore: TicketRoom | null = null;
  /** Claims verified in fetch(), handed to onConnect without another await. */
  private admitted = new Map<string, Claims>();
  private seats = new SocketSeats();
  /** Each opening socket's seat, released by onConnect once the socket counts itself. */
  private held = new WeakMap<Request, () => void>();
  private index = new IndexPush(
    ({ ticket, revision, texts }) => this.notifyShop(ticket, revision, texts),
    () => this.ctx.storage.sync(),
  );
  private indexMarkCore: IndexMark | null = null;
  private shopStub: { shop: string; stub: DurableObjectStub<Main> } | null = null;
  /** Who gets the room's frames, listed once between joins and leaves (connection-list.ts). */
  private sockets = new ConnectionList<PeerState>(() => this.getConnections<PeerState>());

  private get room(): TicketRoom {
    return (this.roomCore ??= new TicketRoom(syncKv(this.ctx.storage), {
      now: Date.now,
      newId,
      peers: () => this.peers(),
      changed: (ticket, revision, text) => this.ctx.waitUntil(this.changed(ticket, revision, text)),
      schedule: (at) => this.ctx.waitUntil(this.alarmAt(at)),
      sendBudget: budgetFrom(this.env.SEND_BUDGET, SEND_BUDGET),
      emailTimings: emailTimings(this.env),
      ...(configuredResponder(this.env) ? { responder: configuredResponder(this.env)! } : {}),
      team: (shop) => teamOf(this.env, shop),
      orders: (shop, customerId) => this.shopOf(shop).ordersOf(customerId),
      shopperAttachments: (shop) => this.shopperAttachments(shop),
    }));
  }

  private get indexMark(): IndexMark {
    // The synchronous KV API, as the room's: the check each alarm makes costs no trips to the runtime.
    return (this.indexMarkCore ??= new IndexMark(syncKv(this.ctx.storage), { now: Date.now, schedule: (at) => this.ctx.waitUntil(this.alarmAt(at)) }));
  }

  /** Refuses before the socket is accepted: checks that need the ticket itself (DESIGN §5). */
  override async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/__bench/echo-do') && isDev(this.env)) return benchEchoInObject(path, this.ctx.storage);
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return super.fetch(request);
    const claims = await this.claimsOf(request);
    if (!claims) return refuseSocket({ close: 4001, code: 'forbidden', message: 'The token is missing, expired or invalid.' });
    const verdict = admit(await this.room.ticket(), claims);
    if (!verdict.ok) return refuseSocket(verdict);
    const token = new URL(request.url).searchParams.get('token') ?? '';
    // Counted and reserved with no await in between: parallel upgrades each see the others.
    const release = this.seats.reserve(verdict.role, tokenKeyOf(token), this.getConnections<PeerState>());
    if (!release) {
      return refuseSocket({ close: TOO_MANY_SOCKETS_CLOSE, code: 'rate_limited', message: 'Too many connections to this chat: close a tab or try again later.' });
    }
    this.admitted.set(token, claims);
    this.held.set(request, release);
    try {
      return await super.fetch(request);
    } finally {
      release(); // a no-op once onConnect took the seat
    }
  }

  override async onStart(): Promise<void> {
    await this.catchUpIndex();
  }

  /** The shop's index may have missed the last change (a crash before its push landed): send the state once (core/index-mark.ts). */
  private async catchUpIndex(): Promise<void> {
    const snapshot = await this.room.snapshot();
    if (!snapshot) return;
    const mark = await this.indexMark.behind(snapshot.revision, snapshot.ticket.lastMessage?.seq ?? 0);
    if (!mark.behind) return;
    this.indexMark.changed(); // checked again later, should this push fail too
    this.indexMark.resending();
    // The texts a lost push carried (r2 finding 3): the messages after the mark, as the room hands them (no system notices).
    const texts: IndexedText[] = [];
    const from = Math.max(mark.textsAfter, (snapshot.ticket.lastMessage?.seq ?? 0) - MAX_RESENT_TEXTS) + 1;
    const after = await this.ctx.storage.list<Message>({ prefix: 'm:', start: messageKey(from), limit: MAX_RESENT_TEXTS });
    for (const m of after.values()) if (m.author.role !== 'system' && m.body) texts.push({ seq: m.seq, body: m.body });
    this.ctx.waitUntil(this.index.push(snapshot.ticket, snapshot.revision, texts));
  }

  override async onConnect(conn: Connection<PeerState>, ctx: ConnectionContext): Promise<void> {
    // Set the state before any await: a frame handled while onConnect waited would find
    // no state and be dropped, leaving its client unsynced.
    const token = new URL(ctx.request.url).searchParams.get('token') ?? '';
    const claims = this.admitted.get(token) ?? (await this.claimsOf(ctx.request))!;
    this.admitted.delete(token);
    const state: PeerState = { role: claims.role === 'shopper' ? 'shopper' : 'agent', userId: claims.sub, tokenKey: tokenKeyOf(token), exp: claims.exp * 1000 };
    if (claims.name) state.name = claims.name;
    conn.setState(state);
    // From now on getConnections() counts this socket: its seat must not count it twice.
    this.held.get(ctx.request)?.();
    this.sockets.forget();
    this.ctx.waitUntil(this.alarmAt(state.exp!));
  }

  override async onMessage(conn: Connection<PeerState>, message: string | ArrayBuffer): Promise<void> {
    const state = conn.state;
    if (!state) return;
    if (isExpired(state, Date.now())) return expireSocket(conn);
    await this.room.receive(this.participant(conn, state), message);
  }

  override onClose(conn: Connection<PeerState>): void {
    this.sockets.forget();
    this.room.leave(conn.id);
  }

  override onError(conn: Connection<PeerState>, error: unknown): void | Promise<void> {
    this.sockets.forget();
    return super.onError(conn, error);
  }

  override async onRequest(request: Request): Promise<Response> {
    if (parseTarget(new URL(request.url))?.rest.join('/') === 'transcript') {
      return transcriptRoute(request, { env: this.env, ticketId: this.name, now: Date.now(), emailTranscript: () => this.room.emailTranscript() });
    }
    return handleUploadRequest(request, this.ctx.storage as unknown as KVStorage, {
      env: this.env,
      ticketId: this.name,
      ticket: () => this.room.ticket(),
      schedule: (at) => this.ctx.waitUntil(this.alarmAt(at)),
      newId,
      spendUploadBytes: (shop, customerId, bytes) => this.shopOf(shop).spendUploadBytes(customerId, bytes),
      shopperAttachments: (shop) => this.shopperAttachments(shop),
    });
  }

  /** The shop room's stub, made once: each push to its index (one a message) would hash the name again. */
  private shopOf(shop: string): DurableObjectStub<Main> {
    if (this.shopStub?.shop !== shop) this.shopStub = { shop, stub: this.env.Main.get(this.env.Main.idFromName(shop)) };
    return this.shopStub.stub;
  }

  /** Whether the shop takes shoppers' images now (issue 17 B1), for the upload route and the room's `send`. */
  private shopperAttachments(shop: string): Promise<boolean> {
    return this.shopOf(shop).shopperAttachments();
  }

  override async onAlarm(): Promise<void> {
    await this.indexMark.woke(!(await this.room.ticket()));
    await this.catchUpIndex();
    const sockets = expireSockets(this.getConnections<PeerState>(), Date.now());
    const room = await this.room.wake();
    const next = room === null ? sockets : sockets === null ? room : Math.min(room, sockets);
    if (next !== null) await this.alarmAt(next);
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

  /** RPC from the shop: a text from the shopper's phone; `init` creates the SMS ticket (R13). */
  async sms(arrival: SmsArrival, init: NewTicket | null): Promise<SmsArrivalOutcome> {
    return this.room.sms.receive(arrival, init);
  }

  /** RPC from the shop: Twilio's status callback of a reply. */
  async smsStatus(update: SmsStatus): Promise<void> {
    await this.room.sms.status(update);
  }

  /** RPC from the shop, `customers/redact`: the customer's data redacted; their sockets closed. */
  async redact(who: DataSubject): Promise<RedactedTicket | null> {
    const redacted = await this.room.rewrite((storage, meta) => redactTicket(storage, meta, who));
    // Texts of the customer's messages still waiting for a push must not ride along with a later one (r2 finding 1).
    if (redacted) this.index.dropTexts();
    if (redacted) this.closeAll((state) => state?.role === 'shopper', 'This chat was removed at the store\u2019s request.');
    return redacted;
  }

  /** RPC from the shop, `customers/data_request`: the conversation as it stands. */
  async exportData(): Promise<TicketExport | null> {
    return this.room.rewrite((storage, meta) => exportTicket(storage, meta));
  }

  /** RPC from the shop, `shop/redact`: everything of this ticket removed; every socket closed. */
  async erase(): Promise<void> {
    await this.room.rewrite(async () => {
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
    });
    this.closeAll(() => true, 'This chat no longer exists.');
  }

  private closeAll(which: (state: PeerState | null) => boolean, message: string): void {
    for (const conn of this.getConnections<PeerState>()) {
      if (!which(conn.state)) continue;
      try {
        conn.send(JSON.stringify({ type: 'error', code: 'not_found', message }));
        conn.close(4003, 'not_found');
      } catch {
        // already closed
      }
    }
  }

  /** RPC from the shop: the ticket as it stands, or null. */
  async get(): Promise<TicketData | null> {
    return this.room.ticket();
  }

  private async changed(ticket: TicketData, revision: number, text?: IndexedText): Promise<void> {
    this.indexMark.changed();
    if (ticket.status === 'snoozed' && ticket.snoozeUntil) {
      // The index hears of the change even if the alarm cannot be set: room and index never disagree.
      await this.alarmAt(Date.parse(ticket.snoozeUntil)).catch((err: unknown) => console.error('ticket: alarm not set', err));
    }
    await this.index.push(ticket, revision, text ? [text] : []);
  }

  private async notifyShop(ticket: TicketData, revision: number, texts: IndexedText[] = []): Promise<void> {
    try {
      // A push still on its way when shop/redact erased this room must not put the ticket back.
      if (!(await this.room.ticket())) return;
      const shop = this.shopOf(ticket.shop);
      const delay = indexPushDelayMs(this.env);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const settingsRevision = await shop.ticketChanged(ticket, revision, texts);
      this.indexMark.landed(revision, ticket.lastMessage?.seq ?? 0);
      // A push of saved settings was missed (the room was busy or evicted): fetch them (R12).
      if (settingsRevision > (await this.room.settingsRevision())) await this.room.applySettings(await shop.ticketSettings());
    } catch (err) {
      // Its texts are lost with it: the next check re-sends them (index-mark.ts).
      if (texts.length) this.indexMark.failed();
      console.error('ticket: index update failed', err);
    }
  }

  /** Who gets the room's frames: sockets whose token still holds (expired ones are closed). */
  private *peers(): Iterable<Participant> {
    for (const conn of liveSockets(this.sockets.open(), Date.now())) if (conn.state) yield this.participant(conn, conn.state);
  }

  private participant(conn: Connection<PeerState>, state: Readonly<PeerState>): Participant {
    const p: Participant = {
      id: conn.id,
      role: state.role,
      userId: state.userId,
      send: (frame) => p.sendText!(JSON.stringify(frame)),
      sendText: (json) => {
        try {
          conn.send(json);
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
