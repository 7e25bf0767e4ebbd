/**
 * The inbox search's words (issue 17), one reading for the server's full-text query and
 * the inbox's live matching: what the agent typed is plain words, never query syntax.
 * Not re-exported from the protocol's index: the shopper's widget never searches.
 */
import type { Ticket } from './frames.js';

/** At most this many words count; the rest of a long query is ignored. */
export const MAX_SEARCH_TERMS = 8;
/** A longer `q` is refused (400): nobody types that much into a search field. */
export const MAX_SEARCH_CHARS = 200;
const MAX_TERM_CHARS = 40;

/** Lower case without accents, as the server's tokenizer folds text (`unicode61 remove_diacritics 2`). */
const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a text: runs of letters and digits; everything else separates them. */
export const wordsOf = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The terms of a search: its words, the last one a prefix. A phone number typed with
 * spaces, dashes, dots or brackets is one term of its digits.
 */
export function searchTerms(q: string): string[] {
  const digits = q.replace(/[\s().+-]/g, '');
  if (/^\d{4,}$/.test(digits)) return [digits];
  return wordsOf(q)
    .slice(0, MAX_SEARCH_TERMS)
    .map((w) => w.slice(0, MAX_TERM_CHARS));
}

/**
 * The words a phone number is found by: its digits, and its last 10 and 7 (the number
 * without country code or area code), so a prefix search of what the agent typed finds it.
 */
export const phoneWords = (phone: string): string[] => {
  const digits = phone.replace(/\D/g, '');
  return digits ? [...new Set([digits, digits.slice(-10), digits.slice(-7)])] : [];
};

/** The words a ticket's customer is found by: name, e-mail and phone (its digits too). */
export function customerText(t: Pick<Ticket, 'customer'>): string {
  const c = t.customer;
  if (!c) return '';
  return [c.name, c.email, ...(c.phone ? [c.phone, ...phoneWords(c.phone)] : [])].filter(Boolean).join(' ');
}

/** Whether `terms` all occur among the words of `texts` (the last as a prefix): the server's semantics, for a ticket the inbox already holds. */
export function textsMatch(texts: readonly string[], terms: readonly string[]): boolean {
  if (!terms.length) return false;
  const words = texts.flatMap(wordsOf);
  return terms.every((term, i) => words.some((w) => (i === terms.length - 1 ? w.startsWith(term) : w === term)));
}
