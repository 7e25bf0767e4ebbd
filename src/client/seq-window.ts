/**
 * The messages a ticket thread holds, by seq (DESIGN §7): a window from a recent seq
 * on (older pages join it with `loadOlder`), where it has holes, and which messages
 * are news to this page.
 */
import type { Message } from '../protocol/index.js';

/**
 * The stored messages of one ticket, by seq.
 * @internal Not for integrators: the widget's build shortens its member names (issue 19).
 */
export class SeqWindow {
  #stored = new Map<number, Message>();
  /** Messages after this seq are kept whole (0: the whole thread). */
  #start = 0;
  #announcedSeq = 0;

  /**
   * Starts over for a ticket whose last message is `lastSeq`: what it held then is
   * history, not news, and only the `size` most recent are loaded at first.
   */
  restart(lastSeq: number, size: number): void {
    this.#stored.clear();
    this.#announcedSeq = lastSeq;
    this.#start = Math.max(0, lastSeq - size);
  }

  /** Forgets the messages (a fresh start); what was announced stays announced. */
  clear(): void {
    this.#stored.clear();
    this.#start = 0;
  }

  put(message: Message): void {
    this.#stored.set(message.seq, message);
  }

  has(seq: number): boolean {
    return this.#stored.has(seq);
  }

  values(): IterableIterator<Message> {
    return this.#stored.values();
  }

  /** Each message new to this page, once, live or replayed. */
  fresh(messages: readonly Message[]): Message[] {
    const news: Message[] = [];
    for (const m of messages) {
      if (m.seq <= this.#announcedSeq) continue;
      this.#announcedSeq = m.seq;
      news.push(m);
    }
    return news;
  }

  // A thread holds at most some thousands of messages: a spread of its seqs stays far below
  // the engines' argument limits.
  first(): number | undefined {
    return this.#stored.size ? Math.min(...this.#stored.keys()) : undefined;
  }

  last(): number {
    return Math.max(0, ...this.#stored.keys());
  }

  /**
   * The last seq held with nothing missing from the window's start. A message that
   * arrived live before the first sync must not hide the ones before it.
   */
  contiguous(): number {
    let seq = Math.min(this.#start, (this.first() ?? Infinity) - 1);
    while (this.#stored.has(seq + 1)) seq++;
    return seq;
  }
}
