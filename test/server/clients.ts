/** ChatClients in Node against the real server: a shopper, and an agent over the same client core. */
import WS from 'ws';
import { ChatClient } from '../../src/client/chat-client.js';
import { PartykitTransport } from '../../src/transports/partykit.js';
import type { ChatTransport } from '../../src/transports/types.js';
import type { Ticket } from '../../src/protocol/index.js';
import { MapStorage } from '../unit/support.js';
import { PAGE_ORIGIN, SHOP } from './harness.js';

/** Node's `ws` with the page's Origin header, as a browser would send it. */
export function originWebSocket(origin: string | null) {
  return class extends WS {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, origin ? { origin } : {});
    }
  };
}

const pageFetch: typeof fetch = (url, init = {}) =>
  fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: PAGE_ORIGIN } });

const fast = { minDelay: 30, maxDelay: 300 };

export function shopperClient(host: string, customerId: string, storage = new MapStorage()): ChatClient {
  const transport = new PartykitTransport({
    host,
    shop: SHOP,
    devCustomer: { id: customerId, name: `Shopper ${customerId}` },
    WebSocket: originWebSocket(PAGE_ORIGIN),
    fetch: pageFetch,
    reconnect: fast,
  });
  return new ChatClient({ transport, storage, storageKey: `shopper-${customerId}` });
}

/** An agent on the same delivery core: a transport with the agent token that "restores" the ticket. */
export function agentClient(host: string, token: string, ticket: Ticket): ChatClient {
  const inner = new PartykitTransport({ host, shop: SHOP, token, WebSocket: originWebSocket(null), reconnect: fast });
  const transport: ChatTransport = {
    getConfig: (signal) => inner.getConfig(signal),
    getSession: async () => ({ token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), customer: { id: 'agent-dev' } }),
    startChat: () => Promise.reject(new Error('agents do not start chats')),
    getActiveChat: async () => ({ ticket }),
    connect: (id, handlers) => inner.connect(id, handlers),
  };
  return new ChatClient({ transport, storage: new MapStorage(), storageKey: 'agent' });
}
