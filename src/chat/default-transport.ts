/** The element's default transport: the reference server named by its attributes. */
import { createPartykitTransport } from '../transports/partykit.js';
import type { ChatTransport } from '../transports/types.js';

export function defaultTransport(el: { host: string; shop: string; sessionUrl: string; identity: string }): ChatTransport {
  return createPartykitTransport({
    host: el.host || location.host,
    shop: el.shop,
    ...(el.sessionUrl ? { sessionUrl: el.sessionUrl } : {}),
    ...(el.identity ? { identity: () => el.identity || null } : {}),
  });
}
