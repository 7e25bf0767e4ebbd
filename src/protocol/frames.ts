/**
 * The wire contract of DESIGN.md §5–6: every HTTP body and WebSocket frame, as a
 * schema (runtime check) and a type (`Infer`) from the same declaration.
 */
import {
  array,
  boolean,
  integer,
  literal,
  nullable,
  object,
  optional,
  string,
  tagged,
  type Infer,
} from './schema.js';
import { contextSchema } from './context.js';

export const PROTOCOL_VERSION = 1;
export const MAX_BODY_CHARS = 4000;
export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_HISTORY_LIMIT = 100;
export const MAX_ATTACHMENTS = 10;
/** A rating's comment (issue 17, README "Rating after the chat"). */
export const MAX_RATING_COMMENT = 1000;

/** White space and the invisible format characters `trim()` keeps (U+200B–U+200D, U+2060, U+FEFF). */
const BLANK = /^[\s\u200b-\u200d\u2060\ufeff]*$/;

/**
 * Whether a message body says nothing a reader can see (R6): `trim()` alone keeps
 * zero-width spaces and joiners. HTTP (`POST chats`) and the socket (`send`) both use
 * this one check.
 */
export const isBlankBody = (body: string): boolean => BLANK.test(body);

const id = string({ min: 1, max: 128 });
const timestamp = string({ min: 1, max: 40 });
const seq = integer({ min: 0 });
const url = string({ min: 1, max: 2048 });

export const attachmentSchema = object({
  type: literal('image', 'file'),
  url,
  contentType: optional(string({ max: 100 })),
  alt: optional(string({ max: 500 })),
  width: optional(integer({ min: 1 })),
  height: optional(integer({ min: 1 })),
});
export type Attachment = Infer<typeof attachmentSchema>;

/** An SMS reply's way to the shopper's phone (README "SMS (Twilio)"). */
export const messageDeliverySchema = object({ state: literal('sending', 'sent', 'delivered', 'failed'), error: optional(string({ max: 200 })) });
export type MessageDelivery = Infer<typeof messageDeliverySchema>;
export type DeliveryState = MessageDelivery['state'];

export const authorSchema = object({
  role: literal('shopper', 'agent', 'ai', 'system'),
  id: optional(id),
  name: optional(string({ max: 200 })),
});
export type Author = Infer<typeof authorSchema>;
export type AuthorRole = Author['role'];

/** A reply the shopper can pick instead of typing (issue 18: one of their recent orders). */
export const choiceSchema = object({ label: string({ max: 200 }), reply: string({ min: 1, max: 500 }) });
export type Choice = Infer<typeof choiceSchema>;

export const messageSchema = object({
  id,
  seq: integer({ min: 1 }),
  clientId: optional(id),
  author: authorSchema,
  body: string({ max: MAX_BODY_CHARS }),
  attachments: array(attachmentSchema, { max: MAX_ATTACHMENTS }),
  /** AI messages only: buttons that send their `reply` as the shopper's next message. */
  choices: optional(array(choiceSchema, { max: 10 })),
  createdAt: timestamp,
  delivery: optional(messageDeliverySchema),
});
export type Message = Infer<typeof messageSchema>;

/**
 * An agent's internal note (issue 17): agent-only, in its own sequence beside the
 * messages, so the shopper's `seq`s stay gapless. `afterSeq` places it in the thread
 * (after the message with that seq). README "Internal notes".
 */
export const noteSchema = object({
  id,
  clientId: optional(id),
  author: authorSchema,
  body: string({ max: MAX_BODY_CHARS }),
  createdAt: timestamp,
  afterSeq: seq,
});
export type Note = Infer<typeof noteSchema>;

export const customerSchema = object({
  id,
  name: optional(string({ max: 200 })),
  email: optional(string({ max: 320 })),
  phone: optional(string({ min: 1, max: 20 })),
});
export type Customer = Infer<typeof customerSchema>;

/** A `rate` frame's fields (issue 17). */
const rated = { score: integer({ min: 1, max: 5 }), comment: optional(string({ max: MAX_RATING_COMMENT })) };
/** The shopper's rating of an ended chat (issue 17): once, 1 to 5, with an optional comment. */
export const ratingSchema = object({ ...rated, at: timestamp });
export type Rating = Infer<typeof ratingSchema>;

export const ticketStatusSchema = literal('open', 'snoozed', 'closed');
export type TicketStatus = Infer<typeof ticketStatusSchema>;

export const ticketSchema = object({
  id,
  shop: id,
  channel: literal('chat', 'sms'),
  status: ticketStatusSchema,
  snoozeUntil: optional(nullable(timestamp)),
  customer: nullable(customerSchema),
  assignee: optional(nullable(object({ id, name: string({ max: 200 }) }))),
  handler: literal('ai', 'team'),
  createdAt: timestamp,
  updatedAt: timestamp,
  lastMessage: optional(
    object({ seq: integer({ min: 1 }), body: string({ max: MAX_BODY_CHARS }), author: authorSchema, createdAt: timestamp }),
  ),
  unread: integer({ min: 0 }),
  waitingSince: optional(nullable(timestamp)),
  optedOut: optional(boolean()),
  /** What the shopper's page said with `setContext` (README "Context on the ticket"). */
  context: optional(contextSchema),
  rating: optional(ratingSchema),
  /** Who closed the ticket (issue 17): the shopper (End chat) or an agent, with their display name. */
  closedBy: optional(authorSchema),
  /** Counts the ticket's changes, reads and ratings included: of two copies the higher is newer (README "Protocol"). */
  revision: optional(integer({ min: 0 })),
});
export type Ticket = Infer<typeof ticketSchema>;

/** Snooze expiry is lazy everywhere (DESIGN §7): a past `snoozeUntil` means open. */
export function effectiveStatus(t: Ticket, now = Date.now()): TicketStatus {
  return t.status === 'snoozed' && t.snoozeUntil && Date.parse(t.snoozeUntil) <= now ? 'open' : t.status;
}

export const receiptsSchema = object({ shopper: seq, agent: seq });
export type Receipts = Infer<typeof receiptsSchema>;

export const errorCodeSchema = literal(
  'bad_frame',
  'too_large',
  'rate_limited',
  'forbidden',
  'ticket_closed',
  'not_found',
  'unsupported_version',
  'opted_out',
  // A shopper's image sent after the shop switched them off (`chat.attachments`, issue 17 B1).
  'attachments_off',
  // A `rate` refused (issue 17): the chat has not ended, it was rated already, the shop turned rating off.
  'not_closed',
  'already_rated',
  'rating_off',
);
export type FrameErrorCode = Infer<typeof errorCodeSchema>;

/** A team member as the ticket names them (assignee, presence, `GET agents`). */
export const agentRefSchema = object({ id, name: string({ max: 200 }) });
export type AgentRef = Infer<typeof agentRefSchema>;

/**
 * Who did what to a ticket (issue 17), for agents only: placed after the message
 * `afterSeq` in the thread. `by` is absent when the server did it (a snooze that ran out).
 */
export const ticketEventSchema = object({
  id,
  kind: literal('assigned', 'snoozed', 'closed', 'reopened', 'handed_off', 'rated'),
  at: timestamp,
  afterSeq: seq,
  by: optional(authorSchema),
  /** `assigned`: the new assignee, null when unassigned. */
  to: optional(nullable(agentRefSchema)),
  /** `snoozed`: until when. */
  until: optional(timestamp),
  /** `rated`: the shopper's score. */
  score: optional(integer({ min: 1, max: 5 })),
});
export type TicketEvent = Infer<typeof ticketEventSchema>;

/** The agents with a socket on a ticket, and whether they are typing (issue 17 "Collision"). */
export const presenceSchema = array(object({ id, name: string({ max: 200 }), typing: boolean() }), { max: 50 });
export type Presence = Infer<typeof presenceSchema>;

const outgoingAttachments = optional(array(attachmentSchema, { max: MAX_ATTACHMENTS }));

/** Client → server frames (DESIGN §6). */
export const clientFrameSchema = tagged({
  hello: object({ lastSeq: seq }),
  send: object({ clientId: id, body: string({ max: MAX_BODY_CHARS }), attachments: outgoingAttachments }),
  read: object({ seq }),
  typing: object({ active: boolean() }),
  history: object({ beforeSeq: integer({ min: 1 }), limit: integer({ min: 1, max: MAX_HISTORY_LIMIT }) }),
  end: object({}),
  status: object({ status: ticketStatusSchema, snoozeUntil: optional(timestamp) }),
  assign: object({ agentId: nullable(id) }),
  note: object({ clientId: id, body: string({ min: 1, max: MAX_BODY_CHARS }) }),
  context: object({ context: contextSchema }),
  rate: object(rated),
});
export type ClientFrame = Infer<typeof clientFrameSchema>;

/**
 * The server → client frames a shopper's socket can get: all but the agents' own. The
 * widget decodes only these (`decodeShopperFrame`), so its bundle carries no schema of
 * an agents-only frame; the server validates every frame whoever receives it.
 */
const shopperFrames = {
  sync: object({ ticket: ticketSchema, messages: array(messageSchema), hasMore: boolean(), receipts: receiptsSchema }),
  message: object({ message: messageSchema }),
  ack: object({ clientId: id, seq: integer({ min: 1 }), id }),
  receipt: object({ role: literal('shopper', 'agent'), seq }),
  typing: object({ role: authorSchema.shape.role, name: optional(string({ max: 200 })), active: boolean() }),
  ticket: object({ ticket: ticketSchema }),
  history: object({ messages: array(messageSchema), hasMore: boolean() }),
  error: object({ code: errorCodeSchema, message: string({ max: 1000 }), clientId: optional(id) }),
  delivery: object({ seq: integer({ min: 1 }), ...messageDeliverySchema.shape }),
};
export const shopperFrameSchema = tagged(shopperFrames);
export type ShopperFrame = Infer<typeof shopperFrameSchema>;

/** Server → client frames (DESIGN §6): a shopper's, and those only agents get (`events`, `presence`, `notes`). */
export const serverFrameSchema = tagged({
  // A plain object spread, not `shopperFrameSchema`'s: the bundler then drops this union where unused.
  ...shopperFrames,
  events: object({ events: array(ticketEventSchema, { max: 200 }) }),
  presence: object({ agents: presenceSchema }),
  notes: object({ notes: array(noteSchema) }),
});
export type ServerFrame = Infer<typeof serverFrameSchema>;

export type FrameOf<U extends { type: string }, T extends U['type']> = Extract<U, { type: T }>;

// ---- HTTP bodies (DESIGN §5) ----

export const faqSchema = object({ id, question: string({ max: 500 }), answer: string({ max: MAX_BODY_CHARS }) });
export type Faq = Infer<typeof faqSchema>;

export const widgetConfigSchema = object({
  enabled: boolean(),
  loginStatus: literal('all', 'logged-in'),
  welcomeMessage: string({ max: MAX_BODY_CHARS }),
  faqs: array(faqSchema),
  policy: object({ privacyUrl: optional(url), termsUrl: optional(url) }),
  officeHours: object({
    timezone: string({ max: 64 }),
    isOpen: boolean(),
    nextOpenAt: nullable(timestamp),
    awayMessage: string({ max: MAX_BODY_CHARS }),
  }),
  ai: object({ enabled: boolean() }),
  /** The header (issue 17): the shop's name and https logo, a few team members' display names. */
  shopName: optional(string({ max: 200 })),
  logoUrl: optional(url),
  team: optional(array(object({ name: string({ min: 1, max: 200 }) }), { max: 5 })),
  /** The team's median first reply in minutes (rounded up), or null while too few are known. */
  replyMinutes: optional(nullable(integer({ min: 1 }))),
  /** The merchant's own reply-time sentence: wins over `replyMinutes` while open. */
  replyMessage: optional(string({ max: 200 })),
  /** A logged-in shopper who left the page gets an e-mail when the team replies (README "Shopper e-mails"); the header's note says so. */
  replyByEmail: optional(boolean()),
  /** Whether the shopper is asked to rate an ended chat (`chat.rating`, issue 17); absent from older servers. */
  rating: optional(boolean()),
  /** Whether the shopper may send images (`chat.attachments`, issue 17 B1); absent means yes. */
  attachments: optional(boolean()),
  /** The shop e-mails a logged-in shopper their conversation on request (README "Shopper e-mails"). */
  transcript: optional(boolean()),
});
export type WidgetConfig = Infer<typeof widgetConfigSchema>;

export const sessionSchema = object({
  token: string({ min: 1, max: 4096 }),
  expiresAt: timestamp,
  customer: nullable(customerSchema),
});
export type Session = Infer<typeof sessionSchema>;

export const outgoingMessageSchema = object({
  clientId: id,
  body: string({ max: MAX_BODY_CHARS }),
  attachments: outgoingAttachments,
  context: optional(contextSchema),
});
export type OutgoingMessage = Infer<typeof outgoingMessageSchema>;

/** `GET orders` as the widget reads it (issue 18): what to say, and each order to pick from. */
export const shopperOrdersSchema = object({
  text: string({ max: MAX_BODY_CHARS }),
  orders: array(object({ id, label: string({ max: 200 }), text: string({ max: MAX_BODY_CHARS }) }), { max: 10 }),
});
export type ShopperOrders = Infer<typeof shopperOrdersSchema>;

/** `POST ticket/{id}/transcript` (issue 17): where the conversation went, masked (`a•••@example.com`). */
export const transcriptSentSchema = object({ sentTo: string({ max: 330 }) });
export type TranscriptSent = Infer<typeof transcriptSentSchema>;

export const startedChatSchema = object({
  ticket: ticketSchema,
  ticketToken: optional(string({ min: 1, max: 4096 })),
  message: optional(messageSchema),
});
export type StartedChat = Infer<typeof startedChatSchema>;

/** The codes of the server's HTTP refusals `{error: {code, message}}` (DESIGN §5), as `errorCodeSchema` is for frames. */
export const httpErrorCodeSchema = literal(
  'bad_request',
  // A chat's first message checked as its `send` frame would be (POST /chats).
  'bad_frame',
  'unauthorized',
  'login_required',
  'forbidden',
  'forbidden_origin',
  'chat_disabled',
  'chat_active',
  'not_found',
  'method_not_allowed',
  'ticket_closed',
  'too_large',
  'quota_exceeded',
  'unsupported_type',
  // The shop switched images from shoppers off (`chat.attachments`, issue 17 B1).
  'attachments_off',
  'upgrade_required',
  'rate_limited',
  'misconfigured',
  'internal',
  // Shopper e-mails (README "Shopper e-mails"): the account has no address; the shop sends none.
  'no_email',
  'email_off',
);
export type HttpErrorCode = Infer<typeof httpErrorCodeSchema>;

export const httpErrorSchema = object({
  error: object({ code: httpErrorCodeSchema, message: string({ max: 1000 }) }),
});
export type HttpError = Infer<typeof httpErrorSchema>;

/** The shop feed's one frame a shopper's widget reads: the saved config, live (R12). */
/** The shop feed's one frame a shopper's widget reads (`decodeConfigFrame`): the saved config, live (R12). */
const configFrame = { config: object({ config: widgetConfigSchema }) };
export const configFrameSchema = tagged(configFrame);

/**
 * The shop room's feed (`/parties/main/{shop}?token=...&v=1`), an addition to
 * DESIGN §6: agents get the inbox and each ticket change; shoppers get live config.
 */
export const feedFrameSchema = tagged({
  ...configFrame,
  inbox: object({ tickets: array(ticketSchema), nextCursor: nullable(string({ max: 500 })), unreadTotal: integer({ min: 0 }) }),
  ticket: object({ ticket: ticketSchema, unreadTotal: integer({ min: 0 }) }),
});
export type FeedFrame = Infer<typeof feedFrameSchema>;
