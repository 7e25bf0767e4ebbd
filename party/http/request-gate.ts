/**
 * The Worker's `onBeforeRequest` gate (DESIGN §5): unknown rooms, a misconfigured
 * server and bad tokens are refused here, before any room code runs (and before any
 * room exists). The shop routes' roles come from their table.
 */
import { TICKET_KINDS, bearer, claimsFor, verifyToken, type Role } from '../core/auth.js';
import { chatSecret, isShopName, type ServerEnv } from '../core/env.js';
import { CORS, fail } from './response.js';
import { shopRouteOf, type RouteRole } from './shop-routes.js';
import type { Target } from './target.js';

const roleAllows = (have: Role, need: Role): boolean =>
  need === 'shopper' ? have === 'shopper' : need === 'agent' ? have === 'agent' || have === 'admin' : have === 'admin';

export async function gateRequest(request: Request, target: Target, env: ServerEnv, now: number): Promise<Response | null> {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  const secret = chatSecret(env);
  if (!secret) return fail(500, 'misconfigured', 'The server has no CHAT_SECRET.');
  if (target.party === 'ticket') return target.rest.join('/') === 'transcript' ? null : gateUpload(request, target, secret, now);
  if (!isShopName(target.room, env)) return fail(404, 'not_found', 'Unknown shop.');
  const need = shopRouteOf(request.method, target.rest)?.route.role ?? null;
  return need ? gateRole(request, need, secret, target.room, now) : null;
}

/** A ticket's routes besides `POST transcript` (its own checks, transcript-route.ts): `POST uploads` with a token for it, `GET uploads/{id}` for anyone with the link. */
async function gateUpload(request: Request, target: Target, secret: string, now: number): Promise<Response | null> {
  if (target.rest[0] !== 'uploads' || target.rest.length > 2) return fail(404, 'not_found', 'No such route.');
  if (request.method === 'POST' && target.rest.length === 1) {
    const token = bearer(request);
    const claims = token ? await verifyToken(secret, token, now, TICKET_KINDS) : null;
    if (!claims) return fail(401, 'unauthorized', 'A valid token is required.');
    if (claims.role === 'shopper' && claims.tid !== target.room) return fail(403, 'forbidden', 'This token is for another ticket.');
  } else if (request.method !== 'GET' || target.rest.length !== 2) {
    return fail(405, 'method_not_allowed', 'Uploads are created with POST and read with GET.');
  }
  return null;
}

async function gateRole(request: Request, need: Exclude<RouteRole, null>, secret: string, shop: string, now: number): Promise<Response | null> {
  const claims = await claimsFor(request, secret, shop, now);
  if (!claims) return fail(401, 'unauthorized', 'A valid token for this shop is required.');
  if (!roleAllows(claims.role, need === 'shopper-logged-in' ? 'shopper' : need)) return fail(403, 'forbidden', 'This token may not use this route.');
  if (need === 'shopper-logged-in' && claims.sub.startsWith('anon:')) return fail(403, 'login_required', 'Log in to your store account to start a chat.');
  return null;
}
