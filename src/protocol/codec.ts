/**
 * Decoding at the trust boundary: raw text in, a typed frame or a typed error out.
 * Nothing thrown here ever escapes (malformed JSON, prototype tricks, huge input).
 */
import {
  MAX_FRAME_BYTES,
  clientFrameSchema,
  configFrameSchema,
  feedFrameSchema,
  serverFrameSchema,
  shopperFrameSchema,
  type ClientFrame,
  type FeedFrame,
  type FrameErrorCode,
  type ServerFrame,
} from './frames.js';
import type { Schema } from './schema.js';

export interface DecodeError {
  code: Extract<FrameErrorCode, 'bad_frame' | 'too_large'>;
  message: string;
}
export type Decoded<T> = { ok: true; frame: T } | { ok: false; error: DecodeError };

// Pure: a bundle that never checks a frame's size (the widget's) drops it.
const encoder = /* @__PURE__ */ new TextEncoder();

/** Whether the UTF-8 form of `text` is over the frame limit. */
export function exceedsFrameLimit(text: string): boolean {
  // Every UTF-16 unit is at least one UTF-8 byte, so a long string needs no encoding.
  return text.length > MAX_FRAME_BYTES || encoder.encode(text).length > MAX_FRAME_BYTES;
}

function decode<T>(schema: Schema<T>, raw: unknown, limited = true): Decoded<T> {
  if (typeof raw !== 'string') return { ok: false, error: { code: 'bad_frame', message: 'Frames are JSON text.' } };
  if (limited && exceedsFrameLimit(raw)) {
    return { ok: false, error: { code: 'too_large', message: `A frame is at most ${MAX_FRAME_BYTES} bytes.` } };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: { code: 'bad_frame', message: 'The frame is not valid JSON.' } };
  }
  return validate(schema, json);
}

export function validate<T>(schema: Schema<T>, json: unknown): Decoded<T> {
  const r = schema.check(json, '');
  if (r.ok) return { ok: true, frame: r.value };
  return { ok: false, error: { code: r.issue.code, message: `${r.issue.path || 'frame'}: ${r.issue.message}` } };
}

export const decodeClientFrame = (raw: unknown): Decoded<ClientFrame> => decode(clientFrameSchema, raw);
/** Server frames come from the server and may carry a page of up to 100 messages: no frame-size limit. */
export const decodeServerFrame = (raw: unknown): Decoded<ServerFrame> => decode(serverFrameSchema, raw, false);
/** Shop feed frames come from the server only and carry a page of tickets: no frame-size limit. */
export const decodeFeedFrame = (raw: unknown): Decoded<FeedFrame> => decode(feedFrameSchema, raw, false);
/**
 * The shopper's side of the same (the widget's transport): a ticket socket's frames but the
 * agents' own, and of the shop feed only `config`. Anything else is dropped as invalid, as an
 * agents-only frame would be ignored anyway; the inbox keeps the full decoders above.
 */
export const decodeShopperFrame = (raw: unknown): Decoded<ServerFrame> => decode(shopperFrameSchema, raw, false);
export const decodeConfigFrame = (raw: unknown): Decoded<FeedFrame> => decode(configFrameSchema, raw, false);
