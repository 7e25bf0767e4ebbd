/**
 * SMS tickets for the mock (issue 16), stored as the reference server stores them: a
 * ticket on the `sms` channel whose customer is a phone number, shopper texts (MMS
 * media included) and team replies carrying Twilio's delivery state, and an opted-out
 * number. `pushDelivery` is what the server does on a Twilio status callback: the
 * message's stored state changes and a `delivery` frame reaches the ticket's sockets.
 */
import type { Attachment, Customer, Message, ServerFrame, Ticket } from '../src/protocol/index.js';
import type { MemoryBackend } from '../party/memory/memory-backend.js';
import { signedTicketId } from '../party/core/ticket-id.js';
import { messageKey } from '../party/core/ticket-room.js';
import { applyMessage, iso, newMeta } from '../party/core/ticket-state.js';
import type { SmsChannel } from '../party/core/sms/twilio.js';

export interface SmsFixture {
  /** E.164, e.g. `+15145550123`. */
  phone: string;
  /** The Shopify profile's name when the number matched one. */
  name?: string;
  optedOut?: boolean;
  /** The shop's Twilio channel the replies go out through (a test's fake API); none: SMS is off. */
  sms?: SmsChannel;
  messages: Array<{ from: 'shopper' | 'agent'; body: string; attachments?: Attachment[]; delivery?: Message['delivery'] }>;
}

const AGENT = { role: 'agent', id: 'agent-dev', name: 'Alex (Support)' } as const;

/** Stores an SMS ticket in the backend's shop and its index; answers the ticket. */
export async function seedSmsTicket(backend: MemoryBackend, shop: string, fixture: SmsFixture): Promise<Ticket> {
  const id = await signedTicketId(backend.env.CHAT_SECRET!);
  const customer: Customer = { id: `sms:${fixture.phone}`, phone: fixture.phone, ...(fixture.name ? { name: fixture.name } : {}) };
  const start = backend.now() - fixture.messages.length * 60_000;
  const meta = newMeta({ id, shop, customer, handler: 'team', channel: 'sms', first: { clientId: '', body: '' }, ...(fixture.sms ? { sms: fixture.sms } : {}) }, start);
  const entries: Record<string, unknown> = {};
  fixture.messages.forEach((m, i) => {
    const author = m.from === 'shopper' ? { role: 'shopper' as const, id: customer.id, ...(fixture.name ? { name: fixture.name } : {}) } : AGENT;
    const message: Message = { id: crypto.randomUUID(), seq: i + 1, author, body: m.body, attachments: m.attachments ?? [], createdAt: iso(start + (i + 1) * 60_000) };
    if (m.delivery) message.delivery = m.delivery;
    applyMessage(meta, message);
    entries[messageKey(message.seq)] = message;
  });
  if (fixture.optedOut) meta.ticket.optedOut = true;
  // Stored before the room first loads: it reads this as its state.
  await backend.ticket(id).storage.put({ ...entries, meta });
  await (await backend.shop(shop)).ticketChanged(meta.ticket, meta.revision);
  return meta.ticket;
}

/** A Twilio status callback's effect: the stored message's state, then the `delivery` frame to the ticket's sockets. */
export async function pushDelivery(backend: MemoryBackend, ticketId: string, seq: number, delivery: NonNullable<Message['delivery']>): Promise<void> {
  const live = backend.ticket(ticketId);
  const stored = await live.storage.get<Message>(messageKey(seq));
  if (stored) await live.storage.put(messageKey(seq), { ...stored, delivery });
  const frame: ServerFrame = { type: 'delivery', seq, state: delivery.state, ...(delivery.error ? { error: delivery.error } : {}) };
  for (const peer of live.peers) peer.send(frame);
}
