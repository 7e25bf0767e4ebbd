/**
 * The Worker's fetch (DESIGN §1, §5): bodies read with their route's limit, the Shopify
 * app proxy, the sign-in throttle, and the hooks that refuse sockets and requests before
 * any room exists; then `routePartykitRequest` hands `/parties/{party}/{room}` to its
 * Durable Object, and anything else goes to the static site.
 */
import { routePartykitRequest, type Lobby } from 'partyserver';
import { chatSecret } from './core/env.js';
import { agentKeyOpens, configuredShop, mayInstall } from './core/shops.js';
import { handleShopifyProxy } from './core/shopify.js';
import { SIGN_IN_ROOM, clientAddress, signInShopOf, tooManySignIns } from './core/sign-in-throttle.js';
import { isTicketId } from './core/ticket-id.js';
import { APP_WEBHOOKS_PATH, bodyLimit, isUpload, readBody } from './http/body.js';
import { appWebhook, webhookOfUnknownShop } from './http/app-webhooks.js';
import { gateRequest } from './http/request-gate.js';
import { fail } from './http/response.js';
import { gateFeed, gateSocket } from './http/socket-gate.js';
import { parseTarget, type Target } from './http/target.js';
import { benchRoute } from './bench.js';
import { refuseSocket } from './refuse-socket.js';
import { registry } from './shop-registry.js';
import { newId, type Env } from './worker-env.js';

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
  if (url.pathname.startsWith('/shopify-proxy/')) return handleShopifyProxy(request, env, newId);
  if (url.pathname === APP_WEBHOOKS_PATH) {
    const forwarded = await appWebhook(request, env, (shop) => isInstalled(shop, env));
    return forwarded instanceof Response ? forwarded : route(forwarded, env, ctx);
  }
  const bench = benchRoute(request, url, env);
  if (bench) return bench;
  // partyserver answers a party it does not know with 400 and two error lines in the log:
  // answered here instead, so such requests cannot flood the logs (issue 13 #9).
  if (url.pathname.split('/')[1] === 'parties' && !parseTarget(url)) return fail(404, 'not_found', 'No such party.');
  const signIn = signInShopOf(request, env);
  if (signIn) {
    // The key is checked before any bucket: only failures count, and the shop's bucket
    // never refuses the right key (issue 13 #1).
    const keyOpens = await agentKeyOpens(request, signIn, env);
    const ticket = await env.Main.get(env.Main.idFromName(SIGN_IN_ROOM)).signIn(clientAddress(request), signIn, keyOpens);
    if (!ticket.ok) return tooManySignIns(ticket.retryAfterSeconds);
  }
  const routed = await routePartykitRequest(request, env, {
    onBeforeConnect: (req, lobby) => beforeConnect(req, lobby, env),
    onBeforeRequest: (req, lobby) => beforeRequest(req, lobby, env),
  });
  if (routed) {
    if (erasedShop(request, routed)) installedShops.delete(parseTarget(url)!.room);
    return routed;
  }
  if (env.ASSETS) return env.ASSETS.fetch(request);
  return fail(404, 'not_found', 'No such route.');
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

function targetOf(request: Request, lobby: Lobby<Env>): Target {
  const parsed = parseTarget(new URL(request.url));
  return { party: lobby.className === 'Main' ? 'main' : 'ticket', room: lobby.name, rest: parsed?.rest ?? [] };
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
  // A retried `shop/redact`, or a privacy request for a shop that never stored anything, is answered here.
  if (request.method === 'POST' && target.rest.join('/') === 'webhooks/shopify') return webhookOfUnknownShop(request, env);
  return (await mayInstall(request, target.rest, lobby.name, env)) ? undefined : fail(404, 'not_found', 'Unknown shop.');
}

/** Shops the registry said are installed; a `shop/redact` (which removes it from the registry) forgets one. */
const installedShops = new Set<string>();

/** Whether this answer is a shop's `shop/redact` done. */
const erasedShop = (request: Request, answer: Response): boolean =>
  answer.ok && request.headers.get('X-Shopify-Topic') === 'shop/redact' && parseTarget(new URL(request.url))?.rest.join('/') === 'webhooks/shopify';

async function isInstalled(shop: string, env: Env): Promise<boolean> {
  if (configuredShop(shop, env) || installedShops.has(shop)) return true;
  const installed = await registry(env).has(shop);
  if (installed) installedShops.add(shop);
  return installed;
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
  const { pathname } = new URL(request.url);
  const upload = isUpload(pathname);
  const body = await readBody(request, bodyLimit(pathname), (r) => (rest = r));
  if (!body) return refuseBody(rest, ctx);
  // A body is whole only when it is as long as it said: a chunked one whose client went away
  // mid-way ends like a finished one in `wrangler dev`, so an image, which is stored as it
  // comes and spends the chat's allowance, must say its length first (review r2 #1; a
  // browser's or Node's `fetch` of a File or Blob always does).
  const declared = request.headers.get('Content-Length');
  if (upload && declared === null) return fail(411, 'bad_request', 'An upload must say its length (Content-Length).');
  if (upload && Number(declared) !== body.length) return fail(400, 'bad_request', 'The upload ended before its Content-Length.');
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
