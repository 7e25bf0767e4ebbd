/**
 * Request bodies, read with a byte counter (DESIGN §5): each route's limit, and a
 * reader that stops as soon as a body passes it, so no body is ever buffered whole.
 */
import { fail } from './response.js';
import { parseTarget } from './target.js';

export const MAX_JSON_BYTES = 64 * 1024;

/** The app's one webhook address (its `shopify.app.toml`): every shop's webhooks, forwarded by the Worker. */
export const APP_WEBHOOKS_PATH = '/shopify/webhooks';

/** Largest Shopify webhook body read. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** How much of a refused body is read and dropped (see `readBody`) before the connection is cut. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * Reads a body with a byte counter and stops as soon as it passes `limit`: the rest is
 * never buffered, with or without a Content-Length. Returns null when it is too large.
 * By default the rest is cancelled; with `discard` it is read and dropped in the
 * background (up to 64 MiB), handed to `discard` (a Worker's `waitUntil`) so the refusal
 * can go out at once: cutting the body short makes `wrangler dev`'s proxy turn the
 * answer into a 503.
 */
export async function readBody(request: Pick<Request, 'body' | 'headers'>, limit: number, discard?: (rest: Promise<void>) => void): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const refuse = (seen: number): null => {
    if (discard) discard(drain(reader, seen));
    else void reader.cancel().catch(() => undefined);
    return null;
  };
  if (Number(request.headers.get('Content-Length') ?? 0) > limit) return refuse(0);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) return refuse(total);
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number): Promise<void> {
  try {
    for (let total = seen; total <= MAX_DISCARD_BYTES; ) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drop.
  }
}

/** How many body bytes a route may send; the Worker refuses more before any room sees it. */
export function bodyLimit(pathname: string): number {
  if (pathname === APP_WEBHOOKS_PATH) return MAX_WEBHOOK_BYTES;
  if (isUpload(pathname)) return MAX_UPLOAD_BODY_BYTES;
  const target = parseTarget(new URL(pathname, 'http://x'));
  if (target?.party === 'main' && target.rest[0] === 'webhooks') return MAX_WEBHOOK_BYTES;
  return MAX_JSON_BYTES;
}

/** A ticket's upload route (`POST ticket/{id}/uploads`). */
export function isUpload(pathname: string): boolean {
  const target = parseTarget(new URL(pathname, 'http://x'));
  return target?.party === 'ticket' && target.rest[0] === 'uploads';
}

/** An upload's body: the image (at most 5 MB, checked exactly by the upload route) and some slack. */
const MAX_UPLOAD_BODY_BYTES = 5 * 1024 * 1024 + 64 * 1024;

/** A JSON body within `MAX_JSON_BYTES` (an empty one reads as `{}`), or the answer refusing it. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const bytes = await readBody(request, MAX_JSON_BYTES);
  if (!bytes) return { ok: false, response: fail(413, 'too_large', 'The body is too large.') };
  const text = new TextDecoder().decode(bytes);
  try {
    return { ok: true, value: text ? JSON.parse(text) : {} };
  } catch {
    return { ok: false, response: fail(400, 'bad_request', 'The body is not valid JSON.') };
  }
}
