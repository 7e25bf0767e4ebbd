/**
 * The shopper's orders as Shopify's webhooks describe them (issue 18): `orders/create`,
 * `orders/updated`, `orders/fulfilled`, `orders/cancelled` (order payloads) and
 * `fulfillments/create`, `fulfillments/update` (fulfillment payloads, which name only
 * the `order_id`). Kept per order and listed per customer, so a lookup only ever reads
 * the orders of the customer who asks: no order is found by its number shop-wide.
 *
 * Shopify delivers at least once and in any order: an order payload older than the
 * stored one (`updated_at`) changes nothing, and so does an older fulfillment.
 *
 * Storage: `ostatus:{orderId}` StoredOrder; `ostatus-of:{customerId}` its order ids, newest first.
 */
import type { KVStorage } from '../storage.js';

export interface StoredFulfillment {
  id: string;
  /** `pending`, `open`, `success`, `cancelled`, `error`, `failure`. */
  status?: string;
  /** `in_transit`, `out_for_delivery`, `delivered`, `failure`, ... (the carrier's last event). */
  shipmentStatus?: string;
  company?: string;
  numbers: string[];
  urls: string[];
  updatedAt?: string;
}

export interface StoredOrder {
  id: string;
  /** Only set by an order payload: a fulfillment that arrives first waits for it. */
  customerId?: string;
  /** As the shopper knows it, e.g. `#1001`. */
  name?: string;
  number?: string;
  createdAt?: string;
  updatedAt?: string;
  cancelledAt?: string;
  financialStatus?: string;
  /** `null` (unfulfilled), `partial`, `fulfilled`, `restocked`. */
  fulfillmentStatus?: string;
  total?: string;
  currency?: string;
  items: Array<{ title: string; quantity: number }>;
  fulfillments: StoredFulfillment[];
  /** Shopify's order status page for the customer. */
  statusUrl?: string;
}

export const ORDER_TOPICS = ['orders/create', 'orders/updated', 'orders/fulfilled', 'orders/cancelled', 'fulfillments/create', 'fulfillments/update'] as const;
/** How many orders a customer's list keeps (the newest). */
export const MAX_ORDERS_PER_CUSTOMER = 50;
const MAX_ITEMS = 20;
const MAX_FULFILLMENTS = 10;
const MAX_TRACKING = 5;

const orderKey = (id: string) => `ostatus:${id}`;
const listKey = (customerId: string) => `ostatus-of:${customerId}`;

const str = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v ? v.slice(0, max) : undefined);
const idOf = (v: unknown): string | undefined => (typeof v === 'number' || (typeof v === 'string' && v) ? String(v).slice(0, 128) : undefined);
/** Links from a provider are shown to shoppers: http(s) only. */
const link = (v: unknown): string | undefined => {
  const s = str(v, 2048);
  return s && /^https?:\/\/[^\s]+$/i.test(s) ? s : undefined;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const unique = (values: Array<string | undefined>): string[] => [...new Set(values.filter((x): x is string => !!x))].slice(0, MAX_TRACKING);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function fulfillmentOf(f: Record<string, unknown>): StoredFulfillment | null {
  const id = idOf(f.id);
  if (!id) return null;
  const out: StoredFulfillment = {
    id,
    numbers: unique([str(f.tracking_number, 100), ...list(f.tracking_numbers).map((n) => str(n, 100))]),
    urls: unique([link(f.tracking_url), ...list(f.tracking_urls).map(link)]),
  };
  const fields = { status: str(f.status, 40), shipmentStatus: str(f.shipment_status, 40), company: str(f.tracking_company, 100), updatedAt: str(f.updated_at, 40) };
  for (const [k, v] of Object.entries(fields)) if (v) (out as unknown as Record<string, string>)[k] = v;
  return out;
}

/** Replaces the fulfillment with the same id unless the stored one is newer. */
function mergeFulfillment(all: StoredFulfillment[], next: StoredFulfillment): StoredFulfillment[] {
  const at = all.findIndex((f) => f.id === next.id);
  if (at === -1) return [...all, next].slice(-MAX_FULFILLMENTS);
  const old = all[at]!;
  if (old.updatedAt && next.updatedAt && next.updatedAt < old.updatedAt) return all;
  return all.map((f, i) => (i === at ? next : f));
}

/**
 * What is stored of a customer's orders and of the orders named (`orders_requested`,
 * `orders_to_redact`), by storage key, for the privacy webhooks: the records, and the
 * customer's list of order ids (to delete with them).
 */
export async function orderStatusOf(storage: KVStorage, customerId: string | undefined, named: string[]): Promise<{ records: Map<string, StoredOrder>; listKey: string | null }> {
  const ids = new Set(named);
  const own = customerId ? await storage.get<string[]>(listKey(customerId)) : undefined;
  for (const id of own ?? []) ids.add(id);
  const records = new Map<string, StoredOrder>();
  for (const id of ids) {
    const order = await storage.get<StoredOrder>(orderKey(id));
    if (order) records.set(orderKey(id), order);
  }
  return { records, listKey: own && customerId ? listKey(customerId) : null };
}

/** Applies one verified webhook payload of an order topic: whether it changed anything; null when it named no order. */
export async function applyOrderWebhook(storage: KVStorage, topic: string, payload: Record<string, unknown>): Promise<boolean | null> {
  const isFulfillment = topic.startsWith('fulfillments/');
  const id = idOf(isFulfillment ? payload.order_id : payload.id);
  if (!id) return null;
  const stored = (await storage.get<StoredOrder>(orderKey(id))) ?? { id, items: [], fulfillments: [] };
  const before = JSON.stringify(stored);
  let next: StoredOrder;
  if (isFulfillment) {
    const f = fulfillmentOf(payload);
    if (!f) return false;
    next = { ...stored, fulfillments: mergeFulfillment(stored.fulfillments, f) };
  } else {
    const stamp = str(payload.updated_at, 40);
    if (stamp && stored.updatedAt && stamp < stored.updatedAt) return false;
    next = orderOf(id, payload, stored);
  }
  if (JSON.stringify(next) === before) return false;
  const writes: Record<string, unknown> = { [orderKey(id)]: next };
  if (next.customerId) {
    const ids = (await storage.get<string[]>(listKey(next.customerId))) ?? [];
    if (!ids.includes(id)) writes[listKey(next.customerId)] = [id, ...ids].slice(0, MAX_ORDERS_PER_CUSTOMER);
  }
  await storage.put(writes);
  return true;
}

/** An order payload over what was stored: the fulfillments it lists join those already known. */
function orderOf(id: string, p: Record<string, unknown>, stored: StoredOrder): StoredOrder {
  const customerId = idOf(obj(p.customer).id) ?? stored.customerId;
  const next: StoredOrder = {
    id,
    items: list(p.line_items)
      .map(obj)
      .map((li) => ({ title: str(li.name, 200) ?? str(li.title, 200) ?? '', quantity: Number.isSafeInteger(li.quantity) ? (li.quantity as number) : 1 }))
      .filter((li) => li.title)
      .slice(0, MAX_ITEMS),
    fulfillments: stored.fulfillments,
  };
  for (const f of list(p.fulfillments).map(obj)) {
    const parsed = fulfillmentOf(f);
    if (parsed) next.fulfillments = mergeFulfillment(next.fulfillments, parsed);
  }
  const fields: Partial<Record<keyof StoredOrder, string | undefined>> = {
    customerId,
    name: str(p.name, 50),
    number: idOf(p.order_number),
    createdAt: str(p.created_at, 40),
    updatedAt: str(p.updated_at, 40),
    cancelledAt: str(p.cancelled_at, 40),
    financialStatus: str(p.financial_status, 40),
    fulfillmentStatus: str(p.fulfillment_status, 40),
    total: str(p.total_price, 40),
    currency: str(p.currency, 8),
    statusUrl: link(p.order_status_url),
  };
  for (const [k, v] of Object.entries(fields)) if (v) (next as unknown as Record<string, string>)[k] = v;
  return next;
}

/** The customer's orders, newest first: only theirs, by their own list. */
export async function ordersOf(storage: KVStorage, customerId: string, limit = MAX_ORDERS_PER_CUSTOMER): Promise<StoredOrder[]> {
  const ids = ((await storage.get<string[]>(listKey(customerId))) ?? []).slice(0, limit);
  const found = await Promise.all(ids.map((id) => storage.get<StoredOrder>(orderKey(id))));
  return found
    .filter((o): o is StoredOrder => !!o && o.customerId === customerId)
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}
