/**
 * The requests the server sends out: handoffs to Zendesk, Gorgias or a webhook (R11)
 * and notification webhooks (R14), each with its service's payload and auth, an
 * idempotency key, and (webhooks) an HMAC-SHA256 signature a receiver can check:
 *
 *   X-CustomerHub-Signature: sha256=<hex HMAC-SHA256 of `${timestamp}.${body}` with the secret>
 *   X-CustomerHub-Timestamp: <unix seconds>      X-CustomerHub-Event-Id: <uuid>
 */
import type { Message, Ticket } from '../../src/protocol/index.js';
import { hmacSha256, toHex } from './crypto.js';
import type { Delivery } from './deliveries.js';
import type { ShopIdentity } from './email/shopper-words.js';
import type { EmailSettings } from './settings.js';

export type Outgoing = Pick<Delivery, 'id' | 'url' | 'headers' | 'body' | 'tag'>;

export interface HandoffTarget {
  target: 'zendesk' | 'gorgias' | 'webhook';
  /** Overrides the service's base URL (self-hosted proxies, tests); the webhook's URL. */
  url?: string;
  subdomain?: string;
  email?: string;
  apiToken?: string;
  secret?: string;
}

export function transcript(messages: Message[]): string {
  const who = (m: Message) => (m.author.role === 'shopper' ? m.author.name || 'Shopper' : m.author.role === 'ai' ? 'AI agent' : m.author.name || m.author.role);
  return messages.map((m) => `[${m.createdAt}] ${who(m)}: ${m.body}`).join('\n');
}

const json = { 'Content-Type': 'application/json' };
const basic = (user: string, pass: string) => `Basic ${btoa(`${user}:${pass}`)}`;

/** A handoff request for an external helpdesk, keyed by the ticket so it is created once. */
export async function handoffRequest(t: HandoffTarget, ticket: Ticket, messages: Message[], now: number): Promise<Outgoing> {
  const id = `handoff:${ticket.id}`;
  const requester = { name: ticket.customer?.name ?? 'Shopper', email: ticket.customer?.email ?? undefined };
  const subject = `Chat from ${requester.name}`;
  const text = transcript(messages);
  if (t.target === 'zendesk') {
    // Zendesk Tickets API: POST /api/v2/tickets.json, API token auth, Idempotency-Key.
    const base = t.url ?? `https://${t.subdomain}.zendesk.com`;
    return {
      id,
      url: `${base}/api/v2/tickets.json`,
      headers: { ...json, Authorization: basic(`${t.email}/token`, t.apiToken ?? ''), 'Idempotency-Key': id },
      body: JSON.stringify({
        ticket: { subject, comment: { body: text }, requester, external_id: ticket.id, tags: ['customer-hub-chat'] },
      }),
    };
  }
  if (t.target === 'gorgias') {
    // Gorgias REST API: POST /api/tickets, basic auth with the account e-mail and API key.
    const base = t.url ?? `https://${t.subdomain}.gorgias.com`;
    return {
      id,
      url: `${base}/api/tickets`,
      headers: { ...json, Authorization: basic(t.email ?? '', t.apiToken ?? ''), 'Idempotency-Key': id },
      body: JSON.stringify({
        customer: requester,
        channel: 'chat',
        via: 'api',
        external_id: ticket.id,
        subject,
        messages: [{ channel: 'chat', via: 'api', from_agent: false, sender: requester, body_text: text }],
      }),
    };
  }
  return signedWebhook(t.url ?? '', t.secret ?? '', id, { event: 'ticket.handoff', ticket, transcript: messages }, now);
}

/** A webhook POST signed with the shop's secret; `eventId` doubles as the idempotency key. */
export async function signedWebhook(url: string, secret: string, eventId: string, payload: object, now: number): Promise<Outgoing> {
  const timestamp = String(Math.floor(now / 1000));
  const body = JSON.stringify({ id: eventId, ...payload });
  const signature = toHex(await hmacSha256(secret, `${timestamp}.${body}`));
  return {
    id: eventId,
    url,
    headers: {
      ...json,
      'X-CustomerHub-Event-Id': eventId,
      'X-CustomerHub-Timestamp': timestamp,
      'X-CustomerHub-Signature': `sha256=${signature}`,
      'Idempotency-Key': eventId,
    },
    body,
  };
}

export const NOTIFICATION_EVENTS = ['ticket.created', 'message.created', 'ticket.handoff', 'ticket.closed', 'ticket.rated'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** What a ticket follows of the shop's notifications: the signed webhook, e-mails to the team, or both. */
export interface NotificationSettings {
  webhookUrl?: string;
  secret?: string;
  events: string[];
  /** Only when enabled, with a token and recipients (party/core/email/). */
  email?: EmailSettings;
  /** With `email`: how the shopper's e-mails name the shop and which language they default to (issue 17). */
  shop?: ShopIdentity;
}
