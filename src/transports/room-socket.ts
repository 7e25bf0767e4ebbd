/**
 * A WebSocket to a room that comes back by itself: what partysocket's reconnecting
 * socket did for the clients, in the part they use, in a tenth of its bytes. Every
 * (re)connect asks `url()` again, so each try carries a fresh token; nothing is queued
 * while closed (every user resends or resyncs on open); a try that does not open in
 * 4 s is given up and made again; waits grow from `minDelay` by 1.3 up to `maxDelay`,
 * and start over once a socket stayed up 5 s.
 */
export interface RoomSocketOptions {
  minDelay?: number;
  maxDelay?: number;
  /** A WebSocket class, for runtimes without a global one (Node 20: the `ws` package). */
  WebSocket?: unknown;
}

/** What listeners get: `open`, each text frame's `data`, and a close's `code` (also when the socket is dropped here). */
export interface RoomSocketEvents {
  open: undefined;
  message: { data: unknown };
  close: { code: number };
}

const CONNECT_TIMEOUT_MS = 4000;
const MIN_UPTIME_MS = 5000;
const GROWTH = 1.3;

/**
 * A reconnecting socket to one room.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class RoomSocket {
  readonly #url: () => Promise<string>;
  readonly #options: RoomSocketOptions;
  readonly #listeners: { [K in keyof RoomSocketEvents]: Set<(e: RoomSocketEvents[K]) => void> } = { open: new Set(), message: new Set(), close: new Set() };
  #ws: WebSocket | null = null;
  /** Whether a lost socket is made again (false after `close`). */
  #live = false;
  #tries = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every drop: a URL that comes after it is for a socket no longer wanted. */
  #generation = 0;

  constructor(url: () => Promise<string>, options: RoomSocketOptions = {}) {
    this.#url = url;
    this.#options = options;
    // The first `url()` is awaited: listeners added right after construction hear every event.
    this.reconnect();
  }

  addEventListener<K extends keyof RoomSocketEvents>(type: K, listener: (e: RoomSocketEvents[K]) => void): void {
    this.#listeners[type].add(listener);
  }

  /** Sends on an open socket; dropped otherwise. */
  send(data: string): void {
    if (this.#ws?.readyState === 1) this.#ws.send(data);
  }

  /** Closes the socket and makes no other until `reconnect`. */
  close(): void {
    this.#live = false;
    this.#drop();
  }

  /** Connects anew at once (closing the current socket), with a fresh URL. */
  reconnect(): void {
    this.#live = true;
    this.#tries = 0;
    this.#drop();
    void this.#open();
  }

  #emit<K extends keyof RoomSocketEvents>(type: K, e: RoomSocketEvents[K]): void {
    for (const listener of this.#listeners[type]) listener(e);
  }

  #drop(): void {
    clearTimeout(this.#timer);
    this.#generation++;
    const ws = this.#ws;
    this.#ws = null;
    if (!ws || ws.readyState > 1) return;
    ws.close(1000);
    this.#emit('close', { code: 1000 });
  }

  async #open(): Promise<void> {
    const generation = this.#generation;
    const url = await this.#url().catch(() => null);
    if (generation !== this.#generation || !this.#live) return;
    if (url === null) return this.#retry();
    let ws: WebSocket;
    try {
      ws = this.#ws = new ((this.#options.WebSocket ?? WebSocket) as typeof WebSocket)(url);
    } catch {
      return this.#retry(); // a URL the runtime refuses: tried again like a lost socket
    }
    // A `close` always follows; without a listener, Node's `ws` throws its `error` (a try given up while connecting).
    ws.addEventListener('error', () => undefined);
    const timeout = setTimeout(() => ws.readyState === 0 && ws.close(), CONNECT_TIMEOUT_MS);
    let openedAt = 0;
    ws.addEventListener('open', () => {
      clearTimeout(timeout);
      openedAt = Date.now();
      if (this.#ws === ws) this.#emit('open', undefined);
    });
    ws.addEventListener('message', (e) => this.#ws === ws && this.#emit('message', { data: e.data }));
    ws.addEventListener('close', (e) => {
      clearTimeout(timeout);
      if (this.#ws !== ws) return;
      this.#ws = null;
      if (openedAt && Date.now() - openedAt >= MIN_UPTIME_MS) this.#tries = 0;
      this.#emit('close', { code: e.code });
      if (this.#live) this.#retry();
    });
  }

  #retry(): void {
    const { minDelay = 3000, maxDelay = 10_000 } = this.#options;
    const delay = Math.min(maxDelay, minDelay * GROWTH ** this.#tries++);
    const generation = this.#generation;
    this.#timer = setTimeout(() => generation === this.#generation && this.#live && void this.#open(), delay);
  }
}
