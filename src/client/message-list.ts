/**
 * The message list as the UI shows it (DESIGN §7), a pure projection of what a thread
 * holds: stored messages in seq order, acked sends whose frame has not come yet, then
 * the outbox; delivery states from the other side's receipt; the unread count.
 */
import type { Attachment, Author, Choice, Message, Receipts } from '../protocol/index.js';
import type { OutboxEntry } from './outbox.js';

export type DeliveryState = 'sending' | 'sent' | 'seen' | 'failed';

/** Whose side of a ticket a client is on: the shopper's (the widget) or the team's (the inbox). */
export type Side = 'shopper' | 'agent';

/** A message as the UI shows it: stored ones have a seq, the shopper's own a delivery state. */
export interface ChatMessage {
  /** Stable across the sending → stored transition (the clientId when there is one). */
  key: string;
  id?: string;
  seq?: number;
  clientId?: string;
  author: Author;
  body: string;
  attachments: Attachment[];
  /** AI messages: replies the shopper can pick (issue 18). */
  choices?: Choice[];
  createdAt: string;
  state?: DeliveryState;
}

/** A send the server acked whose message frame has not arrived yet. */
export interface AckedSend {
  seq: number;
  entry: OutboxEntry;
}

export interface MessageListInput {
  side: Side;
  stored: Iterable<Message>;
  acked: ReadonlyMap<string, AckedSend>;
  /** The outbox entries of this thread, in outbox order. */
  pending: readonly OutboxEntry[];
  failed: ReadonlySet<string>;
  receipts: Receipts;
  /** The name on our own pending messages. */
  authorName?: string | undefined;
}

/** A message the other side wrote, which this side has to read. */
export function isTheirs(side: Side, m: { author: Author }): boolean {
  return side === 'shopper' ? m.author.role !== 'shopper' : m.author.role === 'shopper';
}

const otherSide = (side: Side): Side => (side === 'shopper' ? 'agent' : 'shopper');

export function projectMessages(input: MessageListInput): ChatMessage[] {
  const seen = input.receipts[otherSide(input.side)];
  const state = (seq: number): DeliveryState => (seq <= seen ? 'seen' : 'sent');
  const list: ChatMessage[] = [...input.stored]
    .sort((a, b) => a.seq - b.seq)
    .map((m) => {
      const view: ChatMessage = { ...m, key: m.clientId ?? m.id };
      // The team's side: any agent's message is ours.
      if (m.author.role === input.side) view.state = state(m.seq);
      return view;
    });
  // Once by clientId: another tab's outbox write may be read back after this tab stored
  // that message already (its frame came before the `storage` event).
  const held = new Set(list.map((m) => m.key));
  for (const [clientId, { seq, entry }] of input.acked) if (!held.has(clientId)) list.push({ ...pendingView(input, entry), seq, state: state(seq) });
  for (const e of input.pending) if (!held.has(e.clientId)) list.push(pendingView(input, e));
  return list;
}

/** Messages from the other side after this side's own receipt. */
export function countUnread(side: Side, stored: Iterable<Message>, receipts: Receipts): number {
  let unread = 0;
  for (const m of stored) if (isTheirs(side, m) && m.seq > receipts[side]) unread++;
  return unread;
}

function pendingView(input: MessageListInput, e: OutboxEntry): ChatMessage {
  return {
    key: e.clientId,
    clientId: e.clientId,
    author: { role: input.side, id: e.customerId, ...(input.authorName ? { name: input.authorName } : {}) },
    body: e.body,
    attachments: e.attachments ?? [],
    createdAt: new Date(e.createdAt).toISOString(),
    state: input.failed.has(e.clientId) ? 'failed' : 'sending',
  };
}
