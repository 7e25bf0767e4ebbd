/**
 * What the inbox's profile panel shows beside a ticket (R16, issue 17 "The profile"):
 * the customer's Shopify profile, their other conversations and their orders with
 * where each stands. Read by the ticket's own customer (id, or the same e-mail), so
 * no request can name anyone else's; a ticket without a profile answers an empty
 * one, never a 404 (the console stays clean on every open).
 */
import { REDACTED_CUSTOMER_ID } from './privacy-ticket.js';
import type { Ticket } from '../../src/protocol/index.js';
import { orderLabel, orderState, type OrderState } from './orders/order-reply.js';
import { ordersOf } from './orders/order-store.js';
import { readProfile, type Profile } from './profiles.js';
import type { KVStorage } from './storage.js';
import type { TicketIndex } from './ticket-index.js';

/** How many of the customer's other tickets the panel lists (the newest). */
export const MAX_PAST_TICKETS = 20;
/** How many ticket ids are read to find them: a bound on the work of one request. */
const MAX_SCANNED = 200;
export const MAX_PROFILE_ORDERS = 10;

export interface ProfileOrder {
  id: string;
  name: string;
  status: OrderState;
  createdAt: string | null;
  total: string | null;
  currency: string | null;
  statusUrl: string | null;
}

export interface CustomerView {
  profile: Profile | null;
  /** The customer's other tickets, newest first. */
  tickets: Ticket[];
  orders: ProfileOrder[];
}

const EMPTY: CustomerView = { profile: null, tickets: [], orders: [] };

/** The view for a ticket, or null when the shop has no such ticket. */
export async function customerView(deps: { storage: KVStorage; index: TicketIndex }, ticketId: string): Promise<CustomerView | null> {
  const ticket = await deps.index.get(ticketId);
  if (!ticket) return null;
  const customer = ticket.customer;
  // Redacted tickets all carry one id: they are no one's past conversations (privacy).
  if (!customer || customer.id.startsWith('anon:') || customer.id === REDACTED_CUSTOMER_ID) return EMPTY;
  const ids = (await deps.index.idsOf({ id: customer.id, ...(customer.email ? { email: customer.email } : {}) })).filter((id) => id !== ticketId).slice(0, MAX_SCANNED);
  const found = await Promise.all(ids.map((id) => deps.index.get(id)));
  const tickets = found
    .filter((t): t is Ticket => t !== null)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, MAX_PAST_TICKETS);
  const [profile, orders] = await Promise.all([readProfile(deps.storage, customer.id), ordersOf(deps.storage, customer.id, MAX_PROFILE_ORDERS)]);
  return {
    profile,
    tickets,
    orders: orders.map((o) => ({
      id: o.id,
      name: orderLabel(o),
      status: orderState(o),
      createdAt: o.createdAt ?? null,
      total: o.total ?? null,
      currency: o.currency ?? null,
      statusUrl: o.statusUrl ?? null,
    })),
  };
}
