/**
 * Work that arrives within one turn of the event loop, done together (issue 19, the shop
 * room under many chats): each item's caller still gets its own outcome.
 *
 * Why: in a Durable Object every write of one turn shares one SQLite commit. The shop room
 * gets one RPC per ticket change; applied one by one, each paid its own commit, and FTS5
 * flushes its pending terms once per commit (the inbox search's index was the largest
 * part of the shop's cost per message). Applied together they pay one.
 */
export class TurnBatch<T> {
  private waiting: Array<{ item: T; settle: (error: unknown) => void }> = [];

  /** `apply`: does the items in order; an item that fails says so through `failed`, without stopping the others. */
  constructor(private readonly apply: (items: T[], failed: (index: number, error: unknown) => void) => Promise<void>) {}

  /** Resolves once the item was applied with the others of its turn; rejects with its own error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error: unknown) => (error === undefined ? resolve() : reject(error));
      if (this.waiting.push({ item, settle }) === 1) setTimeout(() => void this.flush(), 0);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    const errors = new Map<number, unknown>();
    try {
      await this.apply(
        batch.map((w) => w.item),
        (i, error) => errors.set(i, error ?? new Error('failed')),
      );
    } catch (err) {
      // The batch itself failed: every item not settled otherwise fails with it.
      batch.forEach((_, i) => errors.has(i) || errors.set(i, err ?? new Error('failed')));
    }
    batch.forEach((w, i) => w.settle(errors.get(i)));
  }
}
