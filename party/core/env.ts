/** Server configuration (vars of the Worker; the mock passes the same object). */
export interface ServerEnv {
  CHAT_SECRET?: string;
  DEV_AUTH?: string;
  /** JSON `[{key, id, name, role, shops}]`. */
  AGENT_KEYS?: string;
  /** Comma-separated main-room ids accepted besides `*.myshopify.com` names. */
  SHOPS?: string;
  SHOPIFY_API_SECRET?: string;
  /** An OpenAI-compatible endpoint for the LLM responder (R10); retrieval only without it. */
  AI_BASE_URL?: string;
  AI_API_KEY?: string;
  AI_MODEL?: string;
  /** Identity secret of the seeded dev shop (dev only). */
  DEV_IDENTITY_SECRET?: string;
  /**
   * The origin shoppers and agents reach this server at (`https://chat.example.com`):
   * upload URLs are built on it, never on the request's `Host` (issue 13 #3). Without
   * it a dev server uses a loopback request origin and any other server refuses uploads.
   */
  PUBLIC_ORIGIN?: string;
  /** How long an upload no message refers to is kept, in seconds (default a day). */
  UPLOAD_TTL_SECONDS?: string;
  /** A test knob: images one ticket may hold, only ever lower than the default 100 (uploads.ts). */
  UPLOADS_PER_TICKET?: string;
  /** Dev only: `1` seeds the demo shop with profiles and past tickets (`npm start`). */
  DEMO_DATA?: string;
  /**
   * A test and dev knob: the lifetime of issued tokens in seconds, only ever shorter
   * than the 1 h maximum (expiry tests run with a few seconds instead of an hour).
   */
  TOKEN_TTL_SECONDS?: string;
  /** The send budget per participant per ticket, `burst/perSecond` (default `40/2`; rate-limit.ts). */
  SEND_BUDGET?: string;
  /** Shop feed sockets per shop, `shoppers/team` (default `2000/200`; rate-limit.ts). */
  FEED_SOCKETS?: string;
  /** Chat starts per shopper and per shop, `burst/perSecond` (defaults `3/0.00167` and `300/1`; shopper-budgets.ts). */
  CHAT_START_BUDGET?: string;
  CHAT_START_SHOP_BUDGET?: string;
  /** A test knob: how long a closed SMS ticket takes its number's next text, in seconds (default a day, never longer). */
  SMS_REOPEN_SECONDS?: string;
  /**
   * E-mail notifications (party/core/email/): how long a ticket's events are gathered
   * into one e-mail (default 60) and how long a shopper waits before the team is
   * reminded (default 300, R19), in seconds. Tests shorten them.
   */
  EMAIL_COALESCE_SECONDS?: string;
  WAIT_REMINDER_SECONDS?: string;
  /** How long a team reply waits for a shopper with no socket before it is e-mailed to them (default 300; email/reply-notice.ts). */
  REPLY_NOTICE_SECONDS?: string;
  /** Image bytes one shopper may upload a day across their chats (default 50 MB; shopper-budgets.ts). */
  UPLOAD_DAILY_BYTES?: string;
}

export interface AgentKey {
  key: string;
  id: string;
  name: string;
  role: 'agent' | 'admin';
  shops: string[];
}

const SHOP_NAME = /^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/;

export const isDev = (env: ServerEnv): boolean => env.DEV_AUTH === '1';

/** How long issued tokens live: `TOKEN_TTL_SECONDS` when set and shorter than the hour. */
export function tokenTtl(env: ServerEnv): number {
  const ttl = Math.floor(Number(env.TOKEN_TTL_SECONDS));
  return Number.isFinite(ttl) && ttl > 0 ? Math.min(ttl, 3600) : 3600;
}

/** The token secret, or null when the server is misconfigured (every route then answers 500). */
export const chatSecret = (env: ServerEnv): string | null => env.CHAT_SECRET || null;

export function isShopName(name: string, env: ServerEnv): boolean {
  if (SHOP_NAME.test(name)) return true;
  return (env.SHOPS ?? '').split(',').map((s) => s.trim()).filter(Boolean).includes(name);
}

const agentKeyCache = new Map<string, AgentKey[]>();
export function agentKeys(env: ServerEnv): AgentKey[] {
  const raw = env.AGENT_KEYS ?? '[]';
  let keys = agentKeyCache.get(raw);
  if (!keys) {
    try {
      const parsed: unknown = JSON.parse(raw);
      keys = Array.isArray(parsed)
        ? parsed.filter(
            (k): k is AgentKey =>
              typeof k?.key === 'string' &&
              typeof k.id === 'string' &&
              typeof k.name === 'string' &&
              (k.role === 'agent' || k.role === 'admin') &&
              Array.isArray(k.shops),
          )
        : [];
    } catch {
      keys = [];
    }
    agentKeyCache.set(raw, keys);
  }
  return keys;
}

/** `localhost` origins are trusted only in dev (DEV_AUTH=1). */
export function isLocalOrigin(origin: string): boolean {
  try {
    const { hostname, protocol } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]');
  } catch {
    return false;
  }
}

/** Constant-time string comparison (for keys and signatures). */
export function safeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
