/**
 * The header's expected reply time (issue 17, R9): the median of the team's recent
 * first replies, kept as one bounded list per shop (O(1) storage), and the few team
 * members the shopper sees as faces (display names only).
 */
import type { Ticket } from '../../src/protocol/index.js';
import { agentKeys, type ServerEnv } from './env.js';
import { isOpenAt, type OfficeHours } from './office-hours.js';
import type { KVStorage } from './storage.js';

/** How many first replies the median is over, and how many it needs before it says anything. */
export const REPLY_SAMPLES = 20;
const MIN_SAMPLES = 3;
const KEY = 'reply-delays';
const MINUTE = 60_000;
/** What the widget says, rounded up to a figure people use ("within 5 minutes", "within 2 hours"). */
const STEPS = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 120, 180, 240, 360, 480, 720, 1440];

/**
 * Whether `next` is the team's first reply to a shopper who waited while the team was
 * open: an agent's message that ended a wait on a ticket nobody had taken (R18 assigns
 * it to whoever replies first). Waits that began while closed say nothing about how
 * fast the team answers; the header says when it is back instead.
 */
export function firstReplyDelay(prev: Pick<Ticket, 'waitingSince' | 'assignee'> | null, next: Ticket, hours: OfficeHours): number | null {
  const last = next.lastMessage;
  if (!prev?.waitingSince || prev.assignee || last?.author.role !== 'agent' || next.waitingSince) return null;
  const since = Date.parse(prev.waitingSince);
  const delay = Date.parse(last.createdAt) - since;
  return Number.isFinite(delay) && delay >= 0 && isOpenAt(hours, since) ? delay : null;
}

/** Keeps the latest `REPLY_SAMPLES` delays (ms), oldest first. */
export async function recordReplyDelay(storage: KVStorage, delay: number): Promise<void> {
  const kept = (await storage.get<number[]>(KEY)) ?? [];
  await storage.put(KEY, [...kept, delay].slice(-REPLY_SAMPLES));
}

/** The median first reply in minutes, rounded up to a step, or null below `MIN_SAMPLES` replies. */
export async function typicalReplyMinutes(storage: KVStorage): Promise<number | null> {
  const kept = (await storage.get<number[]>(KEY)) ?? [];
  if (kept.length < MIN_SAMPLES) return null;
  const sorted = [...kept].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const minutes = median / MINUTE;
  return STEPS.find((s) => s >= minutes) ?? STEPS.at(-1)!;
}

/** The team the shopper sees: the display names of a few agents of this shop, nothing else of their keys. */
export function teamFaces(env: ServerEnv, shop: string, max = 3): Array<{ name: string }> {
  return agentKeys(env)
    .filter((k) => k.shops.includes(shop) && k.name.trim())
    .slice(0, max)
    .map((k) => ({ name: k.name.trim().slice(0, 200) }));
}
