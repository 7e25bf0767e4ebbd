/** What the bench reports: the printed table (one row per figure) and `bench/results.json`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './options.js';

/** Each suite adds its figures under its own key. */
export const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
const rows: Array<[string, string]> = [];
export const row = (label: string, value: string) => {
  rows.push([label, value]);
  console.log(`${label.padEnd(64)} ${value}`);
};

export const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
export const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Writes every figure and the table to bench/results.json. */
export function writeResults(): void {
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify({ ...results, table: rows }, null, 2));
  console.log('\nwrote bench/results.json');
}
