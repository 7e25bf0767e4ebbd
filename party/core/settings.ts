/**
 * The merchant's settings (R12, DESIGN §5): schema, defaults, the write-only
 * secrets, and the public widget config derived from them.
 */
import {
  MAX_BODY_CHARS,
  validate,
  type Decoded,
  type WidgetConfig,
} from '../../src/protocol/index.js';
import { array, boolean, integer, literal, object, optional, string, type Infer } from '../../src/protocol/schema.js';
import { officeStatus } from './office-hours.js';
import { contentIn, contentLanguage, languageSchema, refuseTranslations, translationsSchema } from './content-languages.js';

const text = (max: number) => string({ max });
const httpUrl = string({ max: 2048, pattern: /^https?:\/\/[^\s]+$/i });
const hhmm = string({ pattern: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/ });
const day = array(array(hhmm, { max: 2 }), { max: 8 });
/** A phone number in E.164 (`+15145550123`). */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** What a team e-mail can be about (R14): the webhook's events, and R19's wait reminder. */
export const EMAIL_EVENTS = ['ticket.created', 'message.created', 'ticket.handoff', 'ticket.closed', 'ticket.rated', 'ticket.waiting'] as const;
const emailAddress = string({ min: 3, max: 320, pattern: /^[^\s@<>,;"]+@[^\s@<>,;"]+$/ });
/** `notifications.email` (README "E-mail notifications"): where and how the team's e-mails go. */
const emailSettingsSchema = object({
  enabled: boolean(),
  to: array(emailAddress, { max: 20 }),
  events: array(literal(...EMAIL_EVENTS), { max: EMAIL_EVENTS.length }),
  provider: literal('postmark', 'resend'),
  token: optional(text(500)),
  /** The sender, `support@shop.com` or `Shop support <support@shop.com>` (a verified sender of the provider). */
  from: string({ min: 3, max: 320, pattern: /^[^\r\n]+$/ }),
  apiBaseUrl: optional(httpUrl),
  /** The inbox page the e-mails link to (`https://shop.example/inbox.html`); the ticket id is added as `#ticket=`. */
  inboxUrl: optional(httpUrl),
  /** Shoppers may e-mail themselves their conversation (README "Shopper e-mails"); on unless false. */
  transcript: optional(boolean()),
  /** A shopper who left gets one e-mail when the team replies (README "Shopper e-mails"); on unless false. */
  replyNotice: optional(boolean()),
  /** The storefront the shopper e-mails link back to (`https://shop.example`); the shop's domain otherwise. */
  storefrontUrl: optional(httpUrl),
});
export type EmailSettings = Infer<typeof emailSettingsSchema>;

export const settingsSchema = object({
  enabled: boolean(),
  loginStatus: literal('all', 'logged-in'),
  welcomeMessage: text(MAX_BODY_CHARS),
  faqs: array(
    object({ id: string({ min: 1, max: 64 }), question: text(500), answer: text(MAX_BODY_CHARS), published: boolean() }),
    { max: 200 },
  ),
  policy: object({ privacyUrl: optional(httpUrl), termsUrl: optional(httpUrl) }),
  officeHours: object({
    timezone: string({ min: 1, max: 64 }),
    weekly: object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }),
    holidays: array(string({ pattern: /^\d{4}-\d{2}-\d{2}$/ }), { max: 366 }),
    awayMessage: text(MAX_BODY_CHARS),
  }),
  ai: object({
    enabled: boolean(),
    knowledge: array(object({ title: text(200), text: text(20000), url: optional(httpUrl) }), { max: 200 }),
    maxUnresolvedTurns: integer({ min: 1, max: 10 }),
    handoff: object({
      target: literal('inbox', 'zendesk', 'gorgias', 'webhook', 'message'),
      url: optional(httpUrl),
      message: optional(text(MAX_BODY_CHARS)),
      subdomain: optional(text(100)),
      email: optional(text(320)),
      apiToken: optional(text(500)),
      secret: optional(text(500)),
    }),
  }),
  macros: array(object({ id: string({ min: 1, max: 64 }), name: text(100), body: text(MAX_BODY_CHARS) }), { max: 200 }),
  allowedOrigins: array(string({ max: 300, pattern: /^https?:\/\/[^/\s]+$/i }), { max: 50 }),
  notifications: object({
    webhookUrl: optional(httpUrl),
    events: array(text(64), { max: 20 }),
    secret: optional(text(500)),
    email: optional(emailSettingsSchema),
  }),
  identitySecret: optional(string({ min: 16, max: 500 })),
  /** The SMS channel through Twilio (README "SMS (Twilio)"). */
  sms: optional(
    object({
      enabled: boolean(),
      accountSid: string({ pattern: /^AC[0-9a-fA-F]{32}$/ }),
      authToken: optional(string({ min: 1, max: 200 })),
      from: optional(string({ pattern: E164 })),
      messagingServiceSid: optional(string({ pattern: /^MG[0-9a-fA-F]{32}$/ })),
      publicUrl: optional(string({ max: 2048, pattern: /^https?:\/\/[^\s?#]+$/i })),
      apiBaseUrl: optional(string({ max: 2048, pattern: /^https?:\/\/[^\s?#]+$/i })),
    }),
  ),
  shopName: optional(text(200)),
  /** The language of the plain content fields above (`en` when absent); README "Content in the shopper's language". */
  defaultLanguage: optional(languageSchema),
  /** The welcome, away and handoff messages and FAQs in other languages, each field falling back to the default's. */
  translations: optional(translationsSchema),
  /** The widget header's logo (issue 17): https only, as the storefront is. */
  logoUrl: optional(string({ max: 2048, pattern: /^https:\/\/[^\s"'<>]+$/i })),
  /** The header's reply-time sentence, instead of the one computed from recent first replies. */
  replyTimeMessage: optional(text(200)),
  /** The shopper's widget (issue 17): `rating` asks for a 1–5 rating when a chat ends, `attachments` lets shoppers send images (each on unless false). */
  chat: optional(object({ rating: optional(boolean()), attachments: optional(boolean()) })),
});
export type Settings = Infer<typeof settingsSchema>;

/** Write-only fields: accepted by PUT, never returned by GET. */
const SECRET_PATHS = [
  ['identitySecret'],
  ['ai', 'handoff', 'apiToken'],
  ['ai', 'handoff', 'secret'],
  ['notifications', 'secret'],
  ['sms', 'authToken'],
  ['notifications', 'email', 'token'],
] as const;

/**
 * Secrets that go out with requests, and where they go. A stored secret is kept only
 * while its destination stays the same: an admin PUT that moves the destination (or
 * the account it authenticates as) must bring the secret again, else the stored one
 * would be sent to the new place. `used` says whether the new settings would send it.
 */
interface BoundSecret {
  secret: Path;
  destination: readonly Path[];
  used(s: Settings): boolean;
}
const HANDOFF_DESTINATION = [
  ['ai', 'handoff', 'target'],
  ['ai', 'handoff', 'url'],
  ['ai', 'handoff', 'subdomain'],
  ['ai', 'handoff', 'email'],
] as const;
const BOUND_SECRETS: readonly BoundSecret[] = [
  { secret: ['ai', 'handoff', 'apiToken'], destination: HANDOFF_DESTINATION, used: (s) => s.ai.handoff.target === 'zendesk' || s.ai.handoff.target === 'gorgias' },
  { secret: ['ai', 'handoff', 'secret'], destination: HANDOFF_DESTINATION, used: (s) => s.ai.handoff.target === 'webhook' },
  { secret: ['notifications', 'secret'], destination: [['notifications', 'webhookUrl']], used: (s) => s.notifications.webhookUrl !== undefined },
  // The auth token goes to the Twilio API of that account (and signs its webhooks).
  { secret: ['sms', 'authToken'], destination: [['sms', 'accountSid'], ['sms', 'apiBaseUrl']], used: (s) => s.sms?.enabled === true },
  {
    secret: ['notifications', 'email', 'token'],
    destination: [['notifications', 'email', 'provider'], ['notifications', 'email', 'apiBaseUrl']],
    used: (s) => s.notifications.email?.enabled === true,
  },
  // `identitySecret` has no destination: it only verifies the merchant's identity JWTs.
];

export function defaultSettings(): Settings {
  const weekday = [['09:00', '17:00']];
  return {
    enabled: true,
    loginStatus: 'all',
    welcomeMessage: 'Hi! How can we help?',
    faqs: [],
    policy: {},
    officeHours: {
      timezone: 'UTC',
      weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
      holidays: [],
      awayMessage: "We're away right now. Leave a message and we'll reply as soon as we're back.",
    },
    ai: { enabled: false, knowledge: [], maxUnresolvedTurns: 2, handoff: { target: 'inbox' } },
    macros: [],
    allowedOrigins: [],
    notifications: { events: [] },
  };
}

/**
 * Validates a PUT body. Secrets left out keep their stored value, so an admin tool
 * that round-trips GET → PUT never erases them, but only while their destination is
 * unchanged: a moved destination without its secret is refused where the secret
 * would be sent, and drops the stored secret where it would not.
 */
export function mergeSettings(stored: Settings, input: unknown): Decoded<Settings> {
  const r = validate(settingsSchema, input);
  if (!r.ok) return r;
  const next = r.frame;
  for (const path of SECRET_PATHS) {
    if (getPath(next, path) !== undefined || getPath(stored, path) === undefined) continue;
    const bound = BOUND_SECRETS.find((b) => b.secret.join('.') === path.join('.'));
    if (bound && bound.destination.some((d) => getPath(next, d) !== getPath(stored, d))) {
      if (!bound.used(next)) continue;
      const field = path.join('.');
      return { ok: false, error: { code: 'bad_frame', message: `${field}: required when ${bound.destination.map((d) => d.join('.')).join(' / ')} change (a stored secret is never sent to a new destination)` } };
    }
    setPath(next, path, getPath(stored, path));
  }
  const smsRefusal = next.sms?.enabled ? smsIncomplete(next.sms) : null;
  if (smsRefusal) return { ok: false, error: { code: 'bad_frame', message: smsRefusal } };
  const translationRefusal = refuseTranslations(next);
  if (translationRefusal) return { ok: false, error: { code: 'bad_frame', message: translationRefusal } };
  const emailRefusal = refuseEmailSettings(next.notifications.email);
  if (emailRefusal) return { ok: false, error: { code: 'bad_frame', message: emailRefusal } };
  if (!isValidTimeZone(next.officeHours.timezone)) {
    return { ok: false, error: { code: 'bad_frame', message: 'officeHours.timezone: unknown IANA time zone' } };
  }
  return r;
}

/** Why switched-on SMS settings cannot work, or null. */
function smsIncomplete(sms: NonNullable<Settings['sms']>): string | null {
  if (!sms.authToken) return 'sms.authToken: required when SMS is enabled';
  if (!sms.from && !sms.messagingServiceSid) return 'sms: from or messagingServiceSid is required when SMS is enabled';
  return null;
}

/** Enabled e-mail notifications need somewhere to go and a way to get there (after stored secrets are merged). */
function refuseEmailSettings(email: EmailSettings | undefined): string | null {
  if (!email?.enabled) return null;
  if (!email.token) return 'notifications.email.token: required when e-mail notifications are enabled (the provider refuses mail without it)';
  if (!email.to.length) return 'notifications.email.to: at least one address when e-mail notifications are enabled';
  return null;
}

/** The settings as an admin may read them: every secret removed. */
export function redactSettings(settings: Settings): Settings {
  const copy = structuredClone(settings);
  for (const path of SECRET_PATHS) setPath(copy, path, undefined);
  return JSON.parse(JSON.stringify(copy)) as Settings;
}

/** The public widget config (GET config) in the shopper's language (`lang`, falling back per item): nothing private leaks into it. */
export function publicConfig(s: Settings, now: number, lang?: string | null): WidgetConfig {
  const hours = officeStatus(s.officeHours, now);
  const content = contentIn(s, contentLanguage(s, lang));
  const policy: WidgetConfig['policy'] = {};
  if (s.policy.privacyUrl) policy.privacyUrl = s.policy.privacyUrl;
  if (s.policy.termsUrl) policy.termsUrl = s.policy.termsUrl;
  return {
    enabled: s.enabled,
    loginStatus: s.loginStatus,
    welcomeMessage: content.welcomeMessage,
    faqs: content.faqs.filter((f) => f.published).map(({ id, question, answer }) => ({ id, question, answer })),
    policy,
    officeHours: {
      timezone: s.officeHours.timezone,
      isOpen: hours.isOpen,
      nextOpenAt: hours.nextOpenAt === null ? null : new Date(hours.nextOpenAt).toISOString(),
      awayMessage: content.awayMessage,
    },
    ai: { enabled: s.ai.enabled },
    ...(s.shopName?.trim() ? { shopName: s.shopName.trim() } : {}),
    ...(s.logoUrl ? { logoUrl: s.logoUrl } : {}),
    ...(content.replyTimeMessage ? { replyMessage: content.replyTimeMessage } : {}),
    rating: s.chat?.rating !== false,
    // Sent only when off (absent means yes), so the config stays as it was for shops that keep them.
    ...(shopperAttachments(s) ? {} : { attachments: false }),
    ...shopperEmailConfig(s.notifications.email),
  };
}

/** Whether shoppers may send images (issue 17 B1): on unless the merchant switched it off. */
export const shopperAttachments = (s: Settings): boolean => s.chat?.attachments !== false;

/** Team e-mails that can go out (enabled, with a token and recipients): what shoppers' e-mails go through too. */
export const sendingEmail = (email: EmailSettings | undefined): EmailSettings | undefined =>
  email?.enabled && email.token && email.to.length ? email : undefined;

/** The config's shopper e-mail switches (README "Shopper e-mails"), present only when on. */
function shopperEmailConfig(email: EmailSettings | undefined): Pick<WidgetConfig, 'transcript' | 'replyByEmail'> {
  const on = sendingEmail(email);
  return { ...(on && on.transcript !== false ? { transcript: true } : {}), ...(on && on.replyNotice !== false ? { replyByEmail: true } : {}) };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

type Path = readonly string[];
function getPath(obj: object, path: Path): unknown {
  let cur: unknown = obj;
  for (const k of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}
function setPath(obj: object, path: Path, value: unknown): void {
  let cur = obj as Record<string, unknown>;
  for (const k of path.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') return;
    cur = cur[k] as Record<string, unknown>;
  }
  if (value === undefined) delete cur[path.at(-1)!];
  else cur[path.at(-1)!] = value;
}
