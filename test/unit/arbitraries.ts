/** fast-check generators of valid wire values (DESIGN §6). */
import fc from 'fast-check';
import type { ClientFrame, Message, ServerFrame, Ticket } from '../../src/protocol/index.js';

const id = fc.string({ minLength: 1, maxLength: 40 });
const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
const iso = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((n) => new Date(n).toISOString());
const seq = fc.nat({ max: 1_000_000 });
const seq1 = fc.integer({ min: 1, max: 1_000_000 });

export const attachment = fc.record(
  {
    type: fc.constant('image' as const),
    url: fc.webUrl(),
    alt: text(50),
    width: fc.integer({ min: 1, max: 5000 }),
    height: fc.integer({ min: 1, max: 5000 }),
  },
  { requiredKeys: ['type', 'url'] },
);

export const author = fc.record(
  { role: fc.constantFrom('shopper', 'agent', 'ai', 'system' as const), id, name: text(40) },
  { requiredKeys: ['role'] },
);

export const message: fc.Arbitrary<Message> = fc.record(
  {
    id,
    seq: seq1,
    clientId: id,
    author,
    body: text(300),
    attachments: fc.array(attachment, { maxLength: 2 }),
    createdAt: iso,
  },
  { requiredKeys: ['id', 'seq', 'author', 'body', 'attachments', 'createdAt'] },
);

export const ticket: fc.Arbitrary<Ticket> = fc.record(
  {
    id,
    shop: id,
    channel: fc.constantFrom('chat', 'sms' as const),
    status: fc.constantFrom('open', 'snoozed', 'closed' as const),
    snoozeUntil: fc.option(iso, { nil: null }),
    customer: fc.option(fc.record({ id, name: text(40), email: text(40) }, { requiredKeys: ['id'] }), { nil: null }),
    assignee: fc.option(fc.record({ id, name: text(40) }), { nil: null }),
    handler: fc.constantFrom('ai', 'team' as const),
    createdAt: iso,
    updatedAt: iso,
    lastMessage: fc.record({ seq: seq1, body: text(100), author, createdAt: iso }),
    unread: fc.nat(),
    waitingSince: fc.option(iso, { nil: null }),
  },
  { requiredKeys: ['id', 'shop', 'channel', 'status', 'customer', 'handler', 'createdAt', 'updatedAt', 'unread'] },
);

export const clientFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.record({ type: fc.constant('hello' as const), lastSeq: seq }),
  fc.record(
    { type: fc.constant('send' as const), clientId: id, body: text(500), attachments: fc.array(attachment, { maxLength: 3 }) },
    { requiredKeys: ['type', 'clientId', 'body'] },
  ),
  fc.record({ type: fc.constant('read' as const), seq }),
  fc.record({ type: fc.constant('typing' as const), active: fc.boolean() }),
  fc.record({ type: fc.constant('history' as const), beforeSeq: seq1, limit: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant('end' as const) }),
  fc.record(
    { type: fc.constant('status' as const), status: fc.constantFrom('open', 'snoozed', 'closed' as const), snoozeUntil: iso },
    { requiredKeys: ['type', 'status'] },
  ),
);

const errorCode = fc.constantFrom(
  'bad_frame', 'too_large', 'rate_limited', 'forbidden', 'ticket_closed', 'not_found', 'unsupported_version' as const,
);

export const serverFrame: fc.Arbitrary<ServerFrame> = fc.oneof(
  fc.record({
    type: fc.constant('sync' as const),
    ticket,
    messages: fc.array(message, { maxLength: 3 }),
    hasMore: fc.boolean(),
    receipts: fc.record({ shopper: seq, agent: seq }),
  }),
  fc.record({ type: fc.constant('message' as const), message }),
  fc.record({ type: fc.constant('ack' as const), clientId: id, seq: seq1, id }),
  fc.record({ type: fc.constant('receipt' as const), role: fc.constantFrom('shopper', 'agent' as const), seq }),
  fc.record(
    { type: fc.constant('typing' as const), role: fc.constantFrom('shopper', 'agent', 'ai', 'system' as const), name: text(40), active: fc.boolean() },
    { requiredKeys: ['type', 'role', 'active'] },
  ),
  fc.record({ type: fc.constant('ticket' as const), ticket }),
  fc.record({ type: fc.constant('history' as const), messages: fc.array(message, { maxLength: 3 }), hasMore: fc.boolean() }),
  fc.record(
    { type: fc.constant('error' as const), code: errorCode, message: text(100), clientId: id },
    { requiredKeys: ['type', 'code', 'message'] },
  ),
);
