/**
 * The launcher's one look at a shop's public config before the chat loads (R2): the
 * two fields it reads, checked here at the boundary. Tiny on purpose: the first load
 * carries neither the partykit transport nor the protocol's schemas.
 */
import type { WidgetConfig } from '../protocol/frames.js';
import { shopBase } from './origin.js';

/** What decides whether the chat is offered to a visitor. */
export type GateConfig = Pick<WidgetConfig, 'enabled' | 'loginStatus'>;

/** Whether the chat is kept from anonymous visitors (`logged-in`) or from everyone (off). */
export const isGated = (config: GateConfig): boolean => !config.enabled || config.loginStatus === 'logged-in';

/** GETs the shop's public config; throws on an error answer or one that is not a config. */
export async function fetchGateConfig(host: string, shop: string): Promise<GateConfig> {
  const res = await fetch(`${shopBase(host, shop)}/config`);
  const { enabled, loginStatus } = ((await res.json()) ?? {}) as Record<string, unknown>;
  if (!res.ok || typeof enabled !== 'boolean' || (loginStatus !== 'all' && loginStatus !== 'logged-in')) throw new TypeError(); // not a widget config (the launcher only needs to know it failed)
  return { enabled, loginStatus };
}
