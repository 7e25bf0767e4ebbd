/**
 * The storefront demo with no server at all: msw serves every route and socket from
 * the page, over the reference server's own domain code. Any static file server works.
 */
import { setupWorker } from 'msw/browser';
import { createMockServer } from '../server-mock/handlers.js';
import '../src/define.js';
import { createPartykitTransport } from '../src/transports/partykit.js';

const { handlers, backend } = createMockServer({ origin: location.origin });
// For the console and the benchmarks: the in-page server's backend.
(globalThis as { customerHubMock?: unknown }).customerHubMock = backend;
await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: './mockServiceWorker.js' } });

const params = new URLSearchParams(location.search);
const loggedIn = localStorage.getItem('demo-logged-in') !== '0';
const chat = document.createElement('customer-hub-chat');
chat.shop = 'demo.myshopify.com';
chat.mode = params.get('mode') === 'inline' ? 'inline' : 'launcher';
// The demo's stand-in login page (a store's own is /account/login, the default).
chat.loginUrl = new URL('./login.html', location.href).href;
chat.transport = createPartykitTransport({
  host: location.host,
  shop: 'demo.myshopify.com',
  ...(loggedIn ? { devCustomer: { id: params.get('customer') ?? 'mock-ada', name: 'Ada Lovelace' } } : {}),
});
document.getElementById('launcher-slot')!.append(chat);
