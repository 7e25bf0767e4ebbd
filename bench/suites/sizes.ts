/** Suite `sizes`: the script-tag builds' sizes against their budgets, and each ESM entry bundled with its dependencies. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdnSizes, sizeOf } from '../../scripts/sizes.mjs';
import { ROOT } from '../options.js';
import { kb, results, row } from '../report.js';

export function sizes() {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync('node', ['scripts/site.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const cdn = cdnSizes(join(ROOT, 'dist/cdn')) as Record<string, { initial: { min: number; gzip: number; brotli: number }; whole: { min: number; gzip: number; brotli: number } }>;
  const chat = cdn['customer-hub-chat.js']!;
  row('size: initial load, brotli (budget 3.6 KB; goal ≤ 1.5 KB, issue 19)', `${kb(chat.initial.brotli)} (min ${kb(chat.initial.min)}, gzip ${kb(chat.initial.gzip)})`);
  row('size: whole shopper widget, brotli (budget 28 KB)', `${kb(chat.whole.brotli)} (min ${kb(chat.whole.min)}, gzip ${kb(chat.whole.gzip)})`);
  const inbox = cdn['customer-hub-inbox.js'];
  if (inbox) row('size: team inbox (its own script, never loaded by shoppers), brotli', `${kb(inbox.initial.brotli)} (min ${kb(inbox.initial.min)})`);
  const esm: Record<string, unknown> = {};
  for (const [name, file] of [['customer-hub-chat (ESM entry, deps external)', 'dist/esm/src/index.js'], ['customer-hub-chat/protocol.js', 'dist/esm/src/protocol/index.js']] as const) {
    // Bundle each entry with its own dependencies, as an app bundler would.
    const out = join(mkdtempSync(join(tmpdir(), 'chc-size-')), 'out.js');
    execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), [join(ROOT, file), '--bundle', '--minify', '--format=esm', `--outfile=${out}`, '--define:process.env.NODE_ENV="production"', '--conditions=browser,production'], { stdio: 'ignore' });
    const s = sizeOf(out);
    esm[name] = s;
    row(`size: ${name}, bundled with deps, brotli`, kb(s.brotli));
  }
  results.sizes = { cdn, esm };
}
