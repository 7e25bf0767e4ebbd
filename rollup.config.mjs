// Two builds (DESIGN §2): per-module ES builds for bundler users (dependencies
// external, types from tsc beside them), and the script-tag build that bundles
// everything into dist/cdn/ with lazy chunks beside the entry.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import pkg from './package.json' with { type: 'json' };
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';
import { manglePrivateNames } from './scripts/mangle-private-names.mjs';
import { terserChunks } from './scripts/terser-chunks.mjs';
import { litQuiet } from './scripts/lit-quiet.mjs';
import { fetchBeforeImport } from './scripts/fetch-before-import.mjs';

// Old chunks would linger beside new ones under other hashes.
rmSync('dist/cdn', { recursive: true, force: true });
rmSync('dist/esm', { recursive: true, force: true });
rmSync('dist/demo', { recursive: true, force: true });

const present = (files) => files.filter((f) => existsSync(f));
// Peers (jose for the testing entry, react, vue, solid-js and svelte for theirs) stay external too: the integrator installs them.
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})].map((d) => new RegExp(`^${d}(/|$)`));
/**
 * The shopper's widget renders with lit-html and Lit's CSS only (its element is plain,
 * issue 19): `lit` resolves to those parts there, so LitElement's code is not shipped.
 */
const litParts = { name: 'lit-parts', resolveId: (id) => (id === 'lit' ? resolve('src/cdn/lit-parts.ts') : null) };
/**
 * The shopper's widget checks what crosses its trust boundary with `schema-lean.ts`: the same
 * verdicts as `schema.ts` without the words of why (issue 19); `schema-lean.ts` itself takes
 * the parts that say nothing from `schema.ts`.
 */
const leanSchema = {
  name: 'lean-schema',
  async resolveId(source, importer, options) {
    if (!importer || !/(^|\/)schema\.js$/.test(source) || importer.endsWith('schema-lean.ts')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === resolve('src/protocol/schema.ts') ? resolve('src/protocol/schema-lean.ts') : null;
  },
};
const production = replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': '"production"' } });

export default [
  {
    input: present(['src/index.ts', 'src/define.ts', 'src/inbox.ts', 'src/protocol/index.ts', 'src/testing.ts', 'src/react/index.ts', 'src/vue.ts', 'src/solid.ts', 'src/svelte.ts']),
    external,
    // No source maps here: these modules are unminified and readable as shipped, and the app's
    // bundler makes its own maps. The minified script-tag build below keeps its maps (fetched
    // only by devtools) for debugging a live store.
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: '.', sourcemap: false },
    // package.json's `sideEffects` names the shipped files, not src/: applied here it would
    // let rollup drop `import './define.js'` (vue.ts) as if defining the element did nothing.
    plugins: [nodeResolve({ ignoreSideEffectsForRoot: true }), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
  },
  // The shopper's and the agents' script-tag builds are separate graphs: no chunk is
  // shared, so the widget's size is all its own and it never loads inbox code.
  ...[
    ['src/cdn/customer-hub-chat.ts', 'chunks/[name]-[hash].js'],
    ['src/cdn/customer-hub-inbox.ts', 'chunks/inbox/[name]-[hash].js'],
  ].map(([input, chunkFileNames]) => ({
    input,
    // The shopper's files do not name their maps (`hidden`): a `//# sourceMappingURL=` line is
    // ~30 B brotli a file, paid by every shopper for devtools alone (97 B of the budgeted 28 KB,
    // issue 19). The maps still ship beside them; the inbox's files keep the line.
    output: { dir: 'dist/cdn', format: 'es', entryFileNames: '[name].js', chunkFileNames, sourcemap: input.endsWith('chat.ts') ? 'hidden' : true, compact: true, generatedCode: { arrowFunctions: true }, hashCharacters: 'hex' },
    plugins: [
      ...(input.endsWith('chat.ts') ? [litParts, leanSchema, litQuiet] : []),
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      production,
      minifyCssLiterals(),
      fetchBeforeImport,
      // The shopper's widget only: its bytes are the budgeted ones (issue 19).
      ...(input === 'src/cdn/customer-hub-chat.ts' ? [manglePrivateNames()] : []),
      // esbuild only transpiles (its minify would run per module, before tree-shaking); terser minifies each chunk.
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', legalComments: 'none' }),
      terserChunks(),
    ],
  })),
  {
    // The no-server demo page: the element, msw and the mock in one bundle.
    input: 'demo/mock.ts',
    output: { file: 'dist/demo/mock.js', format: 'es', inlineDynamicImports: true },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      production,
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: true, legalComments: 'none' }),
    ],
  },
];
