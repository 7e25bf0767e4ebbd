/**
 * The admin's side of `customers/data_request` (privacy.ts): the recorded requests, and
 * one request's export (profile, orders and conversations of that customer, as the shop
 * holds them when asked). Admin tokens only: the export is the customer's personal data.
 */
import { fail, json } from './response.js';
import type { ShopRoute } from './shop-routes.js';
import { decodeSegment } from './target.js';

export const PRIVACY_ROUTES: readonly ShopRoute[] = [
  {
    method: 'GET',
    path: 'privacy/data-requests',
    role: 'admin',
    handle: async ({ shop }) => json(200, { requests: await shop.privacy.dataRequests() }, { 'Cache-Control': 'no-store' }),
  },
  {
    method: 'GET',
    path: 'privacy/data-requests/:id',
    role: 'admin',
    handle: async ({ shop, params }) => {
      const id = decodeSegment(params[0]!);
      if (id === null) return fail(400, 'bad_request', 'The path has malformed percent-encoding.');
      const found = await shop.privacy.dataExport(id);
      return found ? json(200, found, { 'Cache-Control': 'no-store' }) : fail(404, 'not_found', 'No such data request.');
    },
  },
];
