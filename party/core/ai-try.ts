/**
 * The settings form's "test a question" (issue 18, R10): what the AI agent would answer
 * to a question, and from which source, over the saved settings or a draft of the
 * FAQs and knowledge the merchant has not saved yet. Nothing is stored or sent.
 */
import { validate } from '../../src/protocol/index.js';
import { object, optional, string } from '../../src/protocol/schema.js';
import { knowledgeFrom, type Responder, type AiSettings } from './ai/responder.js';
import { orderIntent } from './orders/order-intent.js';
import { settingsSchema, type Settings } from './settings.js';

export const MAX_TRY_QUESTION = 500;

export const tryBody = object({
  question: string({ min: 1, max: MAX_TRY_QUESTION }),
  /** A draft: when given, these are used instead of the saved ones. */
  faqs: optional(settingsSchema.shape.faqs),
  knowledge: optional(settingsSchema.shape.ai.shape.knowledge),
});

export type TryResult =
  | { kind: 'answer'; text: string; source: string; url?: string }
  | { kind: 'clarify'; text: string }
  | { kind: 'handoff'; reason: string }
  /** Order questions are answered from the asking shopper's own orders, not from the knowledge. */
  | { kind: 'orders' };

export type TryOutcome = { ok: true; result: TryResult } | { ok: false; message: string };

export async function tryQuestion(saved: Settings, input: unknown, responder: (settings: AiSettings) => Responder): Promise<TryOutcome> {
  const parsed = validate(tryBody, input);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const { question, faqs = saved.faqs, knowledge = saved.ai.knowledge } = parsed.frame;
  if (orderIntent(question)) return { ok: true, result: { kind: 'orders' } };
  const settings: AiSettings = { knowledge: knowledgeFrom(faqs, knowledge), maxUnresolvedTurns: saved.ai.maxUnresolvedTurns, handoff: { target: 'inbox' } };
  try {
    // As on a shopper's first message: no turn unresolved before it.
    const out = await responder(settings).respond({ question, unresolvedTurns: 0 });
    return { ok: true, result: out };
  } catch {
    return { ok: true, result: { kind: 'handoff', reason: 'error' } };
  }
}
