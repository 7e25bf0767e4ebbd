// How this project runs wrangler offline (TOOLCHAIN.md): no cf.json fetch, no metrics
// or error reports, no banner, and its config and logs under .state/ in the project.
import { join } from 'node:path';

export function wranglerEnv(root, base = process.env) {
  return {
    ...base,
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    XDG_CONFIG_HOME: join(root, '.state/config'),
  };
}
