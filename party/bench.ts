/**
 * Dev servers only (bench/): the floors the benchmarks compare a ticket message with.
 * A bare WebSocket echo in the Worker, and echoes from inside a Durable Object, with or
 * without one durable write: the honest costs of a hop into an object and of a write.
 */
import { isDev } from './core/env.js';
import { fail } from './http/response.js';
import type { Env } from './worker-env.js';
import { shopPushSocket } from './bench-shop.js';

/** The Worker's bench routes, or null when `url` is none of them (or the server is not a dev one). */
export function benchRoute(request: Request, url: URL, env: Env): Response | Promise<Response> | null {
  if (!isDev(env)) return null;
  const path = url.pathname;
  if (path !== '/__bench/echo' && path !== '/__bench/shop-pushes' && !path.startsWith('/__bench/echo-do')) return null;
  // Anything but an upgrade is answered before a socket or an object is made (issue 13 #7).
  if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return fail(426, 'upgrade_required', 'This route takes a WebSocket upgrade only.');
  // The bench is a local program, which sends no Origin; a browser always does: a web page a
  // developer opens while `npm start` runs must not write into the demo shop's index (review r2 #4).
  if (request.headers.has('Origin')) return fail(403, 'forbidden', 'The bench routes take no browser.');
  if (url.pathname === '/__bench/echo') return echoSocket((data, send) => send(data));
  if (url.pathname === '/__bench/shop-pushes') return shopPushSocket(env);
  if (url.pathname.startsWith('/__bench/echo-do')) return env.Ticket.get(env.Ticket.idFromName('__bench')).fetch(request);
  return null;
}

/** Inside the `Ticket` object: echo every frame, after a durable write if the path ends in `/write`. */
export function benchEchoInObject(path: string, storage: DurableObjectStorage): Response {
  const write = path.endsWith('/write');
  let n = 0;
  return echoSocket(async (data, send) => {
    if (write) await storage.put(`bench:${++n % 1000}`, data);
    send(data);
  });
}

type Echo = (data: string | ArrayBuffer, send: (data: string | ArrayBuffer) => void) => void | Promise<void>;

function echoSocket(echo: Echo): Response {
  const pair = new WebSocketPair();
  const server = pair[1];
  server.accept();
  server.addEventListener('message', (e) => void echo(e.data, (data) => server.send(data)));
  // Closed from our side too: a socket left open after its client went is a request workerd
  // cancels as hung (a logged 'Uncaught Error' per echo floor of every bench run).
  server.addEventListener('close', () => server.close());
  return new Response(null, { status: 101, webSocket: pair[0] });
}
