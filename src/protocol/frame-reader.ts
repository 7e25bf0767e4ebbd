/**
 * Reading a socket's frames where a bad one is only dropped (the transports): raw text in,
 * the typed frame or `undefined` out. `codec.ts`'s decoders also say why a frame is refused,
 * for the server and for outside callers; a transport never reads that reason, so the
 * widget ships none of it (issue 19). Not part of `customer-hub-chat/protocol.js`.
 */
import type { Schema } from './schema.js';

/**
 * The frame in `raw` if it is JSON text that `schema` accepts. No size limit: these come from
 * the server, whose catch-up and history pages carry up to 100 messages (the 16 KB limit is
 * on what a client sends).
 */
export function readFrame<T>(schema: Schema<T>, raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const r = schema.check(json, '');
  return r.ok ? r.value : undefined;
}
