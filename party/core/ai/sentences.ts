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
  // A question that points to another's subject ("How much does it cost?", "Et ça prend combien
  // de temps ?") asks of what the earlier ones name: Spain's shipping, not shipping in general.
  // Asked first, before the question naming it ("How much does it cost? Do you ship to
  // Spain?"), it asks of what the later ones name.
  const units = asks.map((ask) => analyse(ask));
  const own = units.map((us) => us.flatMap((u) => (u.specific && u.word ? [u.word] : [])));
  return asks.map((ask, i) => {
    // A question of nothing but a place or product ("What about Spain?", "Et en Espagne ?") asks
    // the one before it of that: "Do you ship to Spain?", never whatever FAQ names Spain.
    if (i > 0 && units[i]!.length && units[i]!.every((u) => u.specific)) {
      return `${splitWords(fold(asks[i - 1]!)).filter((w) => !own[i - 1]!.includes(w)).join(' ')} ${splitWords(fold(ask)).join(' ')}?`;
    }
    if (own[i]!.length || !FOLLOW_UP.test(fold(ask))) return ask;
    const earlier = own.slice(0, i).flat();
    const named = earlier.length ? earlier : own.slice(i + 1).flat();
    return named.length ? `${ask} ${named.join(' ')}` : ask;
  });
}

/** Pronouns that point to what another question named (not the French articles le / la / les). */
const FOLLOW_UP = /\b(it|its|that|this|they|them|ca|cela)\b/;
