/**
 * A fake e-mail provider on loopback for the shopper e-mail tests (issue 17): Postmark's
 * `POST /email` with its `X-Postmark-Server-Token`, answering as the real API does, and
 * recording every accepted e-mail so tests can read who got what; and the rig those
 * tests share (a real server pointed at it).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before } from 'node:test';
import { DEV_ENV } from '../../party/core/seed.js';
import { SHOP, agentToken, api, startServer, type Api, type RunningServer } from './harness.js';

export interface SentMail {
  To: string;
  Subject: string;
  TextBody: string;
  HtmlBody: string;
  From: string;
}

export interface FakeEmail {
  base: string;
  mails: SentMail[];
  close(): void;
}

export async function fakePostmark(token: string): Promise<FakeEmail> {
  const mails: SentMail[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/email') return void res.writeHead(404).end('{}');
      if (req.headers['x-postmark-server-token'] !== token) return void res.writeHead(401).end('{"ErrorCode":10,"Message":"Bad token"}');
      try {
        mails.push(JSON.parse(raw) as SentMail);
      } catch {
        return void res.writeHead(422).end('{"ErrorCode":402,"Message":"Invalid JSON"}');
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ErrorCode":0,"MessageID":"b7bc2f4a"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    mails,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Polls every 100 ms (bounded) until `check` holds. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The shop's e-mail settings through the fake (issue 17), with `extra` over them. */
export const emailThrough = (fake: FakeEmail, token: string, extra: Record<string, unknown> = {}) => ({
  enabled: true,
  provider: 'postmark',
  token,
  from: 'Shop <support@shop.example>',
  to: ['team@shop.example'],
  events: [],
  apiBaseUrl: fake.base,
  ...extra,
});

/**
 * One test file's real server (DEV_ENV and `vars`), admin token and fake Postmark
 * (answering `token`), with the two things the shopper e-mail tests do over and over.
 */
export function shopperEmailRig(token: string, vars: Record<string, string> = {}) {
  const rig = {} as { server: RunningServer; call: Api; admin: string; fake: FakeEmail };
  before(async () => {
    rig.server = await startServer({ vars: { ...(DEV_ENV as Record<string, string>), ...vars } });
    rig.call = api(rig.server);
    rig.admin = await agentToken(rig.call);
    rig.fake = await fakePostmark(token);
  });
  after(async () => {
    rig.fake?.close();
    await rig.server?.stop();
  });
  return {
    rig,
    /** Saves the e-mail settings (`extra` over them), after `change` edits the others. */
    async saveEmail(extra: Record<string, unknown> = {}, change: (settings: Record<string, any>) => void = () => undefined): Promise<void> {
      const settings = (await rig.call('GET', `main/${SHOP}/settings`, { token: rig.admin })).body;
      change(settings);
      settings.notifications = { ...settings.notifications, email: emailThrough(rig.fake, token, extra) };
      const r = await rig.call('PUT', `main/${SHOP}/settings`, { token: rig.admin, body: settings });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    },
    /** A logged-in shopper (with `email` on their account, or none) starts a chat; `extra` goes with it (`lang`, `context`). */
    async chatAs(id: string, email: string | undefined, body = 'Where is my parcel?', extra: Record<string, unknown> = {}) {
      const s = await rig.call('POST', `main/${SHOP}/session`, { body: { devCustomer: { id, name: 'Ada', ...(email ? { email } : {}) } } });
      const r = await rig.call('POST', `main/${SHOP}/chats`, { token: s.body.token, body: { clientId: crypto.randomUUID(), body, ...extra } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return { ticketId: r.body.ticket.id as string, ticketToken: r.body.ticketToken as string, message: r.body.message as { seq: number } };
    },
  };
}
