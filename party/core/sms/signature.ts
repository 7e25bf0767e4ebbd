/**
 * Twilio's webhook signature (`X-Twilio-Signature`): base64 HMAC-SHA1, keyed with the
 * account's auth token, over the exact URL Twilio called followed by every POST
 * parameter sorted by name, name then value, with no separators.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
import { toBase64 } from '../crypto.js';
import { safeEqual } from '../env.js';

const encoder = new TextEncoder();

/** The string Twilio signs: the URL, then each parameter's name and value, by name. */
export function signedString(url: string, params: Iterable<[string, string]>): string {
  // Code-unit order, as Twilio's own libraries sort (`sort()` on the names).
  const sorted = [...params].sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  return url + sorted.map(([k, v]) => k + v).join('');
}

export async function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signedString(url, params)))));
}

/** Whether `header` is Twilio's signature of this request; compared in constant time. */
export async function verifyTwilio(authToken: string, url: string, params: Iterable<[string, string]>, header: string | null): Promise<boolean> {
  if (!header) return false;
  return safeEqual(await twilioSignature(authToken, url, params), header);
}

/**
 * The URL Twilio called: behind a proxy the request's own URL differs, so with
 * `publicUrl` (settings `sms.publicUrl`, an origin with an optional path prefix) it is
 * that followed by the path and query; else the request's URL as it came.
 */
export function calledUrl(requestUrl: string, publicUrl: string | undefined): string {
  if (!publicUrl) return requestUrl;
  const url = new URL(requestUrl);
  return publicUrl.replace(/\/+$/, '') + url.pathname + url.search;
}
