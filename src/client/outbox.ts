/**
 * The shopper's unacknowledged messages, persisted so a reload loses none
 * (DESIGN §7). What comes back from storage is untrusted: validated once, here.
 */
import { MAX_ATTACHMENTS, MAX_BODY_CHARS, attachmentSchema, type Attachment } from '../protocol/index.js';
import { array, nullable, object, optional, string, integer } from '../protocol/schema.js';
import { safeRemove } from './safe-storage.js';

export interface OutboxEntry {
  clientId: string;
  body: string;
  attachments?: Attachment[];
  /** The ticket it belongs to; null while the chat is still being created (R6). */
  ticketId: string | null;
  customerId: string;
  createdAt: number;
}

const entrySchema = object({
  clientId: string({ min: 1, max: 128 }),
  body: string({ max: MAX_BODY_CHARS }),
  attachments: optional(array(attachmentSchema, { max: MAX_ATTACHMENTS })),
  ticketId: nullable(string({ min: 1, max: 128 })),
  customerId: string({ min: 1, max: 128 }),
  createdAt: integer({ min: 0 }),
});

/** The subset of `Storage` the outbox needs (localStorage, or anything like it). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * One customer's outbox under one storage key. Every change re-reads the stored list
 * and writes it back at once, so two tabs appending to it lose nothing (issue 13 #4);
 * `reload()` takes up what another tab wrote (on its `storage` event).
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class Outbox {
  #entries: OutboxEntry[];
  /** The last write failed (storage full or blocked): this page's list is the only copy. */
  #unsaved = false;

  readonly #store: KeyValueStore | null;

  constructor(store: KeyValueStore | null, readonly key: string) {
    this.#store = store;
    this.#entries = this.#read() ?? [];
  }

  all(): readonly OutboxEntry[] {
    return this.#entries;
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.#entries.find((e) => e.clientId === clientId);
  }

  add(entry: OutboxEntry): void {
    this.#change((list) => (list.some((e) => e.clientId === entry.clientId) ? list : [...list, entry]));
  }

  update(clientId: string, patch: Partial<OutboxEntry>): void {
    if (!this.get(clientId)) return;
    this.#change((list) => list.map((e) => (e.clientId === clientId ? { ...e, ...patch } : e)));
  }

  /** Removes an entry; returns whether this page held it. */
  remove(clientId: string): boolean {
    const held = !!this.get(clientId);
    if (held) this.#change((list) => list.filter((e) => e.clientId !== clientId));
    return held;
  }

  /** After a `storage` event for `key` (null: storage cleared): whether this outbox changed with it. */
  reloadOn(key: string | null): boolean {
    return (key === null || key === this.key) && this.reload();
  }

  /** Takes up the stored list again (another tab changed it); returns whether it differs. */
  reload(): boolean {
    const stored = this.#unsaved ? null : this.#read();
    if (!stored) return false;
    const before = JSON.stringify(this.#entries);
    this.#entries = stored;
    return JSON.stringify(stored) !== before;
  }

  /** Forgets every entry, here and in storage (logout, another customer). */
  clear(): void {
    this.#entries = [];
    this.#unsaved = false;
    safeRemove(this.#store, this.key);
  }

  /** Read, change, write in one go: what another tab stored since is kept. */
  #change(fn: (list: OutboxEntry[]) => OutboxEntry[]): void {
    const base = (this.#unsaved ? null : this.#read()) ?? this.#entries;
    this.#entries = fn(base);
    this.#write();
  }

  /** The stored list, validated; null when there is no store to read. */
  #read(): OutboxEntry[] | null {
    if (!this.#store) return null;
    try {
      const raw: unknown = JSON.parse(this.#store.getItem(this.key) ?? '[]');
      if (!Array.isArray(raw)) return [];
      return raw.flatMap((item) => {
        const r = entrySchema.check(item, '');
        return r.ok ? [r.value] : [];
      });
    } catch {
      return null;
    }
  }

  #write(): void {
    try {
      if (this.#entries.length) this.#store?.setItem(this.key, JSON.stringify(this.#entries));
      else this.#store?.removeItem(this.key);
      this.#unsaved = false;
    } catch {
      // Storage full or blocked (private mode): the outbox still works for this page.
      this.#unsaved = true;
    }
  }
}
