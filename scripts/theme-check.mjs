// Shopify's theme-check over every theme app extension in shopify/extensions/ (issue 15),
// with its theme-app-extension rules (picked from each folder's shopify.extension.toml).
// Clean means no offense of any severity; each one is printed with its file and line.
import { readdirSync } from 'node:fs';
import { themeCheckRun } from '@shopify/theme-check-node';

const root = new URL('../shopify/extensions/', import.meta.url).pathname;
let offenses = 0;
for (const name of readdirSync(root)) {
  const run = await themeCheckRun(root + name, undefined, () => undefined);
  for (const o of run.offenses) console.log(`${o.uri.replace('file://', '')}:${(o.start?.line ?? 0) + 1} ${o.check}: ${o.message}`);
  console.log(`theme-check ${name}: ${run.offenses.length} offenses`);
  offenses += run.offenses.length;
}
process.exit(offenses ? 1 : 0);
