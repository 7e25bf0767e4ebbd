/**
 * How a thread's views mark its messages, the widget's and the inbox's alike: a run of
 * one author's messages is labelled once, and an own message says how far it got.
 */
import type { ChatMessage, DeliveryState } from './chat-client.js';

/** Whether two messages are by the same author, so the second continues the first's run. */
export function sameAuthor(a: ChatMessage | undefined, b: ChatMessage | undefined): boolean {
  return !!a && !!b && a.author.role === b.author.role && a.author.id === b.author.id;
}

/** The newest message that passes `test`. */
export function newest(messages: readonly ChatMessage[], test: (m: ChatMessage) => boolean): ChatMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (test(messages[i]!)) return messages[i];
  return undefined;
}

/** A message's delivery state in a view's words (a failed one gets its retry button instead). */
export function deliveryWord(state: Exclude<DeliveryState, 'failed'>, t: { sending: string; sent: string; seen: string }): string {
  return state === 'sending' ? t.sending : state === 'seen' ? t.seen : t.sent;
}
