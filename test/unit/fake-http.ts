/**
 * A provider faked on loopback for the node tests (webhook receivers, helpdesks, an
 * OpenAI-compatible API): a real HTTP server on 127.0.0.1 and a random port that reads
 * each request whole and lets the test answer it.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';

/** One request as the fake received it. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeHttp {
  /** `http://127.0.0.1:{port}`, no trailing slash. */
  readonly base: string;
  close(): void;
}

export async function startFakeHttp(answer: (request: Received, res: ServerResponse) => void): Promise<FakeHttp> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => answer({ path: req.url ?? '', headers: req.headers, body }, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => (server.closeAllConnections(), server.close()),
  };
}
