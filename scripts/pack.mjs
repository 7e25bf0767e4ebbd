// `npm pack` as a publish would, into .tmp/pack/, and the tarball unpacked where the
// examples resolve `customer-hub-chat` (examples/node_modules/customer-hub-chat): the
// examples and the packaging checks use the shipped files, never the source tree.
// Their other dependencies (react, vue, vite, lit) come from the project's node_modules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
export const PACK_DIR = join(ROOT, '.tmp/pack');
export const INSTALLED = join(ROOT, 'examples/node_modules/customer-hub-chat');

export function pack() {
  rmSync(PACK_DIR, { recursive: true, force: true });
  mkdirSync(PACK_DIR, { recursive: true });
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', PACK_DIR], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const tarball = join(PACK_DIR, filename);
  rmSync(INSTALLED, { recursive: true, force: true });
  mkdirSync(INSTALLED, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', INSTALLED, '--strip-components=1']);
  return tarball;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(pack());
