/**
 * An in-page backend for tests and offline demos: the `partykit` transport itself, over
 * a `fetch` and a WebSocket class that reach the reference server's own domain code in
 * memory (`MemoryBackend`) with no network. So there is one HTTP and socket client, and
 * what a test proves of it holds for the real one. From `customer-hub-chat/testing.js`:
 *
 * ```ts
 * import { createMemoryTransport, MemoryBackend } from 'customer-hub-chat/testing.js';
 * const transport = createMemoryTransport({ backend, shop: 'demo.myshopify.com', customer: { id: 'c1' } });
 * ```
 *
 * To write an adapter for another backend, implement the methods of `ChatTransport`
 * (`partykit.ts` is the example): turn failures into `TransportError`s, report the
 * socket's state, and leave delivery (outbox, resume, dedupe) to the client.
 */
import type { MemoryBackend } from '../../party/memory/memory-backend.js';
import { acceptSocket, type AcceptedSocket } from '../../party/memory/memory-sockets.js';
import type { Customer } from '../protocol/index.js';
import { PartykitTransport } from './partykit.js';
import type { ConnectionHandlers, TicketConnection } from './types.js';

export interface MemoryTransportOptions {
  backend: MemoryBackend;
  shop: string;
  /** The logged-in customer (dev sessions), or null for an anonymous visitor. */
  customer?: Customer | null;
  /** The page origin the backend sees; default `http://localhost`. */
  origin?: string;
}

/** A live memory connection; `drop()` cuts it as a network would (tests use it). */
export interface MemoryTicketConnection extends TicketConnection {
  /** Cuts the socket; the transport reconnects, and the network lets it through after `reconnectAfterMs`. */
  drop(reconnectAfterMs?: number): void;
}

/** Where the transport believes the server is; nothing is ever sent there. */
const HOST = 'http://memory.invalid';

/** A close event with the fields the room socket reads (Node 20 has no `CloseEvent`). */
class MemoryCloseEvent extends Event {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  constructor(type: string, init: { code?: number; reason?: string; wasClean?: boolean } = {}) {
    super(type);
    this.code = init.code ?? 1005;
    this.reason = init.reason ?? '';
    this.wasClean = init.wasClean ?? false;
  }
}

/** One page's network to one `MemoryBackend`: its `fetch`, its WebSocket class, and the cuts a test makes. */
class MemoryNetwork {
  private readonly sockets = new Set<MemorySocket>();
  /** Per ticket: until when a new socket waits before it opens (after `drop`). */
  private readonly downUntil = new Map<string, number>();

  constructor(
    readonly backend: MemoryBackend,
    readonly origin: string,
  ) {}

  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    this.backend.fetch(new Request(input, init), this.origin);

  /** The class the room socket constructs for every (re)connect. */
  readonly WebSocket = ((network: MemoryNetwork) =>
    class extends MemorySocket {
      constructor(url: string | URL) {
        super(new URL(url), network);
      }
    })(this);

  opened(socket: MemorySocket): void {
    this.sockets.add(socket);
  }

  closed(socket: MemorySocket): void {
    this.sockets.delete(socket);
  }

  /** How long a new socket to `url` waits for the network to come back. */
  delay(url: URL): number {
    return Math.max(0, (this.downUntil.get(url.pathname) ?? 0) - Date.now());
  }

  /** Cuts every socket to the ticket and keeps new ones waiting for `ms`. */
  drop(ticketId: string, ms: number): void {
    const path = `/parties/ticket/${ticketId}`;
    this.downUntil.set(path, Date.now() + ms);
    for (const socket of [...this.sockets]) if (socket.url.pathname === path) socket.cut();
  }
}

/** The page's end of an in-memory WebSocket: what the room socket needs of a `WebSocket`. */
class MemorySocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  readonly bufferedAmount = 0;
  readonly extensions = '';
  readonly protocol = '';
  private server: AcceptedSocket | null = null;

  constructor(
    readonly url: URL,
    private readonly network: MemoryNetwork,
  ) {
    super();
    // Never open inside the constructor: the room socket adds its listeners right after it.
    setTimeout(() => this.open(), network.delay(url));
  }

  send(data: string): void {
    const server = this.server;
    // A copy in a later task, as over a wire.
    if (this.readyState === 1 && server) queueMicrotask(() => server.receive(String(data)));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return;
    this.finish(code, reason, true);
  }

  /** The network failed under the socket: no closing handshake (1006). */
  cut(): void {
    if (this.readyState < 2) this.finish(1006, '', false);
  }

  private open(): void {
    if (this.readyState !== 0) return;
    this.readyState = 1;
    this.network.opened(this);
    this.emit(new Event('open'));
    this.server = acceptSocket(this.network.backend, this.url, this.network.origin, {
      send: (text) => this.readyState === 1 && this.emit(new MessageEvent('message', { data: text })),
      close: (code, reason) => this.readyState === 1 && this.finish(code, reason, true),
    });
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    this.readyState = 3;
    this.network.closed(this);
    this.server?.close();
    this.server = null;
    this.emit(new MemoryCloseEvent('close', { code, reason, wasClean }));
  }

  /** Events reach listeners in order, each in a later microtask (never inside the call that caused it). */
  private emit(event: Event): void {
    queueMicrotask(() => this.dispatchEvent(event));
  }
}

export class MemoryTransport extends PartykitTransport {
  private readonly network: MemoryNetwork;

  constructor(options: MemoryTransportOptions) {
    const network = new MemoryNetwork(options.backend, options.origin ?? 'http://localhost');
    super({
      host: HOST,
      shop: options.shop,
      ...(options.customer ? { devCustomer: options.customer } : {}),
      fetch: network.fetch,
      WebSocket: network.WebSocket,
      // No network to spare: reconnect at once (a test's `drop` sets the outage).
      reconnect: { minDelay: 0, maxDelay: 0 },
    });
    this.network = network;
  }

  override connect(ticketId: string, handlers: ConnectionHandlers): MemoryTicketConnection {
    const connection = super.connect(ticketId, handlers);
    return { ...connection, drop: (reconnectAfterMs = 0) => this.network.drop(ticketId, reconnectAfterMs) };
  }
}

export const createMemoryTransport = (options: MemoryTransportOptions): MemoryTransport => new MemoryTransport(options);
