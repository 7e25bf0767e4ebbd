/**
 * The shop room's domain logic (DESIGN §5, R6, R8, R12, R13): settings, sessions,
 * chat creation, the active chat of a customer, and the inbox index. Runtime-free:
 * the `Main` Durable Object and the mock both drive it.
 */
import type { ClientFrame, Customer, FeedFrame, Message, OutgoingMessage, Ticket, WidgetConfig } from '../../src/protocol/index.js';
import { signToken, type Claims } from './auth.js';
import { chatStartBudgets, spendChatStart, spendUploadBytes } from './shopper-budgets.js';
import { chatSecret, tokenTtl, type ServerEnv } from './env.js';
import { defaultSettings, mergeSettings, publicConfig, redactSettings, sendingEmail, shopperAttachments, type Settings } from './settings.js';
import { knowledgeFrom, type AiSettings } from './ai/responder.js';
import { WEBHOOK_TOPICS, applyWebhook, readProfile, type Profile } from './profiles.js';
import { customerView, type CustomerView } from './customer-view.js';
import { ShopPrivacy, isPrivacyTopic, type PrivacyTickets } from './privacy.js';
import { ORDER_TOPICS, applyOrderWebhook, ordersOf, type StoredOrder } from './orders/order-store.js';
import type { KVStorage } from './storage.js';
import type { TicketIndex, TicketPage, TicketQuery } from './ticket-index.js';
import type { IndexedText } from './ticket-search.js';
import { IndexTurn } from './index-turn.js';
import type { NewTicket, TicketSettings } from './ticket-room.js';
import { signedTicketId } from './ticket-id.js';
import { contentLanguage, defaultLanguage, ticketContents } from './content-languages.js';
import { settingsIn } from './ticket-language.js';
import { shopIdentity } from './email/shopper-words.js';
import { firstReplyDelay, recordReplyDelay, teamFaces, typicalReplyMinutes } from './reply-estimate.js';
import { SmsInbox, type SmsTicketPort } from './sms/threading.js';
import { TWILIO_API, type SmsChannel } from './sms/twilio.js';
import { SMS_REOPEN_MS } from './sms/thread.js';

/** How a shop reaches its ticket rooms: direct calls in memory, RPC between Durable Objects. */
export interface TicketPort extends PrivacyTickets {
  create(init: NewTicket): Promise<{ ticket: Ticket; message: Message }>;
  get(id: string): Promise<Ticket | null>;
  /** Dev seeding only: a frame from someone, handled by the room like any other. */
  act?(id: string, actor: Actor, frame: ClientFrame): Promise<void>;
  /** The SMS side of a ticket room (sms/thread.ts); a backend without it has no SMS channel. */
  sms?: SmsTicketPort['sms'];
  smsStatus?: SmsTicketPort['smsStatus'];
}

/** Who a seeded frame comes from. */
export interface Actor {
  role: 'shopper' | 'agent';
  userId: string;
  name?: string;
}

/** Demo data for `npm start` (DESIGN §9): Shopify webhook payloads and past conversations. */
export interface DemoData {
  webhooks: Array<[topic: string, payload: Record<string, unknown>]>;
  tickets: Array<{ customer: Customer; channel: Ticket['channel']; first: string; then: Array<[Actor, ClientFrame]> }>;
}

export interface ShopDeps {
  storage: KVStorage;
  index: TicketIndex;
  tickets: TicketPort;
  env: ServerEnv;
  now(): number;
  newId(): string;
  /** Told after settings are saved, so open widgets and inboxes get them live (R12). */
  settingsChanged?(settings: Settings): void;
  /** Told after the index took a newer state of a ticket (the inbox feed), for each ticket of a turn at once (index-turn.ts). */
  indexChanged?(ticket: Ticket): void;
  /** Hands saved settings to these open tickets (R12); awaited before the save is answered. */
  pushTicketSettings?(ids: string[], settings: TicketSettings): Promise<void>;
  /** `shop/redact`, after every ticket room was erased: removes the shop's own storage, index and registry entry. */
  wipe?(): Promise<void>;
}

export type ChatOutcome =
  | { kind: 'created' | 'repeated'; ticket: Ticket; message: Message; ticketToken: string }
  | { kind: 'active'; ticket: Ticket; ticketToken: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export class Shop {
  private cached: Settings | null = null;
  /** The settings' revision, read once: every ticket change answers it (bench/, issue 19), and only writeSettings() moves it. */
  private cachedRevision: number | null = null;
  /**
   * One promise chain per customer: starting a chat awaits the ticket room (an RPC),
   * which lets the customer's other requests in, and two of them would each find no
   * open chat and create one (R8, R13: one open chat per shopper).
   */
  private customerQueues = new Map<string, Promise<unknown>>();
  /** Chat-start budgets are spent one at a time: the shop's bucket is shared by every customer. */
  private startBudgetQueue: Promise<unknown> = Promise.resolve();
  private smsInbox: SmsInbox | null = null;
  private privacyCore: ShopPrivacy | null = null;
  /** The ticket rooms' pushes of one turn, applied together (index-turn.ts, issue 19). */
  private readonly indexTurn = new IndexTurn(async (changes) => {
    const stored = await this.deps.index.applyChanges(changes);
    changes.forEach((c, i) => stored[i] && this.deps.indexChanged?.(c.ticket));
    return stored;
  });

  constructor(
    readonly name: string,
    private readonly deps: ShopDeps,
  ) {}

  async settings(): Promise<Settings> {
    return (this.cached ??= (await this.deps.storage.get<Settings>('settings')) ?? defaultSettings());
  }

  async adminSettings(): Promise<Settings> {
    return redactSettings(await this.settings());
  }

  /** Writes settings only when none are stored yet (the dev seed). */
  async seed(settings: Settings): Promise<void> {
    if (!(await this.deps.storage.get('settings'))) await this.writeSettings(settings);
  }

  /** Dev only: profiles (through the webhook code) and past tickets (through the rooms), once. */
  async seedDemo(demo: DemoData): Promise<void> {
    // Order statuses came later (issue 18): seeded once on their own, into older dev states too.
    if (!(await this.deps.storage.get('seeded:demo:orders'))) {
      await this.deps.storage.put('seeded:demo:orders', this.deps.now());
      for (const [topic, payload] of demo.webhooks) if ((ORDER_TOPICS as readonly string[]).includes(topic)) await applyOrderWebhook(this.deps.storage, topic, payload);
    }
    // v2: the demo's tickets got signed ids; older dev states are seeded again.
    if (await this.deps.storage.get('seeded:demo:v2')) return;
    await this.deps.storage.put('seeded:demo:v2', this.deps.now());
    for (const [topic, payload] of demo.webhooks) if ((WEBHOOK_TOPICS as readonly string[]).includes(topic)) await applyWebhook(this.deps.storage, topic, payload);
    for (const t of demo.tickets) {
      const id = await this.newTicketId();
      const first = { clientId: this.deps.newId(), body: t.first };
      const created = await this.deps.tickets.create({ id, shop: this.name, customer: t.customer, handler: 'team', channel: t.channel, first });
      await this.ticketChanged(created.ticket, 1);
      for (const [actor, frame] of t.then) await this.deps.tickets.act?.(id, actor, frame);
    }
  }

  async saveSettings(input: unknown): Promise<{ ok: true; settings: Settings } | { ok: false; message: string }> {
    const r = mergeSettings(await this.settings(), input);
    if (!r.ok) return { ok: false, message: r.error.message };
    await this.writeSettings(r.frame);
    // R12: open tickets follow from their next message on, not only new ones.
    await this.deps.pushTicketSettings?.(await this.deps.index.openIds(), await this.ticketSettings());
    return { ok: true, settings: redactSettings(r.frame) };
  }

  /** Bumped on every save: a ticket room holding an older revision asks for `ticketSettings()`. */
  async settingsRevision(): Promise<number> {
    return (this.cachedRevision ??= (await this.deps.storage.get<number>('settings:rev')) ?? 0);
  }

  /** What a ticket room needs of the settings (R9, R10, R11, R14), with their revision. */
  async ticketSettings(): Promise<TicketSettings> {
    const settings = await this.settings();
    const { ai, officeHours, faqs, notifications, sms, chat } = settings;
    const ts: TicketSettings = { revision: await this.settingsRevision(), away: { hours: officeHours, message: officeHours.awayMessage } };
    if (chat?.rating === false) ts.ratingOff = true;
    // Tickets in another language pick theirs (`ticket-language.ts`); absent while nothing is translated.
    const languages = ticketContents(settings, ai.enabled);
    if (Object.keys(languages).length) ts.languages = languages;
    if (ai.enabled) {
      ts.ai = { knowledge: knowledgeFrom(faqs, ai.knowledge), maxUnresolvedTurns: ai.maxUnresolvedTurns, handoff: ai.handoff as AiSettings['handoff'] };
    }
    const { webhookUrl, secret, events, email } = notifications;
    const emailOn = sendingEmail(email);
    if ((webhookUrl && secret) || emailOn) {
      ts.notifications = { events, ...(webhookUrl && secret ? { webhookUrl, secret } : {}), ...(emailOn ? { email: emailOn, shop: shopIdentity(settings) } : {}) };
    }
    if (sms?.enabled && sms.authToken) {
      const channel: SmsChannel = { accountSid: sms.accountSid, authToken: sms.authToken, apiBaseUrl: sms.apiBaseUrl ?? TWILIO_API };
      if (sms.from) channel.from = sms.from;
      if (sms.messagingServiceSid) channel.messagingServiceSid = sms.messagingServiceSid;
      const callbackBase = sms.publicUrl ?? this.deps.env.PUBLIC_ORIGIN;
      if (callbackBase) channel.callbackBase = callbackBase;
      ts.sms = channel;
    }
    return ts;
  }

  /** Inbound texts and status callbacks of the shop's SMS channel (R13). */
  get sms(): SmsInbox {
    const { sms, smsStatus, get } = this.deps.tickets;
    if (!sms || !smsStatus) throw new Error('this backend has no SMS channel');
    return (this.smsInbox ??= new SmsInbox({
      shop: this.name,
      storage: this.deps.storage,
      tickets: { sms, smsStatus, get },
      ticketSettings: () => this.ticketSettings(),
      newTicketId: () => this.newTicketId(),
      ticketChanged: (ticket, revision) => this.ticketChanged(ticket, revision),
      serial: (key, task) => this.forCustomer(key, task),
      reopenMs: smsReopenMs(this.deps.env),
    }));
  }

  /** The widget config in the shopper's language `lang` (a tag such as `fr-CA`), the default's where untranslated, with the header's face (issue 17). */
  async config(lang?: string | null): Promise<WidgetConfig> {
    const config = publicConfig(await this.settings(), this.deps.now(), lang);
    return { ...config, team: teamFaces(this.deps.env, this.name), replyMinutes: await typicalReplyMinutes(this.deps.storage) };
  }

  async allowsOrigin(origin: string): Promise<boolean> {
    return (await this.settings()).allowedOrigins.includes(origin);
  }

  /** R6: the first message creates the ticket. Idempotent on clientId; one open chat per customer. */
  startChat(claims: Claims, first: OutgoingMessage, origin: string | null, lang?: string | null): Promise<ChatOutcome> {
    return this.forCustomer(claims.sub, () => this.startChatNow(claims, first, origin, lang));
  }

  private async startChatNow(claims: Claims, first: OutgoingMessage, origin: string | null, lang?: string | null): Promise<ChatOutcome> {
    // The ticket keeps the shopper's content language for its away reply, handoff and AI answers (issue 17).
    const settings = await this.settings();
    const ticketLang = contentLanguage(settings, lang);
    const { revision, away, ai: aiSettings, notifications: notify, ratingOff } = settingsIn(await this.ticketSettings(), ticketLang);
    const base = {
      ...this.newTicket(claims, first, aiSettings, away),
      settingsRevision: revision,
      ...(notify ? { notifications: notify } : {}),
      ...(ticketLang !== defaultLanguage(settings) ? { lang: ticketLang } : {}),
      ...(ratingOff ? { ratingOff } : {}),
    };
    // A theme's app-proxy session names the customer only: the account's e-mail (for the shopper's e-mails) is the Shopify profile's.
    if (base.customer && !base.customer.email) {
      const known = (await readProfile(this.deps.storage, claims.sub))?.email;
      if (known) base.customer.email = known;
    }
    const repeatKey = `chat:${claims.sub}:${first.clientId}`;
    const repeatedId = await this.deps.storage.get<string>(repeatKey);
    if (repeatedId) {
      const again = await this.deps.tickets.create({ ...base, id: repeatedId });
      return { kind: 'repeated', ...again, ticketToken: await this.ticketToken(claims, repeatedId, origin) };
    }
    const active = await this.activeTicket(claims.sub);
    if (active) return { kind: 'active', ticket: active, ticketToken: await this.ticketToken(claims, active.id, origin) };

    // Only a chat that is really new spends the budget (issue 13 #2).
    const budget = await this.spendChatStart(claims.sub);
    if (!budget.ok) return { kind: 'rate_limited', retryAfterSeconds: budget.retryAfterSeconds };

    const init = { ...base, id: await this.newTicketId() };
    // Record the ids first: a crash between the two writes leaves a retry able to find the ticket.
    await this.deps.storage.put({ [repeatKey]: init.id, [`active:${claims.sub}`]: init.id });
    const created = await this.deps.tickets.create(init);
    await this.ticketChanged(created.ticket, 1);
    return { kind: 'created', ...created, ticketToken: await this.ticketToken(claims, init.id, origin) };
  }

  /** The customer's open chat (restore after reload), with a fresh ticket token. */
  async activeChat(claims: Claims, origin: string | null): Promise<{ ticket: Ticket; ticketToken: string } | null> {
    // In the customer's queue too: it may clear a closed chat's pointer, which must
    // never race with a new chat's pointer being written.
    const ticket = await this.forCustomer(claims.sub, () => this.activeTicket(claims.sub, true));
    return ticket ? { ticket, ticketToken: await this.ticketToken(claims, ticket.id, origin) } : null;
  }

  private spendChatStart(customerId: string): ReturnType<typeof spendChatStart> {
    return this.inBudgetQueue(() => spendChatStart(this.deps.storage, customerId, this.deps.now(), chatStartBudgets(this.deps.env)));
  }

  /** Asked by a ticket room before it stores a shopper's image: their daily bytes across chats (issue 13 #2). */
  spendUploadBytes(customerId: string, bytes: number): ReturnType<typeof spendUploadBytes> {
    return this.inBudgetQueue(() => spendUploadBytes(this.deps.storage, customerId, bytes, this.deps.now(), this.deps.env));
  }

  /** Asked by a ticket room before it stores a shopper's image: whether the shop takes them (issue 17 B1). */
  async shopperAttachments(): Promise<boolean> {
    return shopperAttachments(await this.settings());
  }

  private inBudgetQueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.startBudgetQueue.then(task);
    this.startBudgetQueue = result.catch(() => undefined);
    return result;
  }

  /** Runs `task` after the customer's earlier tasks; the chain is dropped once it is idle. */
  private forCustomer<T>(customerId: string, task: () => Promise<T>): Promise<T> {
    const result = (this.customerQueues.get(customerId) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    this.customerQueues.set(customerId, tail);
    void tail.then(() => {
      if (this.customerQueues.get(customerId) === tail) this.customerQueues.delete(customerId);
    });
    return result;
  }

  /** The first frame of a feed socket: the inbox for agents, the config for shoppers. */
  async feedWelcome(role: 'shopper' | 'agent' | 'admin', lang?: string | null): Promise<FeedFrame> {
    if (role === 'shopper') return { type: 'config', config: await this.config(lang) };
    return { type: 'inbox', ...(await this.listTickets({ limit: 50 })), unreadTotal: await this.unreadTotal() };
  }

  /** The feed frame announcing a ticket's new state to agents. */
  async feedTicket(ticket: Ticket): Promise<FeedFrame> {
    return { type: 'ticket', ticket, unreadTotal: await this.unreadTotal() };
  }

  profile(customerId: string): Promise<Profile | null> {
    return readProfile(this.deps.storage, customerId);
  }

  /** Shopify's privacy webhooks and `app/uninstalled` (privacy.ts), and the admin's data-request exports. */
  get privacy(): ShopPrivacy {
    const { storage, index, tickets, now } = this.deps;
    return (this.privacyCore ??= new ShopPrivacy({
      storage,
      index,
      tickets,
      now,
      indexed: (ticket, revision) => this.ticketChanged(ticket, revision),
      forCustomer: (id, task) => this.forCustomer(id, task),
      disable: async () => void (await this.saveSettings({ ...(await this.settings()), enabled: false })),
      wipe: async () => {
        this.cached = null;
        this.cachedRevision = null;
        await this.deps.wipe?.();
      },
    }));
  }

  /** A verified Shopify webhook; each event id, and each order and customer payload, is applied once (DESIGN §5). */
  async webhook(topic: string, payload: unknown, eventId: string | null): Promise<'applied' | 'duplicate' | 'ignored'> {
    // Privacy requests run again on a retry, whatever the event id: each is idempotent.
    if (isPrivacyTopic(topic)) return payload && typeof payload === 'object' ? this.privacy.handle(topic, payload as Record<string, unknown>, eventId) : 'ignored';
    if (eventId && (await this.deps.storage.get(`wh:${eventId}`))) return 'duplicate';
    const profileTopic = (WEBHOOK_TOPICS as readonly string[]).includes(topic);
    const orderTopic = (ORDER_TOPICS as readonly string[]).includes(topic);
    if ((!profileTopic && !orderTopic) || !payload || typeof payload !== 'object') return 'ignored';
    const body = payload as Record<string, unknown>;
    const effect = profileTopic ? await applyWebhook(this.deps.storage, topic, body) : null;
    // Order statuses for "where is my order" (issue 18), beside the profile's history.
    const orderChanged = orderTopic ? await applyOrderWebhook(this.deps.storage, topic, body) : null;
    if (eventId) await this.deps.storage.put(`wh:${eventId}`, this.deps.now());
    // A replay under a new event id (or none) is recognised by the order's or customer's own id.
    if (!effect && orderChanged === null) return 'ignored';
    return effect?.changed || orderChanged ? 'applied' : 'duplicate';
  }

  /** The inbox's profile panel beside a ticket (customer-view.ts); null when there is no such ticket. */
  customerView(ticketId: string): Promise<CustomerView | null> {
    return customerView(this.deps, ticketId);
  }

  /** A customer's own orders, newest first (issue 18): never anyone else's. */
  ordersOf(customerId: string): Promise<StoredOrder[]> {
    return ordersOf(this.deps.storage, customerId);
  }

  listTickets(query: TicketQuery): Promise<TicketPage> {
    return this.deps.index.list(query);
  }

  unreadTotal(): Promise<number> {
    return this.deps.index.unreadTotal();
  }

  /** Called by ticket rooms after every change; keeps the highest revision (DESIGN §7). `texts`: new messages, for search (issue 17). */
  async ticketChanged(ticket: Ticket, revision: number, texts: readonly IndexedText[] = []): Promise<boolean> {
    const stored = await this.indexTurn.add({ ticket, revision, texts });
    // Only an agent's reply that ended a wait can be a first reply, judged by the row as the index had it.
    const maybeFirst = stored && ticket.lastMessage?.author.role === 'agent' && !ticket.waitingSince;
    const delay = maybeFirst ? firstReplyDelay(stored.before, ticket, (await this.settings()).officeHours) : null;
    if (delay !== null) await recordReplyDelay(this.deps.storage, delay);
    return stored !== false;
  }

  /**
   * The customer's open chat; with `recentClosed`, also their latest chat when it closed
   * less than a day ago, so a reload still shows it (and the team's last reply) read-only.
   */
  private async activeTicket(customerId: string, recentClosed = false): Promise<Ticket | null> {
    const id = await this.deps.storage.get<string>(`active:${customerId}`);
    if (!id) return null;
    const ticket = await this.deps.tickets.get(id);
    if (ticket && ticket.status !== 'closed') return ticket;
    // R8: a closed chat is never reopened; the next message starts a new ticket (whose id
    // replaces the pointer). Until then it is shown, for a day.
    const recent = ticket && this.deps.now() - Date.parse(ticket.updatedAt) < RECENT_CLOSED_MS;
    if (!recent) await this.deps.storage.delete(`active:${customerId}`);
    return recent && recentClosed ? ticket : null;
  }

  private newTicket(claims: Claims, first: OutgoingMessage, ai: AiSettings | undefined, away: NewTicket['away']): Omit<NewTicket, 'id'> {
    const customer: Customer = { id: claims.sub };
    if (claims.name) customer.name = claims.name;
    if (claims.email) customer.email = claims.email;
    return { shop: this.name, customer, handler: ai ? 'ai' : 'team', first, ...(away ? { away } : {}), ...(ai ? { ai } : {}) };
  }

  /** Ticket ids are signed, so the Worker refuses made-up ones without creating a room (issue 12). */
  private newTicketId(): Promise<string> {
    return signedTicketId(chatSecret(this.deps.env)!);
  }

  private async ticketToken(claims: Claims, tid: string, origin: string | null): Promise<string> {
    const secret = chatSecret(this.deps.env)!;
    const { sub, name, email } = claims;
    const ticketClaims: Omit<Claims, 'exp'> = { shop: this.name, role: 'shopper', sub, tid };
    if (name) ticketClaims.name = name;
    if (email) ticketClaims.email = email;
    if (origin) ticketClaims.origin = origin;
    return (await signToken(secret, ticketClaims, this.deps.now(), tokenTtl(this.deps.env))).token;
  }

  private async writeSettings(settings: Settings): Promise<void> {
    const revision = (await this.settingsRevision()) + 1;
    await this.deps.storage.put({ settings, 'settings:rev': revision });
    this.cached = settings;
    this.cachedRevision = revision;
    this.deps.settingsChanged?.(settings);
  }
}

/** `SMS_REOPEN_SECONDS` when set and shorter than the day (a test knob, as `TOKEN_TTL_SECONDS`). */
function smsReopenMs(env: ServerEnv): number {
  const seconds = Number(env.SMS_REOPEN_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, SMS_REOPEN_MS) : SMS_REOPEN_MS;
}

/** How long after it closed a chat is still shown to its shopper after a reload (R8). */
const RECENT_CLOSED_MS = 24 * 60 * 60 * 1000;
