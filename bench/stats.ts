/** The statistics of the bench: medians and percentiles of samples, and the CPU time the VM's host took (steal). */
import { readFileSync } from 'node:fs';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

/** The machine's CPU counters (/proc/stat): on a VM, `steal` is time its host gave to others. */
export function cpuTimes(): { total: number; steal: number } {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { total: f.slice(0, 8).reduce((a, b) => a + b, 0), steal: f[7] ?? 0 };
  } catch {
    return { total: 0, steal: 0 };
  }
}
export const stealSince = (before: { total: number; steal: number }): number => {
  const now = cpuTimes();
  return now.total > before.total ? (100 * (now.steal - before.steal)) / (now.total - before.total) : 0;
};
