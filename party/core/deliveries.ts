/**
 * Outbound HTTP deliveries (handoffs to helpdesks and webhooks, R11; notifications,
 * R14), at least once: each is stored before it is tried, retried with exponential
 * backoff until a 2xx, and carries an idempotency key so a retry of a request that had
 * in fact succeeded creates nothing twice. The room's alarm drives the retries.
 */
import type { KVStorage } from './storage.js';

export interface Delivery {
  id: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  attempts: number;
  nextAt: number;
  lastError?: string;
  /** Set on deliveries whose outcome the room wants back (`settled`), e.g. an SMS reply. */
  tag?: string;
}

/** How a tagged delivery ended: acknowledged with the answer's body, or given up. */
export type DeliveryOutcome = { ok: true; body: string } | { ok: false; error: string; body?: string };

export interface DeliveryOptions {
  now(): number;
  fetch: typeof fetch;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Told once how a tagged delivery ended; a tagged 4xx (but 408, 429) is not retried. */
  settled?(tag: string, outcome: DeliveryOutcome): Promise<void>;
}

/** The most of an answer's body a tagged delivery reads. */
const MAX_ANSWER_CHARS = 16 * 1024;

export const BASE_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 15 * 60_000;
const PREFIX = 'd:';

export const backoff = (attempts: number): number => Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempts - 1));

export class DeliveryQueue {
  private chain: Promise<number | null> = Promise.resolve(null);

  constructor(
    private readonly storage: KVStorage,
    private readonly options: DeliveryOptions,
  ) {}

  /** Stores a delivery (due now); the caller then runs the queue or sets an alarm. */
  async enqueue(d: Pick<Delivery, 'id' | 'url' | 'headers' | 'body' | 'tag'>): Promise<void> {
    const existing = await this.storage.get<Delivery>(PREFIX + d.id);
    if (existing) return;
    await this.storage.put(PREFIX + d.id, { ...d, attempts: 0, nextAt: this.options.now() } satisfies Delivery);
  }

  /**
   * Tries every due delivery once; returns when the next retry is due, or null. Runs
   * queue behind each other, so a delivery enqueued during a run gets its own.
   */
  run(): Promise<number | null> {
    this.chain = this.chain.then(
      () => this.runOnce(),
      () => this.runOnce(),
    );
    return this.chain;
  }

  /** Deliveries still waiting (tests and diagnostics). */
  async pending(): Promise<Delivery[]> {
    return [...(await this.storage.list<Delivery>({ prefix: PREFIX })).values()];
  }

  private async runOnce(): Promise<number | null> {
    const now = this.options.now();
    let next: number | null = null;
    for (const d of await this.pending()) {
      if (d.nextAt > now) {
        next = next === null ? d.nextAt : Math.min(next, d.nextAt);
        continue;
      }
      const { error, body, final } = await this.attempt(d);
      if (error === null) {
        await this.storage.delete(PREFIX + d.id);
        if (d.tag) await this.options.settled?.(d.tag, { ok: true, body: body ?? '' });
        continue;
      }
      d.attempts++;
      d.lastError = error;
      if (final || d.attempts >= (this.options.maxAttempts ?? 12)) {
        await this.storage.delete(PREFIX + d.id);
        await this.storage.put(`dead:${d.id}`, d);
        if (d.tag) await this.options.settled?.(d.tag, { ok: false, error, ...(body ? { body } : {}) });
        continue;
      }
      d.nextAt = this.options.now() + backoff(d.attempts);
      await this.storage.put(PREFIX + d.id, d);
      next = next === null ? d.nextAt : Math.min(next, d.nextAt);
    }
    return next;
  }

  /** One try: error null when acknowledged (2xx), else why not; a tagged one reads the answer. */
  private async attempt(d: Delivery): Promise<{ error: string | null; body?: string; final?: boolean }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 10_000);
    try {
      const r = await this.options.fetch(d.url, { method: 'POST', headers: d.headers, body: d.body, signal: controller.signal });
      const body = d.tag ? (await r.text()).slice(0, MAX_ANSWER_CHARS) : (await r.body?.cancel(), undefined);
      const final = d.tag !== undefined && r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429;
      return { error: r.ok ? null : `HTTP ${r.status}`, ...(body !== undefined ? { body } : {}), final };
    } catch (err) {
      return { error: (err as Error)?.name === 'AbortError' ? 'timeout' : 'network error' };
    } finally {
      clearTimeout(timer);
    }
  }
}
