// The README's Layout table (issue 14): every folder of the source tree is named in it,
// with its concern, and it names no folder that is not there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const section = readme.slice(readme.indexOf('## Layout\n'), readme.indexOf('\n## ', readme.indexOf('## Layout\n') + 1));
const named = new Set([...section.matchAll(/^\| `([^`]+)\/` \|/gm)].map((m) => m[1]!));
const TOP = ['src', 'party', 'server-mock', 'demo', 'scripts', 'test', 'bench', 'shopify', 'examples'];
// Test suites are named in the test row; bench/suites in the bench row; the Shopify app's
// folders (Shopify's own layout) in the shopify row; each example in the examples row.
const covered = (dir: string) => named.has(dir) || dir.startsWith('test/') || dir.startsWith('bench/') || dir.startsWith('shopify/') || dir.startsWith('examples/');

describe('README Layout', () => {
  const tracked = execFileSync('git', ['ls-files', ...TOP], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const folders = new Set(tracked.map((f) => dirname(f)));

  it('names every folder of the source tree', () => {
    assert.deepEqual([...folders].filter((d) => !covered(d)).sort(), []);
  });

  it('names no folder that is not there', () => {
    assert.deepEqual([...named].filter((d) => !folders.has(d)).sort(), []);
  });
});
