/**
 * Who may open a socket (DESIGN §5 "Refusals"), checked before any room code runs: the
 * ticket sockets and the shop feed, and how a refused socket is told why.
 */
import type { FrameErrorCode, ServerFrame } from '../../src/protocol/index.js';
import { SHOP_KINDS, TICKET_KINDS, verifyToken, type Claims } from '../core/auth.js';
import { chatSecret, isShopName, type ServerEnv } from '../core/env.js';

export type SocketVerdict =
  | { ok: true; claims: Claims }
  | { ok: false; close: 4000 | 4001 | 4003; code: 'unsupported_version' | 'forbidden' | 'not_found'; message: string };

export type SocketRefusal = Extract<SocketVerdict, { ok: false }>;

/** What a refused or expired socket is told: one `error` frame, then its close code. */
export interface Refusal {
  close: number;
  code: FrameErrorCode;
  message: string;
  /** The close reason; the error code by default. */
  reason?: string;
}

/** The server's end of a socket, whichever runtime holds it. */
export interface RefusedPeer {
  send(text: string): void;
  close(code: number, reason: string): void;
}

/**
 * Refuses a socket so the page sees why: an `error` frame, then 4000/4001/4003 (or 4029,
 * which clients retry later). A bare HTTP status would reach the page as 1006 and
 * partysocket would retry forever.
 */
export function refuse(peer: RefusedPeer, refusal: Refusal): void {
  peer.send(JSON.stringify({ type: 'error', code: refusal.code, message: refusal.message } satisfies ServerFrame));
  peer.close(refusal.close, refusal.reason ?? refusal.code);
}

const unsupportedVersion: SocketRefusal = { ok: false, close: 4000, code: 'unsupported_version', message: 'This server speaks protocol version 1.' };

/**
 * The Worker's `onBeforeConnect` for ticket sockets: version, token, ticket id and
 * page origin. Checks that need the ticket's own state (its shop) run in the room.
 */
export async function gateSocket(url: URL, origin: string | null, ticketId: string, env: ServerEnv, now: number): Promise<SocketVerdict> {
  if (url.searchParams.get('v') !== '1') return unsupportedVersion;
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
  if (url.searchParams.get('v') !== '1') return unsupportedVersion;
  const secret = chatSecret(env);
  const token = url.searchParams.get('token');
  const claims = secret && token ? await verifyToken(secret, token, now, SHOP_KINDS) : null;
  if (!claims || claims.shop !== shop) return { ok: false, close: 4001, code: 'forbidden', message: 'A valid token for this shop is required.' };
  return { ok: true, claims };
}
