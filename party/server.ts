/**
 * The Worker's main module (`wrangler.jsonc` `main`, DESIGN §1, §5–8): one Worker
 * routing `/parties/{party}/{room}` to SQLite-backed Durable Objects, `Main` (a shop),
 * `Ticket` (a ticket) and `ShopRegistry`. The bindings and migrations name these
 * classes, so they are exported from here; each lives in its own file.
 */
export { default } from './worker.js';
export { Main } from './main.js';
export { Ticket } from './ticket.js';
export { ShopRegistry } from './shop-registry.js';
export type { Env } from './worker-env.js';
