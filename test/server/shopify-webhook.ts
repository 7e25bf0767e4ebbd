/** Shopify as the test server meets it: an app-proxy signed query, and a webhook as Shopify delivers it to a shop on the test server: signed with the dev app secret, named shop, new event id. */
import { createHmac } from 'node:crypto';
import { DEV_ENV } from '../../party/core/seed.js';
import { SHOP } from './harness.js';

/** Shopify's documented app-proxy signature, written from its docs, not from party/. */
export function signProxy(params: Array<[string, string]>): string {
  const grouped: Record<string, string[]> = {};
  for (const [k, v] of params) (grouped[k] ??= []).push(v);
  const message = Object.keys(grouped)
    .sort()
    .map((k) => `${k}=${grouped[k]!.join(',')}`)
    .join('');
  return createHmac('sha256', DEV_ENV.SHOPIFY_API_SECRET!).update(message).digest('hex');
}

export async function sendShopifyWebhook(origin: string, topic: string, payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${origin}/parties/main/${SHOP}/webhooks/shopify`, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': topic,
      'X-Shopify-Event-Id': crypto.randomUUID(),
      'X-Shopify-Shop-Domain': SHOP,
      'X-Shopify-Hmac-Sha256': createHmac('sha256', DEV_ENV.SHOPIFY_API_SECRET!).update(body).digest('base64'),
    },
  });
}
