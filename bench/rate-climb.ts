/**
 * The shop suites' climb: rounds at rising rates until the median p99 passes 50 ms or a
 * message goes unseen; each rate's median of rounds, its rounds, steal and CPU per message.
 */
import { ROUNDS } from './options.js';
import { ms, row } from './report.js';
import { median } from './stats.js';

export interface RoundResult {
  p50: number;
  p99: number;
  unseen: number;
  steal: number;
  cpuPerMessage: number;
}

export interface Step {
  rate: number;
  p50: number;
  p99: number;
  unseen: number;
  p99Rounds: number[];
  stealPercent: number[];
  cpuPerMessageMs: number[];
}

/** Sends `count` messages at `rate` per second, `send(i)` each, paced against the clock. */
export async function paced(count: number, rate: number, send: (i: number) => void): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    send(i);
  }
}

/** Climbs `rates`, printing a row per rate (`label(rate)`), and answers the steps and the highest rate held. */
export async function climb(rates: readonly number[], label: (rate: number) => string, round: (rate: number) => Promise<RoundResult>): Promise<{ steps: Step[]; sustained: number }> {
  const steps: Step[] = [];
  let sustained = 0;
  for (const rate of rates) {
    const runs: RoundResult[] = [];
    for (let r = 0; r < ROUNDS; r++) runs.push(await round(rate));
    const p50 = median(runs.map((r) => r.p50));
    const p99 = median(runs.map((r) => r.p99));
    const unseen = median(runs.map((r) => r.unseen));
    steps.push({ rate, p50, p99, unseen, p99Rounds: runs.map((r) => r.p99), stealPercent: runs.map((r) => r.steal), cpuPerMessageMs: runs.map((r) => r.cpuPerMessage) });
    const cpu = `; workerd CPU per message ${ms(median(runs.map((r) => r.cpuPerMessage)))}`;
    const each = ROUNDS > 1 ? ` (rounds: ${runs.map((r) => r.p99.toFixed(1)).join(', ')}; steal ${runs.map((r) => `${r.steal.toFixed(0)}%`).join(', ')}${cpu})` : ` (${cpu.slice(2)})`;
    row(label(rate), `${ms(p50)} / ${ms(p99)}${unseen ? ` (${unseen} not seen in 10 s)` : ''}${each}`);
    if (unseen || p99 > 50) break;
    sustained = rate;
  }
  return { steps, sustained };
}
