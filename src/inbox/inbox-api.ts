/**
 * The agent's HTTP calls (DESIGN §5): sign-in, the ticket list, settings, profiles
 * and image uploads. Every answer is validated at this boundary, once.
 */
import {
  array,
  integer,
  literal,
  nullable,
  object,
  optional,
  string,
  type Infer,
  type Schema,
} from '../protocol/schema.js';
import { agentRefSchema, attachmentSchema, ticketSchema, validate, type AgentRef, type Attachment } from '../protocol/index.js';
import type { ContentLanguage } from '../protocol/languages.js';
import { serverOrigin } from '../transports/origin.js';
import { TransportError, httpError } from '../transports/types.js';

export const agentSchema = object({ id: string({ min: 1, max: 128 }), name: string({ max: 200 }), role: literal('agent', 'admin') });
export type Agent = Infer<typeof agentSchema>;

export const agentSessionSchema = object({ token: string({ min: 1, max: 4096 }), expiresAt: string({ max: 40 }), agent: agentSchema });
export type AgentSession = Infer<typeof agentSessionSchema>;

const agentListSchema = object({ agents: array(agentRefSchema, { max: 100 }) });

export const ticketPageSchema = object({
  tickets: array(ticketSchema),
  nextCursor: nullable(string({ max: 500 })),
  unreadTotal: optional(integer({ min: 0 })),
});
export type TicketPage = Infer<typeof ticketPageSchema>;

export const profileSchema = object({
  id: string({ min: 1, max: 128 }),
  name: optional(string({ max: 200 })),
  email: optional(string({ max: 320 })),
  customerSince: optional(string({ max: 40 })),
  orderCount: integer({ min: 0 }),
  totalSpent: string({ max: 40 }),
  currency: optional(string({ max: 8 })),
  events: array(object({ type: string({ max: 40 }), at: string({ max: 40 }), summary: string({ max: 500 }) }), { max: 100 }),
});
export type Profile = Infer<typeof profileSchema>;

/** `GET tickets/{id}/customer`: the profile panel beside a ticket (README "The profile beside a ticket"). */
export const customerViewSchema = object({
  profile: nullable(profileSchema),
  tickets: array(ticketSchema, { max: 20 }),
  orders: array(
    object({
      id: string({ min: 1, max: 128 }),
      name: string({ max: 200 }),
      status: string({ max: 40 }),
      createdAt: nullable(string({ max: 40 })),
      total: nullable(string({ max: 40 })),
      currency: nullable(string({ max: 8 })),
      statusUrl: nullable(string({ max: 2048 })),
    }),
    { max: 10 },
  ),
});
export type CustomerView = Infer<typeof customerViewSchema>;

const uploadSchema = object({ id: string({ min: 1, max: 128 }), url: string({ min: 1, max: 2048 }), width: optional(integer({ min: 1 })), height: optional(integer({ min: 1 })) });

/**
 * The merchant settings as `GET settings` returns them (R12). Kept loose here: the
 * server validates every field on `PUT` and answers a message the form shows.
 */
export interface ShopSettings {
  enabled: boolean;
  loginStatus: 'all' | 'logged-in';
  welcomeMessage: string;
  faqs: Array<{ id: string; question: string; answer: string; published: boolean }>;
  policy: { privacyUrl?: string; termsUrl?: string };
  officeHours: {
    timezone: string;
    weekly: Record<Weekday, string[][]>;
    holidays: string[];
    awayMessage: string;
  };
  ai: {
    enabled: boolean;
    knowledge: Array<{ title: string; text: string; url?: string }>;
    maxUnresolvedTurns: number;
    handoff: { target: 'inbox' | 'zendesk' | 'gorgias' | 'webhook' | 'message'; url?: string; message?: string; subdomain?: string; email?: string; apiToken?: string; secret?: string };
  };
  macros: Array<{ id: string; name: string; body: string }>;
  allowedOrigins: string[];
  notifications: { webhookUrl?: string; events: string[]; secret?: string; email?: EmailNotifications };
  /** Twilio (issue 16); `authToken` is write-only. */
  sms?: { enabled: boolean; accountSid: string; authToken?: string; from?: string; messagingServiceSid?: string; publicUrl?: string; apiBaseUrl?: string };
  shopName?: string;
  /** The widget header's logo, https only (issue 17). */
  logoUrl?: string;
  /** The header's reply-time sentence; empty: the team's median first reply (issue 17). */
  replyTimeMessage?: string;
  /** The shopper's widget (issue 17): `rating` after the chat, shoppers' `attachments` (each on unless false). */
  chat?: { rating?: boolean; attachments?: boolean };
  identitySecret?: string;
  /** Issue 17: the plain content fields' language, and the others (README "Content in the shopper's language"). */
  defaultLanguage?: ContentLanguage;
  translations?: Record<string, ContentTranslation>;
}
/** One language's content; a field left out falls back to the default language's. */
export interface ContentTranslation {
  welcomeMessage?: string;
  awayMessage?: string;
  handoffMessage?: string;
  /** The header's reply-time sentence in this language (issue 17). */
  replyTimeMessage?: string;
  faqs?: Array<{ id: string; question?: string; answer?: string }>;
}
/** `notifications.email` (README "E-mail notifications"); `token` is write-only. */
export interface EmailNotifications {
  enabled: boolean;
  provider: 'postmark' | 'resend';
  to: string[];
  from: string;
  events: string[];
  token?: string;
  apiBaseUrl?: string;
  inboxUrl?: string;
  /** Shopper e-mails (issue 17): each on unless false; `storefrontUrl` is where they link. */
  transcript?: boolean;
  replyNotice?: boolean;
  storefrontUrl?: string;
}
/** What `POST ai/try` answers: what the AI agent would say to a question, and from which source. */
export const aiTryResultSchema = object({
  kind: literal('answer', 'clarify', 'handoff', 'orders'),
  text: optional(string({ max: 20_000 })),
  source: optional(string({ max: 500 })),
  url: optional(string({ max: 2048 })),
  reason: optional(string({ max: 64 })),
});
export type AiTryResult = Infer<typeof aiTryResultSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const settingsShape: Schema<ShopSettings> = {
  check(input, path) {
    const o = input as Partial<ShopSettings> | null;
    const fine = !!o && typeof o === 'object' && typeof o.enabled === 'boolean' && Array.isArray(o.faqs) && !!o.officeHours && !!o.ai && Array.isArray(o.macros);
    return fine ? { ok: true, value: o as ShopSettings } : { ok: false, issue: { code: 'bad_frame', path, message: 'not a settings object' } };
  },
};

export interface InboxApiOptions {
  host: string;
  shop: string;
  fetch?: typeof fetch;
}

/** Upload progress, 0 to 1. */
export type Progress = (fraction: number) => void;

export class InboxApi {
  readonly origin: string;
  readonly shopBase: string;
  token: string | null = null;

  constructor(private readonly options: InboxApiOptions) {
    this.origin = serverOrigin(options.host);
    this.shopBase = `${this.origin}/parties/main/${encodeURIComponent(options.shop)}`;
  }

  signIn(agentKey: string): Promise<AgentSession> {
    return this.request('POST', `${this.shopBase}/agents/session`, agentSessionSchema, { agentKey }, false);
  }

  /** A fresh agent token for the current, still valid one (`agents/refresh`). */
  refresh(): Promise<AgentSession> {
    return this.request('POST', `${this.shopBase}/agents/refresh`, agentSessionSchema, {});
  }

  /** The shop's team (issue 17): whom a ticket can be assigned to. */
  async agents(): Promise<AgentRef[]> {
    return (await this.request('GET', `${this.shopBase}/agents`, agentListSchema)).agents;
  }

  tickets(query: { status?: string; channel?: string; cursor?: string | null; limit?: number; q?: string }): Promise<TicketPage> {
    const q = new URLSearchParams();
    if (query.q) q.set('q', query.q);
    if (query.status) q.set('status', query.status);
    if (query.channel) q.set('channel', query.channel);
    if (query.cursor) q.set('cursor', query.cursor);
    q.set('limit', String(query.limit ?? 50));
    return this.request('GET', `${this.shopBase}/tickets?${q}`, ticketPageSchema);
  }

  settings(): Promise<ShopSettings> {
    return this.request('GET', `${this.shopBase}/settings`, settingsShape);
  }

  saveSettings(settings: ShopSettings): Promise<ShopSettings> {
    return this.request('PUT', `${this.shopBase}/settings`, settingsShape, settings);
  }

  /** What the AI agent would answer to `question` over these (draft) FAQs and knowledge; admins only. */
  tryAi(question: string, draft: { faqs: ShopSettings['faqs']; knowledge: ShopSettings['ai']['knowledge'] }): Promise<AiTryResult> {
    return this.request('POST', `${this.shopBase}/ai/try`, aiTryResultSchema, { question, ...draft });
  }

  /** The profile panel beside a ticket: always an answer for a ticket of the shop, empty when nothing is known. */
  customerView(ticketId: string): Promise<CustomerView> {
    return this.request('GET', `${this.shopBase}/tickets/${encodeURIComponent(ticketId)}/customer`, customerViewSchema);
  }

  /** A profile, or null when the shop has none for this customer yet. */
  async profile(customerId: string): Promise<Profile | null> {
    try {
      return await this.request('GET', `${this.shopBase}/profiles/${encodeURIComponent(customerId)}`, profileSchema);
    } catch (err) {
      if (err instanceof TransportError && err.status === 404) return null;
      throw err;
    }
  }

  /**
   * Uploads an image to a ticket (raw bytes). XMLHttpRequest where there is one,
   * because `fetch` reports no upload progress.
   */
  async upload(ticketId: string, file: Blob, progress?: Progress): Promise<Attachment> {
    const url = `${this.origin}/parties/ticket/${encodeURIComponent(ticketId)}/uploads`;
    const answer =
      typeof XMLHttpRequest === 'function' && !this.options.fetch
        ? await this.xhr(url, file, progress)
        : await this.send('POST', url, file, true);
    const parsed = validate(uploadSchema, answer);
    if (!parsed.ok) throw new TransportError('bad_response', 'The server answered an upload with something unexpected.');
    const { url: path, width, height } = parsed.frame;
    const image: Attachment = { type: 'image', url: new URL(path, this.origin).href };
    if (width) image.width = width;
    if (height) image.height = height;
    return validate(attachmentSchema, image).ok ? image : Promise.reject(new TransportError('bad_response', 'Bad upload URL.'));
  }

  private xhr(url: string, file: Blob, progress?: Progress): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = new XMLHttpRequest();
      req.open('POST', url);
      req.setRequestHeader('Authorization', `Bearer ${this.token ?? ''}`);
      req.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      req.upload.onprogress = (e) => e.lengthComputable && progress?.(e.loaded / e.total);
      req.onerror = () => reject(new TransportError('network', 'The server could not be reached.'));
      req.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(req.responseText);
        } catch {
          // reported below
        }
        if (req.status >= 200 && req.status < 300) return resolve(body);
        reject(httpError(req.status, body));
      };
      req.send(file);
    });
  }

  private async request<T>(method: string, url: string, schema: Schema<T>, body?: unknown, auth = true): Promise<T> {
    const json = await this.send(method, url, body === undefined ? undefined : JSON.stringify(body), auth);
    const parsed = validate(schema, json);
    if (!parsed.ok) throw new TransportError('bad_response', `The server's answer was malformed (${parsed.error.message}).`);
    return parsed.frame;
  }

  private async send(method: string, url: string, body: BodyInit | undefined, auth: boolean): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (typeof body === 'string') headers['Content-Type'] = 'application/json';
    else if (body instanceof Blob) headers['Content-Type'] = body.type || 'application/octet-stream';
    if (auth) headers.Authorization = `Bearer ${this.token ?? ''}`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    } catch {
      throw new TransportError('network', 'The server could not be reached.');
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw httpError(response.status, json);
    return json;
  }
}
