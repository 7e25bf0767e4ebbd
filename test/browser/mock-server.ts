/** Starts the msw mock once per test file: the real partykit transport then talks to it. */
import { setupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import { createMockServer, type MockServer } from '../../server-mock/handlers.js';
import type { MemoryBackend } from '../../party/memory/memory-backend.js';

export const MOCK_ORIGIN = 'http://localhost:1999';

export async function startMockServer(backend?: MemoryBackend): Promise<MockServer & { use(...handlers: RequestHandler[]): void; stop(): void }> {
  const mock = createMockServer({ origin: MOCK_ORIGIN, ...(backend ? { backend } : {}) });
  const worker = setupWorker(...mock.handlers);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  // `use` adds a test's own fake of a provider (its API answered in the page, as msw does).
  return { ...mock, use: (...handlers) => worker.use(...handlers), stop: () => worker.stop() };
}

/** Resolves when `check` holds (polling a frame at a time); rejects after `timeoutMs`. */
export async function until(check: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
