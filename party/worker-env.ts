/**
 * The Worker's bindings: the server's variables and secrets, and the Durable Object
 * namespaces named in `wrangler.jsonc`.
 */
import type { ServerEnv } from './core/env.js';
import type { Main } from './main.js';
import type { ShopRegistry } from './shop-registry.js';
import type { Ticket } from './ticket.js';

export interface Env extends ServerEnv {
  Main: DurableObjectNamespace<Main>;
  Ticket: DurableObjectNamespace<Ticket>;
  ShopRegistry: DurableObjectNamespace<ShopRegistry>;
  ASSETS?: Fetcher;
}

/** Ids for messages, tickets and sessions; the rooms get it injected, as the in-memory backend gets its own. */
export const newId = (): string => crypto.randomUUID();
