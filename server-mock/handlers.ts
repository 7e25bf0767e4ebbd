/**
 * msw handlers that serve the reference server's HTTP routes and ticket sockets
 * from the page itself, over the same domain core (`MemoryBackend`). The real
 * `partykit` transport then works in a static page or a browser test.
 */
import { http, ws, type RequestHandler, type WebSocketHandler } from 'msw';
import { decodeSegment, gateFeed, gateSocket } from '../party/core/http.js';
import { MemoryBackend } from '../party/core/memory.js';
import { DEV_ENV, devSettings } from '../party/core/seed.js';
import type { ServerFrame } from '../src/protocol/index.js';

export interface MockServerOptions {
  /** The server origin the widget is pointed at, e.g. `http://localhost:1999`. */
  origin: string;
  backend?: MemoryBackend;
}

export interface MockServer {
  backend: MemoryBackend;
  handlers: Array<RequestHandler | WebSocketHandler>;
}

/** A dev-mode backend (DEV_AUTH, the seeded demo shop), as `npm start` runs. */
export const devBackend = (options: { now?: () => number } = {}): MemoryBackend =>
  new MemoryBackend({ env: DEV_ENV, seed: () => devSettings(), ...options });

export function createMockServer({ origin, backend = devBackend() }: MockServerOptions): MockServer {
  const wsOrigin = origin.replace(/^http/, 'ws');
  const pageOrigin = (): string | null => globalThis.location?.origin ?? null;
  const tickets = ws.link(`${wsOrigin}/parties/ticket/*`);
  const feeds = ws.link(`${wsOrigin}/parties/main/*`);

  const handlers = [
    http.all(`${origin}/parties/*`, ({ request }) => backend.fetch(request, pageOrigin())),
    tickets.addEventListener('connection', ({ client }) => {
      // Frames can arrive while admission is awaited: keep them, in order.
      const early: unknown[] = [];
      let deliver: (raw: unknown) => void = (raw) => early.push(raw);
      client.addEventListener('message', (event) => deliver(event.data));

      const send = (frame: ServerFrame) => client.send(JSON.stringify(frame));
      const ticketId = decodeSegment(client.url.pathname.split('/')[3] ?? '') ?? '';
      void (async () => {
        const gate = await gateSocket(client.url, pageOrigin(), ticketId, backend.env, backend.now());
        const admitted = gate.ok ? await backend.connect(ticketId, gate.claims, send) : gate;
        if ('ok' in admitted) {
          if (!admitted.ok) {
            send({ type: 'error', code: admitted.code, message: admitted.message });
            client.close(admitted.close, admitted.code);
          }
          return;
        }
        // The room keeps frames in arrival order itself.
        deliver = (raw) => void admitted.receive(raw);
        early.splice(0).forEach(deliver);
        client.addEventListener('close', () => admitted.close());
      })();
    }),
    feeds.addEventListener('connection', ({ client }) => {
      const shop = decodeSegment(client.url.pathname.split('/')[3] ?? '') ?? '';
      let unsubscribe: (() => void) | null = null;
      let closed = false;
      client.addEventListener('close', () => {
        closed = true;
        unsubscribe?.();
      });
      void (async () => {
        const gate = await gateFeed(client.url, shop, backend.env, backend.now());
        if (!gate.ok) {
          client.send(JSON.stringify({ type: 'error', code: gate.code, message: gate.message }));
          client.close(gate.close, gate.code);
          return;
        }
        unsubscribe = await backend.subscribe(gate.claims, (frame) => client.send(JSON.stringify(frame)));
        if (closed) unsubscribe();
      })();
    }),
  ];
  return { backend, handlers };
}
