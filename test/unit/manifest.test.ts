// custom-elements.json and the framework types made from it (issue 15 "Frameworks"): the
// committed files are what `npm run analyze` makes now (a stale one fails here), the
// manifest names the two public elements only, gives every event its class, and points at
// the shipped dist/esm/ files; the React wrappers map every event the elements fire.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Manifest {
  modules: Array<{
    path: string;
    declarations: Array<{ kind: string; name: string; tagName?: string; customElement?: boolean; events?: Array<{ name: string; type?: { text: string } }> }>;
    exports: Array<{ kind: string; name: string; declaration: { name: string; module?: string } }>;
  }>;
}
const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
const elements = manifest.modules.flatMap((m) => m.declarations.filter((d) => d.customElement));

/** The events a file registers in `GlobalEventHandlersEventMap`, with their classes. */
function registered(file: string): Map<string, string> {
  const block = /interface GlobalEventHandlersEventMap \{([^}]*)\}/.exec(read(file))![1]!;
  return new Map([...block.matchAll(/'([\w-]+)':\s*(\w+);/g)].map((m) => [m[1]!, m[2]!]));
}

describe('custom-elements.json', () => {
  it('is what `npm run analyze` makes from the source now, and so are the JSX, Vue and Solid types', () => {
    const out = '.tmp/cem-check';
    rmSync(join(ROOT, out), { recursive: true, force: true });
    execFileSync(join(ROOT, 'node_modules/.bin/cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', out], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, CEM_FRAMEWORKS_DIR: `${out}/frameworks` },
    });
    const stale = 'is stale: run `npm run analyze` (or `npm run build`) and commit it';
    assert.equal(read(`${out}/custom-elements.json`), read('custom-elements.json'), `custom-elements.json ${stale}`);
    for (const file of ['jsx-types.ts', 'vue-types.ts', 'solid-types.ts']) assert.equal(read(`${out}/frameworks/${file}`), read(`src/frameworks/${file}`), `src/frameworks/${file} ${stale}`);
  });

  it('lists the two public elements only', () => {
    assert.deepEqual(elements.map((e) => e.tagName).sort(), ['customer-hub-chat', 'customer-hub-inbox']);
    const defined = manifest.modules.flatMap((m) => m.exports.filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
    assert.deepEqual(defined.sort(), ['customer-hub-chat', 'customer-hub-inbox']);
  });

  it('points at the shipped modules, which the build made', () => {
    const paths = manifest.modules.flatMap((m) => [m.path, ...m.exports.map((e) => e.declaration.module).filter((p): p is string => !!p)]);
    for (const path of paths) {
      assert.match(path, /^dist\/esm\/src\/.+\.js$/, path);
      assert.ok(existsSync(join(ROOT, path)), `${path} (run npm run build first)`);
    }
  });

  for (const [tag, file] of [['customer-hub-chat', 'src/chat/events.ts'], ['customer-hub-inbox', 'src/inbox/events.ts']] as const) {
    it(`<${tag}>: every event it registers is in the manifest with its class, in the React wrapper and the JSX, Vue and Solid types`, () => {
      const events = elements.find((e) => e.tagName === tag)!.events ?? [];
      const expected = registered(file);
      assert.deepEqual(new Map(events.map((e) => [e.name, e.type?.text])), expected);
      const wrapper = read(tag === 'customer-hub-chat' ? 'src/react/chat.ts' : 'src/react/inbox.ts');
      for (const [name, type] of expected) {
        const prop = `on${name.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase())}`;
        assert.ok(wrapper.includes(`${prop}: '${name}' as EventName<${type}>`), `${prop} in the React wrapper`);
        assert.ok(read('src/frameworks/jsx-types.ts').includes(`"on${name}"?: (e: ${type}) => void;`), `on${name} in the JSX types`);
        assert.ok(read('src/frameworks/vue-types.ts').includes(`${prop}?: (e: ${type}) => void;`), `${prop} in the Vue types`);
        assert.ok(read('src/frameworks/solid-types.ts').includes(`"on:${name}"?: (e: ${type}) => void;`), `on:${name} in the Solid types`);
      }
    });
  }
});
