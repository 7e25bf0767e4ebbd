/**
 * HTTP in and out of the rooms (DESIGN §5): the gate that runs before any room code,
 * and the shop routes. Plain `Request` → `Response`, so the Worker and the msw mock
 * answer every request with this same code.
 */
import { isBlankBody, outgoingMessageSchema, validate, type Customer } from '../../src/protocol/index.js';
import { object, optional, string } from '../../src/protocol/schema.js';
import { bearer, signToken, verifyIdentity, verifyToken, type Claims, type Role, type TokenKind } from './auth.js';
import { agentKeys, chatSecret, isDev, isLocalOrigin, isShopName, safeEqual, tokenTtl, type ServerEnv } from './env.js';
import type { Shop } from './shop.js';
import { verifyAppProxy, verifyWebhook } from './shopify.js';

export const MAX_JSON_BYTES = 64 * 1024;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '86400',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers: { ...CORS, ...headers } });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...CORS, ...headers },
  });
}

export const fail = (status: number, code: string, message: string): Response => json(status, { error: { code, message } });

/** Where a request goes: `/parties/{party}/{room}/{...rest}`. */
export interface Target {
  party: 'main' | 'ticket';
  room: string;
  rest: string[];
}

export function parseTarget(url: URL): Target | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'parties' || (parts[1] !== 'main' && parts[1] !== 'ticket') || !parts[2]) return null;
  return { party: parts[1], room: parts[2], rest: parts.slice(3) };
}

/** A percent-decoded path segment, or null when its encoding is malformed (`%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** What opens a ticket (its socket, its uploads): its own ticket token, or an agent's. */
export const TICKET_KINDS: readonly TokenKind[] = ['ticket', 'agent'];
/**
 * What opens the shop's routes and feed: a shopper's session token or an agent's; a
 * ticket token is for its ticket only (the role check then tells shoppers from agents).
 */
export const SHOP_KINDS: readonly TokenKind[] = ['session', 'agent'];

/** Which role a shop route needs, checked in the gate before the room is touched. */
function requiredRole(method: string, rest: string[]): Role | 'shopper-logged-in' | null {
  const [first, second] = rest;
  if (first === 'chats') return second === 'active' ? 'shopper' : 'shopper-logged-in';
  if (first === 'tickets' || first === 'profiles') return 'agent';
  if (first === 'agents' && second === 'refresh') return 'agent';
  if (first === 'settings') return method === 'GET' ? 'agent' : 'admin';
  return null;
}

const roleAllows = (have: Role, need: Role): boolean =>
  need === 'shopper' ? have === 'shopper' : need === 'agent' ? have === 'agent' || have === 'admin' : have === 'admin';

/**
 * The Worker's `onBeforeRequest`: unknown rooms, a misconfigured server and bad
 * tokens are refused here, before any room code runs (and before any room exists).
 */
export async function gateRequest(request: Request, target: Target, env: ServerEnv, now: number): Promise<Response | null> {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  const secret = chatSecret(env);
  if (!secret) return fail(500, 'misconfigured', 'The server has no CHAT_SECRET.');
  if (target.party === 'main' && !isShopName(target.room, env)) return fail(404, 'not_found', 'Unknown shop.');
  if (target.party === 'ticket') {
    if (target.rest[0] !== 'uploads' || target.rest.length > 2) return fail(404, 'not_found', 'No such route.');
    if (request.method === 'POST' && target.rest.length === 1) {
      const token = bearer(request);
      const claims = token ? await verifyToken(secret, token, now, TICKET_KINDS) : null;
      if (!claims) return fail(401, 'unauthorized', 'A valid token is required.');
      if (claims.role === 'shopper' && claims.tid !== target.room) return fail(403, 'forbidden', 'This token is for another ticket.');
    } else if (request.method !== 'GET' || target.rest.length !== 2) {
      return fail(405, 'method_not_allowed', 'Uploads are created with POST and read with GET.');
    }
  }
  if (target.party === 'main') {
    const need = requiredRole(request.method, target.rest);
    if (need) {
      const claims = await claimsFor(request, secret, target.room, now);
      if (!claims) return fail(401, 'unauthorized', 'A valid token for this shop is required.');
      const role = need === 'shopper-logged-in' ? 'shopper' : need;
      if (!roleAllows(claims.role, role)) return fail(403, 'forbidden', 'This token may not use this route.');
      if (need === 'shopper-logged-in' && claims.sub.startsWith('anon:')) {
        return fail(403, 'login_required', 'Log in to your store account to start a chat.');
      }
    }
  }
  return null;
}

/** Verifies the bearer token (a session or agent token) and that it belongs to `shop`. */
export async function claimsFor(request: Request, secret: string, shop: string, now: number): Promise<Claims | null> {
  const token = bearer(request);
  const claims = token ? await verifyToken(secret, token, now, SHOP_KINDS) : null;
  return claims && claims.shop === shop ? claims : null;
}

export type SocketVerdict =
  | { ok: true; claims: Claims }
  | { ok: false; close: 4000 | 4001 | 4003; code: 'unsupported_version' | 'forbidden' | 'not_found'; message: string };

export type SocketRefusal = Extract<SocketVerdict, { ok: false }>;

/**
 * The Worker's `onBeforeConnect` for ticket sockets: version, token, ticket id and
 * page origin. Checks that need the ticket's own state (its shop) run in the room.
 */
export async function gateSocket(url: URL, origin: string | null, ticketId: string, env: ServerEnv, now: number): Promise<SocketVerdict> {
  if (url.searchParams.get('v') !== '1') {
    return { ok: false, close: 4000, code: 'unsupported_version', message: 'This server speaks protocol version 1.' };
  }
  const secret = chatSecret(env);
  const token = url.searchParams.get('token');
  const claims = secret && token ? await verifyToken(secret, token, now, TICKET_KINDS) : null;
  if (!claims) return { ok: false, close: 4001, code: 'forbidden', message: 'The token is missing, expired or invalid.' };
  if (claims.role === 'shopper') {
    if (claims.tid !== ticketId) return { ok: false, close: 4003, code: 'forbidden', message: 'This token is for another ticket.' };
    if (!pageMayOpen(claims.origin, origin, url)) {
      return { ok: false, close: 4003, code: 'forbidden', message: 'This page may not open this chat.' };
    }
  }
  return { ok: true, claims };
}

/**
 * Whether a ticket socket from page `origin` may use a token bound to `claimed`.
 * A token made on a request with an `Origin` is bound to it. A token without one was
 * made on a request that carried none: a same-origin GET (browsers send no `Origin`
 * there, e.g. `chats/active` on a reload of a page the chat server serves itself), or a
 * server-side client. Its socket is then let in from the chat server's own origin, or
 * with no `Origin` at all: origin checks protect browsers, which always send one on a
 * WebSocket upgrade, while any other client could send whatever it likes. A foreign page
 * never gets an unbound token (its requests carry its `Origin`), nor uses one.
 */
function pageMayOpen(claimed: string | undefined, origin: string | null, url: URL): boolean {
  if (claimed) return claimed === origin;
  return origin === null || origin === httpOrigin(url);
}

/** The chat server's own origin as a page sees it (`ws:` URLs, as in the mock, map to `http:`). */
function httpOrigin(url: URL): string {
  const protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  return `${protocol}//${url.host}`;
}

/** The shop feed socket: a valid token (agent or shopper) of this very shop. */
export async function gateFeed(url: URL, shop: string, env: ServerEnv, now: number): Promise<SocketVerdict> {
  if (!isShopName(shop, env)) return { ok: false, close: 4003, code: 'not_found', message: 'Unknown shop.' };
  if (url.searchParams.get('v') !== '1') {
    return { ok: false, close: 4000, code: 'unsupported_version', message: 'This server speaks protocol version 1.' };
  }
  const secret = chatSecret(env);
  const token = url.searchParams.get('token');
  const claims = secret && token ? await verifyToken(secret, token, now, SHOP_KINDS) : null;
  if (!claims || claims.shop !== shop) return { ok: false, close: 4001, code: 'forbidden', message: 'A valid token for this shop is required.' };
  return { ok: true, claims };
}

const sessionBody = object({
  identity: optional(string({ min: 1, max: 4096 })),
  devCustomer: optional(
    object({ id: string({ min: 1, max: 128 }), name: optional(string({ max: 200 })), email: optional(string({ max: 320 })) }),
  ),
});
const agentBody = object({ agentKey: string({ min: 1, max: 500 }) });

/** Largest Shopify webhook body read. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** How much of a refused body is read and dropped (see `readBody`) before the connection is cut. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * Reads a body with a byte counter and stops as soon as it passes `limit`: the rest is
 * never buffered (a 48 MB chunked body with no Content-Length was read whole). Returns
 * null when it is too large. By default the rest is cancelled; with `discard` it is
 * read and dropped in the background (up to 64 MiB), handed to `discard` (a Worker's
 * `waitUntil`) so the refusal can go out at once: cutting the body short makes
 * `wrangler dev`'s proxy turn the answer into a 503.
 */
export async function readBody(request: Request, limit: number, discard?: (rest: Promise<void>) => void): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const refuse = (seen: number): null => {
    if (discard) discard(drain(reader, seen));
    else void reader.cancel().catch(() => undefined);
    return null;
  };
  if (Number(request.headers.get('Content-Length') ?? 0) > limit) return refuse(0);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) return refuse(total);
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number): Promise<void> {
  try {
    for (let total = seen; total <= MAX_DISCARD_BYTES; ) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drop.
  }
}

/** How many body bytes a route may send; the Worker refuses more before any room sees it. */
export function bodyLimit(pathname: string): number {
  const target = parseTarget(new URL(pathname, 'http://x'));
  if (target?.party === 'ticket' && target.rest[0] === 'uploads') return MAX_UPLOAD_BODY_BYTES;
  if (target?.party === 'main' && target.rest[0] === 'webhooks') return MAX_WEBHOOK_BYTES;
  return MAX_JSON_BYTES;
}

/** An upload's body: the image (at most 5 MB, checked exactly by the upload route) and some slack. */
const MAX_UPLOAD_BODY_BYTES = 5 * 1024 * 1024 + 64 * 1024;

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const bytes = await readBody(request, MAX_JSON_BYTES);
  if (!bytes) return { ok: false, response: fail(413, 'too_large', 'The body is too large.') };
  const text = new TextDecoder().decode(bytes);
  try {
    return { ok: true, value: text ? JSON.parse(text) : {} };
  } catch {
    return { ok: false, response: fail(400, 'bad_request', 'The body is not valid JSON.') };
  }
}

/** A shopper session token: for the customer, or an anonymous visitor (`anon:<uuid>`). */
export async function issueSession(secret: string, shop: string, customer: Customer | null, now: number, ttl?: number): Promise<Response> {
  const claims: Omit<Claims, 'exp'> = { shop, role: 'shopper', sub: customer ? customer.id : `anon:${crypto.randomUUID()}` };
  if (customer?.name) claims.name = customer.name;
  if (customer?.email) claims.email = customer.email;
  const { token, exp } = await signToken(secret, claims, now, ttl);
  return json(200, { token, expiresAt: new Date(exp * 1000).toISOString(), customer });
}

export interface ShopRequestContext {
  env: ServerEnv;
  now(): number;
  newId(): string;
  /**
   * The page origin when the runtime hides the `Origin` header (a service worker
   * sees none); the Worker always reads the header.
   */
  pageOrigin?: string | null;
}

/** Answers every `/parties/main/{shop}/...` route. Run `gateRequest` first. */
export async function handleShopRequest(shop: Shop, request: Request, rest: string[], ctx: ShopRequestContext): Promise<Response> {
  const secret = chatSecret(ctx.env)!;
  const now = ctx.now();
  const route = `${request.method} ${rest.join('/')}`;
  const origin = request.headers.get('Origin') ?? ctx.pageOrigin ?? null;

  // Shopper routes refuse foreign page origins (DESIGN §5 "Origins").
  if (/^(GET|POST) (session|chats|chats\/active)$/.test(route) && origin) {
    const allowed = (isDev(ctx.env) && isLocalOrigin(origin)) || (await shop.allowsOrigin(origin));
    if (!allowed) return fail(403, 'forbidden_origin', 'This site may not use this shop\u2019s chat.');
  }

  switch (route) {
    case 'GET config':
      return json(200, await shop.config(), { 'Cache-Control': 'no-store' });

    case 'GET session':
    case 'POST session': {
      let customer: Customer | null = null;
      const query = new URL(request.url).searchParams;
      if (query.has('signature')) {
        // A Shopify app-proxy signed query (theme storefronts).
        const apiSecret = ctx.env.SHOPIFY_API_SECRET;
        const verdict = apiSecret ? await verifyAppProxy(query, apiSecret, now) : { ok: false as const, reason: 'no SHOPIFY_API_SECRET' };
        if (!verdict.ok || verdict.shop !== shop.name) return fail(401, 'unauthorized', 'The app proxy signature is invalid.');
        customer = verdict.customer;
      } else if (request.method === 'POST') {
        const body = await readJson(request);
        if (!body.ok) return body.response;
        const parsed = validate(sessionBody, body.value);
        if (!parsed.ok) return fail(400, 'bad_request', parsed.error.message);
        if (parsed.frame.identity) {
          const identitySecret = (await shop.settings()).identitySecret;
          customer = identitySecret ? await verifyIdentity(identitySecret, parsed.frame.identity, now) : null;
          if (!customer) return fail(401, 'unauthorized', 'The identity token is invalid or expired.');
        } else if (parsed.frame.devCustomer) {
          if (!isDev(ctx.env)) return fail(403, 'forbidden', 'Dev sessions are off on this server.');
          customer = parsed.frame.devCustomer;
        }
      }
      return issueSession(secret, shop.name, customer, now, tokenTtl(ctx.env));
    }

    case 'POST chats': {
      const claims = (await claimsFor(request, secret, shop.name, now))!;
      const body = await readJson(request);
      if (!body.ok) return body.response;
      const parsed = validate(outgoingMessageSchema, body.value);
      if (!parsed.ok) return fail(parsed.error.code === 'too_large' ? 413 : 400, parsed.error.code, parsed.error.message);
      if (isBlankBody(parsed.frame.body) && !parsed.frame.attachments?.length) return fail(400, 'bad_request', 'A message needs text or an image.');
      // Images are uploaded to a ticket, so the message that creates it cannot carry one.
      if (parsed.frame.attachments?.length) return fail(400, 'bad_request', 'Images can be sent once the chat has started.');
      if (!(await shop.config()).enabled) return fail(403, 'chat_disabled', 'Chat is turned off for this shop.');
      const outcome = await shop.startChat(claims, parsed.frame, origin);
      if (outcome.kind === 'rate_limited') {
        const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
        return json(
          429,
          { error: { code: 'rate_limited', message: `You have started several chats in a short time: try again in ${minutes} min.` } },
          { 'Retry-After': String(outcome.retryAfterSeconds), 'Access-Control-Expose-Headers': 'Retry-After' },
        );
      }
      if (outcome.kind === 'active') {
        return json(409, {
          error: { code: 'chat_active', message: 'You already have an open chat.' },
          ticket: outcome.ticket,
          ticketToken: outcome.ticketToken,
        });
      }
      const { ticket, message, ticketToken } = outcome;
      return json(outcome.kind === 'created' ? 201 : 200, { ticket, ticketToken, message });
    }

    case 'GET chats/active': {
      const claims = (await claimsFor(request, secret, shop.name, now))!;
      const active = await shop.activeChat(claims, origin);
      return active ? json(200, active) : json(204, null);
    }

    case 'POST agents/session': {
      const body = await readJson(request);
      if (!body.ok) return body.response;
      const parsed = validate(agentBody, body.value);
      if (!parsed.ok) return fail(400, 'bad_request', parsed.error.message);
      const agent = agentKeys(ctx.env).find((k) => safeEqual(k.key, parsed.frame.agentKey));
      if (!agent || !(agent.shops.includes(shop.name) || agent.shops.includes('*'))) {
        return fail(401, 'unauthorized', 'Unknown agent key for this shop.');
      }
      const { token, exp } = await signToken(secret, { shop: shop.name, role: agent.role, sub: agent.id, name: agent.name }, now, tokenTtl(ctx.env));
      return json(200, { token, expiresAt: new Date(exp * 1000).toISOString(), agent: { id: agent.id, name: agent.name, role: agent.role } });
    }

    case 'POST agents/refresh': {
      // A fresh agent token for a still-valid one, so an agent at work is never signed
      // out (issue 12 item 10); only while the key behind it still opens this shop.
      const claims = (await claimsFor(request, secret, shop.name, now))!;
      const agent = agentKeys(ctx.env).find((k) => k.id === claims.sub && (k.shops.includes(shop.name) || k.shops.includes('*')));
      if (!agent) return fail(401, 'unauthorized', 'This agent no longer has access to this shop.');
      const { token, exp } = await signToken(secret, { shop: shop.name, role: agent.role, sub: agent.id, name: agent.name }, now, tokenTtl(ctx.env));
      return json(200, { token, expiresAt: new Date(exp * 1000).toISOString(), agent: { id: agent.id, name: agent.name, role: agent.role } });
    }

    case 'GET tickets': {
      const q = new URL(request.url).searchParams;
      const status = q.get('status');
      const channel = q.get('channel');
      const limit = Math.min(100, Math.max(1, Number(q.get('limit')) || 50));
      if (status && !['open', 'snoozed', 'closed'].includes(status)) return fail(400, 'bad_request', 'Unknown status.');
      if (channel && !['chat', 'sms'].includes(channel)) return fail(400, 'bad_request', 'Unknown channel.');
      const page = await shop.listTickets({
        limit,
        cursor: q.get('cursor'),
        ...(status ? { status: status as 'open' } : {}),
        ...(channel ? { channel: channel as 'chat' } : {}),
      });
      return json(200, { ...page, unreadTotal: await shop.unreadTotal() });
    }

    case 'POST webhooks/shopify': {
      const apiSecret = ctx.env.SHOPIFY_API_SECRET;
      if (!apiSecret) return fail(500, 'misconfigured', 'The server has no SHOPIFY_API_SECRET.');
      const raw = await readBody(request, MAX_WEBHOOK_BYTES);
      if (!raw) return fail(413, 'too_large', 'The body is too large.');
      // Verify before parsing: nothing unsigned is ever read.
      if (!(await verifyWebhook(raw, request.headers.get('X-Shopify-Hmac-Sha256'), apiSecret))) {
        return fail(401, 'unauthorized', 'The webhook signature is invalid.');
      }
      let payload: unknown;
      try {
        payload = JSON.parse(new TextDecoder().decode(raw));
      } catch {
        return fail(400, 'bad_request', 'The body is not valid JSON.');
      }
      const topic = request.headers.get('X-Shopify-Topic') ?? '';
      const eventId = request.headers.get('X-Shopify-Event-Id') ?? request.headers.get('X-Shopify-Webhook-Id');
      const outcome = await shop.webhook(topic, payload, eventId);
      return json(200, { ok: true, outcome });
    }

    case 'GET settings':
      return json(200, await shop.adminSettings());

    case 'PUT settings': {
      const body = await readJson(request);
      if (!body.ok) return body.response;
      const saved = await shop.saveSettings(body.value);
      return saved.ok ? json(200, saved.settings) : fail(400, 'bad_request', saved.message);
    }
  }
  if (request.method === 'GET' && rest[0] === 'profiles' && rest[1] && rest.length === 2) {
    const customerId = decodeSegment(rest[1]);
    if (customerId === null) return fail(400, 'bad_request', 'The path has malformed percent-encoding.');
    const profile = await shop.profile(customerId);
    return profile ? json(200, profile) : fail(404, 'not_found', 'No profile for this customer yet.');
  }
  return fail(404, 'not_found', 'No such route.');
}
