/** playwright-core on the system Chromium, for end-to-end tests against the real server. */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { startServer, type RunningServer } from '../server/harness.js';

export const SCREENSHOTS = new URL('../screenshots/', import.meta.url).pathname;

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')) });
}

/** A page that records CSP violations, page errors and `alert` calls for the test to assert on. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page & { problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 820 }, ...options });
  await context.addInitScript(() => {
    const w = window as unknown as { __problems: string[] };
    w.__problems = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__problems.push(`csp: ${e.violatedDirective} ${e.blockedURI}`));
    window.alert = (msg?: unknown) => void w.__problems.push(`alert: ${String(msg)}`);
  });
  const page = (await context.newPage()) as Page & { problems: string[] };
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  return page;
}

export async function problems(page: Page & { problems: string[] }): Promise<string[]> {
  const inPage = await page.evaluate(() => (window as unknown as { __problems: string[] }).__problems);
  return [...page.problems, ...inPage];
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

export interface DemoStorefront {
  server: RunningServer;
  browser: Browser;
  /** The demo storefront's origin: localhost, not 127.0.0.1 (dev servers trust localhost origins, DESIGN §9). */
  base: string;
}

/** A suite's real server and Chromium for the demo storefront, started before its tests and stopped after them. */
export function useDemoStorefront(take: (demo: DemoStorefront) => void): void {
  let demo: Partial<DemoStorefront> = {};
  before(async () => {
    const server = await startServer();
    demo = { server, base: server.origin.replace('127.0.0.1', 'localhost'), browser: await launch() };
    take(demo as DemoStorefront);
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
}
