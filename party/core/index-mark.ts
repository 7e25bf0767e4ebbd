/**
 * Whether the shop's ticket index has taken a ticket's last change (TOOLCHAIN "a derived
 * index can lag after a crash"). The room pushes each change to the shop after it was
 * stored and acknowledged; a `kill -9` in between leaves the inbox list behind the room
 * with nothing to wake it, since a Durable Object only starts when something reaches it.
 * So a change arms the room's alarm a little later (the alarm outlives the process), and a
 * room that starts or wakes sends its state once when the shop's copy is older. What the
 * shop took is kept in memory per push and stored only when that alarm fires (one write
 * per check, none per message); a room that restarts before it was stored pushes once
 * more, which the shop takes as a no-op. The seq through which the shop took the ticket's
 * message texts is kept the same way, so the catch-up re-sends the texts a lost push carried.
 */
import type { ServerEnv } from './env.js';
import { isDev } from './env.js';
import type { KVStorage } from './storage.js';

/** The revision of this ticket the shop's index last took. */
export const INDEX_MARK_KEY = 'index:pushed';
/**
 * The seq through which the shop took this ticket's message texts (the search, issue 17):
 * a push that failed took its texts with it, and the state alone, re-sent, brings none back
 * (r2 finding 3), so a catch-up re-sends the texts after it.
 */
export const TEXTS_MARK_KEY = 'index:texts';
/**
 * How long after a change the room wakes to check that the shop took it. An active room's
 * alarm fires once per this span: at 10 s, the span after which an idle room hibernates, most
 * checks found the room asleep and woke it, and at 1,000 open chats 460 to 820 checks ran in
 * each 1,000-message round of the bench (issue 19, h34 item 1). At 30 s a third as many run;
 * the inbox list lags a crashed room by at most that long.
 */
export const INDEX_CHECK_MS = 30_000;

export interface IndexMarkDeps {
  now(): number;
  /** Sets the room's alarm no later than `at` (the room keeps the earliest). */
  schedule(at: number): void;
}

export class IndexMark {
  /** An alarm is set for a check: changes until it fires need no other. */
  private armed = false;
  /** The newest revision the shop took in this process (stored when the check fires). */
  private taken = 0;
  /** The seq through which the shop took the texts in this process (stored when the check fires). */
  private textsTaken = 0;
  /** A push failed since: the texts it carried are lost until a catch-up re-sends them, so later pushes confirm none. */
  private textsLost = false;

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

  /** The room's alarm fired: what the shop took is stored (unless the room was erased), and the next change arms it again. */
  async woke(erased: boolean): Promise<void> {
    this.armed = false;
    if (!erased && this.taken > ((await this.storage.get<number>(INDEX_MARK_KEY)) ?? 0)) await this.storage.put(INDEX_MARK_KEY, this.taken);
    if (!erased && this.textsTaken > ((await this.storage.get<number>(TEXTS_MARK_KEY)) ?? 0)) await this.storage.put(TEXTS_MARK_KEY, this.textsTaken);
  }

  /**
   * Whether the shop's copy is older than `revision` (or was never marked: a ticket from
   * before the mark), or lacks texts of messages up to `lastSeq`; `textsAfter`: the seq
   * after which the texts are to be re-sent.
   */
  async behind(revision: number, lastSeq: number): Promise<{ behind: boolean; textsAfter: number }> {
    const taken = Math.max(this.taken, (await this.storage.get<number>(INDEX_MARK_KEY)) ?? 0);
    const textsAfter = Math.max(this.textsTaken, (await this.storage.get<number>(TEXTS_MARK_KEY)) ?? 0);
    return { behind: taken < revision || textsAfter < lastSeq, textsAfter };
  }

  /** The shop took `revision` and the texts through `textsThrough` (kept in memory until the check stores it). */
  landed(revision: number, textsThrough: number): void {
    this.taken = Math.max(this.taken, revision);
    if (!this.textsLost) this.textsTaken = Math.max(this.textsTaken, textsThrough);
  }

  /** A push failed: its texts are lost until a catch-up re-sends them. */
  failed(): void {
    this.textsLost = true;
  }

  /** A catch-up re-sends every text after the mark: pushes confirm texts again. */
  resending(): void {
    this.textsLost = false;
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
