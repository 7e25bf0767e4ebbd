/**
 * The shop's HTTP routes (DESIGN §5), written once as a table: each route's method,
 * path, the role the gate checks before the room is touched, whether it refuses
 * foreign page origins, and its handler. Plain `Request` → `Response`, so the Worker
 * and the msw mock answer every request with this same code.
 */
import { isBlankBody, outgoingMessageSchema, validate, type Customer } from '../../src/protocol/index.js';
import { isPlainObject, object, optional, string } from '../../src/protocol/schema.js';
import { MAX_SEARCH_CHARS } from '../../src/protocol/search.js';
import { claimsFor, signToken, verifyIdentity, type Claims, type Role } from '../core/auth.js';
import { agentKeys, chatSecret, isDev, isLocalOrigin, safeEqual, tokenTtl, type AgentKey, type ServerEnv } from '../core/env.js';
import { isPrivacyTopic } from '../core/privacy.js';
import type { Shop } from '../core/shop.js';
import { verifyAppProxy, verifyWebhook } from '../core/shopify.js';
import { MAX_WEBHOOK_BYTES, readBody, readJson } from './body.js';
import { fail, json } from './response.js';
import { PRIVACY_ROUTES } from './privacy-routes.js';
import { issueSession } from './session.js';
import { smsInbound, smsStatus } from './sms-routes.js';
import { decodeSegment } from './target.js';
import { listOrders } from './order-routes.js';
import { tryQuestion } from '../core/ai-try.js';
import { teamOf } from '../core/ticket-assign.js';
import { RetrievalResponder, type AiSettings, type Responder } from '../core/ai/responder.js';

export interface ShopRequestContext {
  env: ServerEnv;
  now(): number;
  newId(): string;
  /**
   * The page origin when the runtime hides the `Origin` header (a service worker
   * sees none); the Worker always reads the header.
   */
  pageOrigin?: string | null;
  /** Keeps work going after the answer (a Durable Object's `waitUntil`); without it the work is awaited. */
  waitUntil?(work: Promise<unknown>): void;
  /** Told when stored inbound texts could not be threaded: the room retries them later. */
  threadingFailed?(err: unknown): void;
  /** The AI agent the shop's tickets run, for `POST ai/try`; the default retrieval responder otherwise. */
  responder?(settings: AiSettings): Responder;
}

/** Who may call a route: a role, a shopper logged in to the store, or anyone (null). */
export type RouteRole = Role | 'shopper-logged-in' | null;

/** One call of a route's handler. */
export interface RouteCall {
  shop: Shop;
  request: Request;
  ctx: ShopRequestContext;
  secret: string;
  now: number;
  /** The page's origin, if it sent one. */
  origin: string | null;
  /** The path's `:name` segments, as sent (percent-encoded). */
  params: string[];
  /** The bearer token's claims: only on routes with a role, whose token the gate verified. */
  claims(): Promise<Claims>;
}

export interface ShopRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** Below `/parties/main/{shop}/`; a `:name` segment matches any one segment. */
  path: string;
  role: RouteRole;
  /** Shopper routes refuse foreign page origins (DESIGN §5 "Origins"). */
  origin?: true;
  handle(call: RouteCall): Promise<Response>;
}

const SHOP_ROUTES: readonly ShopRoute[] = [
  { method: 'GET', path: 'config', role: null, handle: async ({ shop, request }) => json(200, await shop.config(langOf(new URL(request.url).searchParams.get('lang'))), { 'Cache-Control': 'no-store' }) },
  { method: 'GET', path: 'session', role: null, origin: true, handle: session },
  { method: 'POST', path: 'session', role: null, origin: true, handle: session },
  { method: 'POST', path: 'chats', role: 'shopper-logged-in', origin: true, handle: startChat },
  { method: 'GET', path: 'chats/active', role: 'shopper', origin: true, handle: activeChat },
  { method: 'POST', path: 'agents/session', role: null, handle: agentSession },
  { method: 'POST', path: 'agents/refresh', role: 'agent', handle: agentRefresh },
  // The shop's team, for the inbox's assignee menu (issue 17): ids and names, never keys.
  { method: 'GET', path: 'agents', role: 'agent', handle: async ({ shop, ctx }) => json(200, { agents: teamOf(ctx.env, shop.name) }) },
  { method: 'GET', path: 'tickets', role: 'agent', handle: listTickets },
  { method: 'POST', path: 'webhooks/shopify', role: null, handle: shopifyWebhook },
  { method: 'GET', path: 'settings', role: 'agent', handle: async ({ shop }) => json(200, await shop.adminSettings()) },
  { method: 'PUT', path: 'settings', role: 'admin', handle: saveSettings },
  { method: 'GET', path: 'profiles/:customer', role: 'agent', handle: profile },
  { method: 'GET', path: 'tickets/:ticket/customer', role: 'agent', handle: ticketCustomer },
  { method: 'POST', path: 'sms/twilio', role: null, handle: smsInbound },
  { method: 'POST', path: 'sms/twilio/status', role: null, handle: smsStatus },
  ...PRIVACY_ROUTES,
  { method: 'GET', path: 'orders', role: 'shopper-logged-in', origin: true, handle: listOrders },
  { method: 'POST', path: 'ai/try', role: 'admin', handle: tryAi },
];

/** The route for `method` and the path segments `rest`, with its `:name` segments; or null. */
export function shopRouteOf(method: string, rest: readonly string[]): { route: ShopRoute; params: string[] } | null {
  for (const route of SHOP_ROUTES) {
    const pattern = route.path.split('/');
    if (route.method !== method || pattern.length !== rest.length) continue;
    if (pattern.every((p, i) => p.startsWith(':') || p === rest[i])) return { route, params: rest.filter((_, i) => pattern[i]!.startsWith(':')) };
  }
  return null;
}

/** Answers every `/parties/main/{shop}/...` route. Run `gateRequest` first. */
export async function handleShopRequest(shop: Shop, request: Request, rest: string[], ctx: ShopRequestContext): Promise<Response> {
  const found = shopRouteOf(request.method, rest);
  if (!found) return fail(404, 'not_found', 'No such route.');
  const origin = request.headers.get('Origin') ?? ctx.pageOrigin ?? null;
  if (found.route.origin && origin) {
    const allowed = (isDev(ctx.env) && isLocalOrigin(origin)) || (await shop.allowsOrigin(origin));
    if (!allowed) return fail(403, 'forbidden_origin', 'This site may not use this shop\u2019s chat.');
  }
  const secret = chatSecret(ctx.env)!;
  const now = ctx.now();
  return found.route.handle({
    shop,
    request,
    ctx,
    secret,
    now,
    origin,
    params: found.params,
    claims: async () => (await claimsFor(request, secret, shop.name, now))!,
  });
}

const sessionBody = object({
  identity: optional(string({ min: 1, max: 4096 })),
  devCustomer: optional(
    object({ id: string({ min: 1, max: 128 }), name: optional(string({ max: 200 })), email: optional(string({ max: 320 })) }),
  ),
});
const agentBody = object({ agentKey: string({ min: 1, max: 500 }) });

/** `GET|POST session`: a shopper session, for a Shopify app-proxy signed query, a signed identity, a dev customer, or an anonymous visitor. */
async function session({ shop, request, ctx, secret, now }: RouteCall): Promise<Response> {
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
  return issueSession(secret, shop.name, customer, { now, ttl: tokenTtl(ctx.env), newId: ctx.newId });
}

/** `POST chats`: a new ticket with its first message (R6), or the open one (409). */
async function startChat({ shop, request, origin, claims }: RouteCall): Promise<Response> {
  const shopper = await claims();
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = validate(outgoingMessageSchema, body.value);
  if (!parsed.ok) return fail(parsed.error.code === 'too_large' ? 413 : 400, parsed.error.code, parsed.error.message);
  if (isBlankBody(parsed.frame.body) && !parsed.frame.attachments?.length) return fail(400, 'bad_request', 'A message needs text or an image.');
  // Images are uploaded to a ticket, so the message that creates it cannot carry one.
  if (parsed.frame.attachments?.length) return fail(400, 'bad_request', 'Images can be sent once the chat has started.');
  if (!(await shop.config()).enabled) return fail(403, 'chat_disabled', 'Chat is turned off for this shop.');
  const lang = isPlainObject(body.value) && typeof body.value.lang === 'string' ? langOf(body.value.lang) : null;
  const outcome = await shop.startChat(shopper, parsed.frame, origin, lang);
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

/** `GET chats/active`: the shopper's open chat, or 204. */
async function activeChat({ shop, origin, claims }: RouteCall): Promise<Response> {
  const active = await shop.activeChat(await claims(), origin);
  return active ? json(200, active) : json(204, null);
}

/** An agent token for `agent`, answered with who it is. */
async function agentToken(secret: string, shop: Shop, agent: AgentKey, now: number, env: ServerEnv): Promise<Response> {
  const { token, exp } = await signToken(secret, { shop: shop.name, role: agent.role, sub: agent.id, name: agent.name }, now, tokenTtl(env));
  return json(200, { token, expiresAt: new Date(exp * 1000).toISOString(), agent: { id: agent.id, name: agent.name, role: agent.role } });
}

const opensShop = (agent: AgentKey, shop: Shop): boolean => agent.shops.includes(shop.name) || agent.shops.includes('*');

/** `POST agents/session`: an agent key for this shop signs its agent in. */
async function agentSession({ shop, request, ctx, secret, now }: RouteCall): Promise<Response> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = validate(agentBody, body.value);
  if (!parsed.ok) return fail(400, 'bad_request', parsed.error.message);
  const agent = agentKeys(ctx.env).find((k) => safeEqual(k.key, parsed.frame.agentKey));
  if (!agent || !opensShop(agent, shop)) return fail(401, 'unauthorized', 'Unknown agent key for this shop.');
  return agentToken(secret, shop, agent, now, ctx.env);
}

/**
 * `POST agents/refresh`: a fresh agent token for a still-valid one, so an agent at work
 * is never signed out (issue 12 item 10); only while the key behind it still opens this shop.
 */
async function agentRefresh({ shop, ctx, secret, now, claims }: RouteCall): Promise<Response> {
  const { sub } = await claims();
  const agent = agentKeys(ctx.env).find((k) => k.id === sub && opensShop(k, shop));
  if (!agent) return fail(401, 'unauthorized', 'This agent no longer has access to this shop.');
  return agentToken(secret, shop, agent, now, ctx.env);
}

/** `GET tickets`: a page of the shop's ticket index, newest first, with the unread total; `q` searches it (issue 17). */
async function listTickets({ shop, request }: RouteCall): Promise<Response> {
  const q = new URL(request.url).searchParams;
  const status = q.get('status');
  const channel = q.get('channel');
  // `q` present, even blank, is a search: one without a word matches nothing (README "Inbox search").
  const search = q.get('q');
  const limit = Math.min(100, Math.max(1, Number(q.get('limit')) || 50));
  if (status && !['open', 'snoozed', 'closed'].includes(status)) return fail(400, 'bad_request', 'Unknown status.');
  if (channel && !['chat', 'sms'].includes(channel)) return fail(400, 'bad_request', 'Unknown channel.');
  if (search && search.length > MAX_SEARCH_CHARS) return fail(400, 'bad_request', `A search is at most ${MAX_SEARCH_CHARS} characters.`);
  const page = await shop.listTickets({
    limit,
    cursor: q.get('cursor'),
    ...(search !== null ? { q: search } : {}),
    ...(status ? { status: status as 'open' } : {}),
    ...(channel ? { channel: channel as 'chat' } : {}),
  });
  return json(200, { ...page, unreadTotal: await shop.unreadTotal() });
}

/** `POST webhooks/shopify`: a signed Shopify webhook, verified before it is parsed. */
async function shopifyWebhook({ shop, request, ctx }: RouteCall): Promise<Response> {
  const apiSecret = ctx.env.SHOPIFY_API_SECRET;
  if (!apiSecret) return fail(500, 'misconfigured', 'The server has no SHOPIFY_API_SECRET.');
  const raw = await readBody(request, MAX_WEBHOOK_BYTES);
  if (!raw) return fail(413, 'too_large', 'The body is too large.');
  // Verify before parsing: nothing unsigned is ever read.
  if (!(await verifyWebhook(raw, request.headers.get('X-Shopify-Hmac-Sha256'), apiSecret))) {
    return fail(401, 'unauthorized', 'The webhook signature is invalid.');
  }
  // The app's secret signs every shop's webhooks, and the signature covers the body
  // only: Shopify names the shop in a header, which must be the one in the URL (issue 13 #5).
  if (request.headers.get('X-Shopify-Shop-Domain')?.trim().toLowerCase() !== shop.name) {
    return fail(403, 'forbidden', 'X-Shopify-Shop-Domain is missing or names another shop.');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return fail(400, 'bad_request', 'The body is not valid JSON.');
  }
  const topic = request.headers.get('X-Shopify-Topic') ?? '';
  // The header is not signed either: a privacy webhook names its shop in the signed body,
  // which must be this one, or a body signed for one shop would redact or erase another.
  const named = shopNamedIn(payload);
  if (isPrivacyTopic(topic) ? named !== shop.name : named !== null && named !== shop.name) {
    return fail(403, 'forbidden', 'The webhook body names another shop, or none.');
  }
  const eventId = request.headers.get('X-Shopify-Event-Id') ?? request.headers.get('X-Shopify-Webhook-Id');
  const outcome = await shop.webhook(topic, payload, eventId);
  return json(200, { ok: true, outcome });
}

/** The shop a webhook body names (`shop_domain` in the privacy topics, `myshopify_domain` in `app/uninstalled`), or null. */
function shopNamedIn(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  const { shop_domain: a, myshopify_domain: b } = payload as Record<string, unknown>;
  const named = typeof a === 'string' ? a : typeof b === 'string' ? b : null;
  return named === null ? null : named.trim().toLowerCase();
}

/** `PUT settings`: an admin saves the shop's settings (R12). */
async function saveSettings({ shop, request }: RouteCall): Promise<Response> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const saved = await shop.saveSettings(body.value);
  return saved.ok ? json(200, saved.settings) : fail(400, 'bad_request', saved.message);
}

/** `GET profiles/{customer}`: what the shop knows of a customer. */
async function profile({ shop, params }: RouteCall): Promise<Response> {
  const customerId = decodeSegment(params[0]!);
  if (customerId === null) return fail(400, 'bad_request', 'The path has malformed percent-encoding.');
  const found = await shop.profile(customerId);
  return found ? json(200, found) : fail(404, 'not_found', 'No profile for this customer yet.');
}

/** `GET tickets/{id}/customer`: the profile panel beside a ticket, an empty one when the shop knows nothing of its customer. */
async function ticketCustomer({ shop, params }: RouteCall): Promise<Response> {
  const ticketId = decodeSegment(params[0]!);
  if (ticketId === null) return fail(400, 'bad_request', 'The path has malformed percent-encoding.');
  const view = await shop.customerView(ticketId);
  return view ? json(200, view, { 'Cache-Control': 'no-store' }) : fail(404, 'not_found', 'No such ticket.');
}

/** `POST ai/try`: what the AI agent would answer, over the saved or a draft knowledge (issue 18). */
async function tryAi({ shop, request, ctx }: RouteCall): Promise<Response> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const tried = await tryQuestion(await shop.settings(), body.value, (s) => ctx.responder?.(s) ?? new RetrievalResponder(s));
  return tried.ok ? json(200, tried.result) : fail(400, 'bad_request', tried.message);
}

/**
 * The shopper's language as sent (`?lang=` of `config`, `lang` of `POST chats`): a tag such
 * as `fr-CA`, else null. Anything else is ignored, never an error: the content falls back
 * to the shop's default language (issue 17).
 */
function langOf(raw: string | null): string | null {
  return raw && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}$/.test(raw) ? raw : null;
}
