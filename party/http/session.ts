/** Shopper sessions: the token a shop's `session` route and the Shopify app proxy hand out. */
import type { Customer } from '../../src/protocol/index.js';
import { signToken, type Claims } from '../core/auth.js';
import { json } from './response.js';

export interface SessionOptions {
  now: number;
  ttl?: number | undefined;
  /** Names an anonymous visitor. */
  newId(): string;
}

/** A shopper session token: for the customer, or an anonymous visitor (`anon:<id>`). */
export async function issueSession(secret: string, shop: string, customer: Customer | null, options: SessionOptions): Promise<Response> {
  const claims: Omit<Claims, 'exp'> = { shop, role: 'shopper', sub: customer ? customer.id : `anon:${options.newId()}` };
  if (customer?.name) claims.name = customer.name;
  if (customer?.email) claims.email = customer.email;
  const { token, exp } = await signToken(secret, claims, options.now, options.ttl);
  return json(200, { token, expiresAt: new Date(exp * 1000).toISOString(), customer });
}
