/**
 * How fast each participant of a ticket room may go (rate-limit.ts has the figures):
 * the send budget per participant, shared by all their sockets, and the pacing of
 * `hello` and `typing` per connection. Kept in the room's memory: a room hibernates
 * only after seconds of quiet, by which time any budget is spent.
 */
import { HELLO_BUDGET, SEND_BUDGET, TYPING_INTERVAL_MS, fullBucket, reserve, take, type Budget, type Bucket } from './rate-limit.js';
import type { Participant } from './participant.js';

/** A connection's pacing of `hello` and `typing`. */
interface Pace {
  hello: Bucket;
  /** A hello waiting for the budget: the latest one asked for wins. */
  heldHello?: { p: Participant; lastSeq: number; timer: ReturnType<typeof setTimeout> };
  typingAt: number;
  typingActive: boolean;
  heldTyping?: { p: Participant; active: boolean; timer: ReturnType<typeof setTimeout> };
  usedAt: number;
}

/** Paces of connections idle this long may be forgotten when the map grows. */
const PACE_IDLE_MS = 60_000;
const PACE_SWEEP_SIZE = 256;

export interface PacingHooks {
  now(): number;
  /** Answers a hello now; called when the budget allows. */
  hello(p: Participant, lastSeq: number): Promise<void>;
  /** Fans a typing state out to the other participants. */
  typing(p: Participant, active: boolean): void;
  /** The send budget; benchmarks raise it. */
  sendBudget?: Budget;
}

export class Pacing {
  /** Send budgets per participant (role and user), shared by all their sockets (issue 12). */
  private budgets = new Map<string, Bucket>();
  private paces = new Map<string, Pace>();

  constructor(private readonly hooks: PacingHooks) {}

  /** Spends one unit of the participant's send budget; false when it is spent. */
  take(p: Participant): boolean {
    const budget = this.hooks.sendBudget ?? SEND_BUDGET;
    const now = this.hooks.now();
    const key = `${p.role}:${p.userId}`;
    let bucket = this.budgets.get(key);
    if (!bucket) this.budgets.set(key, (bucket = fullBucket(now, budget)));
    return take(bucket, now, budget);
  }

  /**
   * A sync costs a storage read and up to 100 messages out: a hello beyond the
   * connection's budget waits for it, merged with any later one (issue 12). Clients
   * say hello after each connect and while paging (`hasMore`), never faster than
   * their syncs come, so a legit one is rarely held and never refused.
   */
  hello(p: Participant, lastSeq: number): Promise<void> {
    const pace = this.paceOf(p);
    if (pace.heldHello) {
      pace.heldHello.p = p;
      pace.heldHello.lastSeq = lastSeq;
      return Promise.resolve();
    }
    const wait = reserve(pace.hello, this.hooks.now(), HELLO_BUDGET);
    if (wait === 0) return this.hooks.hello(p, lastSeq);
    const timer = setTimeout(() => {
      const held = pace.heldHello;
      pace.heldHello = undefined;
      if (held) void this.hooks.hello(held.p, held.lastSeq);
    }, wait);
    pace.heldHello = { p, lastSeq, timer };
    return Promise.resolve();
  }

  /**
   * Fans typing out at most once per interval per connection: a change within it goes
   * at its end (the last state wins), a repeat of the state last sent is dropped.
   */
  typing(p: Participant, active: boolean): void {
    const pace = this.paceOf(p);
    const now = this.hooks.now();
    if (pace.heldTyping) {
      pace.heldTyping.p = p;
      pace.heldTyping.active = active;
      return;
    }
    if (now - pace.typingAt >= TYPING_INTERVAL_MS) return this.fanTyping(pace, p, active);
    if (active === pace.typingActive) return;
    const timer = setTimeout(() => {
      const held = pace.heldTyping;
      pace.heldTyping = undefined;
      if (held && held.active !== pace.typingActive) this.fanTyping(pace, held.p, held.active);
    }, pace.typingAt + TYPING_INTERVAL_MS - now);
    pace.heldTyping = { p, active, timer };
  }

  /** Forgets a closed connection's pacing (and what it held back). */
  leave(connectionId: string): void {
    const pace = this.paces.get(connectionId);
    if (!pace) return;
    if (pace.heldHello) clearTimeout(pace.heldHello.timer);
    if (pace.heldTyping) clearTimeout(pace.heldTyping.timer);
    this.paces.delete(connectionId);
  }

  private fanTyping(pace: Pace, p: Participant, active: boolean): void {
    pace.typingAt = this.hooks.now();
    pace.typingActive = active;
    this.hooks.typing(p, active);
  }

  private paceOf(p: Participant): Pace {
    const now = this.hooks.now();
    let pace = this.paces.get(p.id);
    if (!pace) {
      // Adapters tell leave(); this sweep only bounds the map should one not.
      if (this.paces.size >= PACE_SWEEP_SIZE) {
        for (const [id, old] of this.paces) if (now - old.usedAt > PACE_IDLE_MS && !old.heldHello && !old.heldTyping) this.paces.delete(id);
      }
      pace = { hello: fullBucket(now, HELLO_BUDGET), typingAt: -Infinity, typingActive: false, usedAt: now };
      this.paces.set(p.id, pace);
    }
    pace.usedAt = now;
    return pace;
  }
}
