/** Starts the msw mock once per test file: the real partykit transport then talks to it. */
import { setupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import { createMockServer, type MockServer } from '../../server-mock/handlers.js';
import type { MemoryBackend } from '../../party/memory/memory-backend.js';
import { DEV_SHOP } from '../../party/core/seed.js';
import type { Settings } from '../../party/core/settings.js';

export const MOCK_ORIGIN = 'http://localhost:1999';

export async function startMockServer(backend?: MemoryBackend): Promise<MockServer & { use(...handlers: RequestHandler[]): void; stop(): void }> {
  const mock = createMockServer({ origin: MOCK_ORIGIN, ...(backend ? { backend } : {}) });
  const worker = setupWorker(...mock.handlers);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  // `use` adds a test's own fake of a provider (its API answered in the page, as msw does).
  return { ...mock, use: (...handlers) => worker.use(...handlers), stop: () => worker.stop() };
}

/**
 * Resolves when `check` holds (polling every 10 ms); rejects after `timeoutMs`. The default
 * is generous (mocha's limit is 20 s): on two busy cores a lazy chunk's first transform, a
 * msw round trip or a GC pause can take seconds, and a wait that passes only on a quiet
 * machine is a flaky test. It costs nothing when the check holds.
 */
export const WAIT_MS = 15_000;
export async function until(check: () => boolean, what = 'condition', timeoutMs = WAIT_MS): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export type Mock = Awaited<ReturnType<typeof startMockServer>>;

/** The dev shop behind the mock, for one test file: its settings as they were before any test. */
export type MockShop = {
  readonly mock: Mock;
  readonly original: Settings;
  /** Saves the original settings as `change` edits them (throws if the shop refuses them). */
  saveSettings(change: (s: Settings) => void): Promise<void>;
};

/**
 * Starts the msw mock (over `backend`, the dev one otherwise) for the test file that calls it (at its top level); after each test
 * the dev shop's settings are put back and the page's storage cleared, so tests stay apart.
 */
export function useMockShop(backend?: MemoryBackend): MockShop {
  let mock: Mock | undefined;
  let original: Settings | undefined;
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useMockShop: the mock starts in `before`');
    return v;
  };
  before(async () => {
    mock = await startMockServer(backend);
    original = structuredClone(await (await mock.backend.shop(DEV_SHOP)).settings());
  });
  after(() => mock?.stop());
  afterEach(async () => {
    await (await ready(mock).backend.shop(DEV_SHOP)).saveSettings(structuredClone(ready(original)));
    localStorage.clear();
  });
  return {
    get mock() {
      return ready(mock);
    },
    get original() {
      return ready(original);
    },
    async saveSettings(change) {
      const next = structuredClone(ready(original));
      change(next);
      const r = await (await ready(mock).backend.shop(DEV_SHOP)).saveSettings(next);
      if (!r.ok) throw new Error(r.message);
    },
  };
}
