/**
 * Shopper profiles (R16): a summary and an event history per customer, fed by
 * Shopify webhooks (`orders/create`, `customers/create`, `customers/update`).
 */
import type { KVStorage } from './storage.js';

export interface ProfileEvent {
  type: 'order_placed' | 'customer_created' | 'customer_updated';
  at: string;
  summary: string;
}

export interface Profile {
  id: string;
  name?: string;
  email?: string;
  customerSince?: string;
  orderCount: number;
  totalSpent: string;
  currency?: string;
  events: ProfileEvent[];
}

export const MAX_EVENTS = 100;
export const WEBHOOK_TOPICS = ['orders/create', 'customers/create', 'customers/update'] as const;

const str = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v ? v.slice(0, max) : undefined);
const idOf = (v: unknown): string | undefined => (typeof v === 'number' || (typeof v === 'string' && v) ? String(v).slice(0, 128) : undefined);

function nameOf(c: Record<string, unknown>): string | undefined {
  const name = [str(c.first_name), str(c.last_name)].filter(Boolean).join(' ');
  return name || undefined;
}

const key = (id: string) => `profile:${id}`;

export async function readProfile(storage: KVStorage, id: string): Promise<Profile | null> {
  return (await storage.get<Profile>(key(id))) ?? null;
}

/** Applies one webhook payload; returns the customer id it touched, or null when it had none. */
export async function applyWebhook(storage: KVStorage, topic: string, payload: Record<string, unknown>): Promise<string | null> {
  const customer = (topic === 'orders/create' ? payload.customer : payload) as Record<string, unknown> | undefined;
  const id = customer && typeof customer === 'object' ? idOf(customer.id) : undefined;
  if (!id) return null;
  const profile: Profile = (await readProfile(storage, id)) ?? { id, orderCount: 0, totalSpent: '0.00', events: [] };
  const name = nameOf(customer!);
  if (name) profile.name = name;
  const email = str(customer!.email, 320);
  if (email) profile.email = email;
  const since = str(customer!.created_at, 40);
  if (since) profile.customerSince ??= since;
  const now = new Date().toISOString();
  if (topic === 'orders/create') {
    const total = Number(payload.total_price ?? 0);
    profile.orderCount += 1;
    profile.totalSpent = (Number(profile.totalSpent) + (Number.isFinite(total) ? total : 0)).toFixed(2);
    const currency = str(payload.currency, 8);
    if (currency) profile.currency = currency;
    const label = str(payload.name, 50) ?? `#${idOf(payload.order_number) ?? idOf(payload.id) ?? '?'}`;
    profile.events.unshift({ type: 'order_placed', at: str(payload.created_at, 40) ?? now, summary: `Order ${label}: ${payload.total_price ?? '0'} ${currency ?? ''}`.trim() });
  } else {
    if (topic === 'customers/update') {
      const count = Number(customer!.orders_count);
      if (Number.isSafeInteger(count) && count >= 0) profile.orderCount = Math.max(profile.orderCount, count);
    }
    profile.events.unshift({
      type: topic === 'customers/create' ? 'customer_created' : 'customer_updated',
      at: str(customer!.updated_at, 40) ?? now,
      summary: topic === 'customers/create' ? 'Created an account' : 'Updated their account',
    });
  }
  profile.events = profile.events.slice(0, MAX_EVENTS);
  await storage.put(key(id), profile);
  return id;
}
