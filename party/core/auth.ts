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

/** The longest a token of ours may live: enforced when signing and again when verifying. */
export const TOKEN_TTL_SECONDS = 60 * 60;
/** The longest ahead a merchant's identity JWT may set its `exp` (README, headless storefronts). */
export const IDENTITY_MAX_TTL_SECONDS = 24 * 60 * 60;
/** Clock skew allowed between the signer and us. */
const SKEW_SECONDS = 60;

/** Every token of ours names this audience, so no other JWT signed with the secret passes. */
export const TOKEN_AUDIENCE = 'customer-hub-chat';

/**
 * What a token is for. A shopper's session token opens the shopper routes and the shop
 * feed; a ticket token (with `tid`) opens one ticket's socket and uploads; an agent token
 * (role `agent` or `admin`) the agent routes, any ticket of the shop and the feed.
 * The kind is the JWT header's `typ`, and must agree with the claims.
 */
export type TokenKind = 'session' | 'ticket' | 'agent';
const TYP: Record<TokenKind, string> = { session: 'chc-session+jwt', ticket: 'chc-ticket+jwt', agent: 'chc-agent+jwt' };

const kindOf = (claims: Pick<Claims, 'role' | 'tid'>): TokenKind => (claims.role !== 'shopper' ? 'agent' : claims.tid ? 'ticket' : 'session');

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
    .setProtectedHeader({ alg: 'HS256', typ: TYP[kindOf(claims)] })
    .setSubject(sub)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { token, exp };
}

/**
 * Verifies signature, algorithm, audience, expiry, the maximum lifetime (a token signed
 * with a far `exp` is refused, whoever signed it) and that the token is of one of
 * `kinds`. Returns the claims, or null for any bad token.
 */
export async function verifyToken(secret: string, token: string, now: number, kinds: readonly TokenKind[]): Promise<Claims | null> {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      audience: TOKEN_AUDIENCE,
      currentDate: new Date(now),
      requiredClaims: ['exp', 'iat'],
    });
    const { shop, role, sub, exp, iat } = payload;
    if (typeof shop !== 'string' || typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return null;
    if (exp - iat > TOKEN_TTL_SECONDS || iat > now / 1000 + SKEW_SECONDS) return null;
    if (role !== 'shopper' && role !== 'agent' && role !== 'admin') return null;
    const claims: Claims = { shop, role, sub, exp };
    for (const k of ['name', 'email', 'tid', 'origin'] as const) {
      if (typeof payload[k] === 'string') claims[k] = payload[k] as string;
    }
    const kind = kindOf(claims);
    return protectedHeader.typ === TYP[kind] && kinds.includes(kind) ? claims : null;
  } catch {
    return null;
  }
}

/**
 * A merchant-signed identity JWT (headless storefronts): `sub` = customer id,
 * `name`, `email`, `exp` required, and `exp` at most 24 h ahead: a leaked token
 * must not log someone in for years.
 */
export async function verifyIdentity(secret: string, token: string, now: number): Promise<Customer | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp'],
    });
    if (payload.exp! > now / 1000 + IDENTITY_MAX_TTL_SECONDS + SKEW_SECONDS) return null;
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

/** What opens a ticket (its socket, its uploads): its own ticket token, or an agent's. */
export const TICKET_KINDS: readonly TokenKind[] = ['ticket', 'agent'];
/**
 * What opens the shop's routes and feed: a shopper's session token or an agent's; a
 * ticket token is for its ticket only (the role check then tells shoppers from agents).
 */
export const SHOP_KINDS: readonly TokenKind[] = ['session', 'agent'];

/** Verifies the bearer token (a session or agent token) and that it belongs to `shop`. */
export async function claimsFor(request: Request, secret: string, shop: string, now: number): Promise<Claims | null> {
  const token = bearer(request);
  const claims = token ? await verifyToken(secret, token, now, SHOP_KINDS) : null;
  return claims && claims.shop === shop ? claims : null;
}
