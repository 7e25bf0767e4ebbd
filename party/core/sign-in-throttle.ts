/**
 * Throttles agent sign-ins (`POST agents/session`, issue 12): every attempt spends a
 * token from its client address's bucket and from its shop's, and a sign-in that works
 * gives them back, so only failures count. With a bucket empty the route answers 429
 * with `Retry-After`: a guesser gets 5 tries, then one every 5 s per address, and the
 * right key works again as soon as the wait is over (never locked out for good).
 *
 * One instance serves every shop (the address limit must hold across shops), over the
 * storage of one Durable Object; its state is a bucket per recent address and shop.
 */
import { isShopName, type ServerEnv } from './env.js';
import { json } from '../http/response.js';
import { parseTarget } from '../http/target.js';
import { type Bucket, type Budget } from './rate-limit.js';
import type { KVStorage } from './storage.js';

export const SIGN_IN_BUDGETS: { address: Budget; shop: Budget } = {
  address: { burst: 5, perSecond: 1 / 5 },
  shop: { burst: 20, perSecond: 1 / 2 },
};

/** The Durable Object name the Worker keeps this throttle in (not a shop name, so not routable). */
export const SIGN_IN_ROOM = '~sign-in';

export type SignInTicket = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Every this many attempts, one page of refilled buckets is forgotten (storage stays bounded). */
const SWEEP_EVERY = 32;
const SWEEP_PAGE = 64;

export class SignInThrottle {
  private queue: Promise<unknown> = Promise.resolve();
  private attempts = 0;
  private sweptTo: string | undefined;

  constructor(
    private readonly storage: KVStorage,
    private readonly now: () => number,
  ) {}

  /** Spends one attempt from both buckets, or says how long to wait; nothing is spent then. */
  begin(address: string, shop: string): Promise<SignInTicket> {
    return this.run(async () => {
      const now = this.now();
      const keys = [addressKey(address), shopKey(shop)] as const;
      const budgets = [SIGN_IN_BUDGETS.address, SIGN_IN_BUDGETS.shop] as const;
      const buckets = await Promise.all(keys.map((k, i) => this.bucket(k, budgets[i]!, now)));
      const wait = Math.max(...buckets.map((b, i) => (b.tokens >= 1 ? 0 : (1 - b.tokens) / budgets[i]!.perSecond)));
      if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait) };
      for (const b of buckets) b.tokens -= 1;
      await this.storage.put({ [keys[0]]: buckets[0], [keys[1]]: buckets[1] });
      if (++this.attempts % SWEEP_EVERY === 0) await this.sweep(now);
      return { ok: true };
    });
  }

  /** A sign-in that worked: its attempt is given back. */
  succeeded(address: string, shop: string): Promise<void> {
    return this.run(async () => {
      const now = this.now();
      const a = await this.bucket(addressKey(address), SIGN_IN_BUDGETS.address, now);
      const s = await this.bucket(shopKey(shop), SIGN_IN_BUDGETS.shop, now);
      a.tokens = Math.min(SIGN_IN_BUDGETS.address.burst, a.tokens + 1);
      s.tokens = Math.min(SIGN_IN_BUDGETS.shop.burst, s.tokens + 1);
      // A full bucket is the default: forget it rather than keep it.
      const full = (b: Bucket, budget: Budget) => b.tokens >= budget.burst;
      if (full(a, SIGN_IN_BUDGETS.address)) await this.storage.delete(addressKey(address));
      else await this.storage.put(addressKey(address), a);
      if (full(s, SIGN_IN_BUDGETS.shop)) await this.storage.delete(shopKey(shop));
      else await this.storage.put(shopKey(shop), s);
    });
  }

  /** Forgets one page of buckets that have refilled (a full bucket is the default), round the key space. */
  private async sweep(now: number): Promise<void> {
    const page = await this.storage.list<Bucket>({ ...(this.sweptTo ? { startAfter: this.sweptTo } : {}), limit: SWEEP_PAGE });
    this.sweptTo = page.size === SWEEP_PAGE ? [...page.keys()].at(-1) : undefined;
    for (const [key, b] of page) {
      const budget = key.startsWith('a:') ? SIGN_IN_BUDGETS.address : SIGN_IN_BUDGETS.shop;
      if (b.tokens + ((now - b.at) / 1000) * budget.perSecond >= budget.burst) await this.storage.delete(key);
    }
  }

  private async bucket(key: string, budget: Budget, now: number): Promise<Bucket> {
    const stored = await this.storage.get<Bucket>(key);
    if (!stored) return { tokens: budget.burst, at: now };
    const tokens = Math.min(budget.burst, stored.tokens + (Math.max(0, now - stored.at) / 1000) * budget.perSecond);
    return { tokens, at: now };
  }

  /** One decision at a time: parallel guesses must each see the others' spending. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

const addressKey = (address: string): string => `a:${addressBucketOf(address).slice(0, 64)}`;

/**
 * What an address is counted as: an IPv4 address as itself (also when IPv4-mapped), an
 * IPv6 one by its /64, what one subscriber holds, so rotating within it gains nothing.
 */
export function addressBucketOf(address: string): string {
  const a = address.trim().toLowerCase();
  if (!a.includes(':')) return a;
  if (a.includes('.')) return a.slice(a.lastIndexOf(':') + 1);
  const [head = '', tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const shopKey = (shop: string): string => `s:${shop}`;

/**
 * The client's address: Cloudflare's `CF-Connecting-IP` (set by the edge, never by the
 * client), else the first `X-Forwarded-For` hop (local proxies), else `local` (dev).
 */
export function clientAddress(request: Request): string {
  const cf = request.headers.get('CF-Connecting-IP')?.trim();
  if (cf) return cf;
  const forwarded = request.headers.get('X-Forwarded-For')?.split(',')[0]?.trim();
  return forwarded || 'local';
}

/** The shop of an agent sign-in (`POST /parties/main/{shop}/agents/session`), to throttle; null for anything else. */
export function signInShopOf(request: Request, env: ServerEnv): string | null {
  if (request.method !== 'POST') return null;
  const target = parseTarget(new URL(request.url));
  if (target?.party !== 'main' || target.rest.join('/') !== 'agents/session' || !isShopName(target.room, env)) return null;
  return target.room;
}

export function tooManySignIns(retryAfterSeconds: number): Response {
  return json(
    429,
    { error: { code: 'rate_limited', message: `Too many failed sign-ins: try again in ${retryAfterSeconds} s.` } },
    { 'Retry-After': String(retryAfterSeconds), 'Access-Control-Expose-Headers': 'Retry-After' },
  );
}
