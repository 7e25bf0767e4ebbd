/**
 * Twilio's two webhooks into a shop (README "SMS (Twilio)"): an incoming text
 * (`POST sms/twilio`) and a reply's status callback (`POST sms/twilio/status`). Both are
 * refused with 403 before anything is read into storage unless `X-Twilio-Signature`
 * is the account's signature of the URL Twilio called and every POST parameter.
 */
import { isTicketId } from '../core/ticket-id.js';
import { isForChannel, readInbound, readStatus, type SmsSettings } from '../core/sms/inbound.js';
import { calledUrl, verifyTwilio } from '../core/sms/signature.js';
import { uploadOrigin } from '../core/uploads.js';
import { readBody, MAX_JSON_BYTES } from './body.js';
import { CORS, fail } from './response.js';
import type { RouteCall } from './shop-routes.js';

/** What Twilio is told at once: no reply from here (the team answers from the inbox). */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const twiml = (): Response => new Response(EMPTY_TWIML, { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8', ...CORS } });

type Verified = { ok: true; sms: SmsSettings; params: URLSearchParams } | { ok: false; response: Response };

/** The shop's SMS settings and the request's parameters, once the signature holds. */
async function verified({ shop, request }: RouteCall): Promise<Verified> {
  const sms = (await shop.settings()).sms;
  if (!sms?.enabled || !sms.authToken) return { ok: false, response: fail(404, 'not_found', 'This shop has no SMS channel.') };
  const raw = await readBody(request, MAX_JSON_BYTES);
  if (!raw) return { ok: false, response: fail(413, 'too_large', 'The body is too large.') };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(raw));
  } catch {
    return { ok: false, response: fail(400, 'bad_request', 'The body is not form-encoded text.') };
  }
  const url = calledUrl(request.url, sms.publicUrl);
  if (!(await verifyTwilio(sms.authToken, url, params, request.headers.get('X-Twilio-Signature')))) {
    return { ok: false, response: fail(403, 'forbidden', 'The Twilio signature is missing or invalid.') };
  }
  return { ok: true, sms, params };
}

/** `POST sms/twilio`: an incoming text (or MMS), answered with empty TwiML; threaded after the answer. */
export async function smsInbound(call: RouteCall): Promise<Response> {
  const v = await verified(call);
  if (!v.ok) return v.response;
  if (!isForChannel(v.params, v.sms)) return fail(404, 'not_found', 'This message is for no SMS channel of this shop.');
  const read = readInbound(v.params);
  if (!read.ok) return fail(400, 'bad_request', read.message);
  const publicOrigin = uploadOrigin(call.ctx.env, new URL(call.request.url)) ?? originOf(v.sms.publicUrl);
  // Stored before the answer; threaded after it, so Twilio hears back within its timeout.
  const work = await call.shop.sms.received({ ...read.text, publicOrigin });
  const done = work().catch((err: unknown) => call.ctx.threadingFailed?.(err));
  if (call.ctx.waitUntil) call.ctx.waitUntil(done);
  else await done;
  return twiml();
}

/** `POST sms/twilio/status?ticket=&seq=`: a reply's delivery state from Twilio. */
export async function smsStatus(call: RouteCall): Promise<Response> {
  const v = await verified(call);
  if (!v.ok) return v.response;
  const query = new URL(call.request.url).searchParams;
  const ticketId = query.get('ticket') ?? '';
  const seq = Number(query.get('seq'));
  if (!Number.isSafeInteger(seq) || seq < 1 || !(await isTicketId(call.secret, ticketId))) return fail(404, 'not_found', 'No such reply.');
  const update = readStatus(v.params, seq);
  if (update && !(await call.shop.sms.status(ticketId, update))) return fail(404, 'not_found', 'No such reply.');
  return new Response(null, { status: 204, headers: CORS });
}

function originOf(href: string | undefined): string | null {
  try {
    return href ? new URL(href).origin : null;
  } catch {
    return null;
  }
}
