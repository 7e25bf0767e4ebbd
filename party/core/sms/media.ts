/**
 * An MMS's media (`MediaUrl{i}`, `MediaContentType{i}`): images are fetched with the
 * account's credentials into the ticket's uploads and shown; anything else, or an
 * image that cannot be fetched or stored, is listed as a `file` the inbox never opens.
 * The credentials go only to the Twilio API's own origin, never to a URL elsewhere.
 */
import type { Attachment } from '../../../src/protocol/index.js';
import { readBody } from '../../http/body.js';
import type { KVStorage } from '../storage.js';
import { MAX_UPLOAD_BYTES, storeReceivedImage } from '../uploads.js';
import { basicAuth } from './twilio.js';

export interface Medium {
  url: string;
  contentType: string;
}

export interface MediaContext {
  storage: KVStorage;
  ticketId: string;
  /** Whose credentials fetch the media; none, and every medium is listed as a file. */
  account: { accountSid: string; authToken: string; apiBaseUrl: string } | null;
  /** Where upload URLs point; without one no image can be stored. */
  publicOrigin: string | null;
  fetch: typeof fetch;
  now(): number;
  newId(): string;
}

const FETCH_TIMEOUT_MS = 15_000;

export async function receiveMedia(ctx: MediaContext, media: readonly Medium[]): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const m of media) {
    const image = m.contentType.startsWith('image/') && ctx.publicOrigin && ctx.account ? await fetchImage(ctx, ctx.account, m.url) : null;
    out.push(image ?? { type: 'file', url: m.url, contentType: m.contentType });
  }
  return out;
}

async function fetchImage(ctx: MediaContext, account: NonNullable<MediaContext['account']>, href: string): Promise<Attachment | null> {
  if (originOf(href) !== originOf(account.apiBaseUrl)) return null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    // Twilio answers with a redirect to its CDN: followed once, without the credentials.
    let r = await ctx.fetch(href, { headers: { Authorization: basicAuth(account) }, redirect: 'manual', signal: controller.signal });
    const location = r.status >= 300 && r.status < 400 ? r.headers.get('Location') : null;
    if (location) {
      await r.body?.cancel();
      const next = new URL(location, href);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') return null;
      r = await ctx.fetch(next, { redirect: 'manual', signal: controller.signal });
    }
    if (!r.ok) {
      await r.body?.cancel();
      return null;
    }
    const bytes = await readBody(r, MAX_UPLOAD_BYTES);
    return bytes ? await storeReceivedImage(ctx.storage, ctx.ticketId, ctx.publicOrigin!, ctx.newId(), bytes, ctx.now()) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function originOf(href: string): string | null {
  try {
    return new URL(href).origin;
  } catch {
    return null;
  }
}
