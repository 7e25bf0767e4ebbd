/**
 * Reading a socket's frames where a bad one is only dropped (the transports): raw text in,
 * the typed frame or `undefined` out. `codec.ts`'s decoders also say why a frame is refused,
 * for the server and for outside callers; a transport never reads that reason, so the
 * widget ships none of it (issue 19). Not part of `customer-hub-chat/protocol.js`.
 */
import { exceedsFrameLimit } from './codec.js';
import type { Schema } from './schema.js';

/** The frame in `raw` if it is JSON text within the frame limit (when `limited`) that `schema` accepts. */
export function readFrame<T>(schema: Schema<T>, raw: unknown, limited = true): T | undefined {
  if (typeof raw !== 'string' || (limited && exceedsFrameLimit(raw))) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const r = schema.check(json, '');
  return r.ok ? r.value : undefined;
}
