/**
 * A ticket room's SMS side (R13): a text from the shopper's phone lands in the thread
 * (reopening a closed SMS ticket within a day, deduplicated by `MessageSid`), an
 * agent's reply goes out through the stored delivery queue, and Twilio's answers and
 * status callbacks move the reply's delivery state, announced with `delivery` frames.
 */
import type { Attachment, Author, FrameOf, ClientFrame, Message, MessageDelivery, ServerFrame, Ticket } from '../../../src/protocol/index.js';
import type { DeliveryOutcome } from '../deliveries.js';
import type { NotificationEvent, Outgoing } from '../outbound.js';
import type { KVStorage } from '../storage.js';
import { messageKey } from '../ticket-room.js';
import type { NewTicket, Refusal, TicketMeta } from '../ticket-state.js';
import { receiveMedia, type Medium } from './media.js';
import { SMS_MAX_CHARS } from './keywords.js';
import { deliveryStateOf, errorInWords, isAdvance, messageRequest, seqOfDelivery } from './twilio.js';

/** A closed SMS ticket takes the number's next text within this time; later, a new ticket starts. */
export const SMS_REOPEN_MS = 24 * 3_600_000;

/** One inbound text, as the shop's route verified and read it. */
export interface InboundText {
  sid: string;
  from: string;
  body: string;
  media: Medium[];
  /** What the body said to the opt-out rules (keywords.ts). */
  opt: 'out' | 'in' | null;
  /** Where the images' upload URLs point. */
  publicOrigin: string | null;
}

/** A text on its way to its ticket, with the account whose credentials fetch its media (none: media listed as files). */
export interface SmsArrival extends InboundText {
  account?: { accountSid: string; authToken: string; apiBaseUrl: string };
  /** How long a closed SMS ticket takes the next text (`SMS_REOPEN_SECONDS`); a day otherwise. */
  reopenMs?: number;
}

export type SmsArrivalOutcome = { kind: 'stored' | 'duplicate'; ticket: Ticket; revision: number } | { kind: 'expired' };

/** A status callback of one reply. */
export interface SmsStatus {
  seq: number;
  state: MessageDelivery['state'];
  error?: string;
  sid?: string;
}

/** What the SMS side needs of its room. */
export interface SmsRoom {
  storage: KVStorage;
  now(): number;
  newId(): string;
  fetch: typeof fetch;
  run<T>(task: () => Promise<T>): Promise<T>;
  load(): Promise<TicketMeta | null>;
  /** Starts the ticket's meta (before its first message). */
  begin(init: NewTicket): TicketMeta;
  append(author: Author, body: string, attachments: Attachment[], clientId?: string): Promise<Message>;
  broadcast(frame: ServerFrame): void;
  sendOut(request: Outgoing): Promise<void>;
  notify(event: NotificationEvent): Promise<void>;
}

const sidKey = (seq: number): string => `smsid:${seq}`;
const arrivalKey = (sid: string): string => `c:sms:${sid}`;
const tooOld = (meta: TicketMeta, arrival: SmsArrival, now: number): boolean =>
  meta.ticket.status === 'closed' && now - Date.parse(meta.ticket.updatedAt) >= (arrival.reopenMs ?? SMS_REOPEN_MS);

export class SmsThread {
  constructor(private readonly room: SmsRoom) {}

  /** A text from the shopper's phone; `init` creates the ticket when it does not exist yet. */
  async receive(arrival: SmsArrival, init: NewTicket | null): Promise<SmsArrivalOutcome> {
    const before = await this.room.load();
    if ((!before && !init) || (before && tooOld(before, arrival, this.room.now()))) return { kind: 'expired' };
    const known = before && (await this.room.storage.get(arrivalKey(arrival.sid)));
    if (known) return { kind: 'duplicate', ticket: before.ticket, revision: before.revision };
    // Slow, so outside the frame queue; the uploads it stores are referenced by this message.
    const { storage, fetch, now, newId } = this.room;
    const ticketId = init?.id ?? before!.ticket.id;
    const media = { storage, fetch, now, newId, ticketId, account: arrival.account ?? null, publicOrigin: arrival.publicOrigin };
    const attachments = await receiveMedia(media, arrival.media);
    return this.room.run(async () => {
      let meta = await this.room.load();
      const created = !meta;
      meta ??= this.room.begin(init!);
      if (await this.room.storage.get(arrivalKey(arrival.sid))) return { kind: 'duplicate', ticket: meta.ticket, revision: meta.revision };
      const t = meta.ticket;
      // An SMS ticket is not final (R15): the number's next text within a day reopens it.
      const reopened = t.status === 'closed';
      if (reopened) t.status = 'open';
      const optChanged = arrival.opt !== null && t.optedOut !== (arrival.opt === 'out');
      if (arrival.opt) t.optedOut = arrival.opt === 'out';
      const author: Author = { role: 'shopper', ...(t.customer ? { id: t.customer.id } : {}), ...(t.customer?.name ? { name: t.customer.name } : {}) };
      await this.room.append(author, arrival.body, attachments, `sms:${arrival.sid}`);
      // Changed before the message, so the append did not see them change: said here.
      if ((reopened || optChanged) && !created) this.room.broadcast({ type: 'ticket', ticket: t });
      if (created) await this.room.notify('ticket.created');
      return { kind: 'stored', ticket: t, revision: meta.revision };
    });
  }

  /** Why an agent's `send` cannot go out as an SMS (nothing is stored then), or null. */
  refusal(meta: TicketMeta, frame: FrameOf<ClientFrame, 'send'>): Refusal | null {
    if (meta.ticket.optedOut) return { code: 'opted_out', message: 'This number replied STOP: nothing can be sent until it texts START.' };
    if (frame.body.length > SMS_MAX_CHARS) return { code: 'too_large', message: `An SMS holds at most ${SMS_MAX_CHARS} characters.` };
    if (!meta.sms || !meta.ticket.customer?.phone) return { code: 'forbidden', message: 'SMS is switched off in the settings: this reply cannot be sent.' };
    return null;
  }

  /** Sends a stored agent reply (its delivery `sending`) through the delivery queue. */
  async send(meta: TicketMeta, message: Message): Promise<void> {
    await this.room.sendOut(messageRequest(meta.sms!, meta.ticket.shop, meta.ticket.id, meta.ticket.customer!.phone!, message));
  }

  /** The delivery queue's word on a reply: Twilio's Message (its sid and status), or the failure. */
  async settled(tag: string, outcome: DeliveryOutcome): Promise<void> {
    const seq = seqOfDelivery(tag);
    if (seq === null) return;
    const answer = parseJson(outcome.body);
    if (outcome.ok) {
      const sid = typeof answer?.sid === 'string' ? answer.sid : undefined;
      if (sid) await this.room.storage.put(sidKey(seq), sid);
      const state = deliveryStateOf(String(answer?.status ?? '')) ?? 'sending';
      return this.status({ seq, state });
    }
    const error = answer?.code !== undefined ? errorInWords(answer.code as string, typeof answer.message === 'string' ? answer.message : undefined) : outcome.error;
    return this.status({ seq, state: 'failed', error });
  }

  /** A reply's delivery moves forward only; the stored message and live sockets follow. */
  status(update: SmsStatus): Promise<void> {
    return this.room.run(async () => {
      const key = messageKey(update.seq);
      const message = await this.room.storage.get<Message>(key);
      if (!message?.delivery || !isAdvance(message.delivery.state, update.state)) return;
      const sid = await this.room.storage.get<string>(sidKey(update.seq));
      // A callback names its message: one of another reply's sid changes nothing.
      if (sid && update.sid && sid !== update.sid) return;
      message.delivery = { state: update.state, ...(update.error ? { error: update.error.slice(0, 200) } : {}) };
      await this.room.storage.put(key, message);
      this.room.broadcast({ type: 'delivery', seq: update.seq, ...message.delivery });
    });
  }
}

function parseJson(text: string | undefined): Record<string, unknown> | null {
  try {
    const v: unknown = text ? JSON.parse(text) : null;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
