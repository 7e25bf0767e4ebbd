/**
 * The shop's side of inbound SMS (R13): each verified text is stored first (so a crash
 * loses none), then threaded: one open SMS ticket per shop and sender number, the
 * customer's Shopify profile matched by phone, else the number; a closed SMS ticket
 * takes the number's next text within a day, later a new ticket starts. Texts of one
 * number are handled one at a time, and each `MessageSid` once.
 *
 * Storage layout (in the shop room's storage):
 *   sms:pending:<MessageSid>   InboundText, until threaded
 *   sms:in:<MessageSid>        the ticket it went to (dedupe of Twilio's retries)
 *   sms:active:<E.164>         the number's latest SMS ticket
 *   sms:optout:<E.164>         true while the number is opted out (STOP)
 */
import type { Customer, Ticket } from '../../../src/protocol/index.js';
import { profileByPhone } from '../profiles.js';
import type { KVStorage } from '../storage.js';
import type { NewTicket, TicketSettings } from '../ticket-state.js';
import type { InboundText, SmsArrival, SmsArrivalOutcome, SmsStatus } from './thread.js';

/** How a shop reaches the SMS side of its ticket rooms. */
export interface SmsTicketPort {
  sms(id: string, arrival: SmsArrival, init: NewTicket | null): Promise<SmsArrivalOutcome>;
  smsStatus(id: string, update: SmsStatus): Promise<void>;
  get(id: string): Promise<Ticket | null>;
}

export interface SmsInboxDeps {
  shop: string;
  storage: KVStorage;
  tickets: SmsTicketPort;
  ticketSettings(): Promise<TicketSettings>;
  newTicketId(): Promise<string>;
  ticketChanged(ticket: Ticket, revision: number): Promise<boolean>;
  /** How long a closed SMS ticket takes the next text (ms). */
  reopenMs: number;
  /** Runs tasks of one key one after the other. */
  serial<T>(key: string, task: () => Promise<T>): Promise<T>;
}

const PENDING = 'sms:pending:';

export class SmsInbox {
  constructor(private readonly deps: SmsInboxDeps) {}

  /** Stores a verified text and returns the work that threads it (run after Twilio has its answer). */
  async received(text: InboundText): Promise<() => Promise<void>> {
    const { storage } = this.deps;
    if (!(await storage.get(`sms:in:${text.sid}`))) await storage.put(PENDING + text.sid, text);
    return () => this.thread(text);
  }

  /** Threads the texts stored but not threaded yet (a crash, a failed ticket room); true when some remain. */
  async retryPending(): Promise<boolean> {
    const pending = await this.deps.storage.list<InboundText>({ prefix: PENDING, limit: 50 });
    for (const text of pending.values()) await this.thread(text).catch((err: unknown) => console.error('sms: threading failed', err));
    return (await this.deps.storage.list({ prefix: PENDING, limit: 1 })).size > 0;
  }

  /** A verified status callback of reply `seq` of ticket `id`; false when no SMS ticket of this shop has that id. */
  async status(id: string, update: SmsStatus): Promise<boolean> {
    const ticket = await this.deps.tickets.get(id);
    if (!ticket || ticket.shop !== this.deps.shop || ticket.channel !== 'sms') return false;
    await this.deps.tickets.smsStatus(id, update);
    return true;
  }

  private thread(text: InboundText): Promise<void> {
    const { storage, tickets } = this.deps;
    return this.deps.serial(`sms:${text.from}`, async () => {
      if (await storage.get(`sms:in:${text.sid}`)) return void (await storage.delete(PENDING + text.sid));
      // The credentials are read now, never stored with the text.
      const settings = await this.deps.ticketSettings();
      const arrival: SmsArrival = { ...text, reopenMs: this.deps.reopenMs, ...(settings.sms ? { account: settings.sms } : {}) };
      const optKey = `sms:optout:${arrival.from}`;
      if (arrival.opt) await storage.put(optKey, arrival.opt === 'out');
      let id = await storage.get<string>(`sms:active:${arrival.from}`);
      let outcome: SmsArrivalOutcome = id ? await tickets.sms(id, arrival, null) : { kind: 'expired' };
      if (outcome.kind === 'expired') {
        id = await this.deps.newTicketId();
        // The pointer first: a crash between the two leaves a retry able to find the ticket.
        await storage.put(`sms:active:${arrival.from}`, id);
        outcome = await tickets.sms(id, arrival, await this.newTicket(id, arrival, settings, (await storage.get<boolean>(optKey)) === true));
      }
      if (outcome.kind !== 'expired') await this.deps.ticketChanged(outcome.ticket, outcome.revision);
      await storage.put(`sms:in:${arrival.sid}`, id);
      await storage.delete(PENDING + arrival.sid);
    });
  }

  private async newTicket(id: string, arrival: SmsArrival, settings: TicketSettings, optedOut: boolean): Promise<NewTicket> {
    const { revision, notifications, sms } = settings;
    return {
      id,
      shop: this.deps.shop,
      customer: await this.customerOf(arrival.from),
      handler: 'team',
      channel: 'sms',
      first: { clientId: `sms:${arrival.sid}`, body: arrival.body },
      settingsRevision: revision,
      ...(notifications ? { notifications } : {}),
      ...(sms ? { sms } : {}),
      ...(optedOut ? { optedOut } : {}),
    };
  }

  /** The Shopify profile with this phone (its name and orders beside the thread, R16), else the number. */
  private async customerOf(phone: string): Promise<Customer> {
    const profile = await profileByPhone(this.deps.storage, phone);
    if (!profile) return { id: `sms:${phone}`, phone };
    return { id: profile.id, phone, ...(profile.name ? { name: profile.name } : {}), ...(profile.email ? { email: profile.email } : {}) };
  }
}
