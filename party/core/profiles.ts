/**
 * Shopper profiles (R16): a summary and an event history per customer, fed by
 * Shopify webhooks (`orders/create`, `orders/updated`, `customers/create`,
 * `customers/update`). Shopify delivers at least once and a replay may carry a new
 * event id, so orders and customers are deduplicated by their own ids: a replay
 * changes nothing, and `orders/updated` replaces the order it names.
 */
import { E164 } from './settings.js';
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
  /** E.164, from the Shopify customer: SMS tickets of this number show this profile (R13). */
  phone?: string;
  customerSince?: string;
  orderCount: number;
  totalSpent: string;
  currency?: string;
  events: ProfileEvent[];
}

export const MAX_EVENTS = 100;
export const WEBHOOK_TOPICS = ['orders/create', 'orders/updated', 'customers/create', 'customers/update'] as const;

/** What an applied order counted, so a replay adds nothing and an update replaces it. */
interface OrderRecord {
  customerId: string;
  total: number;
  event: ProfileEvent;
}

const str = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v ? v.slice(0, max) : undefined);
const idOf = (v: unknown): string | undefined => (typeof v === 'number' || (typeof v === 'string' && v) ? String(v).slice(0, 128) : undefined);

function nameOf(c: Record<string, unknown>): string | undefined {
  const name = [str(c.first_name), str(c.last_name)].filter(Boolean).join(' ');
  return name || undefined;
}

const key = (id: string) => `profile:${id}`;
const phoneKey = (phone: string) => `phone:${phone}`;
/** A Shopify phone (`+1 514-555-0123`) in E.164, or undefined. */
const e164 = (v: unknown): string | undefined => {
  const phone = typeof v === 'string' ? v.replace(/[\s().-]/g, '') : '';
  return E164.test(phone) ? phone : undefined;
};

/** The profile whose Shopify customer has this phone number, or null. */
export async function profileByPhone(storage: KVStorage, phone: string): Promise<Profile | null> {
  const id = await storage.get<string>(phoneKey(phone));
  return id ? readProfile(storage, id) : null;
}
const orderKey = (id: string) => `order:${id}`;
/** The `updated_at` of the last `customers/*` payload applied to a customer. */
const customerStampKey = (id: string) => `customer-stamp:${id}`;
const money = (v: unknown): number => {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
};

export async function readProfile(storage: KVStorage, id: string): Promise<Profile | null> {
  return (await storage.get<Profile>(key(id))) ?? null;
}

/** What one payload did: the customer it touched, and whether anything changed. */
export interface WebhookEffect {
  customerId: string;
  changed: boolean;
}

/** Applies one webhook payload; null when it named no customer. */
export async function applyWebhook(storage: KVStorage, topic: string, payload: Record<string, unknown>): Promise<WebhookEffect | null> {
  const isOrder = topic === 'orders/create' || topic === 'orders/updated';
  const customer = (isOrder ? payload.customer : payload) as Record<string, unknown> | undefined;
  const id = customer && typeof customer === 'object' ? idOf(customer.id) : undefined;
  if (!id) return null;
  const profile: Profile = (await readProfile(storage, id)) ?? { id, orderCount: 0, totalSpent: '0.00', events: [] };
  const before = JSON.stringify(profile);
  const name = nameOf(customer!);
  if (name) profile.name = name;
  const email = str(customer!.email, 320);
  if (email) profile.email = email;
  const phone = e164(customer!.phone);
  if (phone) profile.phone = phone;
  const since = str(customer!.created_at, 40);
  if (since) profile.customerSince ??= since;
  const writes: Record<string, unknown> = {};
  if (isOrder) applyOrder(profile, topic, payload, await orderOf(storage, payload), writes);
  else await applyCustomer(storage, profile, topic, customer!, writes);
  profile.events = profile.events.slice(0, MAX_EVENTS);
  if (JSON.stringify(profile) === before) return { customerId: id, changed: false };
  writes[key(id)] = profile;
  if (profile.phone) writes[phoneKey(profile.phone)] = id;
  await storage.put(writes);
  return { customerId: id, changed: true };
}

async function orderOf(storage: KVStorage, payload: Record<string, unknown>): Promise<{ id: string | undefined; record: OrderRecord | null }> {
  const id = idOf(payload.id);
  return { id, record: id ? ((await storage.get<OrderRecord>(orderKey(id))) ?? null) : null };
}

/**
 * An order counts once, by its id: `orders/create` of a known order is a replay;
 * `orders/updated` replaces what the order counted (its total and its event).
 */
function applyOrder(
  profile: Profile,
  topic: string,
  payload: Record<string, unknown>,
  order: { id: string | undefined; record: OrderRecord | null },
  writes: Record<string, unknown>,
): void {
  const { record } = order;
  if (record && (topic === 'orders/create' || record.customerId !== profile.id)) return;
  const total = money(payload.total_price);
  const currency = str(payload.currency, 8);
  if (currency) profile.currency = currency;
  const label = str(payload.name, 50) ?? `#${idOf(payload.order_number) ?? order.id ?? '?'}`;
  const event: ProfileEvent = {
    type: 'order_placed',
    at: str(payload.created_at, 40) ?? record?.event.at ?? new Date().toISOString(),
    summary: `Order ${label}: ${payload.total_price ?? '0'} ${currency ?? ''}`.trim(),
  };
  if (record) {
    profile.totalSpent = (Number(profile.totalSpent) - record.total + total).toFixed(2);
    const at = profile.events.findIndex((e) => e.type === record.event.type && e.at === record.event.at && e.summary === record.event.summary);
    if (at === -1) profile.events.unshift(event);
    else profile.events[at] = event;
  } else {
    profile.orderCount += 1;
    profile.totalSpent = (Number(profile.totalSpent) + total).toFixed(2);
    profile.events.unshift(event);
  }
  if (order.id) writes[orderKey(order.id)] = { customerId: profile.id, total, event } satisfies OrderRecord;
}

/**
 * `customers/create` adds its event once per customer; `customers/update` once per
 * `updated_at` (a replay carries the same stamp; an older one arrives late and is dropped).
 */
async function applyCustomer(storage: KVStorage, profile: Profile, topic: string, customer: Record<string, unknown>, writes: Record<string, unknown>): Promise<void> {
  const stamp = str(customer.updated_at, 40);
  if (topic === 'customers/update') {
    const last = await storage.get<string>(customerStampKey(profile.id));
    if (stamp && last && stamp <= last) return;
    if (stamp) writes[customerStampKey(profile.id)] = stamp;
    const count = Number(customer.orders_count);
    if (Number.isSafeInteger(count) && count >= 0) profile.orderCount = Math.max(profile.orderCount, count);
    profile.events.unshift({ type: 'customer_updated', at: stamp ?? new Date().toISOString(), summary: 'Updated their account' });
    return;
  }
  if (profile.events.some((e) => e.type === 'customer_created')) return;
  profile.events.unshift({ type: 'customer_created', at: stamp ?? new Date().toISOString(), summary: 'Created an account' });
}
