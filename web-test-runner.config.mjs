// Browser tests in real Chromium (DESIGN §9): TypeScript through esbuild, msw's
// service worker served from `/`, the system browser found by scripts/chrome.mjs.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { readFileSync } from 'node:fs';
import { CHROME_ARGS, findChrome } from './scripts/chrome.mjs';

const mswWorker = readFileSync(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8');

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 240000,
  // Every file starts as a first visit: the files run one after another on one origin, and
  // what one left in storage (a gate hint, a session) must not decide another's result.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script>localStorage.clear(); sessionStorage.clear();</script><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: './tsconfig.json',
      define: { 'process.env.NODE_ENV': '"development"' },
    }),
  ],
  middleware: [
    (ctx, next) => {
      if (ctx.path === '/mockServiceWorker.js') {
        ctx.type = 'application/javascript';
        ctx.set('Service-Worker-Allowed', '/');
        ctx.body = mswWorker;
        return undefined;
      }
      return next();
    },
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), args: CHROME_ARGS } })],
};
