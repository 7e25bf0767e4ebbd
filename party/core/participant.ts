/**
 * A live connection to a ticket room as the core sees it, and the `error` frames the
 * room answers it with (a refused `send` names its `clientId`, so the client can mark
 * that one message failed).
 */
import { MAX_FRAME_BYTES, type FrameErrorCode, type ServerFrame } from '../../src/protocol/index.js';

/** One live connection to the room. */
export interface Participant {
  /** The connection's id: the same socket may be wrapped in a new object per frame. */
  id: string;
  role: 'shopper' | 'agent';
  userId: string;
  name?: string;
  send(frame: ServerFrame): void;
  /** The same frame already serialised: a broadcast stringifies once, not once per socket (issue 19). */
  sendText?(json: string): void;
}

/** Sends one frame to each of `peers`, serialised once for those that take text. */
export function sendAll(peers: Iterable<Participant>, frame: ServerFrame): void {
  let json: string | undefined;
  for (const peer of peers) {
    if (peer.sendText) peer.sendText((json ??= JSON.stringify(frame)));
    else peer.send(frame);
  }
}

export function errorFrame(code: FrameErrorCode, message: string, clientId?: string): ServerFrame {
  return clientId ? { type: 'error', code, message, clientId } : { type: 'error', code, message };
}

/** How far into an oversized frame a `clientId` is looked for: clients write it before the body. */
const CLIENT_ID_SCAN_CHARS = 1024;
const SEND_CLIENT_ID = /^\{\s*"type"\s*:\s*"send"\s*,\s*"clientId"\s*:\s*"([^"\\]{1,128})"/;

/**
 * The `clientId` of a `send` that failed to decode, when it carried one. A frame within
 * the size limit is parsed; a larger one is only scanned at its start, at a bounded cost.
 */
export function refusedClientId(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (raw.length > MAX_FRAME_BYTES) return SEND_CLIENT_ID.exec(raw.slice(0, CLIENT_ID_SCAN_CHARS))?.[1];
  try {
    const json: unknown = JSON.parse(raw);
    if (!json || typeof json !== 'object') return undefined;
    const { type, clientId } = json as Record<string, unknown>;
    return type === 'send' && typeof clientId === 'string' && clientId.length >= 1 && clientId.length <= 128 ? clientId : undefined;
  } catch {
    return undefined;
  }
}
