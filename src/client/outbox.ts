/**
 * The shopper's unacknowledged messages, persisted so a reload loses none
 * (DESIGN §7). What comes back from storage is untrusted: validated once, here.
 */
import { MAX_ATTACHMENTS, MAX_BODY_CHARS, attachmentSchema, type Attachment } from '../protocol/index.js';
import { array, nullable, object, optional, string, integer } from '../protocol/schema.js';

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

export class Outbox {
  private entries: OutboxEntry[];

  constructor(
    private readonly store: KeyValueStore | null,
    private readonly key: string,
  ) {
    this.entries = this.read();
  }

  all(): readonly OutboxEntry[] {
    return this.entries;
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.entries.find((e) => e.clientId === clientId);
  }

  add(entry: OutboxEntry): void {
    this.entries.push(entry);
    this.write();
  }

  update(clientId: string, patch: Partial<OutboxEntry>): void {
    const e = this.get(clientId);
    if (e) {
      Object.assign(e, patch);
      this.write();
    }
  }

  /** Removes an entry; returns whether it was there. */
  remove(clientId: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.clientId !== clientId);
    if (this.entries.length === before) return false;
    this.write();
    return true;
  }

  private read(): OutboxEntry[] {
    try {
      const raw: unknown = JSON.parse(this.store?.getItem(this.key) ?? '[]');
      if (!Array.isArray(raw)) return [];
      return raw.flatMap((item) => {
        const r = entrySchema.check(item, '');
        return r.ok ? [r.value] : [];
      });
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      if (this.entries.length) this.store?.setItem(this.key, JSON.stringify(this.entries));
      else this.store?.removeItem(this.key);
    } catch {
      // Storage full or blocked (private mode): the outbox still works for this page.
    }
  }
}
