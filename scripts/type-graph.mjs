// The declaration files an entry's `.d.ts` reaches through its imports and exports: the
// build keeps only those (prune-types.mjs), and the packaging and entries tests read it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Every declaration file an entry's `.d.ts` names, and every bare package, from its import and export statements. */
export function typeGraph(start) {
  const files = new Set();
  const packages = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    const specifiers = [...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
    for (const spec of specifiers) {
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.d.ts')));
      else packages.add(packageOf(spec));
    }
  };
  visit(start);
  return { files, packages };
}

/** The declaration files reached from every `types` of package.json's exports, under `root`. */
export function reachedTypes(root, exportsMap) {
  const reached = new Set();
  for (const target of Object.values(exportsMap)) {
    if (typeof target === 'object' && target.types) for (const f of typeGraph(join(root, target.types)).files) reached.add(f);
  }
  return reached;
}
