/**
 * Throttles agent sign-ins (`POST agents/session`, issues 12 and 13). The key is checked
 * first (in the Worker, in constant time); then a client address whose bucket is empty
 * waits whatever the key (else the address limit would tell right keys from wrong), the
 * right key goes through spending nothing, and a wrong one spends a token from its
 * address's bucket and from its shop's. An empty shop bucket refuses wrong keys only: a
 * guesser rotating addresses can slow a shop's failures, never lock its agents out
 * (issue 13 #1). With a bucket empty the route answers 429 with `Retry-After`: a guesser
 * gets 5 tries, then one every 5 s per address.
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

  /**
   * Decides one sign-in whose key was checked (`keyOpens`): ok, or how long to wait. A
   * refusal for the address spends nothing; a wrong key refused by its shop spends its address's token.
   */
  begin(address: string, shop: string, keyOpens: boolean): Promise<SignInTicket> {
    return this.run(async () => {
      const now = this.now();
      const budgets = SIGN_IN_BUDGETS;
      const a = await this.bucket(addressKey(address), budgets.address, now);
      if (a.tokens < 1) return { ok: false, retryAfterSeconds: waitFor(a, budgets.address) };
      if (keyOpens) return { ok: true };
      const s = await this.bucket(shopKey(shop), budgets.shop, now);
      a.tokens -= 1;
      const shopOk = s.tokens >= 1;
      if (shopOk) s.tokens -= 1;
      await this.storage.put({ [addressKey(address)]: a, [shopKey(shop)]: s });
      if (++this.attempts % SWEEP_EVERY === 0) await this.sweep(now);
      return shopOk ? { ok: true } : { ok: false, retryAfterSeconds: waitFor(s, budgets.shop) };
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

/** Whole seconds until an empty bucket holds a token again. */
const waitFor = (b: Bucket, budget: Budget): number => Math.ceil((1 - b.tokens) / budget.perSecond);

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
