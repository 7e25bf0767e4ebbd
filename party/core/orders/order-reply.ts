/**
 * What the shopper is told about their orders, in English or French (issue 18): one
 * order's status, date, items, total and tracking link; a choice among several; a
 * request to log in. Used by the AI agent's turn and by the `GET orders` route, so the
 * chat and the widget's "Track my order" say the same thing.
 *
 * A number that is not among the shopper's own orders gets the same words whether it
 * is another customer's order or no order at all: nothing says that it exists.
 */
import type { Choice } from '../../../src/protocol/index.js';
import type { StoredOrder } from './order-store.js';

export type Lang = 'en' | 'fr';

export interface OrderReply {
  text: string;
  choices?: Choice[];
}

/** How many recent orders are offered as choices. */
export const MAX_CHOICES = 5;

const WORDS = {
  en: {
    login: 'Log in to your account and I can look up your orders.',
    none: "I can't find any order on your account.",
    guest: 'If you ordered as a guest or with another e-mail address, ask to talk to a person.',
    notFound: (n: string) => `I can't find an order #${n} on your account.`,
    pick: 'Which order is it about?',
    recent: (count: number) => `You have ${count} recent orders. Which one is it about?`,
    order: 'Order',
    placed: 'placed on',
    items: 'Items',
    total: 'Total',
    tracking: 'Tracking',
    details: 'Details',
    reply: (name: string) => `Order ${name}`,
    status: {
      cancelled: 'cancelled',
      delivered: 'delivered',
      out_for_delivery: 'out for delivery',
      in_transit: 'on its way',
      shipped: 'shipped',
      partial: 'partly shipped',
      preparing: 'being prepared',
      awaiting_payment: 'awaiting payment',
      refunded: 'refunded',
    },
  },
  fr: {
    login: 'Connectez-vous à votre compte et je pourrai retrouver vos commandes.',
    none: 'Je ne trouve aucune commande sur votre compte.',
    guest: 'Si vous avez commandé sans compte ou avec une autre adresse e-mail, demandez à parler à un conseiller.',
    notFound: (n: string) => `Je ne trouve pas de commande n° ${n} sur votre compte.`,
    pick: 'De quelle commande s’agit-il ?',
    recent: (count: number) => `Vous avez ${count} commandes récentes. De laquelle s’agit-il ?`,
    order: 'Commande',
    placed: 'passée le',
    items: 'Articles',
    total: 'Total',
    tracking: 'Suivi',
    details: 'Détails',
    reply: (name: string) => `Commande ${name}`,
    status: {
      cancelled: 'annulée',
      delivered: 'livrée',
      out_for_delivery: 'en cours de livraison',
      in_transit: 'en route',
      shipped: 'expédiée',
      partial: 'expédiée en partie',
      preparing: 'en préparation',
      awaiting_payment: 'en attente de paiement',
      refunded: 'remboursée',
    },
  },
} as const;

export type OrderState = keyof (typeof WORDS)['en']['status'];

/** Where the order stands, from its own fields and its fulfillments' carrier events. */
export function orderState(o: StoredOrder): OrderState {
  if (o.cancelledAt) return 'cancelled';
  if (o.financialStatus === 'refunded') return 'refunded';
  const shipped = o.fulfillments.filter((f) => f.status !== 'cancelled' && f.status !== 'failure' && f.status !== 'error');
  const events = shipped.map((f) => f.shipmentStatus);
  if (shipped.length && events.every((e) => e === 'delivered')) return 'delivered';
  if (events.includes('out_for_delivery')) return 'out_for_delivery';
  if (events.includes('in_transit')) return 'in_transit';
  if (o.fulfillmentStatus === 'partial') return 'partial';
  if (o.fulfillmentStatus === 'fulfilled' || shipped.length) return 'shipped';
  if (o.financialStatus === 'pending' || o.financialStatus === 'authorized') return 'awaiting_payment';
  return 'preparing';
}

export const orderLabel = (o: StoredOrder): string => o.name ?? `#${o.number ?? o.id}`;

function day(iso: string | undefined, lang: Lang, style: 'long' | 'short'): string {
  const at = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(at)) return '';
  const opts: Intl.DateTimeFormatOptions = style === 'long' ? { dateStyle: 'long', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', opts).format(at);
}

/** One order, told in full: status, date, items, total, tracking numbers and links. */
export function describeOrder(o: StoredOrder, lang: Lang): string {
  const w = WORDS[lang];
  const colon = lang === 'fr' ? ' :' : ':';
  const placed = day(o.createdAt, lang, 'long');
  const lines = [`${w.order} ${orderLabel(o)}${placed ? ` (${w.placed} ${placed})` : ''}${colon} ${w.status[orderState(o)]}.`];
  if (o.items.length) lines.push(`${w.items}${colon} ${o.items.map((i) => `${i.quantity} × ${i.title}`).join(', ')}`);
  if (o.total) lines.push(`${w.total}${colon} ${o.total} ${o.currency ?? ''}`.trim());
  for (const f of o.fulfillments) {
    if (f.status === 'cancelled' || (!f.numbers.length && !f.urls.length)) continue;
    const what = [f.company, ...f.numbers].filter(Boolean).join(' ');
    lines.push(`${w.tracking}${what ? ` (${what})` : ''}${colon} ${f.urls.join(' ') || f.numbers.join(', ')}`);
  }
  if (o.statusUrl) lines.push(`${w.details}${colon} ${o.statusUrl}`);
  return lines.join('\n');
}

/** A recent order as a button: its name and day; tapping it asks for that order. */
export function orderChoice(o: StoredOrder, lang: Lang): Choice {
  const when = day(o.createdAt, lang, 'short');
  return { label: `${orderLabel(o)}${when ? ` · ${when}` : ''}`, reply: WORDS[lang].reply(orderLabel(o)) };
}

/**
 * The answer to an order question. `orders` must be the asking shopper's own (null for
 * an anonymous visitor); `number` is what they typed, matched only against those.
 */
export function orderReply(orders: StoredOrder[] | null, lang: Lang, number?: string): OrderReply {
  const w = WORDS[lang];
  if (!orders) return { text: w.login };
  if (number) {
    const own = orders.find((o) => o.number === number || orderLabel(o).replace(/^#/, '') === number);
    if (own) return { text: describeOrder(own, lang) };
  }
  const choices = orders.slice(0, MAX_CHOICES).map((o) => orderChoice(o, lang));
  // No order at all: said once, with the way to a person (a stranger's review read it said twice).
  if (number) return orders.length ? { text: `${w.notFound(number)} ${w.pick}`, choices } : { text: `${w.notFound(number)} ${w.guest}` };
  if (!orders.length) return { text: `${w.none} ${w.guest}` };
  if (orders.length === 1) return { text: describeOrder(orders[0]!, lang) };
  return { text: w.recent(Math.min(orders.length, MAX_CHOICES)), choices };
}
