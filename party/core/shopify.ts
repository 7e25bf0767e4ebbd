/**
 * Shopify's signatures: the app proxy's signed query (shopper sessions on a theme)
 * and webhooks' `X-Shopify-Hmac-Sha256`. Verified as Shopify's own library does.
 */
import type { Customer } from '../../src/protocol/index.js';
import { hmacSha256, toBase64, toHex } from './crypto.js';
import { chatSecret, isShopName, safeEqual, tokenTtl, type ServerEnv } from './env.js';
import { fail } from '../http/response.js';
import { issueSession } from '../http/session.js';

export const PROXY_MAX_SKEW_SECONDS = 90;
/**
 * Keys that must appear once: with two values Shopify's message joins them with `,`,
 * but `get()` reads the first, so `logged_in_customer_id=victim&logged_in_customer_id=`
 * would be signed as one thing and read as another.
 */
const SINGLE = ['shop', 'timestamp', 'signature', 'logged_in_customer_id', 'path_prefix'];

export type ProxyVerdict =
  | { ok: true; shop: string; customer: Customer | null }
  | { ok: false; reason: string };

/**
 * The app proxy's query: drop `signature`, join each key's values with `,`, sort by
 * key, concatenate `key=value` with no separator, HMAC-SHA256 in hex.
 */
async function appProxyMessage(query: URLSearchParams): Promise<string> {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of query) if (k !== 'signature') grouped.set(k, [...(grouped.get(k) ?? []), v]);
  return [...grouped.keys()].sort().map((k) => `${k}=${grouped.get(k)!.join(',')}`).join('');
}

export async function verifyAppProxy(query: URLSearchParams, secret: string, now: number): Promise<ProxyVerdict> {
  for (const k of SINGLE) if (query.getAll(k).length > 1) return { ok: false, reason: `duplicated ${k}` };
  // The message has no separators: a key with `=` lets one signed string be split into
  // other parameters (`a=b` + `c` and `a` + `b=c` sign alike).
  for (const k of query.keys()) if (k.includes('=')) return { ok: false, reason: 'malformed key' };
  const signature = query.get('signature') ?? '';
  const shop = query.get('shop') ?? '';
  const timestamp = Number(query.get('timestamp'));
  if (!signature || !shop || !Number.isFinite(timestamp)) return { ok: false, reason: 'missing parameters' };
  const expected = toHex(await hmacSha256(secret, await appProxyMessage(query)));
  if (!safeEqual(expected, signature.toLowerCase())) return { ok: false, reason: 'bad signature' };
  if (Math.abs(now / 1000 - timestamp) > PROXY_MAX_SKEW_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const id = query.get('logged_in_customer_id');
  return { ok: true, shop, customer: id ? { id } : null };
}

/** `/shopify-proxy/session`: answers as the shop's `session` route (DESIGN §5). */
export async function handleShopifyProxy(request: Request, env: ServerEnv, newId: () => string): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname !== '/shopify-proxy/session') return fail(404, 'not_found', 'No such route.');
  const secret = chatSecret(env);
  if (!secret) return fail(500, 'misconfigured', 'The server has no CHAT_SECRET.');
  const now = Date.now();
  const query = url.searchParams;
  let shop = query.get('shop') ?? '';
  let customer: Customer | null = null;
  if (query.has('signature')) {
    const apiSecret = env.SHOPIFY_API_SECRET;
    if (!apiSecret) return fail(500, 'misconfigured', 'The server has no SHOPIFY_API_SECRET.');
    const verdict = await verifyAppProxy(query, apiSecret, now);
    if (!verdict.ok) return fail(401, 'unauthorized', `The app proxy signature is invalid (${verdict.reason}).`);
    ({ shop, customer } = verdict);
  }
  // Without a signature the visitor is anonymous, whatever the query claims.
  if (!isShopName(shop, env)) return fail(404, 'not_found', 'Unknown shop.');
  return issueSession(secret, shop, customer, { now, ttl: tokenTtl(env), newId });
}

/** Webhooks: base64 HMAC-SHA256 of the raw body, compared in constant time. */
export async function verifyWebhook(rawBody: Uint8Array, header: string | null, secret: string): Promise<boolean> {
  if (!header) return false;
  return safeEqual(toBase64(await hmacSha256(secret, rawBody)), header);
}
