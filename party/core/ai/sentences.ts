/**
 * A shopper's message as sentences (issue 18): the one question among short context
 * ("I got it on Monday. Can I return it?"), or the two or three questions it asks.
 * Retrieval answers the whole first, then these.
 */
import { analyse } from './analyse.js';
import { fold, splitWords } from './stemmer.js';

export const MAX_QUESTION_CHARS = 600;
const MAX_CONTEXT_WORDS = 30;
/** The sentences of a message (of two words or more), by their end marks. */
const sentencesOf = (text: string): string[] =>
  (text.slice(0, MAX_QUESTION_CHARS).match(/[^.!?]+[.!?]*/g) ?? []).map((p) => p.trim()).filter((p) => splitWords(fold(p)).length >= 2);
/** The one sentence of `text` that asks (with the specifics the others name), if it has several sentences, only one asks, and the others are short. */
export function mainQuestion(text: string): string | undefined {
  const parts = sentencesOf(text);
  const asks = parts.filter((p) => p.endsWith('?'));
  if (parts.length < 2 || asks.length !== 1) return undefined;
  const context = parts.filter((p) => p !== asks[0]);
  // A long story around the question is for a person to read.
  if (splitWords(fold(context.join(' '))).length > MAX_CONTEXT_WORDS) return undefined;
  // What the context names (a country, a product: "I love your jumpers! How should I wash
  // them?") is part of the question: asked with it.
  const named = context.flatMap((p) => analyse(p).flatMap((u) => (u.specific && u.word ? [u.word] : [])));
  return named.length ? `${asks[0]} ${named.join(' ')}` : asks[0];
}

/** The questions of a message that asks two or three things, each its own sentence ending in "?", with little else around them. */
export function questionsOf(text: string): string[] | undefined {
  const parts = sentencesOf(text);
  const asks = parts.filter((p) => p.endsWith('?'));
  if (asks.length < 2 || asks.length > 3) return undefined;
  const context = parts.filter((p) => !p.endsWith('?'));
  if (splitWords(fold(context.join(' '))).length > MAX_CONTEXT_WORDS) return undefined;
  if (context.some((p) => analyse(p).some((u) => u.specific))) return undefined;
  // A later question that points back ("How much does it cost?", "Et ça prend combien de
  // temps ?") asks of what the earlier ones name: Spain's shipping, not shipping in general.
  const named: string[] = [];
  return asks.map((ask) => {
    const own = analyse(ask).flatMap((u) => (u.specific && u.word ? [u.word] : []));
    const pointed = !own.length && named.length && FOLLOW_UP.test(fold(ask));
    named.push(...own);
    return pointed ? `${ask} ${named.join(' ')}` : ask;
  });
}

/** Pronouns that point back to what an earlier question named (not the French articles le / la / les). */
const FOLLOW_UP = /\b(it|its|that|this|they|them|ca|cela)\b/;
