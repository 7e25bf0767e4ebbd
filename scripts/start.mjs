// `npm start` (DESIGN §9): builds, then runs the reference server with `wrangler dev`
// in dev mode: DEV_AUTH=1, the seeded shop demo.myshopify.com, agent key
// dev-agent-key (an admin), localhost origins allowed, state kept in .state/.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { wranglerEnv } from './wrangler-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '1999';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

execFileSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'scripts/site.mjs')], { cwd: root, stdio: 'inherit' });

const { DEMO_ENV } = await import('../party/core/seed.ts');
mkdirSync(join(root, '.state/config'), { recursive: true });
const args = ['dev', '--port', port, '--ip', '127.0.0.1', '--persist-to', join(root, '.state/wrangler'), '--show-interactive-dev-session=false'];
for (const [k, v] of Object.entries(DEMO_ENV)) args.push('--var', `${k}:${v}`);
const child = spawn(join(root, 'node_modules/.bin/wrangler'), args, {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: wranglerEnv(root),
});
let announced = false;
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready on/.test(String(chunk))) {
    announced = true;
    const base = `http://localhost:${port}`;
    console.log(`\nCustomer Hub Chat is running (dev mode, shop demo.myshopify.com):
  Storefront demo  ${base}/
  Team inbox       ${base}/inbox.html   (agent key: dev-agent-key)
  Server API       ${base}/parties/main/demo.myshopify.com/config
Stop with Ctrl+C.\n`);
  }
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
