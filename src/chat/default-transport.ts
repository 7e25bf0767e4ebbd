/** The element's default transport: the reference server named by its attributes, decoding a shopper's frames only. */
import { createShopperTransport } from '../transports/partykit.js';
import type { ChatTransport } from '../transports/types.js';

export function defaultTransport(el: { host: string; shop: string; sessionUrl: string; identity: string; lang: string }): ChatTransport {
  return createShopperTransport({
    host: el.host || location.host,
    shop: el.shop,
    // The merchant's content in the shopper's language (issue 17): the element's, else the page's.
    lang: () => el.lang || document.documentElement.lang,
    ...(el.sessionUrl ? { sessionUrl: el.sessionUrl } : {}),
    ...(el.identity ? { identity: () => el.identity || null } : {}),
  });
}
