/**
 * Shopify's mandatory privacy webhooks, and `app/uninstalled`, in the shop room:
 * - `customers/data_request`: recorded; the admin fetches the customer's profile, orders
 *   and conversations, assembled when asked (`GET privacy/data-requests/{id}`);
 * - `customers/redact`: the profile, orders and budgets deleted, every ticket of the
 *   customer redacted in its room (privacy-ticket.ts);
 * - `shop/redact`: every ticket room erased, then the shop's own storage and its place
 *   in the registry (the adapter's `wipe`);
 * - `app/uninstalled`: the chat turned off (the widget's config says `enabled: false`).
 * Each is idempotent: run again, it finds nothing left to change and answers the same.
 */
import type { Ticket } from '../../src/protocol/index.js';
import { orderStatusOf, type StoredOrder } from './orders/order-store.js';
import { readProfile, type Profile } from './profiles.js';
import { REDACTED_CUSTOMER_ID, type DataSubject, type RedactedTicket, type TicketExport } from './privacy-ticket.js';
import type { KVStorage } from './storage.js';
import type { TicketIndex } from './ticket-index.js';

export const PRIVACY_TOPICS = ['customers/data_request', 'customers/redact', 'shop/redact', 'app/uninstalled'] as const;
export type PrivacyTopic = (typeof PRIVACY_TOPICS)[number];
export const isPrivacyTopic = (topic: string): topic is PrivacyTopic => (PRIVACY_TOPICS as readonly string[]).includes(topic);

/** How the shop reaches its ticket rooms for privacy requests. */
export interface PrivacyTickets {
  redact(id: string, who: DataSubject): Promise<RedactedTicket | null>;
  exportData(id: string): Promise<TicketExport | null>;
  erase(id: string): Promise<void>;
}

export interface PrivacyDeps {
  storage: KVStorage;
  index: TicketIndex;
  tickets: PrivacyTickets;
  now(): number;
  /** The index takes a redacted ticket (the shop's `ticketChanged`). */
  indexed(ticket: Ticket, revision: number): Promise<unknown>;
  /** `app/uninstalled`: saves the settings with the chat off (pushed to open widgets, R12). */
  disable(): Promise<void>;
  /** `shop/redact`, once every ticket room is erased: the shop's own storage, index and registry entry. */
  wipe(): Promise<void>;
  /** Runs `task` in the customer's queue, so that no chat of theirs starts halfway through a redaction. */
  forCustomer<T>(customerId: string, task: () => Promise<T>): Promise<T>;
}

/** A `customers/data_request` as recorded for the admin. */
export interface DataRequest {
  id: string;
  customer: DataSubject;
  ordersRequested: string[];
  receivedAt: string;
}

/** What the admin is handed for a data request. */
export interface DataExport {
  request: DataRequest;
  profile: Profile | null;
  orders: unknown[];
  /** The orders' statuses and shipments kept for "where is my order" (issue 18). */
  orderStatuses: StoredOrder[];
  tickets: TicketExport[];
}

export type PrivacyOutcome = 'applied' | 'duplicate' | 'ignored';

const idOf = (v: unknown): string | undefined => (typeof v === 'number' || (typeof v === 'string' && v) ? String(v).slice(0, 128) : undefined);
const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

/** The customer a request names: Shopify sends `customer {id, email, phone}`. */
export function subjectOf(payload: Record<string, unknown>): DataSubject | null {
  const c = payload.customer;
  if (!c || typeof c !== 'object') return null;
  const raw = c as Record<string, unknown>;
  const who: DataSubject = {};
  const id = idOf(raw.id);
  const email = text(raw.email, 320);
  const phone = text(raw.phone, 40);
  if (id) who.id = id;
  if (email) who.email = email;
  if (phone) who.phone = phone;
  return who.id || who.email ? who : null;
}

const requestKey = (id: string) => `dr:${id}`;
/** Rooms erased or redacted a few at a time: each is an RPC. */
const PARALLEL = 20;

export class ShopPrivacy {
  constructor(private readonly deps: PrivacyDeps) {}

  /** A verified privacy webhook (the HMAC and the shop header were checked by the route). */
  async handle(topic: PrivacyTopic, payload: Record<string, unknown>, eventId: string | null): Promise<PrivacyOutcome> {
    switch (topic) {
      case 'app/uninstalled':
        await this.deps.storage.put('uninstalled', this.deps.now());
        await this.deps.disable();
        return 'applied';
      case 'shop/redact':
        await this.eraseShop();
        return 'applied';
      case 'customers/redact': {
        const who = subjectOf(payload);
        if (!who) return 'ignored';
        const orders = Array.isArray(payload.orders_to_redact) ? payload.orders_to_redact.map(idOf).filter((x): x is string => !!x) : [];
        const redact = () => this.redactCustomer(who, orders);
        await (who.id ? this.deps.forCustomer(who.id, redact) : redact());
        return 'applied';
      }
      case 'customers/data_request': {
        const who = subjectOf(payload);
        if (!who) return 'ignored';
        const id = idOf((payload.data_request as Record<string, unknown> | undefined)?.id) ?? eventId ?? String(this.deps.now());
        if (await this.deps.storage.get(requestKey(id))) return 'duplicate';
        const ordersRequested = Array.isArray(payload.orders_requested) ? payload.orders_requested.map(idOf).filter((x): x is string => !!x) : [];
        const request: DataRequest = { id, customer: who, ordersRequested: ordersRequested.slice(0, 1000), receivedAt: new Date(this.deps.now()).toISOString() };
        await this.deps.storage.put(requestKey(id), request);
        return 'applied';
      }
    }
  }

  /** The recorded data requests, oldest first. */
  async dataRequests(): Promise<DataRequest[]> {
    return [...(await this.deps.storage.list<DataRequest>({ prefix: 'dr:' })).values()];
  }

  /** One request's export, assembled from what the shop holds now (nothing, once the customer was redacted). */
  async dataExport(id: string): Promise<DataExport | null> {
    const request = await this.deps.storage.get<DataRequest>(requestKey(id));
    if (!request) return null;
    const who = request.customer;
    const profile = who.id ? await readProfile(this.deps.storage, who.id) : null;
    const orders = await this.ordersOf(who.id, request.ordersRequested);
    const statuses = await orderStatusOf(this.deps.storage, who.id, request.ordersRequested);
    const tickets: TicketExport[] = [];
    for (const ticketId of await this.ticketIdsOf({ ...who, ...(profile?.email && !who.email ? { email: profile.email } : {}) })) {
      const found = await this.deps.tickets.exportData(ticketId);
      if (found) tickets.push(found);
    }
    return { request, profile, orders: [...orders.values()], orderStatuses: [...statuses.records.values()], tickets };
  }

  private async redactCustomer(who: DataSubject, ordersToRedact: string[]): Promise<void> {
    const profile = who.id ? await readProfile(this.deps.storage, who.id) : null;
    const subject: DataSubject = { ...who };
    if (profile?.name) subject.name = profile.name;
    if (profile?.email && !subject.email) subject.email = profile.email;
    // The customer ids their chats were started under (a headless storefront's may differ from Shopify's).
    const subs = new Set(who.id ? [who.id] : []);
    const ids = await this.ticketIdsOf(subject);
    await inBatches(ids, async (id) => {
      const before = await this.deps.index.get(id);
      const redacted = await this.deps.tickets.redact(id, subject);
      if (before?.customer && before.customer.id !== REDACTED_CUSTOMER_ID) subs.add(before.customer.id);
      // The search forgets what the customer and the team wrote (issue 17) before the index takes the redacted ticket.
      // Through its last message: a push of older texts still on its way never brings them back (r2 finding 1).
      if (redacted) await this.deps.index.forgetTexts(id, redacted.lastSeq);
      if (redacted) await this.deps.indexed(redacted.ticket, redacted.revision);
    });
    const doomed: string[] = [];
    for (const sub of subs) {
      doomed.push(`profile:${sub}`, `customer-stamp:${sub}`, `active:${sub}`, `cs:c:${sub}`, `ub:${sub}`);
      doomed.push(...(await this.deps.storage.list({ prefix: `chat:${sub}:` })).keys());
    }
    doomed.push(...(await this.ordersOf(who.id, ordersToRedact)).keys());
    const statuses = await orderStatusOf(this.deps.storage, who.id, ordersToRedact);
    doomed.push(...statuses.records.keys(), ...(statuses.listKey ? [statuses.listKey] : []));
    for (const [key, request] of await this.deps.storage.list<DataRequest>({ prefix: 'dr:' })) {
      if ((who.id && request.customer.id === who.id) || (subject.email && request.customer.email?.toLowerCase() === subject.email.toLowerCase())) doomed.push(key);
    }
    for (const key of doomed) await this.deps.storage.delete(key);
  }

  private async eraseShop(): Promise<void> {
    const ids = new Set(await this.deps.index.allIds());
    // A chat whose room was created but not yet indexed (a crash between the two) has a pointer.
    for (const prefix of ['active:', 'chat:']) for (const id of (await this.deps.storage.list<string>({ prefix })).values()) ids.add(id);
    await inBatches([...ids], (id) => this.deps.tickets.erase(id));
    await this.deps.wipe();
  }

  /** Ticket ids of the subject: the index by customer id or e-mail, and the pointers kept by customer id. */
  private async ticketIdsOf(who: DataSubject): Promise<string[]> {
    const ids = new Set(await this.deps.index.idsOf(who));
    if (who.id) {
      const active = await this.deps.storage.get<string>(`active:${who.id}`);
      if (active) ids.add(active);
      for (const id of (await this.deps.storage.list<string>({ prefix: `chat:${who.id}:` })).values()) ids.add(id);
    }
    return [...ids];
  }

  /** The order records of a customer, and those named (`orders_requested`, `orders_to_redact`), by key. */
  private async ordersOf(customerId: string | undefined, named: string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    const names = new Set(named.map((id) => `order:${id}`));
    let startAfter: string | undefined;
    for (;;) {
      const page = await this.deps.storage.list<{ customerId?: string }>({ prefix: 'order:', limit: 500, ...(startAfter ? { startAfter } : {}) });
      for (const [key, order] of page) if (names.has(key) || (customerId && order.customerId === customerId)) found.set(key, order);
      if (page.size < 500) return found;
      startAfter = [...page.keys()].at(-1);
    }
  }
}

async function inBatches(ids: string[], task: (id: string) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += PARALLEL) await Promise.all(ids.slice(i, i + PARALLEL).map(task));
}
