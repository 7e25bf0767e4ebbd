/**
 * What one shopper (and one shop) may make the server store (issue 13 #2): chat starts,
 * and image bytes across chats.
 *
 * Chat starts (R8): each new chat is a ticket room, an
 * inbox row and up to 20 MB of images, and ending a chat frees the shopper to start the
 * next one, so "one open chat" alone bounds nothing. The shop room keeps two durable
 * buckets: one per shopper (burst 3, then one per 10 minutes) and one for the whole
 * shop (burst 300, then one a second: 86,400 a day, far above real traffic). A start
 * beyond either is answered `429 rate_limited` with `Retry-After`; a retried clientId
 * and an open chat found again spend nothing.
 */
import type { ServerEnv } from './env.js';
import { budgetFrom, type Bucket, type Budget } from './rate-limit.js';
import type { KVStorage } from './storage.js';

export const CHAT_START_BUDGETS: { shopper: Budget; shop: Budget } = {
  shopper: { burst: 3, perSecond: 1 / 600 },
  shop: { burst: 300, perSecond: 1 },
};

/** The budgets, from `CHAT_START_BUDGET` / `CHAT_START_SHOP_BUDGET` (`burst/perSecond`) when set (benchmarks, tests). */
export function chatStartBudgets(env: ServerEnv): { shopper: Budget; shop: Budget } {
  return {
    shopper: budgetFrom(env.CHAT_START_BUDGET, CHAT_START_BUDGETS.shopper),
    shop: budgetFrom(env.CHAT_START_SHOP_BUDGET, CHAT_START_BUDGETS.shop),
  };
}

export type ChatStartTicket = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Spends one start from the shopper's bucket and the shop's, or says how long to wait
 * (nothing is spent then). Callers run it one at a time per shop: the shop's bucket is shared.
 */
export async function spendChatStart(storage: KVStorage, customerId: string, now: number, budgets: { shopper: Budget; shop: Budget }): Promise<ChatStartTicket> {
  const keys = [`cs:c:${customerId}`, 'cs:shop'] as const;
  const limits = [budgets.shopper, budgets.shop] as const;
  const buckets: Bucket[] = [];
  for (let i = 0; i < keys.length; i++) buckets.push(refilled(await storage.get<Bucket>(keys[i]!), limits[i]!, now));
  const wait = Math.max(...buckets.map((b, i) => (b.tokens >= 1 ? 0 : (1 - b.tokens) / limits[i]!.perSecond)));
  if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait) };
  for (const b of buckets) b.tokens -= 1;
  await storage.put({ [keys[0]]: buckets[0], [keys[1]]: buckets[1] });
  return { ok: true };
}

/** Image bytes one shopper may upload a day, across all their chats (`UPLOAD_DAILY_BYTES` overrides it). */
export const UPLOAD_DAILY_BYTES = 50 * 1024 * 1024;
const DAY = 86_400_000;

export type UploadBytesTicket = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Spends `bytes` of the shopper's daily upload budget (issue 13 #2): the per-ticket 20 MB
 * is per chat, so without it each new chat bought 20 MB more. A fixed day from the first
 * upload; a refusal spends nothing. Callers run it one at a time per shop.
 */
export async function spendUploadBytes(storage: KVStorage, customerId: string, bytes: number, now: number, env: ServerEnv): Promise<UploadBytesTicket> {
  const limit = Number(env.UPLOAD_DAILY_BYTES) > 0 ? Number(env.UPLOAD_DAILY_BYTES) : UPLOAD_DAILY_BYTES;
  const key = `ub:${customerId}`;
  const stored = await storage.get<{ since: number; bytes: number }>(key);
  const day = stored && now - stored.since < DAY ? stored : { since: now, bytes: 0 };
  if (day.bytes + bytes > limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((day.since + DAY - now) / 1000)) };
  await storage.put(key, { since: day.since, bytes: day.bytes + bytes });
  return { ok: true };
}

function refilled(stored: Bucket | undefined, budget: Budget, now: number): Bucket {
  if (!stored) return { tokens: budget.burst, at: now };
  return { tokens: Math.min(budget.burst, stored.tokens + (Math.max(0, now - stored.at) / 1000) * budget.perSecond), at: now };
}
