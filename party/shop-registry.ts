/**
 * The installed shops (issue 12): one small object, so that the Worker can tell an
 * installed shop from a made-up name without creating a `Main` room for it. Reachable
 * only by RPC: the Worker's hooks refuse its party.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from './worker-env.js';

export class ShopRegistry extends DurableObject<Env> {
  async has(shop: string): Promise<boolean> {
    return (await this.ctx.storage.get(`shop:${shop}`)) !== undefined;
  }

  async add(shop: string): Promise<void> {
    if ((await this.ctx.storage.get(`shop:${shop}`)) === undefined) await this.ctx.storage.put(`shop:${shop}`, Date.now());
  }

  /** `shop/redact`: the shop is no longer installed. */
  async remove(shop: string): Promise<void> {
    await this.ctx.storage.delete(`shop:${shop}`);
  }
}

/** The one registry object. */
export const registry = (env: Env): DurableObjectStub<ShopRegistry> => env.ShopRegistry.get(env.ShopRegistry.idFromName('shops'));
