/** A Shopify webhook as Shopify delivers it to a shop on the test server: signed with the dev app secret, named shop, new event id. */
import { createHmac } from 'node:crypto';
import { DEV_ENV } from '../../party/core/seed.js';
import { SHOP } from './harness.js';

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
