/**
 * A fake e-mail provider on loopback for the shopper e-mail tests (issue 17): Postmark's
 * `POST /email` with its `X-Postmark-Server-Token`, answering as the real API does, and
 * recording every accepted e-mail so tests can read who got what.
 */
import { createServer, type Server } from 'node:http';

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
