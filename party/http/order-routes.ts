/**
 * `GET orders` (issue 18): the logged-in shopper's own orders, for the widget's "Track
 * my order" with or without the AI agent. The gate has verified a shopper session of a
 * logged-in customer; the orders are read by that token's customer id only, so no query
 * parameter can name anyone else's.
 */
import type { Shop } from '../core/shop.js';
import { describeOrder, orderChoice, orderLabel, orderReply, orderState, type Lang } from '../core/orders/order-reply.js';
import { json } from './response.js';
import type { Claims } from '../core/auth.js';

/** How many orders the route answers (the newest). */
export const MAX_LISTED_ORDERS = 10;

export async function listOrders({ shop, request, claims }: { shop: Shop; request: Request; claims(): Promise<Claims> }): Promise<Response> {
  const { sub } = await claims();
  const lang: Lang = new URL(request.url).searchParams.get('lang')?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const orders = (await shop.ordersOf(sub)).slice(0, MAX_LISTED_ORDERS);
  return json(
    200,
    {
      // What the chat would say: the one order, "which one?", or that there is none.
      text: orderReply(orders, lang).text,
      orders: orders.map((o) => ({
        id: o.id,
        name: orderLabel(o),
        label: orderChoice(o, lang).label,
        createdAt: o.createdAt ?? null,
        status: orderState(o),
        total: o.total ?? null,
        currency: o.currency ?? null,
        items: o.items,
        tracking: o.fulfillments.filter((f) => f.status !== 'cancelled').map(({ company, numbers, urls }) => ({ company: company ?? null, numbers, urls })),
        statusUrl: o.statusUrl ?? null,
        text: describeOrder(o, lang),
      })),
    },
    { 'Cache-Control': 'no-store' },
  );
}
