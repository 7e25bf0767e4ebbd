/**
 * The AI agent's turn after a shopper's message (R10, R11): it answers, asks to
 * clarify, or hands the conversation off: to the team's inbox, to the merchant's
 * closing message, or to an external helpdesk.
 */
import type { Author, Choice, Message } from '../../src/protocol/index.js';
import { courtesyReply } from './ai/greetings.js';
import type { AiSettings, Responder, ResponderOutput } from './ai/responder.js';
import { orderIntent } from './orders/order-intent.js';
import { orderReply } from './orders/order-reply.js';
import type { StoredOrder } from './orders/order-store.js';
import { handoffRequest, type NotificationEvent, type Outgoing } from './outbound.js';
import type { TicketMeta } from './ticket-state.js';

/** What a turn needs of the room: its writes, outbox and notifications. */
export interface AiTurnRoom {
  now(): number;
  responder(settings: AiSettings): Responder;
  /** Stores and broadcasts a message without attachments; an AI message may offer choices. */
  append(author: Author, body: string, choices?: Choice[]): Promise<Message>;
  /** The ticket's shopper's own orders, newest first; null when the shopper is not logged in. */
  orders(): Promise<StoredOrder[] | null>;
  /** Every message of the ticket, for a helpdesk that takes it over. */
  transcript(): Promise<Message[]>;
  sendOut(request: Outgoing): Promise<void>;
  notify(event: NotificationEvent): Promise<void>;
  /** Stores and announces a change that adds no message. */
  commit(meta: TicketMeta): Promise<void>;
}

const AI: Author = { role: 'ai', name: 'AI' };

export async function aiTurn(room: AiTurnRoom, meta: TicketMeta, question: string): Promise<void> {
  if (meta.ticket.handler !== 'ai' || !meta.ai) return;
  // "hi", "merci", "ok": a prompt back, whatever the responder; asking nothing, the
  // message is no failed turn and leaves the count of unresolved ones as it was.
  const courtesy = courtesyReply(question);
  if (courtesy) {
    await room.append({ ...AI }, courtesy);
    return;
  }
  // Order questions first: the shopper's own orders, not a shipping FAQ (issue 18).
  const intent = orderIntent(question);
  if (intent) {
    let orders: StoredOrder[] | null;
    try {
      orders = await room.orders();
    } catch {
      return handoff(room, meta, 'error');
    }
    const reply = orderReply(orders, intent.lang, intent.number);
    meta.aiMisses = 0;
    await room.append({ ...AI }, reply.text, reply.choices);
    return;
  }
  const responder = room.responder(meta.ai);
  let out: ResponderOutput;
  try {
    out = await responder.respond({ question, unresolvedTurns: meta.aiMisses ?? 0 });
  } catch {
    out = { kind: 'handoff', reason: 'error' };
  }
  if (out.kind === 'handoff') return handoff(room, meta, out.reason);
  meta.aiMisses = out.kind === 'answer' ? 0 : (meta.aiMisses ?? 0) + 1;
  await room.append({ ...AI }, out.text);
}

/**
 * Hands the conversation over per the shop's setting (R11). `inbox`: the ticket goes
 * to the team with its whole transcript; `message`: the merchant's message is shown
 * and the agent stops; a helpdesk (`zendesk`, `gorgias`, `webhook`) takes it over.
 */
async function handoff(room: AiTurnRoom, meta: TicketMeta, reason: string): Promise<void> {
  const target = meta.ai!.handoff;
  if (target.target === 'message' && 'message' in target && target.message) {
    meta.ai = undefined;
    await room.append({ ...AI }, target.message);
    return;
  }
  if (target.target === 'zendesk' || target.target === 'gorgias' || target.target === 'webhook') {
    // The shopper is told (in their language, by the widget) by the system message.
    meta.ai = undefined;
    await room.sendOut(await handoffRequest(target, meta.ticket, await room.transcript(), room.now()));
    await room.append({ role: 'system', name: 'handoff-external' }, reason);
    await room.notify('ticket.handoff');
    return;
  }
  await handToTeam(room, meta, reason);
}

/** The ticket goes to the team, with a notice in the thread saying why (R11, R12). */
export async function handToTeam(room: AiTurnRoom, meta: TicketMeta, reason: string): Promise<void> {
  meta.ticket.handler = 'team';
  meta.ai = undefined;
  await room.append({ role: 'system', name: 'handoff' }, reason);
  // The shopper now waits for a person: since the question that was handed over.
  meta.ticket.waitingSince = meta.ticket.lastMessage?.createdAt ?? null;
  await room.commit(meta);
  await room.notify('ticket.handoff');
}
