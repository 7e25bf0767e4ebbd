/**
 * Shopify webhook payloads in Shopify's own REST shapes (issue 18), trimmed to what the
 * order status reads, for the server, browser and end-to-end tests alike (no Node imports).
 */

/** An order as `orders/create`, `orders/updated` and `orders/fulfilled` send it; `extra` overrides any field. */
export function shopifyOrder(id: number, number: number, customerId: number | string, createdAt: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${number}`,
    order_number: number,
    email: `c${customerId}@example.com`,
    created_at: createdAt,
    updated_at: createdAt,
    cancelled_at: null,
    currency: 'EUR',
    financial_status: 'paid',
    fulfillment_status: null,
    total_price: '45.00',
    order_status_url: `https://demo.myshopify.com/7001/orders/abc${id}/authenticate?key=k${id}`,
    customer: { id: customerId, email: `c${customerId}@example.com`, first_name: 'Ada', last_name: 'Lovelace' },
    line_items: [
      { id: id * 10, title: 'Linen shirt', name: 'Linen shirt - M', quantity: 2, price: '20.00' },
      { id: id * 10 + 1, title: 'Cap', name: 'Cap', quantity: 1, price: '5.00' },
    ],
    fulfillments: [],
    ...extra,
  };
}

/** A fulfillment as `orders/fulfilled` lists it and `fulfillments/create|update` send it; tracked by UPS unless `extra` says otherwise. */
export function shopifyFulfillment(id: number, orderId: number, updatedAt: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    order_id: orderId,
    status: 'success',
    created_at: updatedAt,
    updated_at: updatedAt,
    service: 'manual',
    tracking_company: 'UPS',
    tracking_number: `1Z${id}`,
    tracking_numbers: [`1Z${id}`],
    tracking_url: `https://www.ups.com/track?tracknum=1Z${id}`,
    tracking_urls: [`https://www.ups.com/track?tracknum=1Z${id}`],
    shipment_status: null,
    line_items: [],
    ...extra,
  };
}

/** The tracking fields of a fulfillment whose link is `url`. */
export const trackedAt = (number: string, url: string) => ({ tracking_number: number, tracking_numbers: [number], tracking_url: url, tracking_urls: [url] });
