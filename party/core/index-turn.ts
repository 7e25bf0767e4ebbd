/**
 * The shop's index updates, taken together per turn of the event loop (issue 19): every
 * ticket room pushes each change to the one shop room, so at a thousand messages a second
 * the shop's cost per update is what limits it. The updates that arrived while the shop
 * was busy are applied in one pass (one SQL transaction: one commit and one FTS segment
 * instead of one each), and each caller hears how its own update went. Order is kept: the
 * updates are applied in the order they arrived, and the revision check still drops a
 * stale one (DESIGN §7).
 */
import type { IndexChange, Upserted } from './ticket-index.js';

interface Waiting {
  change: IndexChange;
  resolve(stored: Upserted): void;
  reject(err: unknown): void;
}

/**
 * Waits for the next turn: the pushes already queued behind this one are delivered first.
 * A microtask would run before any of them (one push a batch: 0.84 ms of workerd CPU a push
 * in the bench, against 0.47 ms with the timer).
 */
const nextTurn = (run: () => void): void => void setTimeout(run, 0);
/** A turn takes at most this many pushes: past it they are applied at once, so a timer held back by a stream of pushes never holds the index back. */
export const MAX_TURN = 200;

export class IndexTurn {
  private queue: Waiting[] = [];

  constructor(
    /** Applies the updates in order, answering each one's outcome (the same length). */
    private readonly apply: (changes: readonly IndexChange[]) => Promise<Upserted[]>,
    private readonly schedule: (run: () => void) => void = nextTurn,
  ) {}

  /** Queues an update; resolves once it was applied with the others of its turn. */
  add(change: IndexChange): Promise<Upserted> {
    return new Promise<Upserted>((resolve, reject) => {
      this.queue.push({ change, resolve, reject });
      if (this.queue.length === 1) this.schedule(() => void this.flush());
      else if (this.queue.length >= MAX_TURN) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    // The timer of a turn flushed early finds nothing, or the start of the next turn.
    if (!batch.length) return;
    this.queue = [];
    try {
      const outcomes = await this.apply(batch.map((w) => w.change));
      batch.forEach((w, i) => w.resolve(outcomes[i] ?? false));
    } catch {
      // One bad update must not fail the others of its turn: each is tried alone, and only
      // its own caller hears of its failure (its room re-sends it: index-mark.ts).
      for (const w of batch) {
        try {
          w.resolve((await this.apply([w.change]))[0] ?? false);
        } catch (err) {
          w.reject(err);
        }
      }
    }
  }
}
