/**
 * Which shops the server serves (issue 12). A shop is installed when the operator named
 * it (`SHOPS`, or an agent key's `shops`), when it is the dev shop of a dev server, or
 * once an admin saved its settings (kept in a registry the Worker asks). A request for
 * any other name is answered by the Worker, and no room or storage is created for it.
 */
import { agentKeys, isDev, safeEqual, type ServerEnv } from './env.js';
import { DEV_SHOP } from './seed.js';

/** Installed by configuration alone, with no storage read. */
export function configuredShop(shop: string, env: ServerEnv): boolean {
  if (isDev(env) && shop === DEV_SHOP) return true;
  if ((env.SHOPS ?? '').split(',').some((s) => s.trim() === shop)) return true;
  return agentKeys(env).some((k) => k.shops.includes(shop));
}

/**
 * What a shop that is not installed yet may still be asked, so that an admin can install
 * it: `agents/session` with an agent key for this shop or for every shop (checked here,
 * before the room exists), and `PUT settings` (whose admin token the gate verified).
 */
export async function mayInstall(request: Request, rest: string[], shop: string, env: ServerEnv): Promise<boolean> {
  const route = `${request.method} ${rest.join('/')}`;
  if (route === 'PUT settings') return true;
  return route === 'POST agents/session' && (await agentKeyOpens(request, shop, env));
}

/**
 * Whether the body of an `agents/session` request holds a key that opens `shop`. Every
 * key is compared, in constant time, whatever matched first: how long the check takes
 * says nothing about the keys.
 */
export async function agentKeyOpens(request: Request, shop: string, env: ServerEnv): Promise<boolean> {
  let agentKey: unknown;
  try {
    agentKey = ((await request.clone().json()) as { agentKey?: unknown } | null)?.agentKey;
  } catch {
    return false;
  }
  if (typeof agentKey !== 'string') return false;
  let opens = false;
  for (const k of agentKeys(env)) if (safeEqual(k.key, agentKey) && (k.shops.includes(shop) || k.shops.includes('*'))) opens = true;
  return opens;
}
