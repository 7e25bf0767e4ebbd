// After `tsc` (npm run build): removes every declaration file under dist/esm/ that no
// entry's types reach. tsc writes one per source file, internals included; shipped, those
// would be orphans that look like API. The JavaScript beside them stays.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { reachedTypes } from './type-graph.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const reached = reachedTypes(ROOT, pkg.exports);
let removed = 0;
for (const entry of readdirSync(join(ROOT, 'dist/esm'), { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath, entry.name);
  if (entry.isFile() && entry.name.endsWith('.d.ts') && !reached.has(file)) {
    rmSync(file);
    removed++;
  }
}
if (!reached.size) throw new Error(`no entry types found (removed ${removed})`);
