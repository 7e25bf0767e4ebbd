/**
 * Twilio's Programmable Messaging API as this server uses it: the request that sends an
 * agent's reply (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded,
 * Basic auth), and what Twilio's statuses and error codes mean for the reply's delivery.
 */
import type { Message, MessageDelivery } from '../../../src/protocol/index.js';
import type { Outgoing } from '../outbound.js';

export const TWILIO_API = 'https://api.twilio.com';

/** What a ticket needs of the shop's SMS settings to send (pushed with the ticket settings, R12). */
export interface SmsChannel {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** `https://api.twilio.com`, or a test's fake. */
  apiBaseUrl: string;
  /** Where Twilio reaches this server (settings `sms.publicUrl`, else `PUBLIC_ORIGIN`); no status callbacks without it. */
  callbackBase?: string;
}

export const basicAuth = (ch: Pick<SmsChannel, 'accountSid' | 'authToken'>): string => `Basic ${btoa(`${ch.accountSid}:${ch.authToken}`)}`;

/** The status callback of one reply: the ticket and seq ride in the query, which Twilio's signature covers. */
export const statusCallbackUrl = (base: string, shop: string, ticketId: string, seq: number): string =>
  `${base.replace(/\/+$/, '')}/parties/main/${shop}/sms/twilio/status?ticket=${encodeURIComponent(ticketId)}&seq=${seq}`;

/** The delivery id of a reply: also its idempotency key and the tag its outcome comes back with. */
export const smsDeliveryId = (ticketId: string, seq: number): string => `sms:${ticketId}:${seq}`;

export function seqOfDelivery(id: string): number | null {
  const seq = Number(id.slice(id.lastIndexOf(':') + 1));
  return id.startsWith('sms:') && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

/** The Messages API request that sends `message` to `to`. */
export function messageRequest(ch: SmsChannel, shop: string, ticketId: string, to: string, message: Message): Outgoing {
  const id = smsDeliveryId(ticketId, message.seq);
  const form = new URLSearchParams({ To: to });
  if (ch.messagingServiceSid) form.set('MessagingServiceSid', ch.messagingServiceSid);
  else form.set('From', ch.from ?? '');
  if (message.body) form.set('Body', message.body);
  for (const a of message.attachments) if (a.type === 'image') form.append('MediaUrl', a.url);
  if (ch.callbackBase) form.set('StatusCallback', statusCallbackUrl(ch.callbackBase, shop, ticketId, message.seq));
  return {
    id,
    tag: id,
    url: `${ch.apiBaseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${ch.accountSid}/Messages.json`,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: basicAuth(ch),
      // Twilio documents no idempotency key for this API; its own header name carries ours.
      'I-Twilio-Idempotency-Token': id,
    },
    body: form.toString(),
  };
}

/** A Twilio `MessageStatus` as the inbox shows it; null for one that says nothing new (`receiving`...). */
export function deliveryStateOf(status: string): MessageDelivery['state'] | null {
  switch (status) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
    case 'sending':
      return 'sending';
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return null;
  }
}

/** A state never goes back: callbacks arrive in any order (`sent` after `delivered`). */
const RANK: Record<MessageDelivery['state'], number> = { sending: 0, sent: 1, delivered: 2, failed: 2 };
export const isAdvance = (from: MessageDelivery['state'] | undefined, to: MessageDelivery['state']): boolean =>
  from === undefined || RANK[to] > RANK[from];

/** The commonest Twilio error codes, in words (https://www.twilio.com/docs/api/errors). */
const ERRORS: Record<string, string> = {
  '21211': "Invalid 'To' phone number",
  '21408': 'Sending to this region is not enabled',
  '21610': 'The recipient has unsubscribed (STOP)',
  '21614': "'To' is not a mobile number",
  '30001': 'Queue overflow',
  '30002': 'Account suspended',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Filtered by the carrier',
  '30008': 'Unknown error',
};

/** `30003: Unreachable destination handset`; Twilio's own message when it gave one and the code is not listed. */
export function errorInWords(code: string | number | null | undefined, message?: string): string {
  const c = code === null || code === undefined ? '' : String(code).slice(0, 10);
  const words = ERRORS[c] ?? message?.slice(0, 160) ?? 'Twilio error';
  return (c ? `${c}: ${words}` : words).slice(0, 200);
}
