/**
 * The server's end of a WebSocket to the in-memory backend, accepted as the Worker
 * accepts one: a ticket socket (`/parties/ticket/{id}`) or a shop feed
 * (`/parties/main/{shop}`), gated before any room code runs. The msw mock and the
 * memory transport both connect through it, so they cannot drift apart.
 */
import type { ServerFrame } from '../../src/protocol/index.js';
import { gateFeed, gateSocket, refuse, type RefusedPeer, type SocketRefusal } from '../http/socket-gate.js';
import { decodeSegment } from '../http/target.js';
import type { MemoryBackend } from './memory-backend.js';

/** The page's end, as the server sees it. */
export type SocketPeer = RefusedPeer;

/** What the page's socket drives: frames it sent, and its going away. */
export interface AcceptedSocket {
  receive(raw: unknown): void;
  close(): void;
}

type Live = { receive(raw: unknown): void; close(): void };

/**
 * Accepts a socket at `url` from a page at `pageOrigin`. A refused socket gets one
 * `error` frame and its close code (4000, 4001, 4003), as from the Worker. Frames that
 * arrive while admission is awaited are kept, in order.
 */
export function acceptSocket(backend: MemoryBackend, url: URL, pageOrigin: string | null, peer: SocketPeer): AcceptedSocket {
  const early: unknown[] = [];
  let live: Live | null = null;
  let closed = false;
  void admit(backend, url, pageOrigin, (text) => !closed && peer.send(text)).then((admitted) => {
    if ('ok' in admitted) return refuse(peer, admitted);
    if (closed) return admitted.close();
    live = admitted;
    early.splice(0).forEach((raw) => admitted.receive(raw));
  });
  return {
    receive: (raw) => (live ? live.receive(raw) : early.push(raw)),
    close: () => {
      closed = true;
      live?.close();
    },
  };
}

/** The room or feed a socket joins, or why it may not. */
async function admit(backend: MemoryBackend, url: URL, pageOrigin: string | null, send: (text: string) => void): Promise<SocketRefusal | Live> {
  const [, party, room] = url.pathname.split('/').filter(Boolean);
  const name = decodeSegment(room ?? '');
  if (name === null) return { ok: false, close: 4003, code: 'not_found', message: 'No such room.' };
  if (party !== 'ticket' && party !== 'main') return { ok: false, close: 4003, code: 'not_found', message: 'No such party.' };
  if (party === 'ticket') {
    const gate = await gateSocket(url, pageOrigin, name, backend.env, backend.now());
    if (!gate.ok) return gate;
    const connection = await backend.connect(name, gate.claims, (frame: ServerFrame) => send(JSON.stringify(frame)));
    // The room keeps frames in arrival order itself.
    return 'ok' in connection ? connection : { receive: (raw) => void connection.receive(raw), close: () => connection.close() };
  }
  const gate = await gateFeed(url, name, backend.env, backend.now());
  if (!gate.ok) return gate;
  const lang = new URL(url).searchParams.get('lang');
  const unsubscribe = await backend.subscribe(gate.claims, (frame) => send(JSON.stringify(frame)), lang);
  return { receive: () => undefined, close: unsubscribe };
}
