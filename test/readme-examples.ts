/** Runs the README's TypeScript examples as they are written (imports mapped to the source). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

const ROOT = new URL('../', import.meta.url).pathname;

export function readmeBlocks(containing: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((code) => code.includes(containing));
}

/** Transpiles and imports one example in its own module; `replace` adapts hosts for the test. */
export async function runExample(code: string, replace: Array<[string, string]> = []): Promise<void> {
  await importExample(code, replace);
}

/** Like `runExample`, and gives back what the example exports. */
export async function importExample<T = Record<string, unknown>>(code: string, replace: Array<[string, string]> = []): Promise<T> {
  let source = code
    .replaceAll("from 'customer-hub-chat'", `from '${join(ROOT, 'src/index.ts')}'`)
    .replaceAll("from 'customer-hub-chat/testing.js'", `from '${join(ROOT, 'src/testing.ts')}'`);
  for (const [from, to] of replace) source = source.replaceAll(from, to);
  const { code: js } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
  const dir = mkdtempSync(join(ROOT, 'node_modules/.readme-'));
  const file = join(dir, 'example.mts');
  writeFileSync(file, js);
  return (await import(file)) as T;
}
