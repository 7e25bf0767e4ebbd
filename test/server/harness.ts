/**
 * Runs the real reference server (`wrangler dev` on workerd, durable storage on
 * disk) as a child process group, and talks to it as browsers and agents would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../src/protocol/index.js';
import { wranglerEnv } from '../../scripts/wrangler-env.mjs';
import { DEV_AGENT_KEY, DEV_ENV, DEV_SHOP } from '../../party/core/seed.js';

export const SHOP = DEV_SHOP;
export const PAGE_ORIGIN = 'http://localhost:5173';
const ROOT = new URL('../../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  port: number;
  persistDir: string;
  /** The port of wrangler's inspector (the Worker's isolate, for the bench's CPU profiles). */
  inspectorPort: number;
  /** Stops the whole process group (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  /** `kill -9` of the whole process group, mid-whatever. */
  crash(): void;
  /** Starts again on the same port and storage. */
  restart(): Promise<void>;
  /** What the server printed so far (stdout and stderr, at the harness's log level). */
  output(): string;
}

export async function startServer(opts: { vars?: Record<string, string>; persistDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const inspector = await freePort();
  const persistDir = opts.persistDir ?? mkdtempSync(join(tmpdir(), 'chc-server-'));
  const vars = opts.vars ?? (DEV_ENV as Record<string, string>);
  let child: ChildProcess | null = null;
  let log = '';

  const launch = async (): Promise<void> => {
    const args = ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistDir, '--inspector-port', String(inspector), '--show-interactive-dev-session=false', '--log-level', process.env.SERVER_LOG === '1' ? 'info' : 'warn'];
    for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
    child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), args, {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...wranglerEnv(ROOT), CI: 'true' },
    });
    const echo = process.env.SERVER_LOG === '1';
    // The last 4 MB only: a server flooding its output (the bench's 1,000 chats) must not end the runner with 'Invalid string length'.
    const keep = (d: Buffer) => ((log = (log + d).slice(-4_000_000)), echo && process.stderr.write(d));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/parties/main/${SHOP}/config`);
        if (r.status === 200 || r.status === 500) return;
      } catch {
        // not up yet
      }
      if (child.exitCode !== null) throw new Error(`wrangler exited early:\n${log}`);
      if (Date.now() > deadline) throw new Error(`wrangler did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const signal = (sig: NodeJS.Signals): void => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    }
  };

  const exited = (): Promise<void> =>
    new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });

  await launch();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    persistDir,
    inspectorPort: inspector,
    async stop() {
      signal('SIGTERM');
      const t = setTimeout(() => signal('SIGKILL'), 3000);
      await exited();
      clearTimeout(t);
      signal('SIGKILL'); // workerd children
    },
    crash() {
      signal('SIGKILL');
    },
    output: () => log,
    async restart() {
      await exited();
      await new Promise((r) => setTimeout(r, 200));
      await launch();
    },
  };
}

export interface Api {
  (method: string, path: string, init?: { body?: unknown; token?: string; origin?: string | null; headers?: Record<string, string> }): Promise<{
    status: number;
    body: any;
    headers: Headers;
  }>;
}

/** How `wrangler dev`'s proxy answers a non-GET request that met a restart of its Worker. */
const DEV_RESTART = 'Your worker restarted mid-request.';

/** JSON over HTTP to `/parties/...`, from `PAGE_ORIGIN` unless told otherwise. */
export function api(server: { origin: string }): Api {
  return async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.origin !== null) headers.Origin = init.origin ?? PAGE_ORIGIN;
    let r: Response;
    let text: string;
    for (let attempt = 0; ; attempt++) {
      // A request the server never answers fails its test within a minute, naming the route,
      // rather than holding the whole file until the runner's five-minute timeout.
      r = await fetch(`${server.origin}/parties/${path}`, {
        method,
        headers,
        signal: AbortSignal.timeout(60_000),
        ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
      }).catch((err: unknown) => {
        throw new Error(`${method} ${path}: no answer`, { cause: err });
      });
      text = await r.text();
      if (!(r.status === 503 && text.startsWith(DEV_RESTART)) || attempt === 3) break;
      // `wrangler dev` swapped its Worker while this request was on its way (seen once in CI's
      // `abuse.test.ts` sign-in burst: 12 of 25 answers): its proxy answers such a request with
      // this 503 instead of our Worker's answer, and retries only GET and HEAD itself. It is the
      // dev server's, never the product's (no such proxy in production): sent again.
      await new Promise((done) => setTimeout(done, 250));
    }
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: r.status, body, headers: r.headers };
  };
}

export async function shopperSession(call: Api, id: string, name = 'Ada') {
  const r = await call('POST', `main/${SHOP}/session`, { body: { devCustomer: { id, name } } });
  if (r.status !== 200) throw new Error(`session: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { token: string; customer: { id: string } };
}

export async function agentToken(call: Api, key = DEV_AGENT_KEY): Promise<string> {
  const r = await call('POST', `main/${SHOP}/agents/session`, { body: { agentKey: key } });
  if (r.status !== 200) throw new Error(`agent session: ${r.status}`);
  return r.body.token;
}

/** Logs a shopper in and starts a chat; returns the ticket and its token. */
export async function startChat(call: Api, customerId: string, body = 'Hello!') {
  const { token } = await shopperSession(call, customerId);
  const r = await call('POST', `main/${SHOP}/chats`, { token, body: { clientId: crypto.randomUUID(), body } });
  if (r.status !== 201) throw new Error(`chats: ${r.status} ${JSON.stringify(r.body)}`);
  return { sessionToken: token, ticket: r.body.ticket, ticketToken: r.body.ticketToken as string, message: r.body.message };
}

/** A shopper writes and an agent answers on the ticket's socket: one first reply (issue 17's reply time). */
export async function answeredChat(server: { origin: string }, agent: string, customerId: string, body = 'Where is my parcel?'): Promise<void> {
  const chat = await startChat(api(server), customerId, body);
  const team = Peer.ticket(server, chat.ticket.id, agent, { origin: null });
  await team.opened();
  team.send({ type: 'hello', lastSeq: 0 });
  team.send({ type: 'send', clientId: `reply-${customerId}`, body: 'Let me check.' });
  await team.until((p) => p.of('ack').length > 0, 'the reply acknowledged');
  team.close();
  // The shop learns of the reply from the ticket room's index push, which goes once the
  // reply is stored and sent (party/index-push.ts): wait until its list shows it.
  const end = Date.now() + 10_000;
  for (;;) {
    const r = await api(server)('GET', `main/${SHOP}/tickets?status=open&limit=100`, { token: agent });
    const row = (r.body.tickets as Array<{ id: string; lastMessage?: { author: { role: string } } }> | undefined)?.find((t) => t.id === chat.ticket.id);
    if (row?.lastMessage?.author.role === 'agent') return;
    if (Date.now() > end) throw new Error(`the shop's list never showed the reply to ${customerId}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls every 100 ms (bounded) until `check` holds. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A real 3×2 PNG. */
export const tinyPng = (): Uint8Array =>
  Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64'));

/** The shopper ends the chat over its socket (R8) and waits until it is closed. */
export async function endChat(server: RunningServer, ticketId: string, ticketToken: string): Promise<void> {
  const p = Peer.ticket(server, ticketId, ticketToken);
  await p.opened();
  p.send({ type: 'hello', lastSeq: 0 });
  p.send({ type: 'end' });
  await p.until((q) => q.of('ticket').some((f) => f.ticket.status === 'closed'), 'closed');
  p.close();
}

/** A raw WebSocket peer that records frames and closes. */
export class Peer {
  readonly frames: ServerFrame[] = [];
  closeCode: number | null = null;
  private ws: WebSocket;
  private waiters: Array<() => void> = [];

  constructor(url: string, origin: string | null = PAGE_ORIGIN) {
    this.ws = new WebSocket(url, origin ? { origin } : {});
    this.ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      this.notify();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
    this.ws.on('error', () => this.notify());
  }

  static ticket(server: { origin: string }, ticketId: string, token: string, opts: { origin?: string | null; v?: string } = {}): Peer {
    const url = `${server.origin.replace('http', 'ws')}/parties/ticket/${ticketId}?token=${encodeURIComponent(token)}&v=${opts.v ?? '1'}`;
    return new Peer(url, opts.origin === undefined ? PAGE_ORIGIN : opts.origin);
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) return resolve();
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  send(frame: ClientFrame | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  of<T extends ServerFrame['type']>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as never;
  }

  /** Waits until `check` holds over the frames received so far. */
  async until(check: (p: Peer) => boolean, what = 'frames', timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check(this)) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.slice(-5))} close=${this.closeCode}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  async closed(): Promise<number> {
    await this.until((p) => p.closeCode !== null, 'close');
    return this.closeCode!;
  }

  close(): void {
    this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
