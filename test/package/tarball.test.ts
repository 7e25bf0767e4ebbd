// The published package as `npm pack` makes it (issue 15 "Packaging"): publint and
// arethetypeswrong (ESM-only profile) clean, no demo bundle, no orphan declaration file,
// no source maps beside the unminified modules, the legal and project fields, dependency
// ranges consumers can dedupe. Reads the tarball that scripts/pack.mjs made.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { INSTALLED, PACK_DIR } from '../../scripts/pack.mjs';
import { reachedTypes } from '../../scripts/type-graph.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

function tarball(): string {
  const file = existsSync(PACK_DIR) ? readdirSync(PACK_DIR).find((f) => f.endsWith('.tgz')) : undefined;
  assert.ok(file, 'run `node scripts/pack.mjs` first (npm test does, after the build)');
  return join(PACK_DIR, file);
}

/** Every file in the unpacked tarball, relative to the package root. */
function shipped(dir = INSTALLED): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(INSTALLED, join(e.parentPath, e.name)));
}

type Pkg = {
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  repository?: { url: string };
  homepage?: string;
  bugs?: { url: string };
  license?: string;
};

describe('the packed tarball', () => {
  it('is clean for publint (strict: warnings fail too)', () => {
    const out = execFileSync(bin('publint'), ['run', tarball(), '--strict'], { encoding: 'utf8' });
    assert.match(out, /All good!/);
  });

  it('has right types for every entry under node16 and bundler resolution (attw, ESM-only profile)', () => {
    // attw exits non-zero on a problem the profile counts (execFileSync throws); its JSON
    // lists the ignored resolutions' too (node10, require() of ESM), filtered out here.
    const out = execFileSync(bin('attw'), [tarball(), '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(out) as { analysis: { problems: Array<{ resolutionKind?: string }>; entrypoints: Record<string, unknown> } };
    assert.deepEqual(report.analysis.problems.filter((p) => p.resolutionKind === 'node16-esm' || p.resolutionKind === 'bundler'), []);
    for (const entry of ['.', './define.js', './inbox.js', './protocol.js', './testing.js', './react', './vue', './solid', './svelte']) assert.ok(entry in report.analysis.entrypoints, `attw checked ${entry}`);
  });

  it('ships no demo bundle, no built site, no source maps beside the unminified modules', () => {
    const files = shipped();
    assert.deepEqual(files.filter((f) => /^dist\/(demo|site)\//.test(f)), []);
    assert.deepEqual(files.filter((f) => f.startsWith('dist/esm/') && f.endsWith('.map')), []);
    // The minified script-tag build keeps its maps, for debugging a live store.
    assert.ok(files.includes('dist/cdn/customer-hub-chat.js.map'));
    for (const f of ['LICENSE', 'README.md', 'CHANGELOG.md', 'custom-elements.json', 'package.json']) assert.ok(files.includes(f), f);
  });

  it('ships no orphan declaration file: each is reached from an entry\u2019s types', () => {
    const pkg = JSON.parse(readFileSync(join(INSTALLED, 'package.json'), 'utf8')) as Pkg;
    const reached = new Set([...reachedTypes(INSTALLED, pkg.exports)].map((f) => relative(INSTALLED, f)));
    const declarations = shipped().filter((f) => f.endsWith('.d.ts'));
    assert.ok(declarations.length > 10);
    assert.deepEqual(declarations.filter((f) => !reached.has(f)), []);
    for (const f of reached) assert.ok(declarations.includes(f), `${f} is named but not shipped`);
  });

  it('points tools at its manifest and editor data, which list the two elements', () => {
    const pkg = JSON.parse(readFileSync(join(INSTALLED, 'package.json'), 'utf8')) as Pkg & { customElements?: string; 'web-types'?: string };
    assert.equal(pkg.customElements, 'custom-elements.json');
    const webTypes = JSON.parse(readFileSync(join(INSTALLED, pkg['web-types'] ?? 'missing'), 'utf8')) as { contributions: { html: { elements: Array<{ name: string }> } } };
    assert.deepEqual(webTypes.contributions.html.elements.map((e) => e.name), ['customer-hub-chat', 'customer-hub-inbox']);
    const vscode = JSON.parse(readFileSync(join(INSTALLED, 'dist/editors/vscode.html-custom-data.json'), 'utf8')) as { tags: Array<{ name: string }> };
    assert.deepEqual(vscode.tags.map((t) => t.name), ['customer-hub-chat', 'customer-hub-inbox']);
  });

  it('the React entry loads and server-renders in Node (an SSR framework imports it on the server)', async () => {
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { CustomerHubChat } = (await import(join(INSTALLED, 'dist/esm/src/react/index.js'))) as typeof import('../../src/react/index.js');
    assert.match(renderToString(createElement(CustomerHubChat, { shop: 'demo.myshopify.com' })), /^<customer-hub-chat[^>]*><\/customer-hub-chat>$/);
  });

  it('names its licence, repository, homepage and issue tracker; LICENSE is the MIT licence', () => {
    const pkg = JSON.parse(readFileSync(join(INSTALLED, 'package.json'), 'utf8')) as Pkg;
    assert.equal(pkg.license, 'MIT');
    assert.match(readFileSync(join(INSTALLED, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.match(pkg.repository?.url ?? '', /^git\+https:\/\//);
    assert.match(pkg.homepage ?? '', /^https:\/\//);
    assert.match(pkg.bugs?.url ?? '', /^https:\/\//);
  });

  it('takes its dependencies as ranges (consumers dedupe lit and nanostores); react, vue and solid-js optional peers', () => {
    const pkg = JSON.parse(readFileSync(join(INSTALLED, 'package.json'), 'utf8')) as Pkg;
    for (const [name, range] of Object.entries(pkg.dependencies)) assert.match(range, /^\^\d/, `${name}@${range}`);
    assert.ok(!('@lit/context' in pkg.dependencies), '@lit/context is unused');
    for (const peer of ['react', 'vue', 'solid-js', 'svelte', 'jose']) assert.equal(pkg.peerDependenciesMeta[peer]?.optional, true, peer);
    assert.ok(!('react' in pkg.dependencies) && !('vue' in pkg.dependencies));
  });
});
