/**
 * The agents' feed as the shop suites read it: each message's time from being sent to the
 * first `ticket` frame carrying it, or a later message of its ticket (a frame carrying one
 * covers every one before it: bodies are unique, and the feed sends each ticket's newest state).
 */
import type WebSocket from 'ws';
import { median, pct } from './stats.js';

export interface FeedWatch {
  /** A message was sent now for this ticket id, with this (unique) body. */
  sent(ticketId: string, body: string): void;
  /** The latencies seen since the last reset, in ms. */
  readonly latencies: number[];
  reset(): void;
  /** Waits until `count` messages were seen, or 10 s. */
  settled(count: number): Promise<void>;
  /** p50, p99 and how many of `count` went unseen. */
  figures(count: number): { p50: number; p99: number; unseen: number };
}

export function watchFeed(feed: WebSocket): FeedWatch {
  const waiting = new Map<string, Array<{ body: string; at: number }>>();
  const watch: FeedWatch = {
    latencies: [],
    sent(ticketId, body) {
      const list = waiting.get(ticketId) ?? [];
      list.push({ body, at: performance.now() });
      waiting.set(ticketId, list);
    },
    reset() {
      watch.latencies.length = 0;
      waiting.clear();
    },
    async settled(count) {
      const deadline = performance.now() + 10_000;
      while (watch.latencies.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
    figures: (count) => ({ p50: median(watch.latencies), p99: pct(watch.latencies, 99), unseen: count - watch.latencies.length }),
  };
  feed.on('message', (d) => {
    const f = JSON.parse(String(d)) as { type: string; ticket?: { id: string; lastMessage?: { body: string } } };
    const list = f.type === 'ticket' && f.ticket?.lastMessage ? waiting.get(f.ticket.id) : undefined;
    const upTo = list?.findIndex((m) => m.body === f.ticket!.lastMessage!.body) ?? -1;
    const now = performance.now();
    for (const m of upTo >= 0 ? list!.splice(0, upTo + 1) : []) watch.latencies.push(now - m.at);
  });
  return watch;
}
