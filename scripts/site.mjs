// Lays out what `wrangler dev` serves beside the API (dist/site/): the demo pages
// and the script-tag builds they load. Run after `npm run build`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandDemoPage } from './demo-pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = join(root, 'dist/site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(join(root, 'demo'), site, { recursive: true, filter: (src) => !src.endsWith('.ts') });
for (const page of readdirSync(site).filter((f) => f.endsWith('.html'))) {
  writeFileSync(join(site, page), expandDemoPage(readFileSync(join(site, page), 'utf8')));
}
if (existsSync(join(root, 'dist/cdn'))) cpSync(join(root, 'dist/cdn'), join(site, 'cdn'), { recursive: true });
if (existsSync(join(root, 'dist/demo/mock.js'))) {
  cpSync(join(root, 'dist/demo/mock.js'), join(site, 'mock.js'));
  cpSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js'), join(site, 'mockServiceWorker.js'));
}
// Workers static assets read `_headers` from the assets folder (Cloudflare's format).
// Stores load the script-tag builds from this origin as module scripts, which are
// fetched in CORS mode: without `Access-Control-Allow-Origin` every store is blocked.
// Chunk names carry a content hash, so they never change: cached for a year. The entry
// files keep their names across releases: a short cache, so a fix reaches stores soon.
// No two rules below match one path, so no header is joined from two rules.
const ENTRY = 'public, max-age=300, stale-while-revalidate=86400';
const headers = `/cdn/customer-hub-chat.js
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  Cache-Control: ${ENTRY}
/cdn/customer-hub-inbox.js
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  Cache-Control: ${ENTRY}
/cdn/chunks/*
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  Cache-Control: public, max-age=31536000, immutable
`;
writeFileSync(join(site, '_headers'), headers);
console.log(`site: ${site}`);
