/**
 * The domain core's `KVStorage` over a SQLite-backed Durable Object's synchronous KV API
 * (`ctx.storage.kv`, the same key-value data as the asynchronous API). Each asynchronous
 * call crossed into the runtime's event loop and back, and a message made several (the
 * dedupe lookup, the write of message and meta): issue 19 measured them among the largest
 * costs of a message in the room. Several keys are written in one transaction, as the
 * asynchronous `put(entries)` did.
 */
import type { KVStorage, ListOptions } from './core/storage.js';

export function syncKv(storage: DurableObjectStorage): KVStorage {
  const kv = storage.kv;
  return {
    get: <T>(key: string) => Promise.resolve(kv.get<T>(key)),
    put: <T>(keyOrEntries: string | Record<string, T>, value?: T): Promise<void> => {
      if (typeof keyOrEntries === 'string') kv.put(keyOrEntries, value);
      else storage.transactionSync(() => {
        for (const [k, v] of Object.entries(keyOrEntries)) kv.put(k, v);
      });
      return Promise.resolve();
    },
    delete: (key: string) => Promise.resolve(kv.delete(key)),
    list: <T>(options: ListOptions = {}) => Promise.resolve(new Map<string, T>(kv.list<T>(options))),
  } as KVStorage;
}
