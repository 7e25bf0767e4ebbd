/**
 * The usual ticket connection of a custom transport (issue 15): one plain WebSocket
 * that speaks the wire protocol's frames and reports its state by the contract of
 * `ChatTransport.connect`. It never reconnects: when it reports `closed`, the client
 * calls `connect` again with backoff, so a transport built on it stays a few lines.
 *
 * ```ts
 * connect: (ticketId, handlers) =>
 *   createSocketConnection(async () => `wss://chat.example.com/tickets/${ticketId}?token=${await token()}`, handlers),
 * ```
 */
import { decodeServerFrame } from '../protocol/index.js';
import type { ConnectionHandlers, SocketRefusal, TicketConnection } from './types.js';

export interface SocketConnectionOptions {
  /** A WebSocket class, for runtimes without a global one (Node 20: the `ws` package). */
  WebSocket?: unknown;
  /**
   * The close codes that mean "refused" rather than "lost" (reported as `unauthorized`
   * with the refusal); default the reference server's: 4000, 4001, 4003.
   */
  refusals?: ReadonlyMap<number, SocketRefusal>;
}

/** The reference server's refusals (README "Protocol"): a new session may mend `expired` only. */
export const SOCKET_REFUSALS: ReadonlyMap<number, SocketRefusal> = new Map([
  [4000, 'unsupported_version'],
  [4001, 'expired'],
  [4003, 'forbidden'],
]);

/**
 * Opens one socket to `url()` (asked once, so it may fetch a fresh token) and reports
 * `connecting`, then `open`, then `closed` or `unauthorized`; frames that are not valid
 * server frames are dropped. `send` while not open drops the frame: the client resends
 * its outbox after every sync.
 */
export function createSocketConnection(
  url: () => string | Promise<string>,
  handlers: ConnectionHandlers,
  options: SocketConnectionOptions = {},
): TicketConnection {
  const refusals = options.refusals ?? SOCKET_REFUSALS;
  const Socket = (options.WebSocket ?? WebSocket) as typeof WebSocket;
  let ws: WebSocket | null = null;
  let done = false;
  const finish = (code?: number) => {
    if (done) return;
    done = true;
    const refusal = code === undefined ? undefined : refusals.get(code);
    handlers.state(refusal ? 'unauthorized' : 'closed', refusal);
  };
  handlers.state('connecting');
  void (async () => {
    try {
      const target = await url();
      if (done) return;
      ws = new Socket(target);
    } catch {
      return finish();
    }
    // A `close` always follows an `error`; without a listener Node's `ws` throws it.
    ws.addEventListener('error', () => undefined);
    ws.addEventListener('open', () => !done && handlers.state('open'));
    ws.addEventListener('message', (event) => {
      const decoded = decodeServerFrame(event.data);
      if (!done && decoded.ok) handlers.frame(decoded.frame);
    });
    ws.addEventListener('close', (event) => finish(event.code));
  })();
  return {
    send(frame) {
      if (!done && ws?.readyState === 1) ws.send(JSON.stringify(frame));
    },
    close() {
      if (done) return;
      done = true;
      ws?.close(1000);
    },
  };
}
