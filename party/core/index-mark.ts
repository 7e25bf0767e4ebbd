/**
 * Whether the shop's ticket index has taken a ticket's last change (TOOLCHAIN "a derived
 * index can lag after a crash"). The room pushes each change to the shop after it was
 * stored and acknowledged; a `kill -9` in between leaves the inbox list behind the room
 * with nothing to wake it, since a Durable Object only starts when something reaches it.
 * So a change arms the room's alarm a little later (the alarm outlives the process), the
 * room stores the revision the shop last took, and a room that starts or wakes sends
 * its state once when the shop's copy is older: one stored key read when it is not.
 */
import type { ServerEnv } from './env.js';
import { isDev } from './env.js';
import type { KVStorage } from './storage.js';

/** The revision of this ticket the shop's index last took. */
export const INDEX_MARK_KEY = 'index:pushed';
/** How long after a change the room wakes to check that the shop took it. */
export const INDEX_CHECK_MS = 10_000;

export interface IndexMarkDeps {
  now(): number;
  /** Sets the room's alarm no later than `at` (the room keeps the earliest). */
  schedule(at: number): void;
}

export class IndexMark {
  /** An alarm is set for a check: changes until it fires need no other. */
  private armed = false;

  constructor(
    private readonly storage: KVStorage,
    private readonly deps: IndexMarkDeps,
  ) {}

  /** A change the shop has not taken yet: the room wakes to check it, after a crash too. */
  changed(): void {
    if (this.armed) return;
    this.armed = true;
    this.deps.schedule(this.deps.now() + INDEX_CHECK_MS);
  }

  /** The room's alarm fired: the next change arms it again. */
  woke(): void {
    this.armed = false;
  }

  /** Whether the shop's copy is older than `revision` (or was never marked: a ticket from before the mark). */
  async behind(revision: number): Promise<boolean> {
    const taken = await this.storage.get<number>(INDEX_MARK_KEY);
    return taken === undefined || taken < revision;
  }

  /** The shop took `revision`. */
  async landed(revision: number): Promise<void> {
    const taken = await this.storage.get<number>(INDEX_MARK_KEY);
    if (taken === undefined || taken < revision) await this.storage.put(INDEX_MARK_KEY, revision);
  }
}

/**
 * Dev and test only (`INDEX_PUSH_DELAY_MS`, never on a server without `DEV_AUTH`): how
 * long each push to the shop waits first, so a test can kill the server before one lands.
 */
export function indexPushDelayMs(env: ServerEnv & { INDEX_PUSH_DELAY_MS?: string }): number {
  const ms = Number(env.INDEX_PUSH_DELAY_MS ?? 0);
  return isDev(env) && Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}
