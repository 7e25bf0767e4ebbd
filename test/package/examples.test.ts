// The examples/ apps as an integrator runs them, from the packed tarball (issue 15
// "Frameworks"): built with Vite once, served from their own origin, driven in Chromium
// against the real reference server. In each, the chat opens, the shopper's first message
// creates a ticket, and an agent's reply reaches the app's event handler (React's
// `onCustomerHubMessage` prop, Vue's `@customer-hub-message`, `addEventListener`).
// `tsc` and `vue-tsc` over examples/ts-consumer accept correct use and reject wrong use.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { DEV_IDENTITY_SECRET } from '../../party/core/seed.js';
import { INSTALLED } from '../../scripts/pack.mjs';
import { launch, openPage, problems, shot } from '../e2e/browser.js';
import { Peer, SHOP, agentToken, api, startServer, type RunningServer } from '../server/harness.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLES = join(ROOT, 'examples');
const BUILT = join(ROOT, '.tmp/examples');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The folder each URL prefix is served from: the built apps, the plain page, the unpacked package. */
const MOUNTS: Record<string, string> = {
  react: join(BUILT, 'react'),
  vue: join(BUILT, 'vue'),
  plain: join(EXAMPLES, 'plain'),
  node_modules: join(EXAMPLES, 'node_modules'),
};

function staticServer(): Server {
  return createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const [, mount = '', ...rest] = path.split('/');
    const dir = MOUNTS[mount];
    try {
      if (!dir) throw new Error('no such mount');
      const body = await readFile(join(dir, rest.join('/') || 'index.html'));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

const identity = (customer: string) =>
  new SignJWT({ name: 'Ada Lovelace', email: `${customer}@example.com` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(customer)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(DEV_IDENTITY_SECRET));

/**
 * One set-up step, named in its error, tried a second time if it fails: a CI run once failed
 * here before any test ran, without saying which step. The first error is printed, not hidden.
 */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (first) {
    console.error(`examples set-up: "${name}" failed once, trying again:`, first);
    try {
      return await run();
    } catch (second) {
      throw new Error(`examples set-up: "${name}" failed twice`, { cause: second });
    }
  }
}

describe('examples/, from the packed tarball', () => {
  let server: RunningServer;
  let browser: Browser;
  let store: Server;
  let base: string;
  let chatHost: string;
  let typeCheck: Promise<{ stdout: string; failed?: true }>;
  let svelteCheck: Promise<{ good: string; bad: string }>;
  before(async () => {
    assert.ok(existsSync(join(INSTALLED, 'package.json')), 'run `node scripts/pack.mjs` first (npm test does, after the build)');
    // tsc is the slowest step: it runs while the apps build and the server starts.
    // Four programs: define-only.ts alone proves `define.js` types the events by itself;
    // Solid's JSX has its own settings; vue-tsc checks a Vue template against GlobalComponents.
    const tsc = (bin: string, project: string) =>
      promisify(execFile)(join(ROOT, 'node_modules/.bin', bin), ['-p', join(EXAMPLES, 'ts-consumer', project), '--listFiles'], { encoding: 'utf8' }).catch((e: { stdout: string }) => ({ stdout: e.stdout, failed: true as const }));
    typeCheck = Promise.all([tsc('tsc', 'tsconfig.json'), tsc('tsc', 'tsconfig.define-only.json'), tsc('tsc', 'tsconfig.solid.json'), tsc('vue-tsc', 'tsconfig.vue.json')]).then((all) => ({ stdout: all.map((r) => r.stdout).join('\n'), ...(all.some((r) => 'failed' in r) ? { failed: true as const } : {}) }));
    // svelte-check reads templates as Svelte 5's editor does; `bad/` must fail, line by line.
    const svelte = (dir: string) => {
      const workspace = join(EXAMPLES, 'ts-consumer/svelte', dir);
      const args = ['--workspace', workspace, '--tsconfig', join(workspace, 'tsconfig.json'), '--output', 'machine'];
      return promisify(execFile)(join(ROOT, 'node_modules/.bin/svelte-check'), args, { encoding: 'utf8' }).then((r) => r.stdout, (e: { stdout: string }) => e.stdout);
    };
    svelteCheck = typeCheck.then(async () => ({ good: await svelte('good'), bad: await svelte('bad') }));
    // Built once, one after the other (two cores); the reference server starts meanwhile.
    // `after` stops it even when a build below fails; its own failure is awaited after them.
    const starting = step('start the reference server', () => startServer()).then((s) => (server = s));
    starting.catch(() => {});
    for (const name of ['react', 'vue']) {
      await step(`vite build examples/${name}`, () => build({ root: join(EXAMPLES, name), configFile: join(EXAMPLES, name, 'vite.config.mjs'), build: { outDir: join(BUILT, name), emptyOutDir: true } }));
    }
    await starting;
    chatHost = new URL(server.origin).host;
    store = staticServer();
    await new Promise<void>((r) => store.listen(0, '127.0.0.1', r));
    // The store's own origin, another than the chat server's (a dev server trusts localhost pages).
    base = `http://localhost:${(store.address() as { port: number }).port}`;
    browser = await step('launch Chromium', launch);
  });
  after(async () => {
    await browser?.close();
    store?.close();
    await server?.stop();
  });

  it('tsc on a TypeScript consumer: correct use type-checks, wrong use is rejected, with no hand-written declaration', async () => {
    // Every `@ts-expect-error` line must fail to type-check, or tsc reports TS2578 and exits 1.
    const result = await typeCheck;
    assert.equal('failed' in result, false, result.stdout.split('\n').filter((l) => l.includes('error')).join('\n'));
    // It checked the package as installed from the tarball, not the source tree.
    for (const entry of ['react/index.d.ts', 'define.d.ts', 'vue.d.ts', 'solid.d.ts']) assert.ok(result.stdout.includes(`examples/node_modules/customer-hub-chat/dist/esm/src/${entry}`), entry);
    assert.ok(result.stdout.includes('Chat.vue'), 'vue-tsc read the component');
    assert.ok(!result.stdout.includes(`${ROOT}src/`), 'the source tree was read');
  });

  it('svelte-check on Svelte 5 templates: `customer-hub-chat/svelte` types the tags, attributes and events; wrong use is rejected', async () => {
    const { good, bad } = await svelteCheck;
    assert.match(good, /COMPLETED \d+ FILES 0 ERRORS/, good);
    // Without the types every attribute of an unknown tag is accepted: each line below is an error only with them.
    const errors = bad.split('\n').filter((l) => l.includes(' ERROR '));
    assert.deepEqual(errors.map((l) => l.match(/"Chat\.svelte" (\d+):/)?.[1]), ['6', '7', '8'], bad);
    assert.match(errors[0]!, /sideways/);
    assert.match(errors[1]!, /blue/);
    assert.match(errors[2]!, /Property 'ticket' does not exist on type 'CustomerHubMessageEvent'/);
  });

  it('the React build leaves out the inbox it does not use', () => {
    const assets = join(BUILT, 'react/assets');
    const code = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    assert.match(code, /customer-hub-chat/);
    assert.doesNotMatch(code, /customer-hub-inbox/);
  });

  for (const example of ['react', 'vue', 'plain'] as const) {
    it(`${example}: the chat opens, the first message creates a ticket, the agent's reply reaches the app's handler (R1, R6, R7)`, async () => {
      const page = await openPage(browser);
      const customer = `example-${example}-${Date.now()}`;
      const query = new URLSearchParams({ host: chatHost, shop: SHOP, identity: await identity(customer) });
      await page.goto(`${base}/${example}/index.html?${query}`);
      const events = page.getByRole('list', { name: 'Chat events' });
      // React opens it through its `ref` (the page's own Help button calls `show()`).
      if (example === 'react') await page.getByRole('button', { name: 'Help' }).click();
      else await page.locator('customer-hub-chat .launcher').click();
      await events.getByText('open', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Chat with us' }).last().click();
      const input = page.getByRole('textbox', { name: 'Write a message' });
      await input.fill(`Hello from the ${example} example`);
      await input.press('Enter');
      await events.getByText(/^ticket /).waitFor();

      const agent = await agentToken(api(server));
      const tickets = (await api(server)('GET', `main/${SHOP}/tickets?status=open`, { token: agent })).body.tickets;
      const ticket = tickets.find((t: { customer: { id: string } }) => t.customer.id === customer);
      assert.ok(ticket, 'the ticket is in the inbox');
      assert.equal(await events.getByText(`ticket ${ticket.id}`).count(), 1);
      const team = Peer.ticket(server, ticket.id, agent, { origin: null });
      await team.opened();
      team.send({ type: 'hello', lastSeq: 0 });
      team.send({ type: 'send', clientId: `reply-${example}`, body: `Hi from the team, ${example}` });
      await events.getByText(`message: Hi from the team, ${example}`).waitFor();
      team.close();
      await shot(page, `example-${example}`);
      assert.deepEqual(await problems(page), []);
      await page.context().close();
    });
  }
});
