/**
 * Twilio's webhooks to this server, read after their signature was checked: an incoming
 * message (`From`, `To`, `Body`, `MessageSid`, `NumMedia`, `MediaUrl{i}`...) matched to
 * the shop's channel, and a status callback of a reply.
 */
import type { Settings } from '../settings.js';
import { E164 } from '../settings.js';
import { optChange, SMS_MAX_CHARS } from './keywords.js';
import type { Medium } from './media.js';
import { deliveryStateOf, errorInWords } from './twilio.js';
import type { InboundText, SmsStatus } from './thread.js';

export type SmsSettings = NonNullable<Settings['sms']>;

/** Twilio's ids: two letters and 32 hex digits. */
const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
/** Twilio sends at most 10 media a message. */
const MAX_MEDIA = 10;


/**
 * Whether the message is for this shop's channel: its Messaging Service, else its
 * account's number (`AccountSid` + `To`). A lookup by service id alone loses the texts
 * of a number used without a service.
 */
export function isForChannel(params: URLSearchParams, sms: SmsSettings): boolean {
  if (params.get('AccountSid') !== sms.accountSid) return false;
  const service = params.get('MessagingServiceSid');
  if (service && sms.messagingServiceSid === service) return true;
  return sms.from !== undefined && params.get('To') === sms.from;
}

/** The message's fields, or why it cannot be taken. */
export function readInbound(params: URLSearchParams): { ok: true; text: Omit<InboundText, 'publicOrigin'> } | { ok: false; message: string } {
  const sid = params.get('MessageSid') ?? params.get('SmsSid') ?? '';
  const from = params.get('From') ?? '';
  const body = params.get('Body') ?? '';
  if (!SID.test(sid)) return { ok: false, message: 'MessageSid is missing or malformed.' };
  if (!E164.test(from)) return { ok: false, message: 'From is not an E.164 number.' };
  if (body.length > SMS_MAX_CHARS) return { ok: false, message: `Body is over ${SMS_MAX_CHARS} characters.` };
  const count = Number(params.get('NumMedia') ?? 0);
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_MEDIA) return { ok: false, message: 'NumMedia is out of range.' };
  const media: Medium[] = [];
  for (let i = 0; i < count; i++) {
    const url = params.get(`MediaUrl${i}`) ?? '';
    if (!/^https?:\/\/\S{1,2040}$/i.test(url)) return { ok: false, message: `MediaUrl${i} is missing or malformed.` };
    media.push({ url, contentType: (params.get(`MediaContentType${i}`) ?? 'application/octet-stream').slice(0, 100).toLowerCase() });
  }
  if (!body.trim() && !media.length) return { ok: false, message: 'The message has neither text nor media.' };
  return { ok: true, text: { sid, from, body, media, opt: optChange(body) } };
}

/** A status callback's update of reply `seq`; null for a status that says nothing new. */
export function readStatus(params: URLSearchParams, seq: number): SmsStatus | null {
  const state = deliveryStateOf(params.get('MessageStatus') ?? params.get('SmsStatus') ?? '');
  if (!state) return null;
  const sid = params.get('MessageSid') ?? undefined;
  const code = params.get('ErrorCode');
  const update: SmsStatus = { seq, state, ...(sid && SID.test(sid) ? { sid } : {}) };
  if (state === 'failed') update.error = errorInWords(code, params.get('ErrorMessage') ?? undefined);
  return update;
}
