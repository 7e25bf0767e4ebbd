// Lays out what `wrangler dev` serves beside the API (dist/site/): the demo pages
// and the script-tag builds they load. Run after `npm run build`.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = join(root, 'dist/site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(join(root, 'demo'), site, { recursive: true, filter: (src) => !src.endsWith('.ts') });
if (existsSync(join(root, 'dist/cdn'))) cpSync(join(root, 'dist/cdn'), join(site, 'cdn'), { recursive: true });
if (existsSync(join(root, 'dist/demo/mock.js'))) {
  cpSync(join(root, 'dist/demo/mock.js'), join(site, 'mock.js'));
  cpSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js'), join(site, 'mockServiceWorker.js'));
}
console.log(`site: ${site}`);
