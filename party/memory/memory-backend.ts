/**
 * The whole reference server in one process, in memory: the same Shop and
 * TicketRoom as the Durable Objects, wired with direct calls instead of RPC.
 * The msw mock and the memory transport both run on it.
 */
import type { FeedFrame, ServerFrame } from '../../src/protocol/index.js';
import type { Claims } from '../core/auth.js';
import type { ServerEnv } from '../core/env.js';
import type { Settings } from '../core/settings.js';
import { Shop, type DemoData } from '../core/shop.js';
import { SignInThrottle, clientAddress, signInShopOf, tooManySignIns } from '../core/sign-in-throttle.js';
import { agentKeyOpens } from '../core/shops.js';
import { handleUploadRequest } from '../core/uploads.js';
import { transcriptRoute } from '../http/transcript-route.js';
import { exportTicket, redactTicket } from '../core/privacy-ticket.js';
import { MemoryStorage } from '../core/storage.js';
import { MemoryTicketIndex } from '../core/ticket-index.js';
import { TicketRoom, admit, type Participant } from '../core/ticket-room.js';
import { teamOf } from '../core/ticket-assign.js';
import { gateRequest } from '../http/request-gate.js';
import { fail } from '../http/response.js';
import { handleShopRequest } from '../http/shop-routes.js';
import type { SocketRefusal } from '../http/socket-gate.js';
import { parseTarget } from '../http/target.js';

export interface MemoryBackendOptions {
  env: ServerEnv;
  now?: () => number;
  /** Settings for a shop the first time it is used (e.g. the dev seed). */
  seed?: (shop: string) => Settings | undefined;
  /** Demo profiles and past tickets for a shop the first time it is used. */
  demo?: (shop: string) => DemoData | undefined;
}

export interface MemoryConnection {
  receive(raw: unknown): Promise<void>;
  close(): void;
}

/** A shop feed's subscriber; a shopper's carries the language its config is in (issue 17). */
interface FeedSub {
  role: Claims['role'];
  send(frame: FeedFrame): void;
  lang?: string | null | undefined;
}

interface LiveTicket {
  room: TicketRoom;
  storage: MemoryStorage;
  peers: Set<Participant>;
  schedule(at: number): void;
}

export class MemoryBackend {
  readonly env: ServerEnv;
  readonly now: () => number;
  private shops = new Map<string, { shop: Shop; storage: MemoryStorage; ready: Promise<void> }>();
  private feeds = new Map<string, Set<FeedSub>>();
  private tickets = new Map<string, LiveTicket>();
  private signIns: SignInThrottle;

  constructor(private readonly options: MemoryBackendOptions) {
    this.env = options.env;
    this.now = options.now ?? Date.now;
    this.signIns = new SignInThrottle(new MemoryStorage(), this.now);
  }

  newId = (): string => crypto.randomUUID();

  async shop(name: string): Promise<Shop> {
    let entry = this.shops.get(name);
    if (!entry) {
      const storage = new MemoryStorage();
      const shop = new Shop(name, {
        storage,
        index: new MemoryTicketIndex(this.now),
        env: this.env,
        now: this.now,
        newId: this.newId,
        tickets: {
          create: (init) => this.ticket(init.id).room.create(init),
          get: (id) => this.ticket(id).room.ticket(),
          act: (id, actor, frame) =>
            this.ticket(id).room.receive({ id: 'seed', ...actor, send: () => undefined }, JSON.stringify(frame)),
          sms: (id, arrival, init) => this.ticket(id).room.sms.receive(arrival, init),
          smsStatus: (id, update) => this.ticket(id).room.sms.status(update),
          redact: (id, who) => this.ticket(id).room.rewrite((s, meta) => redactTicket(s, meta, who)),
          exportData: (id) => this.ticket(id).room.rewrite((s, meta) => exportTicket(s, meta)),
          erase: async (id) => void this.tickets.delete(id),
        },
        // shop/redact: the next request to this shop starts from nothing.
        wipe: async () => void this.shops.delete(name),
        // Each shopper's config in their language (issue 17).
        settingsChanged: () => void this.pushFeed(name, (s, sub) => s.feedWelcome('shopper', sub.lang), (r) => r === 'shopper'),
        indexChanged: (ticket) => void this.pushFeed(name, (s) => s.feedTicket(ticket), (r) => r !== 'shopper'),
        pushTicketSettings: async (ids, settings) => {
          await Promise.all(ids.map((id) => this.ticket(id).room.applySettings(settings)));
        },
      });
      const seed = this.options.seed?.(name);
      const demo = this.options.demo?.(name);
      const ready = (seed ? shop.seed(seed) : Promise.resolve()).then(() => demo && shop.seedDemo(demo));
      entry = { shop, storage, ready };
      this.shops.set(name, entry);
    }
    await entry.ready;
    return entry.shop;
  }

  ticket(id: string): LiveTicket {
    let live = this.tickets.get(id);
    if (!live) {
      const storage = new MemoryStorage();
      const peers = new Set<Participant>();
      const schedule = (at: number): void => {
        const timer: unknown = setTimeout(() => void room.wake().then((next) => next !== null && schedule(next)), Math.max(0, at - this.now()));
        // A day-long upload sweep must not keep a Node process alive.
        (timer as { unref?: () => void }).unref?.();
      };
      const room: TicketRoom = new TicketRoom(storage, {
        now: this.now,
        newId: this.newId,
        peers: () => peers,
        schedule,
        changed: (ticket, revision, text) => {
          void this.shop(ticket.shop).then((s) => s.ticketChanged(ticket, revision, text ? [text] : []));
        },
        orders: async (shop, customerId) => (await this.shop(shop)).ordersOf(customerId),
        team: (shop) => teamOf(this.env, shop),
        shopperAttachments: (shop) => this.shopperAttachments(shop),
      });
      live = { room, storage, peers, schedule };
      this.tickets.set(id, live);
    }
    return live;
  }

  /** Whether the shop takes shoppers' images now (issue 17 B1), for the upload route and the room's `send`. */
  private async shopperAttachments(shop: string): Promise<boolean> {
    return (await this.shop(shop)).shopperAttachments();
  }

  /** Opens a shop feed for verified claims of that shop; returns the unsubscribe function. */
  async subscribe(claims: Claims, send: (frame: FeedFrame) => void, lang?: string | null): Promise<() => void> {
    const shop = await this.shop(claims.shop);
    let subs = this.feeds.get(claims.shop);
    if (!subs) this.feeds.set(claims.shop, (subs = new Set()));
    const sub: FeedSub = { role: claims.role, send, lang };
    subs.add(sub);
    send(await shop.feedWelcome(claims.role, lang));
    return () => subs.delete(sub);
  }

  private async pushFeed(name: string, frame: (shop: Shop, sub: FeedSub) => Promise<FeedFrame>, to: (role: Claims['role']) => boolean): Promise<void> {
    const subs = [...(this.feeds.get(name) ?? [])].filter((s) => to(s.role));
    if (!subs.length) return;
    const shop = await this.shop(name);
    // One frame per language, computed before any is sent, as the Main room does.
    const byLang = new Map<string, FeedFrame>();
    for (const s of subs) if (!byLang.has(s.lang ?? '')) byLang.set(s.lang ?? '', await frame(shop, s));
    for (const s of subs) s.send(byLang.get(s.lang ?? '')!);
  }

  /** Answers an HTTP request exactly as the Worker would. */
  async fetch(request: Request, pageOrigin: string | null = null): Promise<Response> {
    // Agent sign-ins are throttled as in the Worker: the key is checked first, only failures count.
    const signIn = signInShopOf(request, this.env);
    if (signIn) {
      const ticket = await this.signIns.begin(clientAddress(request), signIn, await agentKeyOpens(request, signIn, this.env));
      if (!ticket.ok) return tooManySignIns(ticket.retryAfterSeconds);
    }
    return this.route(request, pageOrigin);
  }

  private async route(request: Request, pageOrigin: string | null): Promise<Response> {
    const target = parseTarget(new URL(request.url));
    if (!target) return fail(404, 'not_found', 'No such route.');
    const refused = await gateRequest(request, target, this.env, this.now());
    if (refused) return refused;
    if (target.party === 'ticket') {
      const live = this.ticket(target.room);
      if (target.rest.join('/') === 'transcript') {
        return transcriptRoute(request, { env: this.env, ticketId: target.room, now: this.now(), emailTranscript: () => live.room.emailTranscript() });
      }
      return handleUploadRequest(request, live.storage, {
        env: this.env,
        ticketId: target.room,
        ticket: () => live.room.ticket(),
        schedule: live.schedule,
        now: this.now,
        newId: this.newId,
        // In the page, the URL is the one the page addressed: no forged Host header can reach it.
        publicOrigin: new URL(request.url).origin,
        spendUploadBytes: async (shop, customerId, bytes) => (await this.shop(shop)).spendUploadBytes(customerId, bytes),
        shopperAttachments: (shop) => this.shopperAttachments(shop),
      });
    }
    return handleShopRequest(await this.shop(target.room), request, target.rest, {
      env: this.env,
      now: this.now,
      newId: this.newId,
      pageOrigin,
    });
  }

  /**
   * Opens a ticket socket for verified claims (run `gateSocket` first). Returns the
   * refusal the socket must get, or the connection.
   */
  async connect(ticketId: string, claims: Claims, send: (frame: ServerFrame) => void): Promise<SocketRefusal | MemoryConnection> {
    const live = this.ticket(ticketId);
    const verdict = admit(await live.room.ticket(), claims);
    if (!verdict.ok) return verdict;
    const participant: Participant = { id: this.newId(), role: verdict.role, userId: claims.sub, send };
    if (claims.name) participant.name = claims.name;
    live.peers.add(participant);
    return {
      receive: (raw) => live.room.receive(participant, raw),
      close: () => {
        live.peers.delete(participant);
        live.room.leave(participant.id);
      },
    };
  }
}
