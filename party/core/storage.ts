/**
 * The storage the domain core needs: the subset of the Durable Object KV API it
 * uses, so a Durable Object's `ctx.storage` satisfies it as is and the mock runs
 * the same code over `MemoryStorage`.
 */
export interface ListOptions {
  prefix?: string;
  start?: string;
  startAfter?: string;
  end?: string;
  limit?: number;
  reverse?: boolean;
}

export interface KVStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  put<T>(entries: Record<string, T>): Promise<void>;
  delete(key: string): Promise<boolean>;
  list<T>(options?: ListOptions): Promise<Map<string, T>>;
}

/** Counts of storage calls, for the cost-per-message tests and benchmarks. */
export interface StorageOps {
  reads: number;
  writes: number;
  lists: number;
  /** Entries returned by `list` calls. */
  listed: number;
}

/** An in-memory `KVStorage` with the Durable Object semantics the core relies on. */
export class MemoryStorage implements KVStorage {
  private data = new Map<string, unknown>();
  private sorted: string[] = [];
  readonly ops: StorageOps = { reads: 0, writes: 0, lists: 0, listed: 0 };

  async get<T>(key: string): Promise<T | undefined> {
    this.ops.reads++;
    const v = this.data.get(key);
    return v === undefined ? undefined : (structuredClone(v) as T);
  }

  async put<T>(keyOrEntries: string | Record<string, T>, value?: T): Promise<void> {
    this.ops.writes++;
    const entries = typeof keyOrEntries === 'string' ? { [keyOrEntries]: value } : keyOrEntries;
    for (const [k, v] of Object.entries(entries)) {
      if (!this.data.has(k)) this.sorted.splice(lowerBound(this.sorted, k), 0, k);
      this.data.set(k, structuredClone(v));
    }
  }

  async delete(key: string): Promise<boolean> {
    this.ops.writes++;
    const had = this.data.delete(key);
    if (had) this.sorted.splice(lowerBound(this.sorted, key), 1);
    return had;
  }

  async list<T>(o: ListOptions = {}): Promise<Map<string, T>> {
    this.ops.lists++;
    const keys = this.sorted;
    let lo = lowerBound(keys, o.startAfter !== undefined ? o.startAfter + '\0' : (o.start ?? o.prefix ?? ''));
    let hi = o.end !== undefined ? lowerBound(keys, o.end) : keys.length;
    if (o.prefix) hi = Math.min(hi, lowerBound(keys, o.prefix + '\uffff'));
    const out = new Map<string, T>();
    const limit = o.limit ?? Infinity;
    if (o.reverse) {
      for (let i = hi - 1; i >= lo && out.size < limit; i--) out.set(keys[i]!, structuredClone(this.data.get(keys[i]!)) as T);
    } else {
      for (; lo < hi && out.size < limit; lo++) out.set(keys[lo]!, structuredClone(this.data.get(keys[lo]!)) as T);
    }
    this.ops.listed += out.size;
    return out;
  }

  get size(): number {
    return this.data.size;
  }
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
