// The package's entry points (DESIGN §2, README "Protocol", issue 14): the widget's
// entries load no server code and need no `jose`; the reference server's core runs in
// memory only through `customer-hub-chat/testing.js`. Reads `dist/esm/` as `npm test`
// built it, following every static and dynamic import from each entry.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import { packageOf, typeGraph } from '../../scripts/type-graph.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** The file an export of package.json points at, and its types. */
function entry(subpath: string): { js: string; types: string } {
  const target = pkg.exports[subpath];
  assert.ok(target && typeof target === 'object', `package.json exports ${subpath}`);
  return { js: join(ROOT, target.default), types: join(ROOT, target.types) };
}

/**
 * Every module file a built entry loads, static and dynamic imports alike, and every bare
 * package it imports: esbuild resolves the graph, so imports are read as a parser reads
 * them (a `from` inside a template string is no import).
 */
function graph(start: string): { files: Set<string>; packages: Set<string> } {
  const { metafile } = buildSync({ entryPoints: [start], bundle: true, write: false, metafile: true, packages: 'external', format: 'esm', platform: 'browser', logLevel: 'silent', absWorkingDir: ROOT });
  const files = new Set(Object.keys(metafile.inputs).map((f) => join(ROOT, f)));
  const packages = new Set(Object.values(metafile.inputs).flatMap((i) => i.imports.filter((x) => x.external).map((x) => packageOf(x.path))));
  return { files, packages };
}

const WIDGET_ENTRIES = ['.', './define.js', './inbox.js', './protocol.js'];

describe('package entry points', () => {
  it('are built (npm run build)', () => {
    for (const subpath of [...WIDGET_ENTRIES, './testing.js']) {
      const { js, types } = entry(subpath);
      assert.ok(existsSync(js), `${subpath}: ${relative(ROOT, js)} (run npm run build first)`);
      assert.ok(existsSync(types), `${subpath}: ${relative(ROOT, types)}`);
    }
  });

  for (const subpath of WIDGET_ENTRIES) {
    it(`${subpath} loads no file of party/ and needs only the widget's dependencies (no jose)`, () => {
      const { files, packages } = graph(entry(subpath).js);
      const server = [...files].map((f) => relative(ROOT, f)).filter((f) => f.includes('/party/'));
      assert.deepEqual(server, [], `${subpath} loads server code`);
      assert.ok(!packages.has('jose'), `${subpath} imports jose`);
      for (const name of packages) assert.ok(name in pkg.dependencies, `${subpath} imports ${name}, which is not a dependency`);
    });

    it(`${subpath}: its types name no file of party/ either`, () => {
      const { files, packages } = typeGraph(entry(subpath).types);
      assert.deepEqual([...files].map((f) => relative(ROOT, f)).filter((f) => f.includes('/party/')), []);
      assert.ok(!packages.has('jose'));
    });
  }

  it('jose is no dependency of the widget: only an optional peer of the testing entry', () => {
    assert.ok(!('jose' in pkg.dependencies));
    assert.ok(pkg.peerDependencies?.jose && pkg.peerDependenciesMeta?.jose?.optional);
  });

  it('the testing entry carries the in-memory backend and its transport', async () => {
    const testing = (await import(entry('./testing.js').js)) as Record<string, unknown>;
    assert.equal(typeof testing.MemoryBackend, 'function');
    assert.equal(typeof testing.createMemoryTransport, 'function');
    const main = (await import(entry('.').js)) as Record<string, unknown>;
    assert.ok(!('MemoryBackend' in main) && !('createMemoryTransport' in main), 'the main entry holds no server code');
  });
});
