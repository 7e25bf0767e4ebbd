/**
 * The limits of a ticket room (DESIGN §7, issue 12 "Server hardening"):
 * - `send`, `read`, `history`, `end` and `status` spend a budget per participant (a
 *   shopper or an agent) per ticket, shared by all their sockets: burst 40, then 2 per
 *   second. Repeated clientIds are free.
 * - `hello` is paced per connection by its own budget (burst 10, then 2 per second),
 *   generous for a client paging through a long backlog: a hello beyond it is held and
 *   answered when the budget allows, merged with any later one, never refused.
 * - `typing` fans out at most once a second per connection; a change within that second
 *   is sent at its end, repeats are dropped.
 * - Sockets: at most 4 per token, 10 on the shopper's side and 20 on the team's per ticket.
 * - Shop feed sockets (issue 13 #4): at most 4 per token, 2,000 of shoppers (live config,
 *   one per open widget) and 200 of the team (inboxes) per shop; session tokens are free
 *   to get, so the shoppers' side can fill up, never the team's.
 */
export interface Budget {
  burst: number;
  perSecond: number;
}

export const SEND_BUDGET: Budget = { burst: 40, perSecond: 2 };
export const HELLO_BUDGET: Budget = { burst: 10, perSecond: 2 };
export const TYPING_INTERVAL_MS = 1000;
export const SOCKET_CAPS = { perToken: 4, shopper: 10, agent: 20 } as const;

export const FEED_SOCKET_CAPS = { perToken: 4, shopper: 2000, agent: 200 } as const;

/** The close code of a socket refused for one of the caps above: try again later. */
export const TOO_MANY_SOCKETS_CLOSE = 4029;

/** Plain data, so it can be copied and kept anywhere. */
export interface Bucket {
  tokens: number;
  at: number;
}

export const fullBucket = (now: number, budget: Budget = SEND_BUDGET): Bucket => ({ tokens: budget.burst, at: now });

function refill(bucket: Bucket, now: number, budget: Budget): void {
  const elapsed = Math.max(0, now - bucket.at) / 1000;
  bucket.tokens = Math.min(budget.burst, bucket.tokens + elapsed * budget.perSecond);
  bucket.at = now;
}

/** Takes one token if there is one; mutates and returns whether it was allowed. */
export function take(bucket: Bucket, now: number, budget: Budget = SEND_BUDGET): boolean {
  refill(bucket, now, budget);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

/**
 * Takes one token now, into debt if need be, and returns in how many ms it is paid for
 * (0: at once). Callers hold at most one debt at a time, so a flood cannot dig deeper.
 */
export function reserve(bucket: Bucket, now: number, budget: Budget): number {
  refill(bucket, now, budget);
  bucket.tokens -= 1;
  return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / budget.perSecond) * 1000);
}

/**
 * A budget from a server var such as `SEND_BUDGET=40/2` (burst / per second), the
 * default otherwise. Benchmarks raise it so that the limit never skews their figures.
 */
export function budgetFrom(value: string | undefined, fallback: Budget): Budget {
  const m = value ? /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(value) : null;
  if (!m) return fallback;
  const burst = Number(m[1]);
  const perSecond = Number(m[2]);
  return burst >= 1 && perSecond > 0 ? { burst, perSecond } : fallback;
}

/** Whether one more socket of this side and token fits, given the ones already there. */
export function socketFits(role: 'shopper' | 'agent', sameSide: number, sameToken: number): boolean {
  return sameSide < SOCKET_CAPS[role] && sameToken < SOCKET_CAPS.perToken;
}

export type FeedSocketCaps = { shopper: number; agent: number };

/**
 * The per-shop feed caps from a server var such as `FEED_SOCKETS=2000/200` (shoppers /
 * team), the defaults otherwise. Tests lower them to reach them with a few sockets.
 */
export function feedCapsFrom(value: string | undefined): FeedSocketCaps {
  const m = value ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value) : null;
  const caps = { shopper: Number(m?.[1]), agent: Number(m?.[2]) };
  return m && caps.shopper >= 1 && caps.agent >= 1 ? caps : { shopper: FEED_SOCKET_CAPS.shopper, agent: FEED_SOCKET_CAPS.agent };
}

/** Whether one more shop feed socket of this side and token fits, given the ones already there. */
export function feedSocketFits(caps: FeedSocketCaps, role: 'shopper' | 'agent', sameSide: number, sameToken: number): boolean {
  return sameSide < caps[role] && sameToken < FEED_SOCKET_CAPS.perToken;
}
