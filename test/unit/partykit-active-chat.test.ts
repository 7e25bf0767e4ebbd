// The reference transport's answer to a first message when the shopper has an open chat
// already (409 `chat_active`, DESIGN §5): it rejects with that chat, and keeps the chat's
// ticket token, so the socket the client then opens to it carries that token (issue 13 #2).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartykitTransport } from '../../src/transports/partykit.js';
import { TransportError } from '../../src/transports/types.js';

/** A socket that only records the URL it was opened with. */
class RecordingSocket extends EventTarget {
  static urls: string[] = [];
  readyState = 0;
  constructor(url: string) {
    super();
    RecordingSocket.urls.push(url);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned JWT the transport reads the expiry of (the server verifies; here none). */
const token = (name: string) => `${base64url({ alg: 'none' })}.${base64url({ sub: name, exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;

const ticket = {
  id: 't-open',
  shop: 'demo.myshopify.com',
  channel: 'chat',
  status: 'open',
  customer: { id: 'c1' },
  handler: 'team',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  unread: 0,
};

describe('PartykitTransport: a first message while a chat is open', () => {
  it('rejects with chat_active and that chat, and its socket carries the chat’s token without asking the server again', async () => {
    const ticketToken = token('t-open');
    const asked: string[] = [];
    const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
      const path = new URL(String(url)).pathname;
      asked.push(`${init?.method} ${path}`);
      const json = (status: number, body: object) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
      if (path.endsWith('/session')) return json(200, { token: token('c1'), expiresAt: new Date(Date.now() + 3_600_000).toISOString(), customer: { id: 'c1' } });
      return json(409, { error: { code: 'chat_active', message: 'You have an open chat.' }, ticket, ticketToken });
    }) as typeof fetch;
    RecordingSocket.urls = [];
    const transport = new PartykitTransport({ host: 'http://127.0.0.1:1', shop: 'demo.myshopify.com', fetch: fakeFetch, WebSocket: RecordingSocket });
    const error = await transport
      .startChat({ clientId: 'm1', body: 'Hello' })
      .then(() => null, (err: unknown) => err);
    assert.ok(error instanceof TransportError);
    assert.equal(error.code, 'chat_active');
    assert.equal(error.activeChat?.ticket.id, 't-open');
    const connection = transport.connect('t-open', { frame: () => undefined, state: () => undefined });
    for (let i = 0; i < 50 && !RecordingSocket.urls.length; i++) await new Promise((r) => setTimeout(r, 5));
    connection.close();
    assert.equal(RecordingSocket.urls.length, 1);
    assert.equal(new URL(RecordingSocket.urls[0]!).searchParams.get('token'), ticketToken);
    assert.deepEqual(asked.filter((a) => a.includes('/chats')), ['POST /parties/main/demo.myshopify.com/chats']);
  });
});
