/**
 * `POST /shopify/webhooks`: the app's one webhook address, as `shopify.app.toml` declares
 * it (Shopify sends every shop's webhooks, the mandatory privacy ones included, to the
 * addresses in the app's config, which cannot name a shop). Verified here, then handed to
 * the shop's own route `/parties/main/{shop}/webhooks/shopify`, which verifies again and
 * checks the shop header. A privacy webhook for a shop this server never stored anything
 * for is answered 200 at once (there is nothing to hand over or remove), creating nothing.
 */
import { isShopName, type ServerEnv } from '../core/env.js';
import { isPrivacyTopic } from '../core/privacy.js';
import { verifyWebhook } from '../core/shopify.js';
import { fail, json } from './response.js';

/** The request to route on (the shop's webhook route), or the answer. */
export async function appWebhook(request: Request, env: ServerEnv, installed: (shop: string) => Promise<boolean>): Promise<Request | Response> {
  if (request.method !== 'POST') return fail(405, 'method_not_allowed', 'Webhooks are POSTed.');
  const apiSecret = env.SHOPIFY_API_SECRET;
  if (!apiSecret) return fail(500, 'misconfigured', 'The server has no SHOPIFY_API_SECRET.');
  const raw = new Uint8Array(await request.arrayBuffer());
  if (!(await verifyWebhook(raw, request.headers.get('X-Shopify-Hmac-Sha256'), apiSecret))) {
    return fail(401, 'unauthorized', 'The webhook signature is invalid.');
  }
  const shop = request.headers.get('X-Shopify-Shop-Domain')?.trim().toLowerCase() ?? '';
  if (!isShopName(shop, env)) return fail(404, 'not_found', 'Unknown shop.');
  if (!(await installed(shop))) return nothingStored(request);
  const url = new URL(request.url);
  url.pathname = `/parties/main/${shop}/webhooks/shopify`;
  return new Request(url, { method: 'POST', headers: request.headers, body: raw });
}

/** A signed webhook for a shop nobody installed (or one erased by `shop/redact`): nothing to do for a privacy topic, else 404. */
const nothingStored = (request: Request): Response =>
  isPrivacyTopic(request.headers.get('X-Shopify-Topic') ?? '') ? json(200, { ok: true, outcome: 'ignored' }) : fail(404, 'not_found', 'Unknown shop.');

/** The Worker's answer to a shop's own webhook route when the shop is not installed: verified first, then `nothingStored`. */
export async function webhookOfUnknownShop(request: Request, env: ServerEnv): Promise<Response> {
  const apiSecret = env.SHOPIFY_API_SECRET;
  if (!apiSecret) return fail(500, 'misconfigured', 'The server has no SHOPIFY_API_SECRET.');
  const raw = new Uint8Array(await request.clone().arrayBuffer());
  if (!(await verifyWebhook(raw, request.headers.get('X-Shopify-Hmac-Sha256'), apiSecret))) return fail(401, 'unauthorized', 'The webhook signature is invalid.');
  return nothingStored(request);
}
