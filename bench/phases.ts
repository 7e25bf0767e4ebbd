/**
 * Where a slow message's time went (issue 19, the slow first rounds at 1,000 chats): each
 * message's one-way time split at the server's own clock, the `createdAt` the room stamps
 * when it takes the frame from its queue (workerd's clock is the machine's, in ms). Before
 * it: the client's send, wrangler's dev proxy, the isolate's queue and the room's wait for
 * its turn; after it: the storage write, the broadcast, the proxy back and the client's
 * event loop. The bench's own client is measured too: its event loop's lag during the round
 * (a Node process holding 2,000 sockets could delay what it reads, and that would show here).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { median, pct } from './stats.js';

export interface Split {
  total: number;
  /** Client send → the room stamped the message (proxy in, queue, wait). */
  in: number;
  /** The stamp → the other side read it (storage, broadcast, proxy out, client). */
  out: number;
}

export interface RoundPhases {
  /** The slowest 1 % of the round's messages: median of their parts. */
  slowest: { total: number; in: number; out: number; count: number };
  /** All messages: median of their parts. */
  all: { in: number; out: number };
  /** The bench client's event loop lag during the round: p99 and max (ms). */
  clientLag: { p99: number; max: number };
}

/** Watches the client's event loop for one round; `done(splits)` summarises the round. */
export function phaseMeter(): (splits: Split[]) => RoundPhases {
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  return (splits) => {
    lag.disable();
    const cut = pct(splits.map((s) => s.total), 99);
    const slow = splits.filter((s) => s.total >= cut);
    return {
      slowest: { total: median(slow.map((s) => s.total)), in: median(slow.map((s) => s.in)), out: median(slow.map((s) => s.out)), count: slow.length },
      all: { in: median(splits.map((s) => s.in)), out: median(splits.map((s) => s.out)) },
      clientLag: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
    };
  };
}

export const describePhases = (p: RoundPhases) =>
  `slowest 1% (${p.slowest.count}): ${p.slowest.total.toFixed(0)} ms = in ${p.slowest.in.toFixed(0)} + out ${p.slowest.out.toFixed(0)}; all: in ${p.all.in.toFixed(1)} / out ${p.all.out.toFixed(1)}; client lag p99 ${p.clientLag.p99.toFixed(1)} max ${p.clientLag.max.toFixed(0)} ms`;
