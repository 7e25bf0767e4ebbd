/**
 * The default transport: the reference server's HTTP routes with `fetch`, and a
 * ticket's live frames over a reconnecting room socket (DESIGN §5–6).
 */
import {
  PROTOCOL_VERSION,
  configFrameSchema,
  feedFrameSchema,
  serverFrameSchema,
  shopperFrameSchema,
  attachmentSchema,
  sessionSchema,
  shopperOrdersSchema,
  transcriptSentSchema,
  startedChatSchema,
  validate,
  widgetConfigSchema,
  type Attachment,
  type Customer,
  type FeedFrame,
  type OutgoingMessage,
  type ServerFrame,
  type Session,
  type ShopperOrders,
  type StartedChat,
  type TranscriptSent,
  type WidgetConfig,
} from '../protocol/index.js';
import { readFrame } from '../protocol/frame-reader.js';
import type { Schema } from '../protocol/schema.js';
import { newClientId } from '../client/client-id.js';
import { serverOrigin, shopBase } from './origin.js';
import { RoomSocket } from './room-socket.js';
import { SOCKET_REFUSALS } from './socket-connection.js';
import { TransportError, httpError, unverifiedClaims, type ChatTransport, type ConnectionHandlers, type TicketConnection } from './types.js';

export interface PartykitTransportOptions {
  /** The server: `chat.example.com`, `localhost:1999`, or a full origin. */
  host: string;
  /** The shop's main-room id, e.g. `demo.myshopify.com`. */
  shop: string;
  /** Where to get a shopper session (on Shopify, the app proxy path); default: the server's `session` route. */
  sessionUrl?: string;
  /** Headless storefronts: the merchant-signed identity JWT, or a function returning a fresh one. */
  identity?: string | (() => string | null | Promise<string | null>);
  /**
   * The shopper's language (`fr-CA`), asked on each config request, feed socket and new
   * chat: the server answers with the merchant's content in it (README "Content in the shopper's language").
   */
  lang?: () => string;
  /** Dev servers only (`DEV_AUTH=1`): log in as this customer. */
  devCustomer?: Customer;
  /**
   * A bearer token for every call and socket instead of shopper sessions: how an
   * agent's console (or a test) joins tickets with an agent token. A function is asked
   * on every (re)connect, so a refreshed token is used once the old one expires.
   */
  token?: string | (() => string);
  /** Reconnection delays of the ticket socket in ms (3 s growing to 10 s otherwise). */
  reconnect?: { minDelay: number; maxDelay: number };
  fetch?: typeof fetch;
  /** A WebSocket class, for runtimes without a global one (Node 20: the `ws` package). */
  WebSocket?: unknown;
}

export { serverOrigin };

/**
 * A socket to a room of the reference server (`room-socket.ts`). `query` runs on every
 * (re)connect, so each attempt carries a fresh token.
 */
export function roomSocket(
  origin: string,
  party: 'main' | 'ticket',
  room: string,
  query: () => Promise<Record<string, string>>,
  options: Pick<PartykitTransportOptions, 'reconnect' | 'WebSocket'>,
): RoomSocket {
  const url = new URL(origin);
  const base = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/parties/${party}/${room}`;
  // partyserver names the connection after `_pk`, one id per socket (as PartySocket gives it).
  const pk = newClientId();
  return new RoomSocket(async () => `${base}?${new URLSearchParams({ _pk: pk, ...(await query()) })}`, { ...options, ...options.reconnect });
}

/** Refresh tokens this long before they expire. */
const EARLY_MS = 60_000;
const REFUSED = SOCKET_REFUSALS;

/** The `exp` of a JWT in ms, read without verifying (the server verifies). */
function expiryOf(token: string): number {
  const exp = unverifiedClaims(token)?.exp;
  return typeof exp === 'number' ? exp * 1000 : 0;
}

/**
 * The server closes a socket with 4001 when its token expires (issue 12 item 10). That
 * close is worth one reconnect with a fresh token; any other refusal, or a refusal of a
 * token that had not expired, is final (a retry would be refused the same way).
 */
async function renewable(code: number, used: string, fresh: () => Promise<string>): Promise<boolean> {
  if (code !== 4001 || !used || expiryOf(used) > Date.now()) return false;
  const next = await fresh().catch(() => '');
  return !!next && next !== used;
}

/** What a transport's sockets let through: the ticket's frames and the shop feed's (`undefined`: dropped). */
export interface FrameDecoders {
  server(raw: unknown): ServerFrame | undefined;
  feed(raw: unknown): FeedFrame | undefined;
}

/**
 * The transport over the frame decoders it is given: `PartykitTransport` decodes every
 * frame; the widget's (`createShopperTransport`) only those a shopper gets, so the
 * shopper's bundle carries no agents-only schema.
 */
export class PartykitTransportBase implements ChatTransport {
  readonly #origin: string;
  readonly #shopBase: string;
  #session: Session | null = null;
  #ticketTokens = new Map<string, string>();

  readonly #options: PartykitTransportOptions;
  readonly #decode: FrameDecoders;

  constructor(options: PartykitTransportOptions, decode: FrameDecoders) {
    this.#options = options;
    this.#decode = decode;
    this.#origin = serverOrigin(options.host);
    this.#shopBase = shopBase(options.host, options.shop);
  }

  getConfig(signal?: AbortSignal): Promise<WidgetConfig> {
    const lang = this.#options.lang?.();
    return this.#request('GET', `${this.#shopBase}/config${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`, widgetConfigSchema, { signal });
  }

  async getSession(): Promise<Session> {
    const { sessionUrl, devCustomer } = this.#options;
    const identity = typeof this.#options.identity === 'function' ? await this.#options.identity() : this.#options.identity;
    const body = identity ? { identity } : devCustomer ? { devCustomer } : {};
    // A session URL is asked with GET and no body; the server's own route with POST.
    return (this.#session = await this.#request(sessionUrl ? 'GET' : 'POST', sessionUrl || `${this.#shopBase}/session`, sessionSchema, { body: sessionUrl ? undefined : body }));
  }

  async startChat(first: OutgoingMessage): Promise<StartedChat> {
    return this.#remember(await this.#request('POST', `${this.#shopBase}/chats`, startedChatSchema, { body: { ...first, lang: this.#options.lang?.() }, auth: true }));
  }

  async getActiveChat(): Promise<StartedChat | null> {
    const active = await this.#request('GET', `${this.#shopBase}/chats/active`, startedChatSchema, { auth: true, empty: true });
    return active ? this.#remember(active) : null;
  }

  orders(lang: string): Promise<ShopperOrders> {
    return this.#request('GET', `${this.#shopBase}/orders?lang=${encodeURIComponent(lang)}`, shopperOrdersSchema, { auth: true });
  }

  /** Issue 17: the ticket's own token asks; the server picks the address. */
  async emailTranscript(ticketId: string): Promise<TranscriptSent> {
    return this.#request('POST', `${this.#origin}/parties/ticket/${encodeURIComponent(ticketId)}/transcript`, transcriptSentSchema, { bearer: await this.#ticketToken(ticketId) });
  }

  /** An image for the shopper's open chat, with its ticket token (issue 17 B1): the file is the body, as it is. */
  async upload(ticketId: string, file: Blob, signal?: AbortSignal): Promise<Attachment> {
    return this.#request('POST', `${this.#origin}/parties/ticket/${encodeURIComponent(ticketId)}/uploads`, attachmentSchema, { file, bearer: await this.#ticketToken(ticketId), signal });
  }

  connect(ticketId: string, handlers: ConnectionHandlers): TicketConnection {
    // The client resends its own outbox after every sync: frames queued while closed
    // would arrive before the new `hello`, so the socket queues none.
    // A token that expired closes the socket with 4001 (issue 12 item 10): the ChatClient
    // then re-authorizes once, and the next connect asks `ticketToken` for a fresh one.
    const socket = roomSocket(this.#origin, 'ticket', ticketId, async () => ({ token: await this.#ticketToken(ticketId), v: String(PROTOCOL_VERSION) }), this.#options);
    let closed = false;
    socket.addEventListener('open', () => handlers.state('open'));
    socket.addEventListener('message', (event) => {
      const frame = this.#decode.server(event.data);
      if (frame) handlers.frame(frame);
    });
    socket.addEventListener('close', (event) => {
      if (closed) return;
      if (REFUSED.has(event.code)) {
        // The socket would retry forever with the same refused token (DESIGN §6).
        closed = true;
        socket.close();
        handlers.state('unauthorized', REFUSED.get(event.code));
      } else {
        handlers.state('connecting');
      }
    });
    handlers.state('connecting');
    return {
      // The socket drops what it cannot send yet.
      send: (frame) => socket.send(JSON.stringify(frame)),
      close: () => {
        closed = true;
        socket.close();
        handlers.state('closed');
      },
    };
  }

  /** The shop room's feed: the saved config, pushed to open widgets (R12). */
  watchConfig(onConfig: (config: WidgetConfig) => void): () => void {
    let used = '';
    let stopped = false;
    const query = async () => ({ token: (used = await this.#bearer()), v: String(PROTOCOL_VERSION), lang: this.#options.lang?.() ?? '' });
    const socket = roomSocket(this.#origin, 'main', this.#options.shop, query, this.#options);
    // A refused token is not retried (live config is a nicety, never a reconnect loop),
    // unless it merely expired: then once with a fresh session.
    const refused = (code: number) => {
      socket.close();
      void renewable(code, used, () => this.#bearer()).then((renew) => renew && !stopped && socket.reconnect());
    };
    socket.addEventListener('message', (event) => {
      const frame = this.#decode.feed(event.data);
      if (frame) return frame.type === 'config' && onConfig(frame.config);
      // The expiry's error frame comes at once; the close after it can lag (workerd).
      const error = this.#decode.server(event.data);
      if (error?.type === 'error' && error.code === 'forbidden') refused(4001);
    });
    socket.addEventListener('close', (event) => REFUSED.has(event.code) && refused(event.code));
    return () => {
      stopped = true;
      socket.close();
    };
  }

  #remember(chat: StartedChat): StartedChat {
    if (chat.ticketToken) this.#ticketTokens.set(chat.ticket.id, chat.ticketToken);
    return chat;
  }

  #fixedToken(): string | undefined {
    const { token } = this.#options;
    return typeof token === 'function' ? token() : token;
  }

  async #ticketToken(ticketId: string): Promise<string> {
    const fixed = this.#fixedToken();
    if (fixed) return fixed;
    const token = this.#ticketTokens.get(ticketId);
    if (token && expiryOf(token) - EARLY_MS > Date.now()) return token;
    // Only the open chat can get a fresh token; a closed one keeps its last.
    const active = await this.getActiveChat().catch(() => null);
    return active?.ticket.id === ticketId && active.ticketToken ? active.ticketToken : (token ?? '');
  }

  async #bearer(): Promise<string> {
    const fixed = this.#fixedToken();
    if (fixed) return fixed;
    if (!this.#session || Date.parse(this.#session.expiresAt) - EARLY_MS < Date.now()) await this.getSession();
    return this.#session!.token;
  }

  async #request<T>(
    method: string,
    url: string,
    schema: Schema<T>,
    opts: { body?: unknown; auth?: boolean; empty: true; signal?: AbortSignal },
  ): Promise<T | null>;
  async #request<T>(
    method: string,
    url: string,
    schema: Schema<T>,
    opts?: { body?: unknown; file?: Blob; auth?: boolean; bearer?: string; signal?: AbortSignal },
  ): Promise<T>;
  async #request<T>(
    method: string,
    url: string,
    schema: Schema<T>,
    opts: { body?: unknown; file?: Blob; auth?: boolean; bearer?: string; empty?: boolean; signal?: AbortSignal } = {},
  ): Promise<T | null> {
    const headers: Record<string, string> = {};
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.auth || opts.bearer) headers.Authorization = `Bearer ${opts.bearer ?? (await this.#bearer())}`;
    let response: Response;
    try {
      // `fetch` takes an absent body and signal as undefined: no spreads to ship.
      response = await (this.#options.fetch ?? fetch)(url, { method, headers, body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)), signal: opts.signal });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new TransportError('network');
    }
    if (response.status === 204 && opts.empty) return null;
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = httpError(response.status, json);
      if (error.code !== 'chat_active') throw error;
      // 409 chat_active carries the open chat (and its token, kept), so the client can join it.
      const active = validate(startedChatSchema, json);
      throw httpError(response.status, json, active.ok ? this.#remember(active.frame) : undefined);
    }
    const parsed = validate(schema, json);
    if (!parsed.ok) throw new TransportError('bad_response', parsed.error.message, response.status);
    return parsed.frame;
  }
}

/** The reference server's transport: every server frame decoded, the agents' too (an agent's console joins tickets with it). */
export class PartykitTransport extends PartykitTransportBase {
  constructor(options: PartykitTransportOptions) {
    super(options, { server: (raw) => readFrame(serverFrameSchema, raw), feed: (raw) => readFrame(feedFrameSchema, raw) });
  }
}

export const createPartykitTransport = (options: PartykitTransportOptions): ChatTransport => new PartykitTransport(options);
/** The widget's: the frames a shopper gets only (README "The shopper's frame decoder"). */
export const createShopperTransport = (options: PartykitTransportOptions): ChatTransport =>
  new PartykitTransportBase(options, { server: (raw) => readFrame(shopperFrameSchema, raw), feed: (raw) => readFrame(configFrameSchema, raw) });
