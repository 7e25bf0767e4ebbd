/**
 * msw handlers that serve the reference server's HTTP routes and ticket sockets
 * from the page itself, over the same domain core (`MemoryBackend`). The real
 * `partykit` transport then works in a static page or a browser test.
 */
import { http, ws, type RequestHandler, type WebSocketHandler } from 'msw';
import { MemoryBackend } from '../party/memory/memory-backend.js';
import { acceptSocket } from '../party/memory/memory-sockets.js';
import { DEV_ENV, devSettings } from '../party/core/seed.js';

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
  const pageOrigin = (): string | null => globalThis.location?.origin ?? null;
  // Ticket sockets and shop feeds alike: `acceptSocket` tells them apart by path.
  const sockets = ws.link(`${origin.replace(/^http/, 'ws')}/parties/*`);

  const handlers = [
    http.all(`${origin}/parties/*`, ({ request }) => backend.fetch(request, pageOrigin())),
    sockets.addEventListener('connection', ({ client }) => {
      const server = acceptSocket(backend, client.url, pageOrigin(), {
        send: (text) => client.send(text),
        close: (code, reason) => client.close(code, reason),
      });
      client.addEventListener('message', (event) => server.receive(event.data));
      client.addEventListener('close', () => server.close());
    }),
  ];
  return { backend, handlers };
}
