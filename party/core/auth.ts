/**
 * Tokens (DESIGN §5): HS256 JWTs signed with CHAT_SECRET, and the merchant-signed
 * identity JWTs of headless storefronts. WebCrypto only, so this runs in workerd,
 * Node and the browser (the mock) alike.
 */
import { SignJWT, jwtVerify } from 'jose';
import type { Customer } from '../../src/protocol/index.js';

export type Role = 'shopper' | 'agent' | 'admin';

export interface Claims {
  shop: string;
  role: Role;
  /** Customer id, agent id, or `anon:<uuid>` for an anonymous visitor. */
  sub: string;
  name?: string;
  email?: string;
  /** Ticket tokens only: the ticket id and the page origin that obtained it. */
  tid?: string;
  origin?: string;
  exp: number;
}

export const TOKEN_TTL_SECONDS = 60 * 60;

const keys = new Map<string, Uint8Array>();
const keyOf = (secret: string): Uint8Array => {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = new TextEncoder().encode(secret)));
  return key;
};

export async function signToken(secret: string, claims: Omit<Claims, 'exp'>, now: number, ttl = TOKEN_TTL_SECONDS): Promise<{ token: string; exp: number }> {
  const exp = Math.floor(now / 1000) + Math.min(ttl, TOKEN_TTL_SECONDS);
  const { sub, ...rest } = claims;
  const token = await new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { token, exp };
}

/** Verifies signature, algorithm and expiry; returns the claims, or null for any bad token. */
export async function verifyToken(secret: string, token: string, now: number): Promise<Claims | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(now),
    });
    const { shop, role, sub, exp } = payload;
    if (typeof shop !== 'string' || typeof sub !== 'string' || typeof exp !== 'number') return null;
    if (role !== 'shopper' && role !== 'agent' && role !== 'admin') return null;
    const claims: Claims = { shop, role, sub, exp };
    for (const k of ['name', 'email', 'tid', 'origin'] as const) {
      if (typeof payload[k] === 'string') claims[k] = payload[k] as string;
    }
    return claims;
  } catch {
    return null;
  }
}

/**
 * A merchant-signed identity JWT (headless storefronts): `sub` = customer id,
 * `name`, `email`, `exp` required.
 */
export async function verifyIdentity(secret: string, token: string, now: number): Promise<Customer | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.sub !== 'string' || !payload.sub || payload.sub.length > 128) return null;
    const customer: Customer = { id: payload.sub };
    if (typeof payload.name === 'string') customer.name = payload.name.slice(0, 200);
    if (typeof payload.email === 'string') customer.email = payload.email.slice(0, 320);
    return customer;
  } catch {
    return null;
  }
}

export function bearer(request: Request): string | null {
  const h = request.headers.get('Authorization');
  const m = h && /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1]! : null;
}
